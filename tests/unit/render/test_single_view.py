"""UX pass M2 (display only; bank v3's scoring is released and unchanged): a view of a
requirement that rests on a single answered question says so on the card, and knowledge
questions answered "Kann ich nicht sagen" are named with their count as not known."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, KnowledgeItem, LikertItem, Scenario, TradeoffItem
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.engine.scoring import ViewScore
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg
from assessment.render.summary import summarize
from assessment.render.text import render_text
from assessment.render.views import scored_in_view, view_cells
from tests.banks import RELEASED

APART = tuple(v for v in RELEASED if load_bank(v).rules.views_apart)


def _answers(version: int, unsure_knowledge: bool) -> Answers:
    """A short form answered in the middle, knowledge questions "can't say" or right."""
    bank = load_bank(version)
    responses: dict[str, int | str] = {}
    for item in bank.form_items("short"):
        if isinstance(item, KnowledgeItem):
            responses[item.id] = UNSURE if unsure_knowledge else item.key
        elif isinstance(item, Scenario):
            responses[item.id] = item.options[0].id
        elif isinstance(item, LikertItem | TradeoffItem):
            responses[item.id] = 4
        else:
            responses[item.id] = 1
    return Answers(
        bank_version=version,
        form="short",
        profile="mittelstand",
        background="changer",
        responses=responses,
    )


@pytest.mark.parametrize("version", APART)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_view_on_one_question_says_so_and_only_then(version: int, lang: Language) -> None:
    bank = load_bank(version)
    result = build_result(_answers(version, unsure_knowledge=False), bank)
    said = msg("ux.single.one_question", lang)
    singles = 0
    for score in result.scores:
        by_view: dict[str, ViewScore] = {v.view: v for v in score.views}
        for cell in view_cells(score, lang):
            view = by_view.get(cell.view)
            one = view is not None and view.score is not None and scored_in_view(view) == 1
            singles += one
            assert (said in cell.detail) == one, (score.dimension, cell.view, cell.detail)
    assert singles, "the short form has no view on a single question any more"
    # The text report (CLI) and the page read the same cells.
    assert said in render_text(result, bank, lang)


@pytest.mark.parametrize("version", APART)
def test_cannot_say_is_named_as_not_known_with_its_count(version: int) -> None:
    bank = load_bank(version)
    result = build_result(_answers(version, unsure_knowledge=True), bank)
    summary = summarize(result, bank, "de")
    cells = [c for card in summary.cards for c in card.views if c.view == "knowledge"]
    named = [c for c in cells if "Kann ich nicht sagen" in c.detail]
    assert named
    for cell in named:
        assert "als nicht gewusst" in cell.detail
        assert "× „Kann ich nicht sagen“" in cell.detail


@pytest.mark.parametrize("version", APART)
def test_scores_and_verdicts_do_not_change(version: int) -> None:
    """Display only: the scored answers counted here are the engine's own (scored_answers of a
    single-view demand), so no score or band depends on the wording."""
    bank = load_bank(version)
    result = build_result(_answers(version, unsure_knowledge=True), bank)
    for score in result.scores:
        counting = [v for v in score.views if v.score is not None]
        if score.basis == "combined" and counting:
            assert score.scored_answers == sum(scored_in_view(v) for v in counting)
