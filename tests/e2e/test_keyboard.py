"""Keyboard-only use: Tab to each question, arrows to choose, Enter on Weiter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, Bank, Item, offers_unsure
from assessment.codes.share import encode_progress_code
from assessment.engine.answers import Answers
from assessment.render.scale import frequency_labels, is_frequency
from assessment.ui.state import pages_of
from tests.e2e.journey import RECONNECT_TIMEOUT_MS, settled

pytestmark = pytest.mark.e2e
MAX_TABS = 12
# The result page has a dozen expanders, a chart switch and tables before the share link.
MAX_TABS_PAGE = 120


def _focused_radio_group(page: Page) -> str | None:
    """Return the name of the radio group that has the keyboard focus, if any."""
    name: str | None = page.evaluate(
        "() => { const e = document.activeElement;"
        " return e && e.type === 'radio' ? e.name : null; }"
    )
    return name


def _settled(page: Page, timeout: float | None = None) -> None:
    """Wait until the page is completely drawn (journey.settled) before the next key.

    The focus script finds the page heading as soon as it is drawn — on a questionnaire page
    the previous page's heading, which has the same text — while the rest of the page, and on a
    busy machine the previous page's radios, are still on screen. A Tab pressed then reaches the
    footer or a stale radio that the run replaces (and the focus with it): the "expected to be
    checked" and "never reached the share link" flakes.
    """
    settled(page, timeout)


def _answered(page: Page, count: int) -> None:
    """Wait until the progress line counts count answers (the run of the last click is drawn)."""
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"· {count} von ")
    _settled(page)


def _tab_to_next_group(page: Page, seen: set[str]) -> str:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        group = _focused_radio_group(page)
        if group is not None and group not in seen:
            return group
    raise AssertionError("Tab did not reach the next question")


def test_a_page_can_be_answered_with_the_keyboard_alone(browser: Browser, server: str) -> None:
    """Tab reaches every question in order, arrows choose, Enter on Weiter moves on."""
    fresh = Answers(bank_version=1, form="short", profile="mittelstand")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/?p={encode_progress_code(fresh, 0)}&lang=de")
    first_page = pages_of(1, "short")[0]
    expect(page.get_by_text("Seite 1 von 4")).to_be_visible()
    _settled(page)

    seen: set[str] = set()
    for _ in first_page:
        seen.add(_tab_to_next_group(page, seen))
        page.keyboard.press("ArrowRight")  # selects the second choice of this question
        expect(page.locator("input[type=radio]:focus")).to_be_checked()
        _answered(page, len(seen))
    expect(page.get_by_text(f"{len(first_page)} von 27 Fragen beantwortet")).to_be_visible()

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText") == "Weiter":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_text("Seite 2 von 4")).to_be_visible()
    assert len(seen) == len(first_page)
    context.close()


def _focus_until(page: Page, done: str, what: str) -> None:
    """Press Tab until the JavaScript predicate done(activeElement) holds; the failure names the
    elements the focus passed last."""
    trail: list[str] = []
    for _ in range(MAX_TABS_PAGE):
        page.keyboard.press("Tab")
        reached, where = page.evaluate(
            f"() => {{ const e = document.activeElement; return [({done})(e),"
            " e.tagName + ' ' + (e.innerText || e.getAttribute('aria-label') || '').slice(0, 30)];"
            " }"
        )
        if reached:
            return
        trail.append(" ".join(str(where).split()))
    raise AssertionError(f"Tab never reached {what}; last: {' | '.join(trail[-25:])}")


def _focus_is_visible(page: Page) -> bool:
    """Return whether the focused element draws a focus ring of at least 2 px."""
    width: float = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth); }"
    )
    return width >= 2


def _unsure_label(item: Item, bank: Bank) -> str:
    """Return the German label of an item's answer besides its numbered ones (the last one)."""
    if is_frequency(item):
        return frequency_labels("de")[UNSURE]
    assert bank.unsure_label is not None
    return bank.unsure_label("de")


def test_whole_journey_with_the_keyboard_alone(browser: Browser, server: str) -> None:
    """Start → every questionnaire page → result → share link → PDF, keys only; after Weiter
    the focus is on the new page's heading; the page's lang follows the language."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}/?lang=de")
    expect(page.get_by_role("heading", name="Selbstcheck IT-Leitung Duisburg")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    _settled(page)

    in_group = (
        "(e) => e.type === 'radio' && e.closest('[role=radiogroup]')?.getAttribute('aria-label')"
    )
    _focus_until(page, f"{in_group}?.startsWith('Ihr Hintergrund')", "the background question")
    page.keyboard.press("Space")
    expect(page.locator("input[type=radio]:focus")).to_be_checked()
    _settled(page)
    _focus_until(page, "(e) => e.innerText === 'Check starten'", "the start button")
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")

    bank = load_bank()
    pages = pages_of(bank.version, "short")
    unsure_chosen = 0
    answered = 0
    for number, items in enumerate(pages, start=1):
        expect(page.get_by_text(f"Seite {number} von {len(pages)}")).to_be_visible()
        _settled(page)
        heading = page.locator("[data-testid='stMain'] h1")
        expect(heading).to_be_focused()  # focus moved to the new page's heading
        seen: set[str] = set()
        for item in items:
            if seen:
                _answered(page, answered)  # the last answer's run is drawn before the next Tab
            seen.add(_tab_to_next_group(page, seen))
            answered += 1
            if offers_unsure(item):
                # From the first choice, ArrowLeft wraps to the last: "can't judge yet" on a
                # statement that presumes experience, "keine Gelegenheit" on a frequency one.
                page.keyboard.press("ArrowLeft")
                focused = page.locator("input[type=radio]:focus")
                expect(focused).to_be_checked()
                expect(page.locator("label:has(input[type=radio]:focus)")).to_contain_text(
                    _unsure_label(item, bank)
                )
                unsure_chosen += 1
            else:
                page.keyboard.press("ArrowRight")
                expect(page.locator("input[type=radio]:focus")).to_be_checked()
        _answered(page, answered)
        label = "Auswerten" if number == len(pages) else "Weiter"
        _focus_until(page, f"(e) => e.innerText === '{label}'", label)
        assert _focus_is_visible(page)
        page.keyboard.press("Enter")

    assert unsure_chosen == sum(offers_unsure(i) for p in pages for i in p)
    assert unsure_chosen > 0
    expect(page.get_by_role("heading", name="Ihr Ergebnis", exact=True)).to_be_visible()
    # The server's first result imports the chart libraries: above 20 s at load average 25.
    _settled(page, RECONNECT_TIMEOUT_MS)
    expect(page.get_by_role("heading", name="Ihr Ergebnis", exact=True)).to_be_focused()
    # Streamlit loads the code box's component on first use: the run can be over before the
    # box holding the share link is on screen (and focusable).
    expect(page.get_by_test_id("stCode").filter(has_text=re.compile(r"[?&]r="))).to_be_visible()
    _focus_until(page, "(e) => !!e.closest('[data-testid=stCode]')", "the share link")
    _focus_until(page, "(e) => e.innerText?.includes('PDF')", "the PDF button")
    assert _focus_is_visible(page)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    context.close()
