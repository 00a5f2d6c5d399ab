"""The browser's Back button on a question page, in Chromium.

Streamlit's frontend pushes a history entry for every change of the address, so Back after an
answer brings the progress code without that answer; the URL wins. The screen must then show
exactly the code's answers: the radios checked, the counter and the URL agree (issue 18).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
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


def test_back_after_answers_shows_exactly_the_codes_answers(page: Page) -> None:
    journey.start(page)
    first = journey.answer_page(page)
    journey.next_page(page)
    second = journey.answer_page(page)
    _settled(page)
    total = len(first) + len(second)
    assert _counted(page) == total
    assert _checked_on_screen(page) == len(second)

    for back in (1, 2):
        page.go_back()
        journey.wait_for_url(
            page, lambda q: PROGRESS_PARAM in parse_qs(q), "a progress code after Back"
        )
        _wait_for_answers(page, total - back)
        expect(page.get_by_test_id("stProgress")).to_contain_text(f"{total - back} von ")
        _settled(page)
        coded = _coded(page)
        on_page = [item_id for item_id in second if item_id in coded]
        assert len(on_page) == len(second) - back
        assert _counted(page) == len(coded)
        assert _checked_on_screen(page) == len(on_page), "the radios show the URL's answers"
    # Going on asks for exactly the answers the code lacks, and keeps the rest.
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("alert")).to_contain_text("Auf dieser Seite fehlen noch Antworten")
    _settled(page)
    assert _checked_on_screen(page) == len(second) - 2
    assert len(_coded(page)) == total - 2
