"""The PDF summary: A4 pages, all text from the summary, one link to exactly the URL."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assessment.bank.models import Bank, FormId, LikertItem
from assessment.codes.links import share_link
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers, PageTiming
from assessment.engine.result import Result, build_result
from assessment.engine.salary import format_euro
from assessment.i18n import Language
from assessment.render.pdf import layout as pdf_layout
from assessment.render.pdf.layout import (
    PdfError,
    format_day,
    is_web_link,
    text_width,
    wrap_text,
)
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize

DAY = dt.date(2026, 11, 28)
BASE_URL = "http://localhost:8501/"
EXPECTED_SALARY = 6123
A4_POINTS = (595.28, 841.89)


def _mixed_answers(bank: Bank, lang: Language, form: FormId = "full") -> Answers:
    """Every item answered; agreement rises with the dimension's position, so bands differ."""
    responses: dict[str, int | str] = {}
    for item in bank.form_items(form):
        if isinstance(item, LikertItem):
            value = 2 + bank.dimension_ids.index(item.dimension) % 3
            responses[item.id] = value if item.keying == "plus" else 6 - value
        else:
            responses[item.id] = "a"
    return Answers(bank_version=1, form=form, profile="public", language=lang, responses=responses)


def _result(bank: Bank, lang: Language) -> Result:
    return build_result(
        _mixed_answers(bank, lang), bank, experience="experienced", expected_salary=EXPECTED_SALARY
    )


def _text(document: bytes) -> str:
    """Return the PDF's text with every run of whitespace made one space."""
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _annotations(document: bytes) -> list[dict[str, Any]]:
    reader = PdfReader(io.BytesIO(document))
    found = []
    for page in reader.pages:
        for reference in page.get("/Annots") or []:
            found.append(reference.get_object())
    return found


class _Built:
    """A PDF built once per language for the tests that only read it."""

    def __init__(self, bank: Bank, lang: Language) -> None:
        self.result = _result(bank, lang)
        self.summary = summarize(self.result, bank, lang)
        self.link = share_link(BASE_URL, encode_share_code(self.result.answers))
        self.document = build_pdf(self.result, bank, lang, self.link, today=DAY)
        self.text = _text(self.document)


@pytest.fixture(scope="module")
def german(bank: Bank) -> _Built:
    return _Built(bank, "de")


@pytest.fixture(scope="module")
def english(bank: Bank) -> _Built:
    return _Built(bank, "en")


def test_is_a_pdf_of_a4_pages(german: _Built) -> None:
    """The bytes are a complete PDF of A4 portrait pages."""
    assert german.document.startswith(b"%PDF-")
    assert german.document.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(german.document))
    assert len(reader.pages) >= 1
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)


def test_answers_give_both_kinds_of_band(german: _Built) -> None:
    """The test answers put some dimensions below and some within their bands (a precondition)."""
    assert {card.band for card in german.summary.cards} == {"below", "within"}
    assert german.result.match.met == 3
    assert german.result.match.scored == 9


def test_german_text_has_headline_bands_version_date_and_link(german: _Built) -> None:
    """Headline, met count, every band label, bank version, date and link are in the text."""
    text, summary = german.text, german.summary
    assert "Selbstcheck IT-Leitung Duisburg – Ergebnis" in text
    assert summary.headline in text
    assert summary.headline == (
        "Zwischen Ihrem Profil und den Anforderungen im Umfeld „Öffentliche Verwaltung“"
        " gibt es deutliche Lücken."
    )
    assert "3 von 9 Anforderungen erfüllt" in text
    assert "unter dem Zielbereich" in text
    assert "im Zielbereich" in text
    for card in summary.cards:
        assert f"{card.name}" in text
        assert f"{card.score_text} · {card.band_label}" in text
        assert card.verdict in text
    assert "Fragenkatalog Version 1" in text
    assert "Erstellt am 28. November 2026" in text
    assert german.link in text


