"""axe-core on every view, in both languages, at desktop and phone width: no WCAG A/AA finding.

The views come from one table (VIEWS); a new view is one more row. axe-core is the copy that the
pinned axe-playwright-python ships (nothing is fetched at test time); its version is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, ViewportSize, expect

from assessment.bank.load import load_bank
from assessment.bank.models import (
    FormId,
    KnowledgeItem,
    PreferenceItem,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.codes.share import encode_progress_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg, voiced
from assessment.operate.facts import AXE_CORE_VERSION
from assessment.peer.codes import Invitation, encode_invitation, invitation_id
from assessment.ui.peer import COLLECT_VIEW, peer_pages
from assessment.ui.state import pages_of
from tests.e2e.journey import DESKTOP, PHONE, TIMEOUT_MS, open_sections, settled
from tests.unit.peer.test_peer import own_answers, peer_code

pytestmark = pytest.mark.e2e

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best-practice rules that the audit reported; kept on so they cannot come back.
EXTRA_RULES = ("heading-order", "presentation-role-conflict")
WIDTHS: tuple[tuple[str, ViewportSize], ...] = (("1280px", DESKTOP), ("390px", PHONE))
# The app is idle: no element greyed out as stale and no script run in progress.
IDLE = (
    "() => !document.querySelector('[data-stale=\"true\"]')"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
)


NEWEST = load_bank().version


def _value(item: object) -> int | str:
    """A plausible answer of each kind: 4, the middle of a trade-off, a denied virtue, option c
    (of a situation and of a knowledge question)."""
    if isinstance(item, Scenario | KnowledgeItem):
        return "c"
    if isinstance(item, TradeoffItem):
        return 3
    if isinstance(item, ValidityItem):
        return 1
    if isinstance(item, PreferenceItem):
        return 2  # can live with it (answers 1–3)
    return 4


def _responses(
    form: FormId, upto: int | None = None, version: int = NEWEST
) -> dict[str, int | str]:
    pages = pages_of(version, form)
    return {item.id: _value(item) for page in pages[:upto] for item in page}


def _progress(page: int, responses: dict[str, int | str], lang: Language) -> str:
    answers = Answers(
        bank_version=NEWEST,
        form="full",
        profile="mittelstand",
        language=lang,
        background="changer",
        responses=responses,
    )
    return encode_progress_code(answers, page)


def _first_page_of(kind: type) -> int:
    pages = pages_of(NEWEST, "full")
    return next(i for i, page in enumerate(pages) if isinstance(page[0], kind))


def _shared_code(value: int, version: int = NEWEST) -> str:
    responses = {
        k: (min(value, 3) if k.startswith("pref_") else value) if isinstance(v, int) else v
        for k, v in _responses("full", None, version).items()
    }
    return encode_share_code(
        Answers(bank_version=version, form="full", profile="duisburg", responses=responses)
    )


def _evaluate_group(page: Page, lang: Language) -> None:
    """Paste three share codes and evaluate them."""
    codes = "\n".join(_shared_code(value) for value in (2, 3, 4))
    page.get_by_label(msg("ui.group.text_label", lang)).fill(codes)
    page.get_by_role("button", name=msg("ui.group.evaluate", lang), exact=True).click()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()


def _invitation(lang: Language) -> str:
    return encode_invitation(Invitation(bank_version=2, form="short", language=lang, name="Anna"))


def _collect(lang: Language) -> str:
    """The trusted person's page for the invitation of own_answers()."""
    token = encode_invitation(
        Invitation(
            bank_version=2,
            form="short",
            language=lang,
            name="Anna",
            invitation_id=invitation_id(own_answers()),
        )
    )
    return f"view={COLLECT_VIEW}&i={token}&lang={lang}"


