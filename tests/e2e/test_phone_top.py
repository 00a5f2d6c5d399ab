"""UX pass 3 (old m13): on a phone no empty band of about 110 px sits between Streamlit's header
and the first thing of the page (the DE/EN switch)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.journey import PHONE, TIMEOUT_MS
from tests.e2e.test_axe import IDLE

pytestmark = pytest.mark.e2e

# The gap (px) between the header's lower edge and the language switch's upper edge.
GAP = """() => {
  const header = document.querySelector('[data-testid="stHeader"]');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const first = [...main.querySelectorAll('[role="radiogroup"], button')]
    .filter((e) => e.getClientRects().length)[0];
  return [Math.round(header.getBoundingClientRect().bottom),
          Math.round(first.getBoundingClientRect().top), first.textContent.slice(0, 30)];
}"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_the_switch_sits_close_under_the_header_on_a_phone(page: Page, server: str) -> None:
    """Before: the switch began 65 px under the header's lower edge; now about 29 px."""
    page.goto(f"{server}/?lang=de")
    expect(page.get_by_role("radiogroup").first).to_be_visible()
    page.wait_for_function(IDLE)
    bottom, top, text = page.evaluate(GAP)
    assert top - bottom <= 32, (bottom, top, text)
