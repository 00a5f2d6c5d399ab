"""A person's way through the app in Chromium, for the privacy, injection and scale-out tests."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, ViewportSize, expect

from assessment.bank.load import load_bank
from assessment.bank.models import LikertItem, ValidityItem
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui.state import ITEM_KEY_PREFIX, pages_of
from tests.cluster import page_in, progress_in

TIMEOUT_MS = 20_000
# Streamlit's frontend retries with a growing pause; after a restart it is back within seconds.
RECONNECT_TIMEOUT_MS = 60_000
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
ITEM_SELECTOR = f"[class*='st-key-{ITEM_KEY_PREFIX}']"
T = TypeVar("T")


def in_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end in a thread of its own (Playwright's loop owns this thread)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def save_screenshots(page: Page, folder: Path, name: str) -> None:
    """Save the whole page at desktop and phone width (the app scrolls inside stMain)."""
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        expect(page.get_by_test_id("stMain")).to_be_visible()
        height = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight"
        )
        page.set_viewport_size({"width": viewport["width"], "height": min(int(height) + 80, 8000)})
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        page.screenshot(path=folder / f"{name}-{label}.png", animations="disabled")
    page.set_viewport_size(DESKTOP)


def start(page: Page) -> None:
    """Choose a setting and a background on the start page and start the short form."""
    page.get_by_role("radiogroup", name="In welchem Umfeld").get_by_text(
        "Mittelstand", exact=True
    ).click()
    page.get_by_role("radiogroup", name="Ihr Hintergrund").get_by_text(
        "Wechsel aus einem anderen Fach", exact=True
    ).click()
    page.get_by_role("button", name="Check starten").click()
    expect(page.locator(ITEM_SELECTOR).first).to_be_visible()


def query(page: Page) -> str:
    """Return the query string of the page's URL."""
    return urlsplit(page.url).query


def settled(page: Page, timeout: float | None = None) -> None:
    """Wait until the script run has finished and no element of the previous run is left
    (timeout in ms; the expect default unless given).

    Streamlit draws a page element by element: a heading can be visible (and focused) while the
    rest of the page, or on a busy machine the previous page's elements, are still on screen.
    """
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout
    )
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=timeout)


def wait_for_url(
    page: Page, done: Callable[[str], bool], what: str, timeout: float = TIMEOUT_MS / 1000
) -> None:
    """Wait (bounded) until done(query string) is true; the app writes the URL after each rerun."""
    deadline = time.monotonic() + timeout
    while not done(query(page)):
        if time.monotonic() > deadline:
            raise AssertionError(f"the URL never showed {what}: {page.url}")
        page.wait_for_timeout(50)


def item_ids(page: Page) -> list[str]:
    """Return the ids of the items on the page that the URL names (the domain's pagination)."""
    wait_for_url(page, lambda q: PROGRESS_PARAM in parse_qs(q), "a progress code")
    code = decode_code(parse_qs(query(page))[PROGRESS_PARAM][0])
    pages = pages_of(code.answers.bank_version, code.answers.form)
    return [item.id for item in pages[code.page]] if code.page < len(pages) else []


def choice_for(item_id: str) -> int:
    """Return the option index a steady persona picks in the newest bank: "trifft eher zu" for
    statements, the middle of a trade-off, "trifft gar nicht zu" for an unlikely virtue, option c
    for scenarios."""
    item = load_bank().item(item_id)
    if isinstance(item, LikertItem):
        return 3
    if isinstance(item, ValidityItem):
        return 0
    return 2


def _has_answer(item_id: str) -> Callable[[str], bool]:
    return lambda query_string: item_id in progress_in(query_string)


def answer_page(page: Page, limit: int | None = None) -> list[str]:
    """Answer the items shown (the first `limit`), each confirmed in the URL; return their ids."""
    answered = []
    done = progress_in(query(page))
    for item_id in [i for i in item_ids(page) if i not in done][:limit]:
        container = page.locator(f".st-key-{ITEM_KEY_PREFIX}{item_id}")
        index = choice_for(item_id)
        container.get_by_test_id("stRadioOption").nth(index).click()
        expect(container.get_by_role("radio").nth(index)).to_be_checked()
        wait_for_url(page, _has_answer(item_id), f"the answer to {item_id}")
        answered.append(item_id)
    return answered


def next_page(page: Page) -> None:
    """Press Weiter (or Auswerten) and wait until the URL names the next page."""
    before = page_in(query(page))
    settled(page)
    page.get_by_role("button", name="Weiter").or_(
        page.get_by_role("button", name="Auswerten")
    ).click()
    wait_for_url(page, lambda q: page_in(q) == before + 1, f"page {before + 1}")


def finish(page: Page) -> None:
    """Answer every remaining page and wait for the result."""
    while item_ids(page):
        answer_page(page)
        next_page(page)
    expect(page.get_by_role("heading", name="Ihr Ergebnis")).to_be_visible()


def share_link(page: Page) -> str:
    """Return the share link shown on the result page (the link box with the result code `r=`;
    other boxes on the page hold invitation and trusted-person links)."""
    box = page.get_by_test_id("stCode").filter(has_text=re.compile(r"[?&]r=")).first
    return box.inner_text().strip()


def download(page: Page, key: str) -> bytes:
    """Click a download button (by widget key) and return the file's bytes."""
    with page.expect_download(timeout=TIMEOUT_MS * 2) as info:
        page.locator(f".st-key-{key} button").click()
    return Path(info.value.path()).read_bytes()


def wait_until(done: Callable[[], bool], what: str, timeout: float = TIMEOUT_MS / 1000) -> None:
    """Wait (bounded) until done() is true."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


def half_done(page: Page) -> str:
    """Answer page 1 and three items of page 2; return the fourth item of page 2."""
    start(page)
    answer_page(page)
    next_page(page)
    answer_page(page, limit=3)
    rest = [i for i in item_ids(page) if i not in progress_in(query(page))]
    assert rest
    return rest[0]


def click_after_reconnect(page: Page, item_id: str) -> None:
    """Wait for the reconnected app, click an answer, and wait until the URL carries it."""
    container = page.locator(f".st-key-item_{item_id}")
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=RECONNECT_TIMEOUT_MS)
    settled(page, RECONNECT_TIMEOUT_MS)
    expect(container).to_be_visible()
    index = choice_for(item_id)
    container.get_by_test_id("stRadioOption").nth(index).click()
    expect(container.get_by_role("radio").nth(index)).to_be_checked()
    wait_for_url(page, lambda q: item_id in progress_in(q), f"the answer to {item_id}")


def open_sections(page: Page, *names: str) -> None:
    """Open the result's sections (issue 22: everything below the one-screen summary is in
    sections to open): those whose label starts with one of names, or all of them."""
    sections = page.locator("[class*='st-key-section_']")
    for index in range(sections.count()):
        section = sections.nth(index)
        summary = section.locator("summary").first
        # The label follows the arrow icon (a ligature such as "keyboard_arrow_right").
        if names and not any(name in summary.inner_text() for name in names):
            continue
        if section.locator("details").first.get_attribute("open") is None:
            summary.click()
            expect(section.locator("details").first).to_have_attribute("open", "")