def _summarize(page: Page, lang: Language) -> None:
    """Paste three codes of the invitation and one of another, and make the summary code."""
    ours = invitation_id(own_answers())
    codes = [peer_code(2, invitation="ABCDEF")] + [peer_code(v, invitation=ours) for v in (1, 3, 5)]
    page.get_by_label(msg("ui.peer.collect_paste_label", lang)).fill("\n".join(codes))
    page.get_by_role("button", name=msg("ui.peer.collect_button", lang)).click()
    expect(page.get_by_test_id("stCode")).to_be_visible()
    expect(page.get_by_test_id("stAlertContentWarning")).to_be_visible()


def _mirror(count: int) -> str:
    """The query of a comparison with count peer codes (and one of another form)."""
    codes = [peer_code(value) for value in (2, 3, 4)[:count]] + [peer_code(3, "full")]
    return f"r={encode_share_code(own_answers())}&peers={','.join(codes)}"


def _rate_and_submit(page: Page, lang: Language) -> None:
    """Rate the first statement, go to the last page and create the peer code (the thank-you
    page)."""
    page.locator(".st-key-item_crisis_l1").get_by_test_id("stRadioOption").nth(3).click()
    expect(page.locator(".st-key-item_crisis_l1").get_by_role("radio").nth(3)).to_be_checked()
    for number in range(2, len(peer_pages(load_bank(2), "short")) + 1):
        settled(page)  # the previous run's button may still be on screen beside the new one
        page.get_by_role("button", name=msg("ui.quest.next", lang)).click()
        expect(page.get_by_text(re.compile(rf"^(Seite|Page) {number} "))).to_be_visible()
    page.get_by_role("button", name=msg("ui.peer.submit", lang)).click()
    expect(page.get_by_role("heading", name=msg("ui.peer.thanks_title", lang))).to_be_visible()


@dataclass(frozen=True)
class View:
    """A view to check: its query string for a language, and what to do before checking it."""

    name: str
    query: Callable[[Language], str]
    prepare: Callable[[Page, Language], None] | None = None


SCENARIO_PAGE = _first_page_of(Scenario)
TRADEOFF_PAGE = _first_page_of(TradeoffItem)
# The working-conditions page (banks with preferences); None where the newest bank has none.
PREFERENCE_PAGE = next(
    (i for i, p in enumerate(pages_of(NEWEST, "full")) if isinstance(p[0], PreferenceItem)), None
)


def _page_query(number: int, lang: Language) -> str:
    """The query of questionnaire page `number` of the full form, the pages before answered."""
    return f"p={_progress(number, _responses('full', number), lang)}&lang={lang}"


VIEWS: tuple[View, ...] = (
    View("start", lambda lang: f"lang={lang}"),
    View("question", lambda lang: f"p={_progress(0, {}, lang)}&lang={lang}"),
    View(
        "scenario",
        lambda lang: (
            f"p={_progress(SCENARIO_PAGE, _responses('full', SCENARIO_PAGE), lang)}&lang={lang}"
        ),
    ),
    View(
        "tradeoff",
        lambda lang: (
            f"p={_progress(TRADEOFF_PAGE, _responses('full', TRADEOFF_PAGE), lang)}&lang={lang}"
        ),
    ),
    *(
        (
            View(
                "preferences",
                lambda lang: _page_query(PREFERENCE_PAGE or 0, lang),
            ),
        )
        if PREFERENCE_PAGE is not None
        else ()
    ),
    View(
        "own_result",
        lambda lang: (
            f"p={_progress(len(pages_of(NEWEST, 'full')), _responses('full'), lang)}&lang={lang}"
        ),
    ),
    View("shared_result", lambda lang: f"r={_shared_code(4)}&lang={lang}"),
    View("shared_result_v1", lambda lang: f"r={_shared_code(4, 1)}&lang={lang}"),
    View("method", lambda lang: f"view=method&lang={lang}"),
    View("group_result", lambda lang: f"view=group&lang={lang}", _evaluate_group),
    View("impressum", lambda lang: f"view=impressum&lang={lang}"),
    View("datenschutz", lambda lang: f"view=datenschutz&lang={lang}"),
    View("barrierefreiheit", lambda lang: f"view=barrierefreiheit&lang={lang}"),
    View("error", lambda lang: f"p=kaputt&lang={lang}"),
    View("peer_invite", lambda lang: f"view=invite&i={_invitation(lang)}&lang={lang}"),
    View(
        "peer_thanks",
        lambda lang: f"view=invite&i={_invitation(lang)}&lang={lang}",
        _rate_and_submit,
    ),
    View("peer_mirror", lambda lang: f"{_mirror(3)}&lang={lang}"),
    View("peer_too_few", lambda lang: f"{_mirror(2)}&lang={lang}"),
    View("peer_collect", _collect),
    View("peer_collect_summary", _collect, _summarize),
)


