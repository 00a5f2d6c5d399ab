"""Issue 22, point 5 (UX pass #15), in Chromium: Streamlit's and Vega's own words on our pages are
in the page's language. The copy button of every link box is named, titled and (after a click)
says "Kopiert" in German and still copies; a chart says nothing in English (Vega's "X-axis titled
… for a linear scale", "order: 0; high: 55", "bar", "visualization"); a switch to English brings
Streamlit's words back in English. Also a colleague's reload in a real browser (UX pass #11)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from assessment.bank.load import load_bank
from assessment.codes import links
from assessment.codes.share import decode_code
from assessment.messages import msg
from assessment.peer.codes import (
    Invitation,
    decode_peer_code,
    encode_invitation,
    invitation_id,
)
from assessment.ui import peer
from tests.e2e.journey import TIMEOUT_MS, query, settled, wait_for_url
from tests.e2e.phone_height import IDLE, typical_codes
from tests.e2e.test_phone_result import _peer_codes
from tests.loadclient import share_codes

pytestmark = pytest.mark.e2e

COPY = {"de": msg("ux.words.copy_clipboard", "de"), "en": "Copy to clipboard"}
COPIED = {"de": msg("ux.words.copied", "de"), "en": "Copied"}
# Every aria-label, title and role description in the main block and the tooltips.
WORDS = """() => [...document.querySelectorAll('[aria-label],[title],[aria-roledescription]')]
  .flatMap((e) => ['aria-label', 'title', 'aria-roledescription']
    .map((n) => e.getAttribute(n)).filter((v) => v))"""
# What Vega writes in English into a chart's SVG, and Streamlit's copy words.
ENGLISH = re.compile(
    r"axis titled|for a (?:linear|band|point|ordinal) scale|mark container|^visualization$"
    r"|^(?:bar|tick|point|text mark)$|^\w+: [\d.]+(?:; |$)|Copy to clipboard|^Copied!?$|Show chart"
)


@pytest.fixture
def context(browser: Browser, server: str) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    yield context
    context.close()


def _rated_in(query_string: str) -> int:
    """Return how many ratings the address's peer code holds."""
    codes = parse_qs(query_string).get(links.RATED_PARAM)
    return len(decode_peer_code(codes[0]).responses) if codes else 0


def _english(page: Page) -> list[str]:
    page.wait_for_function(IDLE)
    page.wait_for_timeout(300)  # the words' observer runs on the next frame
    return [word for word in page.evaluate(WORDS) if ENGLISH.search(word)]


def _tooltip(page: Page) -> str:
    tooltip = page.get_by_test_id("stTooltipContent").last
    expect(tooltip).to_be_visible()
    text: str = tooltip.inner_text().strip()
    return text


def test_copy_buttons_speak_german_and_still_copy(context: BrowserContext, server: str) -> None:
    """Share link, invitation and trusted person's link on one's own result: each box's copy
    button is "In die Zwischenablage kopieren" (name and tooltip), says "Kopiert" once clicked
    and puts the link on the clipboard; in English the same buttons say Streamlit's words."""
    page = context.new_page()
    page.goto(f"{server}/?{typical_codes()['own short']}&lang=de")
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    boxes = page.get_by_test_id("stCode")
    expect(boxes.first).to_be_visible()
    assert _english(page) == []
    assert boxes.count() >= 3
    for index in range(boxes.count()):
        expect(boxes.nth(index).get_by_role("button")).to_have_attribute("aria-label", COPY["de"])
    button = boxes.first.get_by_role("button")
    button.hover()
    assert _tooltip(page) == COPY["de"]
    button.click()
    expect(button).to_have_attribute("aria-label", COPIED["de"])
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == boxes.first.inner_text().strip()
    assert copied.startswith(f"{server}/?{links.SHARE_PARAM}=")
    page.mouse.move(0, 0)
    page.locator(".st-key-lang_switch button").filter(has_text="English").click()
    heading = page.get_by_role("heading", name=msg("ui.result.heading", "en"), exact=True)
    expect(heading).to_be_visible()
    page.wait_for_function(IDLE)
    expect(page.get_by_test_id("stCode").first.get_by_role("button")).to_have_attribute(
        "aria-label", COPY["en"]
    )


def test_a_chart_says_nothing_in_english_on_a_german_page(
    context: BrowserContext, server: str
) -> None:
    """The comparison's chart: named in German, Vega's English descriptions gone, its role
    description German, no "Show data" with English column names; the result's chart likewise."""
    page = context.new_page()
    _short, full = share_codes(2)
    page.goto(links.mirror_link(f"{server}/", full, _peer_codes(full, 3), "de"))
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible()
    assert _english(page) == []
    role = msg("ux.words.visualization", "de")
    described = page.locator(f"[aria-roledescription='{role}']")
    expect(described).to_have_count(1)
    expect(described).to_have_attribute("aria-label", re.compile(r"^Diagramm"))
    # Streamlit's "Show data" would show the raw data set with English column names ("order",
    # "low"): hidden; the chart's own table in German stays.
    chart.hover()
    fullscreen = page.get_by_role("button", name=msg("streamlit.fullscreen", "de"))
    expect(fullscreen.first).to_be_visible()
    expect(page.get_by_role("button", name=msg("streamlit.show_data", "de"))).to_be_hidden()
    expect(page.get_by_role("switch", name=msg("a11y.chart_table_toggle", "de"))).to_be_attached()
    page.goto(f"{server}/?{typical_codes()['shared short']}&lang=de")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_attached()
    assert _english(page) == []


def test_a_colleagues_reload_stays_on_their_page(context: BrowserContext, server: str) -> None:
    """UX pass #11: page 3 rated in full, then a reload showed "Seite 4 von 5"; now page 3 with
    its ratings, and the browser's Back shows page 2."""
    page = context.new_page()
    _short, full = share_codes(2)
    answers = decode_code(full).answers
    token = encode_invitation(
        Invitation(
            bank_version=answers.bank_version,
            form="short",
            language="de",
            invitation_id=invitation_id(answers),
        )
    )
    pages = peer.peer_pages(load_bank(answers.bank_version), "short")
    assert len(pages) >= 4
    page.goto(f"{server}/?view=invite&i={token}&lang=de")
    progress = page.get_by_test_id("stProgress")
    for number in range(3):
        expect(progress).to_contain_text(f"Seite {number + 1} von {len(pages)} ")
        for item in pages[number]:
            option = page.locator(f".st-key-item_{item.id}").get_by_test_id("stRadioOption")
            option.nth(2).click()
            expect(
                page.locator(f".st-key-item_{item.id}").get_by_role("radio").nth(2)
            ).to_be_checked()
        if number < 2:
            page.get_by_role("button", name=msg("ui.quest.next", "de"), exact=True).click()
    page.wait_for_function(IDLE)
    expect(page).to_have_url(re.compile(rf"[?&]{peer.PAGE_PARAM}=3(?:&|$)"))
    rated = len(pages[0]) + len(pages[1]) + len(pages[2])
    wait_for_url(page, lambda q: _rated_in(q) == rated, f"{rated} ratings")
    settled(page)
    page.reload()
    expect(progress).to_contain_text(f"Seite 3 von {len(pages)} · {rated} von ")
    checked = page.locator("[data-testid='stMain'] input[type='radio']:checked")
    expect(checked).to_have_count(len(pages[2]))
    page.go_back()
    expect(progress).to_contain_text(f"Seite 2 von {len(pages)} ")
    assert f"{peer.PAGE_PARAM}=2" in query(page)
