"""The frequency scale (rules 4): never, once, 2–3 times, more often stored as 1–4 and scored
0, 33, 67, 100 on the self view; "no occasion" (UNSURE) offered on every frequency statement and
never scored; answers files refuse 5 on a frequency statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.bank.load import read_bank
from assessment.bank.models import UNSURE, Bank, LikertItem, Text, answer_values, offers_unsure
from assessment.engine.answers import Answers, check_answers
from assessment.engine.scoring import item_value, score_answers, value_table
from assessment.errors import AnswersError
from tests.frequencybank import FIXTURE_VERSION, PLAIN_FREQUENCY, frequency_bank


def _statement(keying: str) -> LikertItem:
    return LikertItem.model_validate(
        {
            "id": f"x_{keying}",
            "dimension": "crisis",
            "text": Text(de="Wie oft?", en="How often?"),
            "keying": keying,
            "scale": "frequency",
        }
    )


@pytest.fixture(scope="module")
def fbank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    root: Path = tmp_path_factory.mktemp("frequency") / "questions"
    return read_bank(frequency_bank(root))


def test_four_steps_spread_evenly_over_the_scale() -> None:
    """Plus: 1 → 1, 2 → 2⅓, 3 → 3⅔, 4 → 5 on the 1–5 scale (0, 33, 67, 100 points); minus
    reverses the four steps (4 → 1), never the five (4 would count 2 as on the agree scale)."""
    plus, minus = _statement("plus"), _statement("minus")
    assert [round(item_value(plus, v), 4) for v in (1, 2, 3, 4)] == [1.0, 2.3333, 3.6667, 5.0]
    assert [round(item_value(minus, v), 4) for v in (1, 2, 3, 4)] == [5.0, 3.6667, 2.3333, 1.0]
    assert value_table(plus).keys() == {1, 2, 3, 4}
    assert UNSURE not in value_table(minus)
    assert answer_values(plus) == (1, 2, 3, 4)
    assert offers_unsure(plus)


def test_a_statement_without_scale_keeps_agreement() -> None:
    """The default scale is agreement: 1–5, and no "can't judge yet" without presumes."""
    item = _statement("plus").model_copy(update={"scale": "agree"})
    assert answer_values(item) == (1, 2, 3, 4, 5)
    assert item_value(item, 4) == 4.0
    assert not offers_unsure(item)


def _self_view(bank: Bank, responses: dict[str, int | str], dimension: str) -> int | None:
    answers = Answers(bank_version=bank.version, form="full", responses=responses)
    check_answers(answers, bank)
    score = next(s for s in score_answers(answers, bank) if s.dimension == dimension)
    view = score.view("self")
    assert view is not None
    return view.score


def test_self_view_reads_frequency_steps_as_thirds(fbank: Bank) -> None:
    """A demand whose statements are all answered at the top but its frequency statement 'once'
    scores the mean of 100, 100, …, 33 on its self view."""
    statements = [i for i in fbank.form_items_of("full", "learning") if isinstance(i, LikertItem)]
    responses: dict[str, int | str] = {}
    expected: list[float] = []
    for item in statements:
        if item.scale == "frequency":
            responses[item.id] = 2 if item.keying == "plus" else 3  # "once" keyed: 2⅓
            expected.append(100 / 3)
        else:
            responses[item.id] = 5 if item.keying == "plus" else 1
            expected.append(100.0)
    assert any(i.scale == "frequency" for i in statements)
    assert _self_view(fbank, responses, "learning") == round(sum(expected) / len(expected))


def test_no_occasion_is_never_scored(fbank: Bank) -> None:
    """'No occasion' on a frequency statement neither lowers nor raises the self view: it equals
    the score without that answer, and counts as an unsure answer."""
    statements = [i for i in fbank.form_items_of("full", "learning") if isinstance(i, LikertItem)]
    base: dict[str, int | str] = {
        i.id: (3 if i.scale == "frequency" else 4) for i in statements if i.id != PLAIN_FREQUENCY
    }
    without = _self_view(fbank, base, "learning")
    with_no_occasion = _self_view(fbank, {**base, PLAIN_FREQUENCY: UNSURE}, "learning")
    assert with_no_occasion == without
    answers = Answers(
        bank_version=fbank.version, form="full", responses={**base, PLAIN_FREQUENCY: UNSURE}
    )
    learning = next(s for s in score_answers(answers, fbank) if s.dimension == "learning")
    view = learning.view("self")
    assert view is not None
    assert view.unsure == 1
    assert view.answered == len(statements)


def test_answers_refuse_five_and_take_no_occasion_without_presumes(fbank: Bank) -> None:
    """An answers file may give a frequency statement 1–4 or "na" (even where it presumes
    nothing), never 5; an agreement statement without presumes still refuses "na"."""
    item = fbank.item(PLAIN_FREQUENCY)
    assert isinstance(item, LikertItem)
    assert item.presumes is None
    for value in (1, 4, UNSURE):
        answers = Answers(bank_version=FIXTURE_VERSION, form="full", responses={item.id: value})
        assert check_answers(answers, fbank) is answers
    five = Answers(bank_version=FIXTURE_VERSION, form="full", responses={item.id: 5})
    with pytest.raises(AnswersError) as refused:
        check_answers(five, fbank)
    assert refused.value.key == "frequency.answers_value"
    assert "1 bis 4" in refused.value.message("de")
    assert "no occasion" in refused.value.message("en")
    plain = next(
        i for i in fbank.likert if i.scale == "agree" and i.presumes is None and i.id != item.id
    )
    na = Answers(bank_version=FIXTURE_VERSION, form="full", responses={plain.id: UNSURE})
    with pytest.raises(AnswersError, match="can't judge yet"):
        check_answers(na, fbank)
