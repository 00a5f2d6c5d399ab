"""Targeted extra questions in a real Chromium (the newest bank, short form): a result with
borderline demands offers them, the person answers them on their page, each answer reaches the
address at once, and the updated result says what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.bank.load import load_bank
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code, encode_progress_code
from assessment.engine.answers import extra_answered
from assessment.engine.extra import offer_extra
from assessment.engine.result import build_result
from assessment.messages import msg
from assessment.ui import extra
from assessment.ui.state import ITEM_KEY_PREFIX, pages_of
from tests import simulate
from tests.e2e.journey import choice_for, query, wait_for_url

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def _extra_in(query_string: str) -> tuple[str, ...]:
    codes = parse_qs(query_string).get(PROGRESS_PARAM)
    if not codes:
        return ()
    return extra_answered(decode_code(codes[0]).answers, load_bank())


def _answered(count: int) -> Callable[[str], bool]:
    return lambda query_string: len(_extra_in(query_string)) == count


def test_a_person_answers_the_extra_questions_and_sees_what_changed(
    page: Page, server: str
) -> None:
    """Offer → page of the offered items → every answer in the URL → the updated result."""
    bank = load_bank()
    answers = simulate.respond("honest", simulate.draw_person(bank, 2026, 0), bank, "short", 2026)
    # The working-conditions page is part of the questionnaire: answered, as a person would.
    wishes = {item.id: 2 for item in bank.asked_preferences()}
    answers = answers.model_copy(update={"responses": wishes | dict(answers.responses)})
    offered = [
        i
        for ids in offer_extra(answers, bank, build_result(answers, bank).match).values()
        for i in ids
    ]
    code = encode_progress_code(answers, len(pages_of(bank.version, "short")))
    page.goto(f"{server}/?p={code}&lang=de")
    expect(page.get_by_text(msg("extra.ui.offer_heading", "de"))).to_be_visible()
    page.get_by_role("button", name=msg("extra.ui.offer_button", "de")).click()
    expect(page.get_by_role("heading", name=msg("extra.ui.page_heading", "de"))).to_be_visible()
    pages = extra.extra_pages([bank.index.items[i] for i in offered])
    first_on_page = {page_items[0].id for page_items in pages[1:]}
    reloaded = False
    for number, item_id in enumerate(offered, start=1):
        if item_id in first_on_page:  # the extra questions come in pages
            if not reloaded:
                # A reload stays on the extra page, its answers counted (usability pass m7).
                reloaded = True
                page.reload()
                expect(
                    page.get_by_role("heading", name=msg("extra.ui.page_heading", "de"))
                ).to_be_visible()
                progress = msg(
                    "ux.extra.progress",
                    "de",
                    page=1,
                    pages=len(pages),
                    answered=number - 1,
                    total=len(offered),
                )
                expect(page.get_by_text(progress)).to_be_visible()
                previous = page.locator(f".st-key-{ITEM_KEY_PREFIX}{offered[number - 2]}")
                expect(
                    previous.get_by_role("radio").nth(choice_for(offered[number - 2]))
                ).to_be_checked()
            page.get_by_role("button", name=msg("ui.quest.next", "de"), exact=True).click()
        container = page.locator(f".st-key-{ITEM_KEY_PREFIX}{item_id}")
        index = choice_for(item_id)
        container.get_by_test_id("stRadioOption").nth(index).click()
        expect(container.get_by_role("radio").nth(index)).to_be_checked()
        wait_for_url(page, _answered(number), f"answer {number}")
    page.get_by_role("button", name=msg("extra.ui.done", "de")).click()
    expect(page.get_by_text(msg("extra.ui.updated", "de"))).to_be_visible()
    expect(page.get_by_role("heading", name=msg("ui.result.heading", "de"))).to_be_visible()
    assert set(_extra_in(query(page))) == set(offered)
    note = msg("extra.answers", "de", count=len(offered))
    expect(page.get_by_text(note).first).to_be_visible()
