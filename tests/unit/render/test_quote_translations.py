"""Issue 15, point 4: the article's words stay German; English readers get a marked rendering."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import Bank
from assessment.engine.result import Result, build_result
from assessment.i18n import Viewer
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from tests.personas import random_answers

DAY = dt.date(2026, 12, 3)


def _quotes(bank: Bank) -> list[tuple[str, str, str | None]]:
    """Return every quote of a bank with where it stands and its English rendering."""
    found: list[tuple[str, str, str | None]] = [
        (f"dimension {d.id}", d.anchor.quote, d.anchor.quote_en) for d in bank.dimensions
    ]
    for profile in bank.profiles.values():
        found.append((f"profile {profile.id}", profile.anchor.quote, profile.anchor.quote_en))
        supports = [t.support for t in profile.targets.values()]
        supports += [a.support for a in profile.axes.values()]
        found += [
            (f"profile {profile.id} support", s.quote, s.quote_en)
            for s in supports
            if s is not None and s.quote is not None
        ]
    found.append(("salary entry", bank.salary.entry.quote, bank.salary.entry.quote_en))
    found.append(
        ("salary experienced", bank.salary.experienced.quote, bank.salary.experienced.quote_en)
    )
    return found


def test_every_v2_quote_has_an_english_rendering() -> None:
    """Anchors, support quotes and salary quotes of bank v2 all carry quote_en, not a copy."""
    quotes = _quotes(load_bank(2))
    assert len(quotes) >= 20
    missing = [where for where, _, english in quotes if not english]
    assert missing == []
    assert [where for where, german, english in quotes if english == german] == []


def test_v1_stays_as_released() -> None:
    """Bank v1 is released and immutable: it has no renderings, and its English page keeps
    showing the German words alone (documented in the README)."""
    assert {english for _, _, english in _quotes(load_bank(1))} == {None}


def _english_result_v2() -> tuple[Bank, Result]:
    bank = load_bank(2)
    answers = random_answers(bank, 1, seed=4, answered_share=1.0)[0]
    answers = answers.model_copy(update={"profile": "mittelstand", "background": "experienced"})
    return bank, build_result(answers, bank, "experienced", 6000)


def test_english_summary_shows_the_german_words_and_marks_the_rendering() -> None:
    """In English each anchor, support and salary quote keeps its German words and adds "(our
    translation: …)"; in German there is no translation at all."""
    bank, result = _english_result_v2()
    english = summarize(result, bank, "en")
    german = summarize(result, bank, "de")
    for card in english.cards:
        anchor = bank.dimension(card.dimension).anchor
        assert card.anchor_text == f"“{anchor.quote}” (our translation: “{anchor.quote_en}”)"
    assert all(card.anchor_text == f"„{card.anchor_quote}“" for card in german.cards)
    supports = [card.support for card in english.cards if card.support and "“" in card.support]
    assert supports
    assert all("(our translation: “" in support for support in supports)
    salary = bank.salary.experienced
    assert f"“{salary.quote}” (our translation: “{salary.quote_en}”)" in english.salary_lines[0]
    assert "Übersetzung" not in " ".join(c.anchor_text + (c.support or "") for c in german.cards)


@pytest.mark.parametrize("viewer", ["self", "other"])
def test_english_pdf_shows_quote_and_rendering(viewer: Viewer) -> None:
    """The English PDF prints the German words and, beside them, the marked rendering."""
    bank, result = _english_result_v2()
    document = build_pdf(result, bank, "en", "", today=DAY, viewer=viewer)
    reader = PdfReader(io.BytesIO(document))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    shown = summarize(result, bank, "en").cards
    assert text.count("(our translation:") >= len(shown)
    for card in shown:
        assert card.anchor_quote in text
