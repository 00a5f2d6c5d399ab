"""Issue 22 point 5, English review: texts that depend on what the result holds (a sentence
that names only views that count; the method page's counts, which add up)."""

from __future__ import annotations

import re

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import KnowledgeItem, LikertItem, Scenario, TradeoffItem
from assessment.engine.result import build_result
from assessment.engine.scoring import DimensionScore, ViewScore
from assessment.i18n import Language, Viewer
from assessment.messages import voiced
from assessment.render.fit import fit_view
from assessment.render.methodology import methodology
from assessment.render.views import basis_text
from tests.banks import RELEASED, _answers


def _score(*views: ViewScore) -> DimensionScore:
    return DimensionScore(
        dimension="crisis", score=20, answered=8, total=8, basis="evidence", views=views
    )


@pytest.mark.parametrize("viewer", ["self", "other"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_basis_names_the_knowledge_part_only_where_it_counts(
    lang: Language, viewer: Viewer
) -> None:
    """“rests on the situations and the knowledge part” only when knowledge has a score – not
    beside a knowledge cell that reads “—” (review D11)."""
    self_view = ViewScore(view="self", score=90, uncertainty=5, answered=4, total=4)
    situation = ViewScore(view="situation", score=20, uncertainty=10, answered=3, total=3)
    knowledge = ViewScore(view="knowledge", score=None, answered=0, total=1)
    without = basis_text(_score(self_view, situation, knowledge), lang, viewer)
    assert without == voiced("ux3.basis.situation", lang, viewer, own=90, evidence=20)
    assert without == basis_text(_score(self_view, situation), lang, viewer)
    counted = knowledge.model_copy(update={"score": 100, "uncertainty": 0, "answered": 1})
    assert basis_text(_score(self_view, situation, counted), lang, viewer) == voiced(
        "ux3.basis.both", lang, viewer, own=90, evidence=20
    )
    assert {"en": "knowledge part", "de": "Wissensteil"}[lang] not in without


@pytest.mark.parametrize("version", RELEASED)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_method_page_counts_add_up_to_the_start_page(version: int, lang: Language) -> None:
    """The construction paragraph gives the full form's total as the start page does (working
    conditions included), lists every kind that occurs and no kind with zero (review A11, F5)."""
    bank = load_bank(version)
    text = next(
        p
        for section in methodology(bank, lang)
        for p in section.paragraphs
        if p.startswith(("The basis is", "Grundlage ist"))
    )
    full = bank.form_items("full")
    total = bank.form_question_count("full")
    word = {"en": "questions", "de": "Fragen"}[lang]
    assert f" {total} {word}: " in text
    assert f" {bank.form_question_count('short')} {word}." in text
    kinds = [
        sum(isinstance(i, LikertItem) for i in full),
        sum(isinstance(i, TradeoffItem) for i in full),
        sum(isinstance(i, Scenario) for i in full),
        sum(isinstance(i, KnowledgeItem) for i in full),
        len(bank.virtues),
        len(bank.asked_preferences()),
    ]
    assert sum(kinds) == total
    for count in kinds:
        if count:
            assert f"{count} " in text
    assert " 0 " not in text


@pytest.mark.parametrize("viewer", ["self", "other"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_working_condition_answers_are_quoted_as_the_readers(
    lang: Language, viewer: Viewer
) -> None:
    """“It would grate on you, and it is rare there” lists “(your answer: ‘That would grate on
    me’)”, not a bare first-person “(That would grate on me)” (review D13)."""
    bank = load_bank(max(RELEASED))
    if not bank.asked_preferences():
        pytest.skip("the newest bank asks no working conditions")
    answers = _answers(bank, "strong", "short", "public", "changer")
    view = fit_view(build_result(answers, bank), bank, lang, viewer)
    assert view is not None
    wishes = [p.wish for s in view.previews for g in s.groups for p in g.points]
    assert wishes
    lead = voiced("answered.wish", lang, viewer, answer="").split("„")[0].split("“")[0]
    assert all(w.startswith(lead) for w in wishes)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_english_method_page_quotes_and_joins_in_english(version: int) -> None:
    """Usability verify pass n7: the English methodology page uses English quotation marks
    around the article's German words and "and" between two references of a German source
    ("(§ 82) and Kommunalhaushaltsverordnung"); names keep their own words; the German page
    keeps German quotation marks and "und"."""
    bank = load_bank(version)
    english = [p for s in methodology(bank, "en") for p in (s.heading, *s.paragraphs)]
    german = [p for s in methodology(bank, "de") for p in (s.heading, *s.paragraphs)]
    for text in english:
        assert "„" not in text, text
        assert not re.search(r"[\d)] und (§|Art\.|Abs\.|Anlage|\d)", text), text
    quote = bank.dimensions[0].anchor.quote
    assert any(f"(“{quote}”)" in text for text in english)
    assert any(f"(„{quote}“)" in text for text in german)
    if version == 3:
        assert any(
            "Gemeindeordnung NRW (§ 82) and Kommunalhaushaltsverordnung" in t for t in english
        )
        assert any(
            "Gemeindeordnung NRW (§ 82) und Kommunalhaushaltsverordnung" in t for t in german
        )
        assert any("Zwischen Pioniergeist und Spagat" in text for text in english)
