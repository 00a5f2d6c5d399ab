"""Keyboard-only use: Tab to each question, arrows to choose, Enter on Weiter."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.answers import Answers
from assessment.sharecode import encode_progress_code
from assessment.ui.state import pages_of

pytestmark = pytest.mark.e2e
MAX_TABS = 12


def _focused_radio_group(page: Page) -> str | None:
    """Return the name of the radio group that has the keyboard focus, if any."""
    name: str | None = page.evaluate(
        "() => { const e = document.activeElement;"
        " return e && e.type === 'radio' ? e.name : null; }"
    )
    return name


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

    seen: set[str] = set()
    for _ in first_page:
        seen.add(_tab_to_next_group(page, seen))
        page.keyboard.press("ArrowRight")  # selects the second choice of this question
        expect(page.locator("input[type=radio]:focus")).to_be_checked()
    expect(page.get_by_text(f"{len(first_page)} von 27 Fragen beantwortet")).to_be_visible()

    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText") == "Weiter":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_text("Seite 2 von 4")).to_be_visible()
    assert len(seen) == len(first_page)
    context.close()
