"""Streamlit's own strings in the page language (issue 22), in a real browser: the tab title
(also after a switch), the skip link, no English input hints or counters on a German page; the
group CSV arrives with its byte order mark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.journey import TIMEOUT_MS

pytestmark = pytest.mark.e2e

TITLES = {"de": "Selbstcheck IT-Leitung Duisburg", "en": "Self-check: IT leadership in Duisburg"}
SKIP = {"de": "Zum Hauptinhalt springen", "en": "Skip to main content"}
LANGUAGE_BUTTON = {"de": "Deutsch", "en": "English"}
# What Streamlit writes in English whatever the page's language.
STREAMLIT_ENGLISH = re.compile(r"Press (?:Ctrl|⌘|Cmd)?\+?\s*Enter|to apply|\b\d+/\d{4,}\b")


MENU = {"de": "Hauptmenü", "en": "Main menu"}


def _words_in(page: Page, lang: str) -> None:
    other = "en" if lang == "de" else "de"
    expect(page).to_have_title(TITLES[lang])
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_test_id("stSkipToContent")).to_have_text(SKIP[lang])
    # Streamlit's own aria-labels (here its menu button) in the page language.
    expect(page.locator(f"[aria-label='{MENU[lang]}']").first).to_be_attached()
    expect(page.locator(f"[aria-label='{MENU[other]}']")).to_have_count(0)


def _switch(page: Page, lang: str) -> None:
    page.locator(".st-key-lang_switch button").filter(has_text=LANGUAGE_BUTTON[lang]).click()


def test_start_page_title_and_skip_link_follow_the_language(browser: Browser, server: str) -> None:
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(server)
        expect(page.get_by_role("heading", name=TITLES["de"], exact=True)).to_be_visible()
        _words_in(page, "de")
        _switch(page, "en")
        expect(page.get_by_role("heading", name=TITLES["en"], exact=True)).to_be_visible()
        _words_in(page, "en")
        _switch(page, "de")
        expect(page.get_by_role("heading", name=TITLES["de"], exact=True)).to_be_visible()
        _words_in(page, "de")
        page.goto(f"{server}/?lang=en")
        _words_in(page, "en")
    finally:
        context.close()


def test_group_page_shows_no_english_streamlit_hint_and_the_csv_has_a_bom(
    browser: Browser, server: str
) -> None:
    from assessment.bank.load import load_bank
    from assessment.codes.share import encode_share_code
    from tests.banks import _answers

    bank = load_bank(3)
    codes = [
        encode_share_code(_answers(bank, persona, "short", "public", "changer"))
        for persona in ("weak", "middling", "strong")
    ]
    context = browser.new_context(locale="de-DE", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(f"{server}/?view=group&lang=de")
        expect(page.get_by_role("heading", name="Gruppenauswertung")).to_be_visible()
        box = page.get_by_label("Teilen-Links oder Codes, einer pro Zeile")
        box.click()
        box.fill("\n".join(codes))
        # While the text area has focus and changed, Streamlit would say "Press Ctrl+Enter".
        page.wait_for_timeout(500)
        assert not STREAMLIT_ENGLISH.search(page.inner_text("body"))
        expect(page.get_by_test_id("InputInstructions")).to_be_hidden()
        page.get_by_role("button", name="Auswerten").click()
        expect(page.get_by_text("Ausgewertet: 3 · übersprungene Zeilen: 0")).to_be_visible()
        expect(page.get_by_text(re.compile(r"^Gesamteinschätzung: „"))).to_be_visible()
        _words_in(page, "de")
        english = [
            "Download as CSV",
            "Download as PNG",
            "Fullscreen",
            "Show data",
            "Search",
            "Choose an option",
        ]
        for label in english:
            shown = page.locator(f"[aria-label='{label}'], [placeholder='{label}']")
            expect(shown).to_have_count(0)
        body = page.inner_text("body")
        assert not STREAMLIT_ENGLISH.search(body)
        assert not re.search(r"\b0 (?:passt|deutliche|keine)", body)
        with page.expect_download() as download:
            page.get_by_role("button", name="Tabelle als CSV").click()
        data = Path(download.value.path()).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert "Führung".encode() in data
        _switch(page, "en")
        _words_in(page, "en")
        expect(page.get_by_text("Compare with which setting?")).to_be_visible()
    finally:
        context.close()