def _report(violations: list[dict[str, Any]]) -> str:
    """One line per violating element: rule, element, and axe's hint how to fix it."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            hint = " ".join(node.get("failureSummary", "").split())
            lines.append(
                f"{violation['id']} ({violation['impact']}): {node['target']} "
                f"{node['html'][:160]} -> {hint} [{violation['helpUrl']}]"
            )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def run_axe(axe: Axe, page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is and return its violations."""
    options = {
        "runOnly": {"type": "tag", "values": TAGS},
        "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
        "resultTypes": ["violations"],
    }
    response: dict[str, Any] = axe.run(page, options=options).response
    assert response["testEngine"]["version"] == AXE_CORE_VERSION
    violations: list[dict[str, Any]] = response["violations"]
    return violations


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("view", VIEWS, ids=[view.name for view in VIEWS])
def test_no_axe_violations(axe: Axe, page: Page, server: str, view: View, lang: Language) -> None:
    """0 violations of WCAG 2.0/2.1/2.2 A and AA rules, at 1280 px and at 390 px."""
    page.goto(f"{server}/?{view.query(lang)}")
    expect(page.locator("[data-testid='stMain'] h1").first).to_be_visible()
    if view.prepare is not None:
        view.prepare(page, lang)
    expect(page.locator("nav.legal-links")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    found = []
    for label, viewport in WIDTHS:
        page.set_viewport_size(viewport)
        page.wait_for_function(IDLE)
        violations = run_axe(axe, page)
        if violations:
            found.append(f"at {label}:\n{_report(violations)}")
    assert not found, f"{view.name} ({lang}):\n" + "\n".join(found)


def test_charts_have_name_description_and_table(page: Page, server: str) -> None:
    """The profile chart is named and described; its table is in the accessibility tree."""
    page.goto(f"{server}/?r={_shared_code(4)}&lang=de")
    # Issue 22: the chart is in a section to open, as a reader would.
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    open_sections(page, voiced("ui.result.chart_heading", "de", "other"))
    chart = page.get_by_test_id("stVegaLiteChart")
    # A shared link: the chart is named after the person, not "your" scores.
    expect(chart).to_have_attribute("aria-label", voiced("a11y.profile_chart_name", "de", "other"))
    expect(chart).to_have_accessible_description(
        voiced("a11y.profile_chart_description", "de", "other")
    )
    table = page.get_by_role("table", name=voiced("a11y.profile_table_caption", "de", "other"))
    expect(table).to_be_attached()
    expect(table.get_by_role("row")).to_have_count(1 + len(load_bank(NEWEST).dimensions))
    box = page.locator(".chart-table-box")
    expect(box).to_have_class("chart-table-box sr-only")  # clipped to one pixel until shown
    width = box.evaluate("(e) => e.getBoundingClientRect().width")
    assert width <= 1
    page.get_by_text(msg("a11y.chart_table_toggle", "de")).click()
    expect(page.locator(".chart-table-box")).to_have_class("chart-table-box")
    shown = page.get_by_role("table", name=voiced("a11y.profile_table_caption", "de", "other"))
    expect(shown).to_be_visible()
    assert shown.evaluate("(e) => e.getBoundingClientRect().width") > 100
