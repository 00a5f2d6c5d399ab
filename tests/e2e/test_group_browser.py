"""The group evaluation in a real Chromium: from the start page, paste codes, chart and table."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, FilePayload, expect
from pypdf import PdfReader

from assessment.bank.models import FORM_IDS
from assessment.codes.share import encode_share_code
from tests.e2e.journey import DESKTOP, TIMEOUT_MS, save_screenshots
from tests.personas import FIREFIGHTER, MODERNIZER, TECHNICIAN, persona_answers

pytestmark = pytest.mark.e2e

CODES = tuple(
    encode_share_code(persona_answers(traits, form=form))
    for traits in (FIREFIGHTER, MODERNIZER, TECHNICIAN)
    for form in FORM_IDS
)
PAYLOAD = "<img src=x onerror=alert(1)>"


def _note(dialog: Dialog, seen: list[str]) -> None:
    """Record and dismiss a dialog (an alert() would mean a payload ran)."""
    seen.append(dialog.message)
    dialog.dismiss()


def test_coach_pastes_codes_and_sees_chart_table_and_downloads(
    browser: Browser, server: str, artifacts: Path
) -> None:
    """Start page → group page → paste 6 links and a bad line → chart, table, CSV, PDF, upload."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: _note(dialog, dialogs))
        page.goto(server)
        page.get_by_role("button", name="Für Coaches: mehrere Ergebnisse").click()
        expect(page.get_by_role("heading", name="Gruppenauswertung")).to_be_visible()
        expect(page).to_have_url(re.compile(r"[?&]view=group"))

        links = [f"{server}/?r={code}" for code in CODES]
        page.get_by_label("Teilen-Links oder Codes, einer pro Zeile").fill(
            "\n".join([*links, PAYLOAD])
        )
        page.get_by_role("button", name="Auswerten").click()
        expect(page.get_by_text("Ausgewertet: 6 · übersprungene Zeilen: 1")).to_be_visible()

        chart = page.get_by_test_id("stVegaLiteChart")
        expect(chart).to_have_count(1)
        expect(chart.locator("canvas, svg").first).to_be_visible()
        people = page.locator(".st-key-group_people [data-testid='stDataFrame']")
        expect(people).to_be_visible()
        # The grid draws on a canvas; its hidden accessible table carries the cells.
        expect(people.locator("th[role='columnheader']").first).to_have_text("Person")
        expect(people.locator("td[role='gridcell'][aria-colindex='1']")).to_have_text(
            [str(number) for number in range(1, len(CODES) + 1)]
        )
        # The skipped lines are stacked rows at every width (UX pass 3, m-2: the grid cut the
        # reasons); the pasted markup shows as text, never as an element.
        invalid = page.locator(".st-key-narrow_group_invalid ul.stacked-rows > li")
        expect(invalid).to_have_count(1)
        for said in ("7", PAYLOAD, "In dieser Zeile steht kein Code und kein Link mit Code."):
            expect(invalid).to_contain_text(said)
        expect(page.locator("img[src='x']")).to_have_count(0)

        with page.expect_download() as csv_download:
            page.get_by_role("button", name="Tabelle als CSV").click()
        csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8")
        assert csv_text.splitlines()[1].startswith("#1;1;")
        assert len(csv_text.splitlines()) == 1 + len(CODES)
        with page.expect_download() as pdf_download:
            page.get_by_role("button", name="PDF-Gruppenübersicht").click()
        reader = PdfReader(io.BytesIO(Path(pdf_download.value.path()).read_bytes()))
        assert "Ausgewertet: 6" in reader.pages[0].extract_text()

        save_screenshots(page, artifacts, "group")

        # An uploaded CSV (a header, then name;link) takes precedence over the pasted text.
        rows = ["Name;Link", *(f"P{n};{link}" for n, link in enumerate(links[:3], start=1))]
        upload: FilePayload = {
            "name": "codes.csv",
            "mimeType": "text/csv",
            "buffer": "\n".join(rows).encode(),
        }
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files=[upload])
        expect(page.get_by_text("Ausgewertet: 3 · übersprungene Zeilen: 0")).to_be_visible()
        expect(page.get_by_text("Ausgewertet wird die hochgeladene Datei")).to_be_visible()
        assert not dialogs
    finally:
        context.close()


@pytest.mark.parametrize(
    ("lang", "button", "limit"),
    [
        ("de", "Datei auswählen", "höchstens 1 MB je Datei · TXT, CSV"),
        ("en", "Choose a file", "at most 1 MB per file · TXT, CSV"),
    ],
)
def test_upload_box_speaks_the_page_language(
    browser: Browser, server: str, lang: str, button: str, limit: str
) -> None:
    """The upload box shows no English of Streamlit's own on the German page, and vice versa."""
    page = browser.new_page()
    try:
        page.goto(f"{server}/?view=group&lang={lang}")
        box = page.get_by_test_id("stFileUploaderDropzone")
        expect(box.get_by_role("button", name=button)).to_be_visible()
        expect(box.get_by_text("Upload", exact=True)).to_be_hidden()
        expect(box.get_by_text("1MB per file • TXT, CSV")).to_be_hidden()
        shown = box.get_by_test_id("stFileUploaderDropzoneInstructions").locator("div").first
        content = shown.evaluate("e => getComputedStyle(e, '::after').content")
        assert content == f'"{limit}"'
    finally:
        page.close()
