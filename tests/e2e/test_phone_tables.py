"""Issue 22, point 3 (UX pass #17), in Chromium at 390 x 844: no table of the group page, the
comparison, a colleague's pages or the extra questions scrolls sideways. Stricter than
test_phone_result.py, which lets a data grid scroll inside its own box: at 390 px no data grid is
shown at all (stacked rows instead, tests/ui: assessment/ui/stacked.py), and the comparison
chart draws every demand's name whole, inside the chart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from assessment.bank.load import load_bank
from assessment.codes import links
from assessment.codes.share import decode_code, encode_progress_code
from assessment.engine.extra import offer_extra
from assessment.engine.result import build_result
from assessment.messages import msg
from assessment.peer.codes import Invitation, encode_invitation, invitation_id
from assessment.ui import extra, group
from assessment.ui.state import pages_of
from tests import simulate
from tests.e2e.journey import PHONE, TIMEOUT_MS
from tests.e2e.phone_height import IDLE
from tests.e2e.test_phone_result import _open_everything, _peer_codes
from tests.loadclient import share_codes

pytestmark = pytest.mark.e2e

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
# Every element of the main block reaching beyond the screen, every table (cell) wider than its
# box, and every data grid shown (its columns scroll sideways inside it); screen-reader-only
# text aside.
CUT = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((e) => e.getClientRects().length && !e.closest('.sr-only'))
  .filter((e) => !e.parentElement.closest('[data-testid="stDataFrame"]'))
  .filter((e) => e.getAttribute('data-testid') === 'stDataFrame'
    || e.getBoundingClientRect().right > window.innerWidth + 1
    || (['TABLE', 'TD', 'TH'].includes(e.tagName) && e.scrollWidth > e.clientWidth + 1))
  .map((e) => `${e.tagName}.${e.getAttribute('data-testid') || e.className}`
    + ` ${Math.round(e.getBoundingClientRect().right)} ${e.scrollWidth}>${e.clientWidth}:`
    + ` ${(e.textContent || '').slice(0, 40)}`)"""
# The texts a chart draws, with how far each reaches beyond the chart's own box (px).
CHART_TEXTS = """(chart) => { const box = chart.getBoundingClientRect();
  return [...chart.querySelectorAll('svg text')].map((t) => {
    const r = t.getBoundingClientRect();
    const beyond = Math.max(r.right - box.right, box.left - r.left, 0);
    return [t.textContent, Math.round(beyond)];
  }); }"""
UNREADABLE = "kein Code"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _cut(page: Page) -> list[str]:
    """Open every section and show every chart's table, then return what is cut."""
    _open_everything(page)
    toggles = page.get_by_role("switch", name=msg("a11y.chart_table_toggle", "de"))
    for index in range(toggles.count()):
        toggles.nth(index).locator("xpath=ancestor::label").click()
        expect(toggles.nth(index)).to_be_checked()
        page.wait_for_function(IDLE)
    expect(page.locator(".chart-table-box:not(.sr-only)")).to_have_count(toggles.count())
    cut: list[str] = page.evaluate(CUT)
    return cut


def _group(page: Page, server: str) -> None:
    page.goto(f"{server}/?view=group&lang=de")
    page.get_by_label(msg("ui.group.text_label", "de")).fill(
        "\n".join([*share_codes(6), UNREADABLE])
    )
    page.get_by_role("button", name=msg("ui.group.evaluate", "de")).click()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    page.wait_for_function(IDLE)


