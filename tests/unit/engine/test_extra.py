"""Targeted extra questions in the engine (rules 3, `extra_questions`): which answers a short form
may add, how they are scored, what the result says about them and which items are offered."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import KnowledgeItem, LikertItem, Scenario, TradeoffItem, ValidityItem
from assessment.engine.answers import (
    Answers,
    check_answers,
    extra_answered,
    extra_candidates,
    without_extra,
)
from assessment.engine.extra import (
    EXTRA_PER_DEMAND,
    MAX_EXTRA_ITEMS,
    offer_extra,
    unfirm_demands,
    view_of,
)
from assessment.engine.matching import UNFIRM_BANDS
from assessment.engine.quality import check_quality
from assessment.engine.result import build_result
from assessment.engine.scoring import score_answers
from assessment.errors import AnswersError
from assessment.messages import msg
from tests import simulate

V3 = load_bank(3)
SEED = 2026


def _honest(index: int) -> Answers:
    """A simulated honest person's short-form answers (tests/simulate.py)."""
    return simulate.respond("honest", simulate.draw_person(V3, SEED, index), V3, "short", SEED)


def _with(answers: Answers, extra: dict[str, int | str]) -> Answers:
    return answers.model_copy(update={"responses": {**answers.responses, **extra}})


def _value(item: object) -> int | str:
    return "a" if isinstance(item, Scenario | KnowledgeItem) else 4


def test_candidates_are_the_full_forms_scored_items_the_short_form_does_not_ask() -> None:
    """Statements, situations and knowledge items of the full form only, none of the short form,
    in the full form's order; no trade-off and no unlikely virtue; none for the full form."""
    short = V3.index.form_item_ids["short"]
    candidates = extra_candidates(V3, "short")
    full = [i for i in V3.form_items("full") if i.id not in short]
    assert [c.id for c in candidates] == [
        i.id for i in full if isinstance(i, LikertItem | Scenario | KnowledgeItem)
    ]
    assert {type(c) for c in candidates} == {LikertItem, Scenario, KnowledgeItem}
    assert any(isinstance(i, TradeoffItem | ValidityItem) for i in full)
    assert extra_candidates(V3, "full") == ()


@pytest.mark.parametrize("version", [1, 2])
def test_released_banks_have_no_extra_questions(version: int) -> None:
    """Rules 1 and 2 keep refusing a full-form item in short-form answers, as before."""
    bank = load_bank(version)
    assert not bank.rules.extra_questions
    assert extra_candidates(bank, "short") == ()


def test_an_item_that_cannot_be_an_extra_question_is_refused_in_both_languages() -> None:
    """A full-form trade-off is not an extra question: refused, naming item and form."""
    short = V3.index.form_item_ids["short"]
    tradeoff = next(i for i in V3.tradeoffs if i.id not in short)
    answers = Answers(bank_version=3, form="short", responses={tradeoff.id: 3})
    with pytest.raises(AnswersError) as raised:
        check_answers(answers, V3)
    assert raised.value.key == "extra.not_offered"
    assert tradeoff.id in raised.value.message("de")
    assert raised.value.message("en") == msg(
        "extra.not_offered", "en", item=tradeoff.id, form="short"
    )


def test_extra_answers_change_exactly_the_demands_they_belong_to() -> None:
    """Answers to one demand's extra items change that demand's views, answered count and
    uncertainty; every other demand's score is identical."""
    answers = _honest(0)
    demand = "leadership"
    extra = {i.id: _value(i) for i in extra_candidates(V3, "short") if i.dimension == demand}
    before = {s.dimension: s for s in score_answers(answers, V3)}
    after = {s.dimension: s for s in score_answers(_with(answers, extra), V3)}
    assert {d for d in before if before[d] != after[d]} == {demand}
    assert after[demand].answered == before[demand].answered + len(extra)
    assert after[demand].total == before[demand].total + len(extra)
    assert after[demand].scored_answers > before[demand].scored_answers
    assert after[demand].uncertainty != before[demand].uncertainty


def test_an_extra_answer_scores_as_if_the_form_had_asked_it() -> None:
    """A short form plus every extra question answered scores like the full form without its
    trade-offs and unlikely virtues (which do not score)."""
    answers = _honest(3)
    person = simulate.draw_person(V3, SEED, 3)
    full = simulate.honest_responses(person, V3, "full", simulate._rng(SEED, "x", 3))
    extra = {i.id: full[i.id] for i in extra_candidates(V3, "short")}
    extended = _with(answers, extra)
    as_full = answers.model_copy(update={"form": "full", "responses": extended.responses})
    assert [(s.dimension, s.score, s.uncertainty) for s in score_answers(extended, V3)] == [
        (s.dimension, s.score, s.uncertainty) for s in score_answers(as_full, V3)
    ]


