"""The language in a real browser: the first visit follows Accept-Language, and a switch on a
question page keeps the answers (the browser sends a radio's value as its label, which AppTest
only imitates: tests/ui/browser.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui.state import item_key
from tests.cluster import progress_in
from tests.e2e.journey import (
    answer_page,
    choice_for,
    item_ids,
    next_page,
    query,
    start,
    wait_for_url,
)

pytestmark = pytest.mark.e2e

TITLES = {"de": "Selbstcheck IT-Leitung Duisburg", "en": "Self-check: IT leadership in Duisburg"}


@pytest.fixture
def german(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="de-DE")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("locale", "lang"), [("en-US", "en"), ("en-GB", "en"), ("de-DE", "de"), ("fr-FR", "de")]
)
def test_first_visit_follows_the_browser_language(
    browser: Browser, server: str, locale: str, lang: str
) -> None:
    """An English browser lands on English, any other on German; ?lang= wins."""
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        page.goto(server)
        expect(page.get_by_role("heading", name=TITLES[lang], exact=True)).to_be_visible()
        other = "de" if lang == "en" else "en"
        page.goto(f"{server}/?lang={other}")
        expect(page.get_by_role("heading", name=TITLES[other], exact=True)).to_be_visible()
    finally:
        context.close()


def test_switching_on_a_question_page_keeps_the_answers(german: Page, server: str) -> None:
    """Answers given in German stay checked in English, later clicks count, Weiter works, and
    the URL code holds every answer."""
    german.goto(server)
    start(german)
    answer_page(german)
    next_page(german)
    given = answer_page(german, limit=3)
    german.locator(".st-key-lang_switch button").filter(has_text="English").click()
    wait_for_url(german, lambda q: "lang=en" in q, "the English language")
    for item_id in given:
        container = german.locator(f".st-key-{item_key(item_id, 'en')}")
        expect(container.get_by_role("radio").nth(choice_for(item_id))).to_be_checked()
    for item_id in [i for i in item_ids(german) if i not in given]:
        container = german.locator(f".st-key-{item_key(item_id, 'en')}")
        container.get_by_test_id("stRadioOption").nth(choice_for(item_id)).click()
        wait_for_url(german, _holds(item_id), f"the answer to {item_id}")
    german.get_by_role("button", name="Next").click()
    wait_for_url(german, lambda q: decode_code(_code(q)).page == 2, "page 3")
    expect(german.get_by_test_id("stException")).to_have_count(0)
    answers = decode_code(_code(query(german))).answers
    assert answers.language == "en"
    assert set(given) <= set(answers.responses)


def _holds(item_id: str) -> Callable[[str], bool]:
    return lambda query_string: item_id in progress_in(query_string)


def _code(query_string: str) -> str:
    return parse_qs(query_string)[PROGRESS_PARAM][0]
