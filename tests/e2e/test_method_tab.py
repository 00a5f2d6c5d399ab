"""The methodology page opened from a result opens in a new tab, and its "Diesen Tab schließen"
closes that tab in a real browser, leaving the result open in the first one (UX verify pass 4,
N-5). AppTest shows the button and the script; only a browser shows that the tab closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from assessment.codes.share import encode_share_code
from assessment.messages import msg
from tests.e2e.journey import PHONE, TIMEOUT_MS
from tests.unit.peer.test_peer import own_answers

pytestmark = pytest.mark.e2e


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def test_the_method_tab_closes_and_the_result_stays(context: BrowserContext, server: str) -> None:
    result = context.new_page()
    result.goto(f"{server}/?r={encode_share_code(own_answers())}&lang=de")
    heading = msg("ui.result.shared_heading", "de")
    expect(result.get_by_role("heading", name=heading)).to_be_visible()
    with context.expect_page() as opened:
        result.get_by_role("link", name="So funktioniert der Check").first.click()
    method = opened.value
    expect(method.get_by_text(msg("ux5.method.other_tab_shared", "de"))).to_be_visible()
    with method.expect_event("close", timeout=TIMEOUT_MS):
        method.get_by_role("button", name=msg("ux5.method.close", "de")).click()
    assert method.is_closed()
    assert context.pages == [result]
    expect(result.get_by_role("heading", name=heading)).to_be_visible()
