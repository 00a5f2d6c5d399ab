"""The group PDF: A4 pages with counts, the group chart, every demand, no codes and no answers."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.bank.load import available_versions, load_bank
from assessment.bank.models import FORM_IDS, Bank, ProfileId
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.group.chart import group_chart
from assessment.group.overview import GroupResult, parse_codes, score_group
from assessment.group.pdf import build_group_pdf, group_layout
from assessment.group.text import format_score, levels_line
from assessment.render.pdf.layout import (
    MIN_LAST_PAGE_FILL,
    png_size,
    printed_points,
    smallest_font_px,
)
from tests.bankcopy import copy_bank
from tests.personas import FIREFIGHTER, MODERNIZER, TECHNICIAN, persona_answers, random_answers

DAY = dt.date(2026, 11, 28)
A4_POINTS = (595.28, 841.89)
CODES = tuple(
    encode_share_code(persona_answers(traits, form=form))
    for traits in (FIREFIGHTER, MODERNIZER, TECHNICIAN)
    for form in FORM_IDS
)


def _text(document: bytes) -> str:
    """Return the PDF's text with every run of whitespace made one space."""
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _group(profile: ProfileId = "public") -> GroupResult:
    answers, invalid = parse_codes("\n".join(CODES))
    assert not invalid
    return score_group(answers, profile)


@pytest.fixture(scope="module")
def german() -> tuple[GroupResult, bytes, str]:
    group = _group()
    document = build_group_pdf(group, 2, "de", today=DAY)
    return group, document, _text(document)


def test_is_a_pdf_of_a4_pages_with_one_chart_image(german: tuple[GroupResult, bytes, str]) -> None:
    """The bytes are a complete PDF of A4 portrait pages holding the group chart."""
    _, document, _ = german
    assert document.startswith(b"%PDF-")
    assert document.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(document))
    assert 1 <= len(reader.pages) <= 3
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)
    assert sum(len(page.images) for page in reader.pages) == 1
    assert reader.metadata is not None
    assert reader.metadata.title == "Selbstcheck IT-Leitung Duisburg – Gruppenauswertung"


def test_text_has_counts_setting_and_every_demand(
    german: tuple[GroupResult, bytes, str], bank: Bank
) -> None:
    """Counts, setting, date, each dimension with median and met count, levels, development."""
    group, _, text = german
    section = group.versions[0]
    assert "Ausgewertet: 6 · übersprungene Zeilen: 2" in text
    assert "Umfeld: Öffentliche Verwaltung" in text
    assert "Erstellt am 28. November 2026" in text
    assert "Fragenkatalog Version 1" in text
    for dimension in section.dimensions:
        spread = dimension.distribution
        assert spread is not None
        assert bank.dimension(dimension.dimension).name("de") in text
        assert f"{dimension.meets} von {spread.n} erfüllt" in text
        assert f"Median {format_score(spread.median, 'de')} (mittlere Hälfte" in text
    levels = section.levels
    assert levels["strong"] > 0
    assert f"„passt weitgehend“ bei {levels['strong']} Personen" in text
    assert " ".join(levels_line(levels, "de").split()) in " ".join(text.split())
    top = section.development[0]
    assert f"{bank.dimension(top.dimension).name('de')}: bei {top.people} von 6 Personen" in text
    assert "Häufigste Entwicklungsfelder" in text


def test_german_umlauts_quotes_and_dashes_survive(german: tuple[GroupResult, bytes, str]) -> None:
    """Umlauts, „“ and – come through the embedded DejaVu font and back out as text."""
    _, _, text = german
    for word in (
        "Führung & Strategie",
        "Öffentliche",
        "Häufigste",
        "übersprungen",
        "Selbsteinschätzungen",
    ):
        assert word in text
    assert "–" in text


def test_no_code_and_no_input_line_reaches_the_pdf(german: tuple[GroupResult, bytes, str]) -> None:
    """Anonymous: none of the codes appears, and nothing but numbers identifies a person."""
    _, document, text = german
    for code in CODES:
        assert code not in text
        assert code.encode() not in document
    assert "keine Codes und keine einzelnen Antworten" in text


def test_english_pdf(bank: Bank) -> None:
    """The same document in English, against another setting."""
    group = _group("industry")
    text = _text(build_group_pdf(group, 0, "en", today=DAY))
    assert "Self-check: IT leadership in Duisburg – group evaluation" in text
    assert "Evaluated: 6 · lines skipped: 0" in text
    assert "Setting: Industry" in text
    assert "Created on 28 November 2026" in text
    for dimension in bank.dimensions:
        assert dimension.name("en") in text


def test_mixed_versions_get_a_section_and_a_chart_each(tmp_path: Path) -> None:
    """Codes of two bank versions: one titled section and one chart per version."""
    root = tmp_path / "questions"
    copy_bank(root, 1)
    copy_bank(root, 1, as_version=2)
    v1 = persona_answers(FIREFIGHTER)
    v2 = Answers.model_validate({**v1.model_dump(), "bank_version": 2})
    group = score_group([v1, persona_answers(MODERNIZER), v2], "duisburg", root=root)
    document = build_group_pdf(group, 0, "de", today=DAY, root=root)
    text = _text(document)
    assert "aus 2 Versionen des Fragenkatalogs" in text
    assert "Fragenkatalog Version 1: 2 Personen" in text
    assert "Fragenkatalog Version 2: 1 Person" in text
    assert "Fragenkatalog Version 1, 2" in text
    reader = PdfReader(io.BytesIO(document))
    assert sum(len(page.images) for page in reader.pages) == 2


@pytest.mark.parametrize("version", available_versions())
def test_group_chart_labels_print_at_7_points_and_no_page_is_nearly_empty(version: int) -> None:
    """Issue 18: the group chart's smallest label prints at 7 pt or more, and every page of
    the group PDF uses at least a quarter of the type area (30 random people of each bank)."""
    bank = load_bank(version)
    group = score_group(random_answers(bank, 30, seed=version), "public")
    layout, pngs = group_layout(group, 0, "de", today=DAY)
    [picture] = layout.pictures()
    spec = group_chart(group.versions[0], bank, "de").to_dict()
    points = printed_points(smallest_font_px(spec), png_size(pngs[0])[0], picture.w)
    assert points >= 7.0
    assert min(layout.fill(page) for page in range(1, layout.pages + 1)) >= MIN_LAST_PAGE_FILL