def test_the_group_page_shows_stacked_rows_not_grids_on_a_phone(page: Page, server: str) -> None:
    """Demands, people, skipped lines and (in the open maintainers' section) the item
    statistics: stacked rows at 390 px, nothing cut; the sortable grids on a desktop."""
    _group(page, server)
    page.get_by_text(msg("ui.group.stats_expander", "de")).click()
    expect(page.get_by_text(msg("ui.group.items_label", "de"), exact=True).first).to_be_visible()
    page.wait_for_function(IDLE)
    assert _cut(page) == []
    expect(page.locator(".chart-table-box:not(.sr-only) table").first).to_be_visible()
    people = page.locator(f".st-key-narrow_{group.PEOPLE_TABLE_KEY} ul.stacked-rows > li")
    expect(people).to_have_count(6)
    expect(people.first).to_contain_text(msg("ux.stacked.person", "de", number=1))
    expect(people.first).to_contain_text(load_bank().dimensions[0].name("de"))
    skipped = page.locator(f".st-key-narrow_{group.INVALID_TABLE_KEY} ul.stacked-rows > li")
    expect(skipped).to_have_count(1)
    expect(skipped).to_contain_text(UNREADABLE)
    demands = page.locator("[class*='st-key-narrow_group_demands_'] ul.stacked-rows > li")
    expect(demands).to_have_count(len(load_bank().dimensions))
    expect(
        page.locator("[class*='st-key-narrow_group_stats_'] ul.stacked-rows").first
    ).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_hidden()
    # On a desktop the same page shows the grids (sortable) that fit the page's column; the
    # counts per requirement and the skipped lines stay stacked rows, every column and reason
    # whole (UX pass 3, m-2: at 1280 px four counts hid behind a sideways scroll, reasons cut).
    page.set_viewport_size(DESKTOP)
    expect(
        page.locator(f".st-key-wide_{group.PEOPLE_TABLE_KEY} [data-testid='stDataFrame']")
    ).to_be_visible()
    expect(page.locator(f".st-key-narrow_{group.PEOPLE_TABLE_KEY} ul.stacked-rows")).to_be_hidden()
    expect(demands).to_have_count(len(load_bank().dimensions))
    expect(demands.first).to_be_visible()
    for column in ("ui.group.col_borderline", "ui.group.col_unscored"):
        expect(demands.first).to_contain_text(msg(column, "de"))
    expect(page.locator("[class*='st-key-wide_group_demands_']").first).to_be_hidden()
    expect(skipped).to_be_visible()
    reason = skipped.first.locator(".cell").last
    expect(reason).to_be_visible()
    box = reason.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= DESKTOP["width"]
    assert page.locator("ul.stacked-rows:visible").count() == 2


def test_the_comparison_fits_a_phone_and_its_chart_names_every_demand_whole(
    page: Page, server: str
) -> None:
    """UX pass #17: "Sicherheit & Compliance im Gleichg…" was cut in the chart at 390 px."""
    _short, full = share_codes(2)
    page.goto(links.mirror_link(f"{server}/", full, _peer_codes(full, 3), "de"))
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible()
    page.wait_for_function(IDLE)
    page.wait_for_timeout(500)  # the chart's last layout pass
    assert _cut(page) == []
    expect(page.locator(".chart-table-box:not(.sr-only) table")).to_have_count(1)  # shown too
    drawn = dict(chart.evaluate(CHART_TEXTS))
    bank = load_bank(decode_code(full).answers.bank_version)
    for dimension in bank.dimensions:
        name = dimension.name("de")
        assert name in drawn, (name, sorted(drawn))
        assert drawn[name] == 0, f"{name} reaches {drawn[name]} px beyond the chart"
    assert not [text for text in drawn if text.endswith("…")]


def test_a_colleagues_pages_fit_a_phone(page: Page, server: str) -> None:
    """The colleague's questionnaire and the trusted person's page: nothing cut at 390 px."""
    _short, full = share_codes(2)
    answers = decode_code(full).answers
    token = encode_invitation(
        Invitation(
            bank_version=answers.bank_version,
            form=answers.form,
            language="de",
            name="Anna K.",
            invitation_id=invitation_id(answers),
        )
    )
    page.goto(f"{server}/?view=invite&i={token}&lang=de")
    expect(page.get_by_test_id("stProgress")).to_be_visible()
    page.wait_for_function(IDLE)
    assert _cut(page) == []
    page.goto(f"{server}/?view=collect&i={token}&lang=de")
    page.get_by_label(msg("ui.peer.collect_paste_label", "de")).fill(
        "\n".join(_peer_codes(full, 3))
    )
    page.get_by_role("button", name=msg("ui.peer.collect_button", "de")).click()
    expect(page.get_by_test_id("stCode")).to_be_visible()
    page.wait_for_function(IDLE)
    assert _cut(page) == []


def test_the_extra_questions_fit_a_phone(page: Page, server: str) -> None:
    bank = load_bank(3)
    answers = simulate.respond("honest", simulate.draw_person(bank, 2026, 0), bank, "short", 2026)
    wishes = {item.id: 2 for item in bank.asked_preferences()}
    answers = answers.model_copy(update={"responses": wishes | dict(answers.responses)})
    assert offer_extra(answers, bank, build_result(answers, bank).match)
    code = encode_progress_code(answers, len(pages_of(3, "short")))
    page.goto(f"{server}/?p={code}&lang=de")
    page.get_by_role("button", name=msg("extra.ui.offer_button", "de")).click()
    expect(page.get_by_role("heading", name=msg("extra.ui.page_heading", "de"))).to_be_visible()
    expect(page.locator(f".st-key-{extra.BACK_KEY}")).to_be_visible()
    page.wait_for_function(IDLE)
    assert _cut(page) == []
