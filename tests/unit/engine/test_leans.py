"""Trade-offs give value (issue 21.3), the rules: a clear lean lies beyond its uncertainty, the
situations of the same demand are counted by the pole of the chosen option, and rules 3 leave
trade-offs out of the scatter check while rules 2 keep them (v2 results stay as pinned)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    Bank,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.engine.answers import Answers
from assessment.engine.leans import AXIS_MIDDLE, clear_pole, situation_poles
from assessment.engine.quality import check_quality, pooled_spread
from assessment.engine.result import build_result


def consistent(item: Item, index: int) -> int | str:
    """Thoughtful answers: statements agree with plus and disagree with minus items (varied),
    the best option in each situation, every knowledge question right, no unlikely virtue."""
    if isinstance(item, LikertItem):
        return (4, 5)[index % 2] if item.keying == "plus" else (2, 1)[index % 2]
    if isinstance(item, Scenario):
        return max(item.options, key=lambda option: option.score).id
    if isinstance(item, KnowledgeItem):
        return item.key
    if isinstance(item, ValidityItem):
        return 2
    return 3


def answers_of(
    bank: Bank,
    form: FormId,
    override: Mapping[str, int | str] | None = None,
    tradeoff: int | None = 1,
) -> Answers:
    """Consistent answers with every trade-off answered `tradeoff` ("ganz A" = 1)."""
    responses: dict[str, int | str] = {}
    for index, item in enumerate(bank.form_items(form)):
        if isinstance(item, TradeoffItem):
            if tradeoff is not None:
                responses[item.id] = tradeoff
        else:
            responses[item.id] = consistent(item, index)
    responses.update(override or {})
    return Answers(
        bank_version=bank.version,
        form=form,
        profile="duisburg",
        language="de",
        background="experienced",
        responses=responses,
    )


def toward(bank: Bank, form: FormId, pole: str) -> dict[str, int]:
    """Trade-off answers at the given pole's end of every axis ("a" or "b")."""
    return {
        item.id: (5 if item.high == pole else 1)
        for item in bank.form_items(form)
        if isinstance(item, TradeoffItem)
    }


@pytest.mark.parametrize(
    ("position", "error", "z", "pole"),
    [
        (0, 25, 1.96, "a"),  # 49 < 50
        (2, 25, 1.96, None),  # 51: the interval reaches the middle
        (100, 25, 1.96, "b"),
        (98, 25, 1.96, None),
        (49, 0, 1.96, "a"),
        (50, 0, 1.96, None),
        (51, 0, 1.96, "b"),
        (25, 24, 1.0, "a"),
        (25, 25, 1.0, None),  # exactly at the middle is no lean
    ],
)
def test_clear_pole_at_its_boundaries(position: int, error: int, z: float, pole: str) -> None:
    """A lean is clear only when position ± z standard errors lies wholly on one side of 50."""
    assert clear_pole(position, error, z) == pole
    assert AXIS_MIDDLE == 50


def test_all_fully_a_tradeoffs_leave_v3_untentative_but_v2_scattered() -> None:
    """Answering every trade-off "ganz A" beside thoughtful answers: bank v2 (rules 2, pinned)
    still fires the scatter notice and is tentative; bank v3 (rules 3) fires nothing."""
    v2, v3 = load_bank(2), load_bank(3)
    assert not v2.rules.scatter_statements_only
    assert v3.rules.scatter_statements_only
    old = build_result(answers_of(v2, "full"), v2)
    assert [flag.kind for flag in old.quality] == ["scatter"]
    assert old.tentative
    new = build_result(answers_of(v3, "full"), v3)
    assert new.quality == ()
    assert not new.tentative
    # the same answers' statements alone spread far less than the threshold in both banks
    assert pooled_spread(answers_of(v3, "full"), v3)[0] < 1.0


def test_v3_scatter_still_sees_scattered_statements() -> None:
    """Leaving trade-offs out does not switch the check off: statements answered at random-like
    extremes against their keying still fire it on v3."""
    bank = load_bank(3)
    scattered = {
        item.id: (1, 5)[index % 2]
        for index, item in enumerate(bank.form_items("full"))
        if isinstance(item, LikertItem)
    }
    answers = answers_of(bank, "full", scattered)
    assert "scatter" in [flag.kind for flag in check_quality(answers, bank)]


def test_v3_axis_answered_both_ways_has_no_lean() -> None:
    """An axis whose two trade-offs point to opposite poles (all "ganz A" on v3's pole-balanced
    pairs) sits in the middle with a wide uncertainty: no lean, no notice."""
    bank = load_bank(3)
    result = build_result(answers_of(bank, "full"), bank)
    assert len(result.leans) == 12
    assert all(lean.pole is None and lean.position == 50 for lean in result.leans)


@pytest.mark.parametrize("form", ["short", "full"])
@pytest.mark.parametrize("pole", ["a", "b"])
def test_leans_count_the_situations_by_pole(form: FormId, pole: str) -> None:
    """Trade-offs at one end give that lean on every axis; the counts of the situations are the
    poles of the chosen options, read straight from the answers."""
    bank = load_bank(3)
    answers = answers_of(bank, form, toward(bank, form, pole))
    result = build_result(answers, bank)
    assert {lean.pole for lean in result.leans} == {pole}
    for lean in result.leans:
        chosen = [
            item.option(str(answers.responses[item.id])).pole
            for item in bank.form_items_of(form, lean.dimension)
            if isinstance(item, Scenario)
        ]
        assert lean.situations == len(chosen) >= 1
        assert (lean.chose_a, lean.chose_b, lean.chose_neither) == (
            chosen.count("a"),
            chosen.count("b"),
            chosen.count(None),
        )
        assert situation_poles(answers, bank, lean.dimension) == tuple(chosen)


def test_leans_are_empty_before_rules_3(released_bank: Bank) -> None:
    """Banks without lean texts carry no leans in their result (v1 and v2 results unchanged)."""
    if released_bank.rules.lean_texts:
        pytest.skip("a bank with lean texts")
    responses = {
        item.id: consistent(item, index) if not isinstance(item, TradeoffItem) else 1
        for index, item in enumerate(released_bank.form_items("full"))
    }
    answers = (
        Answers(
            bank_version=released_bank.version,
            form="full",
            profile="duisburg",
            background="experienced",
            responses=responses,
        )
        if released_bank.rules.has_background
        else Answers(bank_version=released_bank.version, form="full", responses=responses)
    )
    assert build_result(answers, released_bank).leans == ()


def test_unanswered_situations_are_not_counted() -> None:
    """A situation left out is no choice of any pole."""
    bank = load_bank(3)
    answers = answers_of(bank, "full", toward(bank, "full", "a"))
    first = next(
        item for item in bank.form_items_of("full", "crisis") if isinstance(item, Scenario)
    )
    responses = {k: v for k, v in answers.responses.items() if k != first.id}
    fewer = build_result(answers.model_copy(update={"responses": responses}), bank)
    full = build_result(answers, bank)
    assert fewer.leans[0].situations == full.leans[0].situations - 1
