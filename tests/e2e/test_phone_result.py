"""Issue 22, point 3, in Chromium at 390 x 844 (a phone): the result page is short above its
collapsed sections, and nothing in any view is wider than the screen.

Measured with `PYTHONPATH=$PWD python -m tests.e2e.phone_height` (tests/e2e/phone_height.py;
the page's height in stMain with every section collapsed, tests/loadclient.py share_codes(2)):

    view          before (main, 60d812c)    after (summary22)
    shared short  30,046 px (35.6 screens)   3,388 px (4.0 screens)
    shared full   33,435 px (39.6 screens)   2,886 px (3.4 screens)
    own short     32,505 px (38.5 screens)   5,257 px (6.2 screens)
    own full      36,013 px (42.7 screens)   4,801 px (5.7 screens)

The bound, MAX_RESULT_PX, is a third of the shortest of them before (about 10,000 px).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.bank.load import load_bank
from assessment.codes import links
from assessment.codes.share import decode_code, encode_progress_code
from assessment.engine.extra import offer_extra
from assessment.engine.result import build_result
from assessment.peer.codes import PeerAnswers, encode_peer_code, invitation_id, peer_items
from assessment.ui.state import pages_of
from tests import simulate
from tests.banks import _preferences
from tests.e2e.journey import PHONE, TIMEOUT_MS
from tests.e2e.phone_height import HEIGHT, IDLE, page_height, typical_codes
from tests.loadclient import share_codes

pytestmark = pytest.mark.e2e

# A third of the shortest result page before issue 22 (30,046 px at 390 px).
MAX_RESULT_PX = 10_000
# Every element of the main block wider than its box or reaching beyond the screen (a table
# that scrolls sideways cuts words off); screen-reader-only text aside. An interactive data grid
# (the group page's st.dataframe) counts as one element: its box must fit the screen, while its
# own scroller may move its columns (the grid keeps its header and scrolls by design).
OVERFLOWING = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((e) => e.getClientRects().length && !e.closest('.sr-only'))
  .filter((e) => !e.parentElement.closest('[data-testid="stDataFrame"]'))
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1
    || (['TABLE', 'TD', 'TH'].includes(e.tagName) && e.scrollWidth > e.clientWidth + 1))
  .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`
    + ` ${e.scrollWidth}>${e.clientWidth}: ${(e.textContent || '').slice(0, 40)}`)"""
# Open every section (and every section inside one), so that their content is measured too.
OPEN_ALL = """() => { let opened = 0;
  document.querySelectorAll('[data-testid="stMain"] details:not([open]) > summary')
    .forEach((s) => { s.click(); opened += 1; }); return opened; }"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _open_everything(page: Page) -> None:
    """Open every section, then the sections inside them, until none is left closed."""
    for _ in range(4):
        if not page.evaluate(OPEN_ALL):
            break
        page.wait_for_timeout(300)
    page.wait_for_function(IDLE)


def _overflow(page: Page) -> list[str]:
    _open_everything(page)
    overflowing: list[str] = page.evaluate(OVERFLOWING)
    return overflowing


def test_a_typical_result_is_short_above_its_sections(page: Page, server: str) -> None:
    """A typical short-form and full-form result (own and shared) is at most MAX_RESULT_PX high
    at 390 px with its sections closed; the summary's steps show on the first two screens."""
    heights = {}
    for name, query in typical_codes().items():
        heights[name] = page_height(page, f"{server}/?{query}&lang=de")
    assert max(heights.values()) <= MAX_RESULT_PX, heights
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo({top: 0})")
    brief = page.locator(".st-key-brief")
    expect(brief).to_be_visible()
    assert brief.bounding_box()["y"] < 2 * PHONE["height"]  # type: ignore[index]


def test_copy_buttons_of_every_link_box_show_without_hover(page: Page, server: str) -> None:
    """Every link box of one's own result (share link, invitation, trusted person) shows its
    copy button on a phone, which has no hover."""
    page.goto(f"{server}/?{typical_codes()['own short']}&lang=de")
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    page.wait_for_function(IDLE)
    page.mouse.move(0, 0)
    boxes = page.get_by_test_id("stCode")
    assert boxes.count() >= 3
    for index in range(boxes.count()):
        button = boxes.nth(index).get_by_role("button")
        expect(button).to_be_visible()
        opacity = button.evaluate(
            "(b) => { let o = 1; for (let e = b; e; e = e.parentElement)"
            " { o *= Number(getComputedStyle(e).opacity); } return o; }"
        )
        assert opacity == 1


