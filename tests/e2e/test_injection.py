"""Injection is inert in a real browser: hostile URL parameters create no image, link or script."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from assessment.codes.share import encode_progress_code
from assessment.engine.answers import Answers
from tests.e2e.journey import TIMEOUT_MS, settled

pytestmark = pytest.mark.e2e

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<script>alert(1)</script>",
)
# Elements that could only come from a payload: its image, its link target, its script.
PLANTED = ", ".join(
    (
        "img[src='x']",
        "img[src*='evil']",
        "a[href^='javascript']",
        "a[href*='evil']",
        "[onerror]",
        "[onload]",
    )
)


def _progress_code() -> str:
    return encode_progress_code(Answers(bank_version=1, form="short", profile="public"), 0)


def _open(page: Page, server: str, params: dict[str, str]) -> None:
    page.goto(f"{server}/?{urlencode(params)}")
    expect(page.get_by_test_id("stMain")).to_be_visible()
    expect(page.get_by_role("heading").first).to_be_visible()
    settled(page)  # every element drawn: a busy machine draws the page for seconds
    page.wait_for_timeout(300)  # give an injected onerror/onload the chance to fire


def _assert_inert(page: Page, dialogs: list[str]) -> None:
    assert dialogs == []
    assert page.locator(PLANTED).count() == 0
    scripts: list[str] = page.locator("script").evaluate_all("els => els.map(e => e.text)")
    assert not [s for s in scripts if "alert(" in s]
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.fixture
def page(browser: Browser) -> Page:
    """A fresh page that records every dialog (alert/confirm/prompt) it is shown."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.mark.parametrize("param", ["r", "p"])
def test_hostile_codes_show_a_message_only(page: Page, server: str, param: str) -> None:
    """Every payload as share or progress code: the error view, no planted element, no dialog."""
    dialogs: list[str] = []

    def seen(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    try:
        for payload in PAYLOADS:
            _open(page, server, {param: payload})
            expect(page.get_by_role("alert")).to_contain_text("Code")
            _assert_inert(page, dialogs)
    finally:
        page.context.close()


def test_hostile_language_and_background(page: Page, server: str) -> None:
    """Payloads in lang and bg beside a valid progress code: the questionnaire, nothing planted."""
    dialogs: list[str] = []

    def seen(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", seen)
    try:
        for payload in PAYLOADS:
            _open(page, server, {"p": _progress_code(), "lang": payload, "bg": payload})
            expect(page.get_by_test_id("stProgress")).to_be_visible()
            _assert_inert(page, dialogs)
            _open(page, server, {"lang": payload})
            expect(page.get_by_role("button", name="Check starten")).to_be_visible()
            _assert_inert(page, dialogs)
    finally:
        page.context.close()
