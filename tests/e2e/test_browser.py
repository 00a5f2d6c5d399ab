"""The app in a real Chromium: click through the short form, reload, share, download.

The tests of this module walk one journey on one page, in file order, as a person would:
start page → questionnaire (with a reload in the middle) → result → share link → downloads.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import LikertItem, Scenario, ValidityItem
from assessment.codes.links import code_from_text
from assessment.codes.share import decode_code
from assessment.engine.result import build_result
from assessment.render.summary import summarize
from assessment.ui.state import ITEM_KEY_PREFIX, pages_of
from tests.e2e import journey
from tests.e2e.journey import DESKTOP, PHONE, open_sections
from tests.e2e.journey import save_screenshots as _screenshots

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 20_000
ITEM_SELECTOR = f"[class*='st-key-{ITEM_KEY_PREFIX}']:not([data-stale='true'])"


def _item_id(container: Locator) -> str:
    classes = container.get_attribute("class") or ""
    found = re.search(rf"st-key-{ITEM_KEY_PREFIX}(\w+)", classes)
    assert found, classes
    return found.group(1)


BANK = load_bank()  # the newest bank: the one a new questionnaire uses
PAGES = len(pages_of(BANK.version, "short"))
ITEMS = BANK.form_question_count("short")  # the working-conditions block included


def _best_index(item_id: str) -> int:
    """Return the option index a strong persona picks (5 / 1 for statements, best scenario,
    the middle of a trade-off, "trifft gar nicht zu" for an unlikely virtue)."""
    item = BANK.item(item_id)
    if isinstance(item, LikertItem):
        return 4 if item.keying == "plus" else 0
    if isinstance(item, ValidityItem):
        return 0
    if isinstance(item, Scenario):
        return max(range(4), key=lambda index: item.options[index].score)
    return 2


def _settled(page: Page) -> None:
    """Wait until the script run has finished and no stale element of the last run is left."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator("[data-stale='true']")).to_have_count(0)


def _answered(page: Page) -> int:
    found = re.search(r"(\d+) von \d+ Fragen beantwortet", _progress(page).inner_text())
    assert found
    return int(found.group(1))


def _answer(page: Page, limit: int | None = None) -> list[tuple[str, int]]:
    """Click the strong persona's answer on the page's items (the first `limit` of them).

    Waits until the server has counted every new answer, so a following click cannot overtake.
    """
    _settled(page)
    expect(page.locator(ITEM_SELECTOR).first).to_be_visible()
    before = _answered(page)
    chosen, new = [], 0
    for container in page.locator(ITEM_SELECTOR).all()[:limit]:
        index = _best_index(_item_id(container))
        radio = container.get_by_role("radio").nth(index)
        if not radio.is_checked():
            container.get_by_test_id("stRadioOption").nth(index).click()
            expect(radio).to_be_checked()
            new += 1
        chosen.append((_item_id(container), index))
    expect(_progress(page)).to_contain_text(f"· {before + new} von ")
    return chosen


def _progress(page: Page) -> Locator:
    return page.get_by_test_id("stProgress")


