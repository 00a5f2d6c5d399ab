"""The browser's Back and Forward buttons on the question pages, in Chromium.

The tab's history holds one entry per page (shared.one_entry_per_page wraps the frontend's
pushState: an answer replaces the page's entry). Back goes to the previous page and Forward to
the next, every answer kept (state.answers_kept); the screen shows exactly the answers: the
radios checked, the counter and the URL agree (issues 18 and 22). A reload resumes with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui.state import ITEM_KEY_PREFIX
from tests.cluster import page_in, progress_in
from tests.e2e import journey
from tests.e2e.journey import DESKTOP, ITEM_SELECTOR, TIMEOUT_MS

pytestmark = pytest.mark.e2e

# Item radios of every key generation (state.item_key), not the stale ones of the last run.
SHOWN_ITEMS = f"{ITEM_SELECTOR}:not([data-stale='true'])"


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server)
    yield page
    context.close()


def _settled(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator("[data-stale='true']")).to_have_count(0)


def _coded(page: Page) -> dict[str, int | str]:
    code = parse_qs(journey.query(page))[PROGRESS_PARAM][0]
    return dict(decode_code(code).answers.responses)


def _wait_for_answers(page: Page, count: int) -> None:
    journey.wait_until(lambda: len(_coded(page)) == count, f"a code with {count} answers")


def _counted(page: Page) -> int:
    text = page.get_by_test_id("stProgress").inner_text()
    found = re.search(r"(\d+) von \d+ Fragen beantwortet", text)
    assert found, text
    return int(found.group(1))


def _checked_on_screen(page: Page) -> int:
    return page.locator(SHOWN_ITEMS).get_by_role("radio", checked=True).count()


def _on_page(page: Page, number: int, answers: int) -> None:
    """Wait until the URL names a page (0-based) with so many answers, and the screen agrees."""
    journey.wait_for_url(
        page,
        lambda q: page_in(q) == number and len(progress_in(q)) == answers,
        f"page {number + 1} with {answers} answers",
    )
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"Seite {number + 1} von ")
    expect(page.get_by_test_id("stProgress")).to_contain_text(f"{answers} von ")
    _settled(page)
    assert _counted(page) == answers


def test_back_and_forward_go_between_pages_and_keep_every_answer(page: Page) -> None:
    journey.start(page)
    first = journey.answer_page(page)
    journey.next_page(page)
    second = journey.answer_page(page, limit=2)
    total = len(first) + len(second)
    _on_page(page, 1, total)

    page.go_back()
    _on_page(page, 0, total)
    assert _checked_on_screen(page) == len(first), "the first page, every answer shown"

    page.go_forward()
    _on_page(page, 1, total)
    assert _checked_on_screen(page) == len(second)

    page.reload()
    _on_page(page, 1, total)
    assert _checked_on_screen(page) == len(second), "a reload resumes with every answer"

    # An answer changed after Back is kept when Forward brings the next page's older address.
    page.go_back()
    _on_page(page, 0, total)
    before = _coded(page)[first[0]]
    container = page.locator(f".st-key-{ITEM_KEY_PREFIX}{first[0]}")
    other = (journey.choice_for(first[0]) + 1) % 4
    container.get_by_test_id("stRadioOption").nth(other).click()
    journey.wait_for_url(page, lambda q: progress_in(q)[first[0]] != before, "the changed answer")
    changed = _coded(page)[first[0]]
    page.go_forward()
    _on_page(page, 1, total)
    assert _coded(page)[first[0]] == changed

    # Back from the first question page leads to the start page.
    page.go_back()
    _on_page(page, 0, total)
    page.go_back()
    expect(page.get_by_role("button", name="Check starten")).to_be_visible()