def test_the_result_names_the_extra_answers_and_the_bands_they_changed() -> None:
    """Result.extra lists them, total counts them, extra_changes holds exactly the demands whose
    band differs from the short form's own, and the quality checks do not read them."""
    answers = _honest(0)
    own = build_result(answers, V3)
    offer = offer_extra(answers, V3, own.match)
    person = simulate.draw_person(V3, SEED, 0)
    full = simulate.honest_responses(person, V3, "full", simulate._rng(SEED, "extra", 0))
    extended = _with(answers, {i: full[i] for ids in offer.values() for i in ids})
    result = build_result(extended, V3)
    assert set(result.extra) == {i for ids in offer.values() for i in ids}
    assert result.total == own.total + len(result.extra)
    assert result.level_before_extra == own.match.level
    bands = {m.dimension: m.band for m in own.match.dimensions}
    now = {m.dimension: m.band for m in result.match.dimensions}
    assert {c.dimension for c in result.extra_changes} == {d for d in bands if bands[d] != now[d]}
    assert all(
        (c.before, c.after) == (bands[c.dimension], now[c.dimension]) for c in result.extra_changes
    )
    assert check_quality(extended, V3) == check_quality(answers, V3)
    assert without_extra(extended, V3) == answers
    assert build_result(answers, V3).extra == ()


def test_the_offer_covers_exactly_the_unfirm_demands_with_unanswered_candidates() -> None:
    """Only borderline or provisional demands, at most EXTRA_PER_DEMAND each and
    MAX_EXTRA_ITEMS in all, never an answered item, always an item of that demand."""
    candidates = {i.id: i for i in extra_candidates(V3, "short")}
    for index in range(6):
        answers = _honest(index)
        match = build_result(answers, V3).match
        offer = offer_extra(answers, V3, match)
        assert set(offer) <= set(unfirm_demands(match))
        assert all(m.band in UNFIRM_BANDS for m in match.dimensions if m.dimension in offer)
        assert sum(len(ids) for ids in offer.values()) <= MAX_EXTRA_ITEMS
        for demand, ids in offer.items():
            assert 1 <= len(ids) <= EXTRA_PER_DEMAND
            assert all(candidates[i].dimension == demand for i in ids)
            assert not set(ids) & set(answers.responses)


def test_nothing_is_offered_when_every_demand_is_firm_or_the_rules_offer_none() -> None:
    """A firm result gets no offer; neither do the full form and a v2 short form."""
    strong: dict[str, int | str] = {
        i.id: (
            i.key
            if isinstance(i, KnowledgeItem)
            else max(i.options, key=lambda o: o.score).id
            if isinstance(i, Scenario)
            else (5 if i.keying == "plus" else 1)
            if isinstance(i, LikertItem)
            else 3
        )
        for i in V3.form_items("short")
        if not isinstance(i, ValidityItem)
    }
    answers = Answers(bank_version=3, form="short", profile="duisburg", responses=strong)
    match = build_result(answers, V3).match
    assert not unfirm_demands(match)
    assert offer_extra(answers, V3, match) == {}
    full = _honest(0).model_copy(update={"form": "full", "responses": {}})
    assert offer_extra(full, V3, build_result(full, V3).match) == {}


def test_statements_that_could_not_count_are_not_offered_first() -> None:
    """A demand whose statements are all "can't judge yet" (too few to count even with one more)
    is offered situations and knowledge items first: the evidence it can rest on."""
    answers = _honest(1)
    presumes = [
        i for i in V3.form_items("short") if isinstance(i, LikertItem) and i.presumes is not None
    ]
    demand = presumes[0].dimension
    statements = [i for i in V3.form_items_of("short", demand) if isinstance(i, LikertItem)]
    responses = dict(answers.responses)
    for item in statements:
        if item.presumes is not None:
            responses[item.id] = "na"
        else:
            responses.pop(item.id, None)
    answers = answers.model_copy(update={"responses": responses})
    match = build_result(answers, V3).match
    assert demand in unfirm_demands(match)
    first = offer_extra(answers, V3, match)[demand][0]
    assert view_of(V3.item(first)) != "self"


def test_extra_answered_lists_only_items_outside_the_form() -> None:
    """The short form's own answers are never extra ones."""
    answers = _honest(2)
    assert extra_answered(answers, V3) == ()
    first = extra_candidates(V3, "short")[0]
    assert extra_answered(_with(answers, {first.id: _value(first)}), V3) == (first.id,)
