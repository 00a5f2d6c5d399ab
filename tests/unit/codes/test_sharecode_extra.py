"""Codes carrying extra answers (rules 3, `extra_questions`): a v3 short-form code with answers to
the full form's remaining items round-trips exactly; codes without any, and every v1/v2 code,
keep their layout."""

from __future__ import annotations

import base64
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.bank.load import load_bank
from assessment.bank.models import SCENARIO_OPTION_IDS, UNSURE, KnowledgeItem, Scenario
from assessment.codes.share import (
    MAX_CODE_LENGTH,
    MAX_PAGE,
    DecodedCode,
    decode_code,
    encode_progress_code,
    encode_share_code,
)
from assessment.engine.answers import Answers, extra_answered, extra_candidates
from assessment.errors import AnswersError, CodeError
from tests.strategies import five_point_or_unsure
from tests.unit.codes.test_sharecode_v3 import v3_answers

V3 = load_bank(3)
CANDIDATES = extra_candidates(V3, "short")


@st.composite
def with_extra(draw: st.DrawFn) -> Answers:
    """Return valid short-form v3 answers plus at least one extra answer (any value its kind
    allows, knowledge "na" included)."""
    answers = draw(v3_answers(form="short"))
    fields = {
        item.id: (
            st.sampled_from(SCENARIO_OPTION_IDS)
            if isinstance(item, Scenario)
            else st.sampled_from((*SCENARIO_OPTION_IDS, UNSURE))
            if isinstance(item, KnowledgeItem)
            else five_point_or_unsure(item)
        )
        for item in CANDIDATES
    }
    extra = draw(st.fixed_dictionaries({}, optional=fields).filter(bool))
    return answers.model_copy(update={"responses": {**answers.responses, **extra}})


@settings(max_examples=150, deadline=None)
@given(with_extra(), st.integers(min_value=0, max_value=MAX_PAGE), st.booleans())
def test_property_codes_with_extra_answers_decode_to_exactly_those_answers(
    answers: Answers, page: int, seen: bool
) -> None:
    """Share and progress codes give back the short form's and the extra answers, the marks,
    the page and the seen bit, and fit a link."""
    share = encode_share_code(answers)
    assert decode_code(share) == DecodedCode(kind="result", answers=answers)
    progress = encode_progress_code(answers, page, seen=seen)
    assert decode_code(progress) == DecodedCode(
        kind="progress", answers=answers, page=page, seen=seen
    )
    assert len(progress) <= MAX_CODE_LENGTH // 2
    assert extra_answered(decode_code(share).answers, V3)


@settings(max_examples=60, deadline=None)
@given(v3_answers(form="short"))
def test_property_a_short_code_without_extra_answers_keeps_the_plain_layout(
    answers: Answers,
) -> None:
    """Without extra answers the code is as long as every short-form code; one extra answer
    makes it longer (the length tells the layouts apart)."""
    plain = encode_share_code(answers)
    assert len(plain) == len(encode_share_code(Answers(bank_version=3, form="short")))
    first = CANDIDATES[0]
    value: int | str = "a" if isinstance(first, Scenario | KnowledgeItem) else 3
    extended = encode_share_code(
        answers.model_copy(update={"responses": {**answers.responses, first.id: value}})
    )
    assert len(extended) > len(plain)


def test_an_extended_code_without_extra_answers_is_refused_as_altered() -> None:
    """The extended layout with no extra digit set is not a code this product writes."""
    answers = Answers(bank_version=3, form="short", responses={CANDIDATES[0].id: 2})
    code = encode_share_code(answers)
    assert decode_code(code).answers == answers
    # Rebuild the same bytes with the extra digit cleared: right length, valid checksum.
    raw = bytearray(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))
    body = bytes(raw[:-4])
    head, number = body[:3], int.from_bytes(body[3:], "big")
    assert number  # the extra answer is a digit above the short form's items
    cleared = head + bytes(len(body) - 3)
    forged = base64.urlsafe_b64encode(cleared + zlib.crc32(cleared).to_bytes(4, "big"))
    with pytest.raises(CodeError) as raised:
        decode_code(forged.decode().rstrip("="))
    assert raised.value.key == "code.not_canonical"


@pytest.mark.parametrize("version", [1, 2])
def test_released_banks_take_no_extra_answers(version: int) -> None:
    """v1 and v2 short-form answers refuse a full-form item as before (no extended layout)."""
    bank = load_bank(version)
    short = bank.index.form_item_ids["short"]
    outside = next(item for item in bank.form_items("full") if item.id not in short)
    answers = Answers(
        bank_version=version,
        form="short",
        background="changer" if bank.rules.has_background else None,
        responses={outside.id: "a" if isinstance(outside, Scenario) else 3},
    )
    with pytest.raises(AnswersError) as raised:
        encode_share_code(answers)
    assert raised.value.key == "answers.not_in_form"
