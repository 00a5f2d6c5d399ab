"""The page's own scripts in Chromium (issue 24, the answer click): Streamlit's words and the
accessibility repairs reach what a change adds in the observer's own callback (before the next
frame, so nothing English is painted), on a German page and after a switch to English, and a
change does not make them scan the whole page again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment.i18n import Language
from assessment.messages import msg
from tests.e2e.journey import TIMEOUT_MS, settled

pytestmark = pytest.mark.e2e

# Add elements as Streamlit would (English words, the drop zone's role) and read them back once
# the mutation observers' callbacks have run, but before any animation frame: an `await` of a
# resolved promise lets the queued observer callbacks run first (they are microtasks too).
ADD_AND_READ = """async ([words]) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const box = document.createElement('div');
  const named = words.map((word) => {
    const button = document.createElement('button');
    button.setAttribute('aria-label', word);
    button.setAttribute('title', word);
    box.append(button);
    return button;
  });
  const zone = document.createElement('section');
  zone.setAttribute('data-testid', 'stFileUploaderDropzone');
  zone.setAttribute('role', 'presentation');
  box.append(zone);
  let frame = false;
  requestAnimationFrame(() => { frame = true; });
  main.append(box);
  await Promise.resolve();
  const seen = {
    frame,
    labels: named.map((b) => b.getAttribute('aria-label')),
    titles: named.map((b) => b.getAttribute('title')),
    role: zone.getAttribute('role'),
  };
  box.remove();
  return seen;
}"""

# Count the whole-document searches of the page's scripts while one small element is added (and
# two frames pass): Streamlit's words ("[aria-label]…") and the repairs ("stTable"…).
DOCUMENT_SCANS = """async () => {
  const main = document.querySelector('[data-testid="stMain"]');
  const native = Document.prototype.querySelectorAll;
  const scans = [];
  Document.prototype.querySelectorAll = function (selector) {
    if (/aria-label|stTable|tooltip|Dropzone/.test(selector)) { scans.push(selector); }
    return native.call(this, selector);
  };
  try {
    const note = document.createElement('p');
    note.setAttribute('aria-label', 'x');
    main.append(note);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    note.remove();
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  } finally {
    Document.prototype.querySelectorAll = native;
  }
  return scans;
}"""

SWITCH: dict[Language, str] = {"de": "Deutsch", "en": "English"}
WORDS = ("fullscreen", "show_data", "copy_clipboard")


def _keys(lang: Language) -> list[str]:
    return [
        msg(f"streamlit.{word}" if word != "copy_clipboard" else f"ux.words.{word}", lang)
        for word in WORDS
    ]


def _start_page(page: Page, server: str, lang: Language) -> None:
    page.goto(f"{server}/?lang={lang}")
    expect(page.locator(".st-key-lang_switch")).to_be_visible(timeout=TIMEOUT_MS)
    settled(page)
    expect(page.locator("html")).to_have_attribute("lang", lang, timeout=TIMEOUT_MS)


def _added_in(page: Page, shown: Language, wanted: Language) -> None:
    seen = page.evaluate(ADD_AND_READ, [_keys(shown)])
    assert seen["frame"] is False  # read before the next frame: nothing was painted in between
    assert seen["labels"] == _keys(wanted)
    assert seen["titles"] == _keys(wanted)
    assert seen["role"] == "group"


def test_added_elements_speak_the_page_language_before_the_next_frame(
    browser: Browser, server: str
) -> None:
    """English words added to a German page are German before a frame is painted, the drop
    zone a named group; after a switch to English, German words added are English."""
    page = browser.new_page(locale="de-DE")
    _start_page(page, server, "de")
    _added_in(page, "en", "de")
    page.locator(".st-key-lang_switch button").filter(has_text="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=TIMEOUT_MS)
    settled(page)
    _added_in(page, "de", "en")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=TIMEOUT_MS)
    settled(page)
    _added_in(page, "de", "en")
    page.close()


def test_a_change_does_not_scan_the_whole_page(browser: Browser, server: str) -> None:
    """One added element is looked at by itself: no search of the whole document for
    Streamlit's words or the repairs' tables, charts and drop zones."""
    page = browser.new_page(locale="de-DE")
    _start_page(page, server, "de")
    assert page.evaluate(DOCUMENT_SCANS) == []
    page.close()


def test_the_group_page_names_its_upload_button_without_scanning(
    browser: Browser, server: str
) -> None:
    """The group page's upload button is named in the page's language, also after a switch
    there and back; its script keeps one observer, which does not scan the whole page."""
    page = browser.new_page(locale="de-DE")
    page.goto(f"{server}/?view=group&lang=de")
    zone = page.get_by_test_id("stFileUploaderDropzone")
    expect(zone.get_by_role("button", name=msg("ui.group.upload_button", "de"))).to_be_visible(
        timeout=TIMEOUT_MS
    )
    for lang in ("en", "de"):
        page.locator(".st-key-lang_switch button").filter(has_text=SWITCH[lang]).click()
        expect(page.locator("html")).to_have_attribute("lang", lang, timeout=TIMEOUT_MS)
        settled(page)
        button = zone.get_by_role("button", name=msg("ui.group.upload_button", lang))
        expect(button).to_be_visible()
    assert page.evaluate(DOCUMENT_SCANS) == []
    page.close()
