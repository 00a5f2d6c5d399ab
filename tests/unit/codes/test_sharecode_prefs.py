"""Share and progress codes carry the working-conditions answers (bank v3, issue 21) exactly;
codes of banks without the block keep their layout (their pinned tests stay as they are)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, FormId
from assessment.codes.share import (
    MAX_CODE_LENGTH,
    MAX_PAGE,
    decode_code,
    encode_progress_code,
    encode_share_code,
    preference_items,
)
from assessment.engine.answers import Answers, check_answers
from assessment.engine.result import build_result
from assessment.errors import AnswersError
from tests.unit.codes.test_sharecode_v3 import v3_answers

V3 = load_bank(3)
PREFS = preference_items(V3)


@st.composite
def with_preferences(draw: st.DrawFn) -> Answers:
    """Valid v3 answers plus any subset of the working conditions answered 1–3."""
    answers = draw(v3_answers())
    wishes = draw(
        st.fixed_dictionaries(
            {}, optional={item.id: st.integers(min_value=1, max_value=3) for item in PREFS}
        )
    )
    return answers.model_copy(update={"responses": {**answers.responses, **wishes}})


@given(with_preferences(), st.integers(min_value=0, max_value=MAX_PAGE))
def test_property_codes_round_trip_preference_answers(answers: Answers, page: int) -> None:
    """Every share and progress code decodes to exactly its answers, preferences included,
    and the setting fit read back is the same."""
    check_answers(answers, V3)
    decoded = decode_code(encode_share_code(answers)).answers
    assert decoded == answers
    assert decode_code(encode_progress_code(answers, page)).answers == answers
    assert build_result(decoded, V3).fit == build_result(answers, V3).fit


@pytest.mark.parametrize("form", FORM_IDS)
def test_a_complete_code_with_preferences_still_fits_a_link(form: FormId) -> None:
    """Every item and every preference answered, the last page: still half the code limit."""
    responses: dict[str, int | str] = {item.id: 3 for item in PREFS}
    answers = Answers(bank_version=3, form=form, responses=responses)
    code = encode_progress_code(answers, MAX_PAGE)
    assert len(code) <= MAX_CODE_LENGTH // 2
    assert decode_code(code).answers == answers


def test_preference_answers_change_the_code() -> None:
    """Two answers differing only in one preference give different codes."""
    one = Answers(bank_version=3, form="short", responses={"pref_ot": 1})
    other = Answers(bank_version=3, form="short", responses={"pref_ot": 3})
    assert encode_share_code(one) != encode_share_code(other)


def test_only_banks_with_the_block_carry_preferences() -> None:
    """v1 and v2 have no preference items to code; a preference answer to them is refused."""
    assert preference_items(load_bank(1)) == () == preference_items(load_bank(2))
    with pytest.raises(AnswersError):
        check_answers(Answers(bank_version=2, form="short", responses={"pref_ot": 1}), load_bank(2))


@pytest.mark.parametrize("value", [4, 5, "a", "na"])
def test_a_preference_answer_outside_one_to_three_is_refused(value: int | str) -> None:
    """Only 1, 2 and 3 are answers to a working condition; the message names the item."""
    answers = Answers(bank_version=3, form="full", responses={"pref_ot": value})
    with pytest.raises(AnswersError) as raised:
        check_answers(answers, V3)
    assert "pref_ot" in raised.value.message("de")
    assert "Daran würde ich mich reiben" in raised.value.message("de")