def _peer_codes(share: str, count: int) -> list[str]:
    answers = decode_code(share).answers
    bank = load_bank(answers.bank_version)
    items = peer_items(bank, answers.form)
    return [
        encode_peer_code(
            PeerAnswers(
                bank_version=bank.version,
                form=answers.form,
                responses={item.id: 2 + (n + i) % 3 for i, item in enumerate(items)},
                invitation_id=invitation_id(answers),
            )
        )
        for n in range(count)
    ]


@pytest.mark.parametrize(
    "view", ["own short", "own full", "shared short", "shared full", "mirror", "method", "group"]
)
def test_no_element_of_any_view_is_wider_than_a_phone(page: Page, server: str, view: str) -> None:
    """Result (own and shared, sections open), colleague comparison, methodology and group
    page: no element reaches beyond 390 px, no table cell is cut."""
    _short, full = share_codes(2)
    if view in typical_codes():
        page_height(page, f"{server}/?{typical_codes()[view]}&lang=de")
    elif view == "mirror":
        page.goto(links.mirror_link(f"{server}/", full, _peer_codes(full, 3)) + "&lang=de")
        expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    elif view == "method":
        page.goto(f"{server}/?view=method&lang=de")
        expect(page.locator("[data-testid='stMain'] h1").first).to_be_visible()
    else:
        page.goto(f"{server}/?view=group&lang=de")
        codes = share_codes(6)
        page.get_by_label("Teilen-Links oder Codes, einer pro Zeile").fill("\n".join(codes))
        page.get_by_role("button", name="Auswerten").click()
        expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    page.wait_for_function(IDLE)
    assert _overflow(page) == []
    assert page.evaluate(HEIGHT) > PHONE["height"]  # the view drew its content


def _with_extra_answers() -> str:
    """The progress query of a simulated short-form result with every offered extra question
    answered (the change note shows, and an offer for what is still not firm may follow)."""
    bank = load_bank(3)
    person = simulate.draw_person(bank, 2026, 1)
    answers = simulate.respond("honest", person, bank, "short", 2026)
    answers = answers.model_copy(update={"responses": _preferences(bank) | answers.responses})
    offer = offer_extra(answers, bank, build_result(answers, bank).match)
    full = simulate.honest_responses(person, bank, "full", simulate._rng(2026, "extra", 1))
    extra = {i: full[i] for ids in offer.values() for i in ids}
    extended = answers.model_copy(update={"responses": {**answers.responses, **extra}})
    done = len(pages_of(3, "short"))
    return f"p={encode_progress_code(extended, done)}"


@pytest.mark.parametrize("view", ["own short", "after extra questions"])
def test_the_verdict_is_on_the_first_phone_screen(page: Page, server: str, view: str) -> None:
    """UX pass: at 390 x 844 the verdict stands on the first screen, before the offer of extra
    questions (compact, after the summary) and before the change note after extra answers,
    which is there once and not among the notes on response quality."""
    query = typical_codes()["own short"] if view == "own short" else _with_extra_answers()
    page_height(page, f"{server}/?{query}&lang=de")
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo({top: 0})")
    verdict = page.locator("[data-testid='stMain'] h2").first
    box = verdict.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"]
    brief = page.locator(".st-key-brief").bounding_box()
    assert brief is not None
    assert box["y"] < brief["y"]
    offer = page.locator(".st-key-extra_offer")
    if offer.count():
        offered = offer.bounding_box()
        assert offered is not None
        assert offered["y"] > brief["y"] + brief["height"] - 1
        assert offered["height"] < PHONE["height"] / 2  # compact: no list of demands
    if view == "own short":
        assert offer.count() == 1, "a typical short form has demands that are not firm"
        return
    note = page.locator(".st-key-extra_note")
    expect(note).to_have_count(1)
    noted = note.bounding_box()
    assert noted is not None
    assert noted["y"] > brief["y"] + brief["height"] - 1
    text = note.inner_text().split(".")[0]
    assert page.get_by_text(text, exact=False).count() == 1