@pytest.fixture(scope="module")
def page(browser: Browser, server: str) -> Iterator[Page]:
    """One browser page for the module's journey."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server)
    yield page
    context.close()


def test_start_page(page: Page, artifacts: Path) -> None:
    """The start page explains the check; choosing a background and starting opens page 1."""
    expect(page.get_by_role("heading", name="Selbstcheck IT-Leitung Duisburg")).to_be_visible()
    expect(page.get_by_text("Kein Einstellungstest:")).to_be_visible()
    expect(page.get_by_text("steht nie in der Adresse")).to_be_visible()
    _screenshots(page, artifacts, "start")
    journey.start(page)
    expect(_progress(page)).to_contain_text(
        f"Seite 1 von {PAGES} · 0 von {ITEMS} Fragen beantwortet"
    )
    expect(page).to_have_url(re.compile(r"[?&]p=[A-Za-z0-9_-]+"))
    assert "salary" not in page.url


def _press(page: Page, label: str) -> None:
    """Press a page button once the last answer's run has finished: on a busy machine the
    previous run's button can still be on screen beside the new one (Streamlit keeps stale
    elements until a run ends)."""
    _settled(page)
    page.get_by_role("button", name=label).click()


def test_questionnaire_by_clicking_survives_a_reload(page: Page, artifacts: Path) -> None:
    """Answer by clicking; an incomplete page is refused; a reload keeps page and answers."""
    first = _answer(page, limit=2)
    _press(page, "Weiter")
    expect(page.get_by_role("alert")).to_contain_text("Auf dieser Seite fehlen noch Antworten")
    expect(_progress(page)).to_contain_text(f"Seite 1 von {PAGES}")
    first += _answer(page)[2:]
    expect(page.get_by_role("alert")).to_have_count(0)  # the list follows every answer
    _press(page, "Weiter")
    expect(_progress(page)).to_contain_text(f"Seite 2 von {PAGES}")
    expect(page.get_by_role("alert")).to_have_count(0)
    partial = _answer(page, limit=3)
    expect(_progress(page)).to_contain_text(f"{len(first) + 3} von {ITEMS} Fragen beantwortet")
    _screenshots(page, artifacts, "question")

    page.reload()
    expect(_progress(page)).to_contain_text(f"Seite 2 von {PAGES} · {len(first) + 3} von {ITEMS}")
    for item_id, index in partial:
        container = page.locator(f".st-key-{ITEM_KEY_PREFIX}{item_id}")
        expect(container.get_by_role("radio").nth(index)).to_be_checked()

    _answer(page)
    _press(page, "Weiter")
    for number in range(3, PAGES + 1):
        expect(_progress(page)).to_contain_text(f"Seite {number} von {PAGES}")
        _answer(page)
        if number == PAGES:
            _screenshots(page, artifacts, "last-page")
        if number < PAGES:
            _press(page, "Weiter")
    _press(page, "Auswerten")
    expect(page.get_by_role("heading", name="Ihr Ergebnis")).to_be_visible()


def test_result_shows_chart_and_cards(page: Page, artifacts: Path) -> None:
    """The result page draws the profile chart and a card per dimension."""
    # The server's first result imports the chart libraries: above 20 s at load average 25.
    journey.settled(page, journey.RECONNECT_TIMEOUT_MS)
    open_sections(page)  # issue 22: chart, cards and salary check are in sections to open
    chart = page.get_by_test_id("stVegaLiteChart")
    expect(chart.locator("canvas, svg").first).to_be_visible()
    cards = page.locator("[class*='st-key-card_']")
    expect(cards).to_have_count(len(BANK.dimensions))
    expect(page.locator(".st-key-section_strengths summary").first).to_contain_text("Stärken")
    expect(page.locator(".st-key-section_salary summary").first).to_contain_text("Gehalts-Abgleich")
    expect(page.get_by_role("heading", name="Ergebnis teilen")).to_be_visible()
    _screenshots(page, artifacts, "result")


def _share_link(page: Page) -> str:
    # Bank v3's result page shows invitation and trusted-person links in code boxes too.
    box = page.get_by_test_id("stCode").filter(has_text=re.compile(r"[?&]r="))
    expect(box).to_have_count(1)
    link = box.inner_text().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?r=[A-Za-z0-9_-]+", link), link
    return link


def test_share_link_opens_the_same_result(page: Page, browser: Browser, artifacts: Path) -> None:
    """The share link, opened in a fresh browser context, shows the same summary and chart."""
    link = _share_link(page)
    headline = page.get_by_role("heading", level=2).first.inner_text()
    met = page.get_by_text(re.compile(r"^\d+ von \d+ Anforderungen erfüllt")).first.inner_text()
    other = browser.new_context(viewport=PHONE)
    try:
        shared = other.new_page()
        shared.goto(link)
        expect(shared.get_by_role("heading", name="Geteiltes Ergebnis")).to_be_visible(
            timeout=TIMEOUT_MS
        )
        # The shared page speaks about the person (third person); it is the same result.
        answers = decode_code(code_from_text(link)).answers
        bank = load_bank(answers.bank_version)
        about = summarize(build_result(answers, bank), bank, "de", viewer="other")
        expect(shared.get_by_role("heading", level=2).first).to_have_text(about.headline)
        assert headline.removeprefix("Vorläufig: ") != about.headline  # own: "Ihr Profil …"
        open_sections(shared)
        expect(shared.get_by_text(met, exact=True).first).to_be_visible()
        expect(
            shared.get_by_test_id("stVegaLiteChart").locator("canvas, svg").first
        ).to_be_visible()
        expect(shared.locator(".st-key-section_salary")).to_have_count(0)
        _screenshots(shared, artifacts, "shared")
        shared.get_by_role("button", name="Selbst den Check machen").click()
        expect(shared.get_by_role("button", name="Check starten")).to_be_visible()
        assert "r=" not in shared.url
    finally:
        other.close()


def _download(page: Page, key: str) -> bytes:
    with page.expect_download(timeout=TIMEOUT_MS * 2) as info:
        page.locator(f".st-key-{key} button").click()
    path = info.value.path()
    return Path(path).read_bytes()


def test_pdf_download(page: Page, artifacts: Path) -> None:
    """The PDF is a real PDF naming the person's band labels and the share link."""
    link = _share_link(page)
    data = _download(page, "download_pdf")
    (artifacts / "result.pdf").write_bytes(data)
    assert data.startswith(b"%PDF")
    text = "".join(page_.extract_text() for page_ in PdfReader(BytesIO(data)).pages)
    flat = re.sub(r"\s+", "", text)
    answers = decode_code(code_from_text(link)).answers
    bank = load_bank(answers.bank_version)
    summary = summarize(build_result(answers, bank), bank, "de")
    for card in summary.cards:
        assert re.sub(r"\s+", "", card.band_label) in flat
    assert code_from_text(link) in flat