def test_german_text_keeps_umlauts_quotes_and_dashes(german: _Built) -> None:
    """Umlauts, „“ quotes and – dashes come through the embedded font and back out as text."""
    text = german.text
    assert "Selbsteinschätzung" in text
    assert "Öffentliche Verwaltung" in text
    assert "Nächste Schritte" in text
    assert "„" in text
    assert "“" in text
    assert "–" in text


def test_cards_carry_anchor_and_next_steps(german: _Built) -> None:
    """Each card quotes its article anchor; development areas show every next step."""
    for card in german.summary.cards:
        assert f"Im Artikel: „{card.anchor_quote}“ – " in german.text
        if card.band == "below":
            assert card.next_steps
            for step in card.next_steps:
                assert step in german.text
        else:
            assert card.next_steps == ()


def test_comparison_caveat_and_quality_are_included(german: _Built) -> None:
    """The comparison across settings, its ranking and the caveat are in the PDF."""
    summary = german.summary
    assert "Vergleich der Umfelder" in german.text
    assert summary.comparison_text in german.text
    for line in summary.comparison:
        assert line.name in german.text
    assert summary.caveat in german.text


def test_english_pdf_quotes_the_article_the_english_way(english: _Built) -> None:
    """English text quotes the (German) article phrases with English quotation marks."""
    for card in english.summary.cards:
        assert f"In the article: “{card.anchor_quote}” – " in english.text
    assert "„" not in english.text


def test_strengths_are_introduced(bank: Bank) -> None:
    """When every demand is met, each card shows its strength text after its lead-in."""
    responses: dict[str, int | str] = {
        item.id: (5 if item.keying == "plus" else 1) if isinstance(item, LikertItem) else "a"
        for item in bank.form_items("full")
    }
    answers = Answers(
        bank_version=1, form="full", profile="public", language="en", responses=responses
    )
    result = build_result(answers, bank)
    assert result.match.level == "strong"
    cards = summarize(result, bank, "en").cards
    assert len(cards) == len(bank.dimensions)
    text = _text(build_pdf(result, bank, "en", BASE_URL, today=DAY))
    for card in cards:
        assert card.strength is not None
        assert f"Your strength: {card.strength}" in text
    assert "Next steps" not in text


def test_english_pdf_is_in_english(english: _Built) -> None:
    """The English PDF uses the English texts, date and band labels."""
    text = english.text
    assert "Self-check: IT leadership in Duisburg – result" in text
    assert "Created on 28 November 2026" in text
    assert "Question bank version 1" in text
    assert "below the target range" in text
    assert "within the target range" in text
    assert english.summary.headline in text
    assert "Fragenkatalog" not in text
    assert english.link in text


def test_salary_is_never_in_the_pdf(german: _Built) -> None:
    """The salary check (range and the expected amount) is left out of the PDF."""
    assert german.result.salary is not None
    assert format_euro(EXPECTED_SALARY, "de") not in german.text
    assert "6123" not in german.text
    assert "brutto" not in german.text
    assert "€" not in german.text


def test_the_only_annotation_links_to_the_share_link(german: _Built) -> None:
    """Exactly one link annotation exists, and its URI is the share link, byte for byte."""
    annotations = _annotations(german.document)
    assert len(annotations) == 1
    assert annotations[0]["/Subtype"] == "/Link"
    assert annotations[0]["/A"]["/S"] == "/URI"
    assert annotations[0]["/A"]["/URI"] == german.link


@pytest.mark.parametrize(
    "base",
    [
        'http://localhost:8501/"><script>alert(1)</script>',
        "http://localhost:8501/a(b)c\\d/{nb}/",
        "https://selbstcheck.example/javascript:alert(1)/",
    ],
)
def test_odd_characters_make_no_other_annotation(bank: Bank, base: str) -> None:
    """A link with markup, parentheses, backslashes or {nb} gives one annotation to exactly it."""
    answers = _mixed_answers(bank, "de", "short")
    link = share_link(base, encode_share_code(answers))
    document = build_pdf(build_result(answers, bank), bank, "de", link, today=DAY)
    annotations = _annotations(document)
    assert [a["/A"]["/URI"] for a in annotations] == [link]
    assert link in _text(document)


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "#page=1", "/relative?r=x"],
)
def test_non_web_link_is_plain_text_only(bank: Bank, link: str) -> None:
    """Anything but an absolute http(s) URL is printed as text and never becomes clickable."""
    answers = _mixed_answers(bank, "de", "short")
    document = build_pdf(build_result(answers, bank), bank, "de", link, today=DAY)
    assert _annotations(document) == []
    assert link in _text(document)


