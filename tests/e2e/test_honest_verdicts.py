"""Honest verdicts in a real Chromium, on the v2-style fixture bank: a career starter answers
with the keyboard alone, says "can't judge yet" where a statement presumes a team, and sees an
area to gain experience, borderline verdicts (page and PDF) and the scenario rationales."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from assessment.bank.load import QUESTIONS_ENV, load_bank
from assessment.bank.models import LikertItem, Scenario, TradeoffItem
from assessment.bank.pagination import paginate
from tests.e2e.conftest import running_app
from tests.e2e.journey import open_sections, settled
from tests.strategies import FIXTURE_ROOT

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 20_000
MAX_TABS = 12
UNSURE = "Kann ich (noch) nicht einschätzen"


@pytest.fixture(scope="module")
def fixture_server(chromium: Path, artifacts: Path) -> Iterator[str]:
    """The app serving the fixture bank (four small dimensions, one with team statements)."""
    with running_app(artifacts, {QUESTIONS_ENV: str(FIXTURE_ROOT)}) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser: Browser, fixture_server: str) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="de-DE"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{fixture_server}/?lang=de")
    yield page
    context.close()


def _moves(item: object) -> list[str]:
    """Keys that choose a starter's answer once Tab has focused the item's first choice."""
    if getattr(item, "presumes", None):
        return ["ArrowLeft"]  # wraps from the first choice to the last: "can't judge yet"
    if isinstance(item, LikertItem):
        return ["ArrowRight"] * 3  # "trifft eher zu", whatever the keying
    if isinstance(item, TradeoffItem):
        return ["ArrowRight"] * 2  # the middle
    if isinstance(item, Scenario):
        return ["ArrowRight"]  # option b
    return ["Space"]  # an unlikely virtue: "trifft gar nicht zu"


def _tab_to_next_group(page: Page, seen: set[str]) -> str:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        name: str | None = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e && e.type === 'radio' ? e.name : null; }"
        )
        if name is not None and name not in seen:
            return name
    raise AssertionError("Tab did not reach the next question")


def test_starter_answers_with_the_keyboard_and_sees_an_area_to_gain_experience(
    page: Page,
) -> None:
    """Full form by keyboard; "can't judge yet" on team statements; an Erfahrungsfeld card."""
    page.get_by_role("radiogroup", name="Umfang").get_by_text(
        "Vollständige Form", exact=False
    ).click()
    page.get_by_role("radiogroup", name="Ihr Hintergrund").get_by_text(
        "Einstieg (Studium, Ausbildung, erste Berufsjahre)", exact=True
    ).click()
    page.get_by_role("button", name="Check starten").click()
    bank = load_bank(2, FIXTURE_ROOT)
    pages = paginate(bank, "full")  # the server's bank; this process's default root differs
    for number, items in enumerate(pages, start=1):
        expect(page.get_by_text(f"Seite {number} von {len(pages)}")).to_be_visible()
        seen: set[str] = set()
        for item in items:
            seen.add(_tab_to_next_group(page, seen))
            for key in _moves(item):
                page.keyboard.press(key)
            settled(page)  # the answer's run has ended: no group of it is redrawn under the Tab
            expect(page.locator("input[type=radio]:focus")).to_be_checked()
            if getattr(item, "presumes", None):
                expect(page.locator("label:has(input[type=radio]:focus)")).to_contain_text(UNSURE)
        label = "Auswerten" if number == len(pages) else "Weiter"
        for _ in range(MAX_TABS * 3):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.innerText") == label:
                break
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Ihr Ergebnis", exact=True)).to_be_visible()
    open_sections(page)  # issue 22: the demands are in sections to open
    expect(page.locator(".st-key-section_experience summary").first).to_contain_text(
        "Erfahrungsfelder"
    )
    card = page.locator(".st-key-card_delta")
    expect(card).to_contain_text("Erfahrungsfeld")
    expect(card).to_contain_text("Einstiegsschritt delta 1.")


def test_borderline_shows_in_the_page_and_the_pdf(page: Page) -> None:
    """Scores within their uncertainty of a band edge read "an der Grenze" on page and PDF."""
    open_sections(page)
    expect(page.locator(".st-key-section_borderline summary").first).to_contain_text(
        "An der Grenze"
    )
    expect(page.get_by_text("An der Grenze des Zielbereichs").first).to_be_visible()
    with page.expect_download(timeout=TIMEOUT_MS * 2) as info:
        page.locator(".st-key-download_pdf button").click()
    data = Path(info.value.path()).read_bytes()
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages))
    assert "an der Grenze" in text
    assert "Erfahrungsfeld" in text


def test_scenario_rationales_open_after_the_result(page: Page) -> None:
    """Each scenario's options, ratings and reasons open on the result page."""
    open_sections(page, "So bewerten")  # issue 22: the review is one section to open
    expander = page.get_by_text(re.compile(r"^Situation 1 von \d+ · .* · Ihre Wahl: "))
    expander.click()
    # The innermost details: the situation's own (the section around it holds the text too).
    details = page.get_by_test_id("stExpanderDetails").filter(has_text="Situation alpha").last
    expect(details).to_be_visible()
    expect(details).to_contain_text("3 von 3 · Ihre Wahl")
    expect(details).to_contain_text("Weil b.")
    expect(details).to_contain_text("Weil c.")
