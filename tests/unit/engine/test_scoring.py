"""Scoring: keyed means on 0–100, scenario options on the same scale, the half-answered rule."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from assessment.bank.models import Bank, LikertItem, Scenario
from assessment.engine.answers import Answers
from assessment.engine.scoring import MIN_ANSWERED_SHARE, item_value, score_answers, to_pomp
from tests.strategies import answers


def _full(bank: Bank, value: int, form: str = "full", option_score: int | None = None) -> Answers:
    responses: dict[str, int | str] = {}
    for item in bank.form_items(form):  # type: ignore[arg-type]
        if isinstance(item, LikertItem):
            responses[item.id] = value
        elif isinstance(item, Scenario):
            wanted = option_score if option_score is not None else 3
            responses[item.id] = next(o.id for o in item.options if o.score == wanted)
    return Answers(bank_version=1, form=form, responses=responses)  # type: ignore[arg-type]


def test_pomp_endpoints_and_rounding() -> None:
    """1 → 0, 5 → 100, 3 → 50, halves round up."""
    assert to_pomp(1.0) == 0
    assert to_pomp(5.0) == 100
    assert to_pomp(3.0) == 50
    assert to_pomp(1.02) == 1  # 0.5 rounds up
    assert to_pomp(1.0199) == 0


def test_reversed_items_count_six_minus_x(bank: Bank) -> None:
    """A reversed statement answered 5 counts as 1, and 2 counts as 4."""
    minus = next(i for i in bank.likert if i.keying == "minus")
    plus = next(i for i in bank.likert if i.keying == "plus")
    assert item_value(minus, 5) == 1.0
    assert item_value(minus, 2) == 4.0
    assert item_value(plus, 2) == 2.0


def test_scenario_scores_map_onto_the_likert_scale(bank: Bank) -> None:
    """Option score 0 → 1, 3 → 5, 2 → 3.67 on the 1–5 scale."""
    scenario = bank.scenarios[0]
    by_score = {o.score: o.id for o in scenario.options}
    assert item_value(scenario, by_score[0]) == 1.0
    assert item_value(scenario, by_score[3]) == 5.0
    assert round(item_value(scenario, by_score[2]), 2) == 3.67


def test_agreeing_with_everything_scores_in_the_middle(bank: Bank) -> None:
    """All 5s: plus items count 5 and minus items 1, so no dimension reaches 100."""
    scores = score_answers(_full(bank, 5, "short"), bank)
    for score in scores:
        items = bank.form_items_of("short", score.dimension)
        plus = sum(isinstance(i, LikertItem) and i.keying == "plus" for i in items)
        expected = to_pomp((plus * 5 + (len(items) - plus) * 1) / len(items))
        assert score.score == expected
        assert score.score < 100


def test_best_possible_answers_score_100(bank: Bank) -> None:
    """Plus items 5, minus items 1, best scenario options: every dimension is 100."""
    responses: dict[str, int | str] = {}
    for item in bank.form_items("full"):
        if isinstance(item, LikertItem):
            responses[item.id] = 5 if item.keying == "plus" else 1
        elif isinstance(item, Scenario):
            responses[item.id] = next(o.id for o in item.options if o.score == 3)
    scores = score_answers(Answers(bank_version=1, form="full", responses=responses), bank)
    assert [s.score for s in scores] == [100] * len(bank.dimensions)
    assert all(s.answered == s.total for s in scores)


def test_fewer_than_half_answered_is_not_scored(bank: Bank) -> None:
    """A dimension with under half of its form items answered reports None, at half it scores."""
    dimension = bank.dimension_ids[0]
    items = bank.form_items_of("full", dimension)
    half = math.ceil(len(items) * MIN_ANSWERED_SHARE)

    def answered(count: int) -> Answers:
        chosen = [i for i in items if isinstance(i, LikertItem)][: int(count)]
        return Answers(bank_version=1, form="full", responses={i.id: 4 for i in chosen})

    below = score_answers(answered(half - 1), bank)[0]
    at = score_answers(answered(half), bank)[0]
    assert below.dimension == dimension
    assert below.score is None
    assert below.answered == half - 1
    assert at.score is not None
    assert at.answered == half


def test_nothing_answered_scores_nothing(bank: Bank) -> None:
    """Empty answers give no score anywhere, and never a zero."""
    scores = score_answers(Answers(bank_version=1, form="short"), bank)
    assert all(s.score is None and s.answered == 0 for s in scores)


@given(answers())
def test_property_scores_stay_within_0_and_100(given_answers: Answers) -> None:
    """Whatever is answered, scores are None or within 0–100."""
    from assessment.bank.load import load_bank

    for score in score_answers(given_answers, load_bank(1)):
        assert score.score is None or 0 <= score.score <= 100
        assert 0 <= score.answered <= score.total


@given(answers(complete=True), st.data())
def test_property_raising_an_answer_moves_the_score_with_its_keying(
    given_answers: Answers, data: st.DataObject
) -> None:
    """Raising a plus statement never lowers its dimension; raising a minus one never raises it."""
    from assessment.bank.load import load_bank

    bank = load_bank(1)
    statements = [i for i in bank.form_items(given_answers.form) if isinstance(i, LikertItem)]
    item = data.draw(st.sampled_from(statements))
    current = int(given_answers.responses[item.id])
    higher = data.draw(st.integers(min_value=current, max_value=5))
    raised = given_answers.model_copy(
        update={"responses": {**given_answers.responses, item.id: higher}}
    )
    index = bank.dimension_ids.index(item.dimension)
    before = score_answers(given_answers, bank)[index].score
    after = score_answers(raised, bank)[index].score
    assert before is not None
    assert after is not None
    if item.keying == "plus":
        assert after >= before
    else:
        assert after <= before


@given(answers(), st.randoms())
def test_property_order_of_answers_does_not_matter(given_answers: Answers, rnd: object) -> None:
    """Scores depend on what was answered, not on the order the answers are listed in."""
    from assessment.bank.load import load_bank

    items = list(given_answers.responses.items())
    rnd.shuffle(items)  # type: ignore[attr-defined]
    shuffled = given_answers.model_copy(update={"responses": dict(items)})
    assert score_answers(shuffled, load_bank(1)) == score_answers(given_answers, load_bank(1))


def test_scenario_best_option_raises_the_dimension(bank: Bank) -> None:
    """Choosing the best rather than the worst option raises its dimension's score."""
    worst = _full(bank, 3, "full", option_score=0)
    best = _full(bank, 3, "full", option_score=3)
    for low, high in zip(score_answers(worst, bank), score_answers(best, bank), strict=True):
        assert low.score is not None
        assert high.score is not None
        assert high.score > low.score
    assert all(isinstance(s, Scenario) for s in bank.scenarios)