def test_worst_case_keeps_every_notice_and_step(bank: Bank) -> None:
    """All dimensions below their bands plus every quality notice: all of it is in the PDF."""
    responses: dict[str, int | str] = {
        item.id: 1 if isinstance(item, LikertItem) else "b" for item in bank.form_items("short")
    }
    answers = Answers(
        bank_version=1,
        form="short",
        profile="industry",
        language="de",
        responses=responses,
        page_seconds=tuple(PageTiming(items=8, seconds=2.0) for _ in range(4)),
    )
    result = build_result(answers, bank)
    assert [flag.kind for flag in result.quality] == ["long_string", "contradictions", "too_fast"]
    assert len(result.match.development) == len(bank.dimensions)
    document = build_pdf(result, bank, "de", share_link(BASE_URL, encode_share_code(answers)))
    text = _text(document)
    assert "Hinweise zur Antwortqualität" in text
    notices = summarize(result, bank, "de").quality_notices
    assert len(notices) == 3
    for notice in notices:
        assert notice in text
    # A step may run on over a page break: read past the footer between its lines.
    running = re.sub(r"Selbstcheck IT-Leitung Duisburg · Seite \d+ von \d+ ", "", text)
    for card in summarize(result, bank, "de").cards:
        for step in card.next_steps:
            assert step in running
    assert "Auf 4 Seiten haben Sie weniger als etwa zwei Sekunden pro Frage gebraucht" in text


def test_format_day_per_language() -> None:
    """Dates are written out the way each language writes them."""
    assert format_day(DAY, "de") == "28. November 2026"
    assert format_day(DAY, "en") == "28 November 2026"
    assert format_day(dt.date(2027, 3, 1), "de") == "1. März 2027"


def test_wrap_text_keeps_every_word_within_the_width() -> None:
    """Wrapped lines fit the width, keep the words in order, and split only overlong words."""
    text = "Zwischen Ihrem Profil und den Anforderungen gibt es deutliche Lücken " * 4
    lines = wrap_text(text.strip(), 9, 60)
    assert len(lines) > 1
    assert all(text_width(line, 9) <= 60 for line in lines)
    assert " ".join(lines).split() == text.split()
    long_word = "x" * 200
    pieces = wrap_text(long_word, 9, 30)
    assert "".join(pieces) == long_word
    assert all(text_width(piece, 9) <= 30 for piece in pieces)


def test_is_web_link_accepts_only_absolute_http_urls() -> None:
    """Only absolute http(s) URLs without spaces or control characters may become links."""
    assert is_web_link("http://localhost:8501/?r=AQE")
    assert is_web_link("HTTPS://selbstcheck.example/?r=AQE")
    assert not is_web_link("javascript:alert(1)")
    assert not is_web_link("http:/no-host")
    assert not is_web_link("https://example.test/a b")
    assert not is_web_link("https://example.test/\x00")
    assert not is_web_link("ftp://example.test/")


@pytest.fixture
def no_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv(pdf_layout.FONT_DIR_VARIABLE, str(tmp_path))
    pdf_layout.font_paths.cache_clear()
    yield
    pdf_layout.font_paths.cache_clear()


@pytest.mark.usefixtures("no_font")
def test_missing_font_is_a_clear_error(bank: Bank) -> None:
    """Without DejaVu Sans the build fails with a PdfError naming the font and the package."""
    answers = _mixed_answers(bank, "de", "short")
    with pytest.raises(PdfError) as caught:
        build_pdf(build_result(answers, bank), bank, "de", BASE_URL, today=DAY)
    assert caught.value.key == "pdf.font_missing"
    assert "DejaVu Sans" in caught.value.message("de")
    assert "fonts-dejavu-core" in caught.value.message("en")
