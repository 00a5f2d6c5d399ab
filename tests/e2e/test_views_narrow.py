"""Rules 3 at 390 px (a phone): each demand's three views stack as rows instead of squeezing
side by side, and nothing in the main block is wider than the screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.bank.load import load_bank
from assessment.codes.share import encode_share_code
from tests.banks import answer_sets
from tests.e2e.journey import PHONE, TIMEOUT_MS, open_sections
from tests.e2e.test_axe import IDLE, NEWEST

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not load_bank(NEWEST).rules.views_apart, reason="no views in the bank"),
]

# Every element of the main block whose right edge lies beyond the screen.
BEYOND = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((e) => e.getClientRects().length && !e.closest('.sr-only'))
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map((e) => `${e.tagName} ${Math.round(e.getBoundingClientRect().right)}`)"""
# Per views block, the distinct left edges of its columns (one when they stack).
LEFT_EDGES = """() => [...document.querySelectorAll('[class*="st-key-views_"]')]
  .map((b) => new Set([...b.querySelectorAll('[data-testid="stColumn"]')]
    .map((c) => Math.round(c.getBoundingClientRect().left))).size)"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_views_stack_and_nothing_overflows_at_390px(page: Page, server: str) -> None:
    answers = next(s for s in answer_sets(NEWEST) if "selfabove" in s.name).answers
    page.goto(f"{server}/?r={encode_share_code(answers)}&lang=de")
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    open_sections(page)  # issue 22: the demands' cards are in sections to open
    expect(page.locator('[class*="st-key-views_"]').first).to_be_visible()
    page.wait_for_function(IDLE)
    edges = page.evaluate(LEFT_EDGES)
    assert edges
    assert set(edges) == {1}
    assert page.evaluate(BEYOND) == []
    # The same page on a desktop: the three views side by side (the check sees columns).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(
        '() => document.querySelector(\'[class*="st-key-views_"] [data-testid="stColumn"]\')'
        ".getBoundingClientRect().width < 400"
    )
    assert set(page.evaluate(LEFT_EDGES)) == {3}