def test_json_download_validates(page: Page) -> None:
    """The JSON export validates against the CLI's result schema and carries no salary."""
    data = json.loads(_download(page, "download_json"))
    schema = json.loads(
        subprocess.run(
            [sys.executable, "-m", "assessment", "schema", "result"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    jsonschema.validate(data, schema)
    assert data.get("salary") is None
    assert data["answers"]["profile"] == "mittelstand"


def test_bad_link_shows_a_message(browser: Browser, server: str) -> None:
    """A mangled share link shows the message and a restart button, never a traceback."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{server}/?r=AQEAMSR89F9&lang=en")
        expect(page.get_by_role("heading", name="This link cannot be opened")).to_be_visible(
            timeout=TIMEOUT_MS
        )
        expect(page.get_by_text("The code is incomplete")).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.get_by_role("button", name="Start again").click()
        expect(page.get_by_role("button", name="Start the check")).to_be_visible()
    finally:
        context.close()


def test_salary_typed_the_german_way_is_taken(browser: Browser, server: str) -> None:
    """UX pass: "4.500" is 4.500 € (the number field read 4.5 and refused it behind an English
    tooltip); a refused amount is said right under the field in German, and a switch to English
    shows the amount kept as €4,500."""
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(server)
        field = page.locator(".st-key-start_salary input")
        field.fill("4.500")
        field.press("Tab")
        expect(field).to_have_value("4.500\u00a0€")
        expect(page.get_by_role("alert")).to_have_count(0)
        field.fill("45")
        field.press("Tab")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("zwischen 500\u00a0€ und 50.000\u00a0€")
        expect(alert).to_contain_text("Betrag von 4.500\u00a0€")
        expect(field).to_have_value("45")
        box, said = field.bounding_box(), alert.bounding_box()
        assert box
        assert said
        assert 0 <= said["y"] - (box["y"] + box["height"]) < 80  # right under the field
        field.fill("4.500 €")
        field.press("Tab")
        expect(page.get_by_role("alert")).to_have_count(0)
        page.locator(".st-key-lang_switch button").filter(has_text="English").click()
        expect(page.locator(".st-key-start_salary__en input")).to_have_value("€4,500")
    finally:
        context.close()
