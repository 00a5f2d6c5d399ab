"""Share and progress codes of bank v3 (rules 3): knowledge answers and retake marks, exactly."""

from __future__ import annotations

import base64
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.bank.load import load_bank
from assessment.bank.models import (
    FORM_IDS,
    PROFILE_IDS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    FormId,
    KnowledgeItem,
    Scenario,
)
from assessment.codes.links import code_from_text, share_link
from assessment.codes.share import (
    MAX_CODE_LENGTH,
    MAX_PAGE,
    DecodedCode,
    decode_code,
    encode_progress_code,
    encode_share_code,
    markable,
)
from assessment.engine.answers import Answers, check_answers
from assessment.errors import AnswersError, CodeError
from assessment.i18n import LANGUAGES
from assessment.messages import msg
from tests.strategies import five_point_or_unsure

V3 = load_bank(3)


@st.composite
def v3_answers(draw: st.DrawFn, form: FormId | None = None) -> Answers:
    """Return valid Answers to bank v3: any item answered or left out (knowledge a–d or "na"),
    and any set of the form's scenarios and knowledge items marked as revised."""
    chosen: FormId = form if form is not None else draw(st.sampled_from(FORM_IDS))
    items = V3.form_items(chosen)
    fields = {
        item.id: (
            st.sampled_from(SCENARIO_OPTION_IDS)
            if isinstance(item, Scenario)
            else st.sampled_from((*SCENARIO_OPTION_IDS, UNSURE))
            if isinstance(item, KnowledgeItem)
            else five_point_or_unsure(item)
        )
        for item in items
    }
    marked = [item.id for item in items if markable(item)]
    return Answers(
        bank_version=3,
        form=chosen,
        profile=draw(st.sampled_from(PROFILE_IDS)),
        language=draw(st.sampled_from(LANGUAGES)),
        background=draw(st.sampled_from((None, *V3.backgrounds))),
        responses=draw(st.fixed_dictionaries({}, optional=fields)),
        revised=tuple(draw(st.lists(st.sampled_from(marked), unique=True, max_size=len(marked)))),
    )


def _complete(form: FormId, knowledge: str = "b", revised: bool = True) -> Answers:
    items = V3.form_items(form)
    responses: dict[str, int | str] = {}
    for index, item in enumerate(items):
        if isinstance(item, Scenario):
            responses[item.id] = "abcd"[index % 4]
        elif isinstance(item, KnowledgeItem):
            responses[item.id] = knowledge
        else:
            responses[item.id] = index % 5 + 1
    return Answers(
        bank_version=3,
        form=form,
        profile="public",
        language="en",
        background="changer",
        responses=responses,
        revised=tuple(item.id for item in items if markable(item)) if revised else (),
    )


@settings(max_examples=150, deadline=None)
@given(v3_answers(), st.integers(min_value=0, max_value=MAX_PAGE), st.booleans())
def test_property_every_v3_code_decodes_to_its_answers_and_marks(
    answers: Answers, page: int, seen: bool
) -> None:
    """Share and progress codes give back exactly the answers, knowledge answers ("na" included),
    the revised marks, the page and whether the rationales had been shown."""
    share = decode_code(encode_share_code(answers))
    assert share == DecodedCode(kind="result", answers=answers)
    progress = decode_code(encode_progress_code(answers, page, seen=seen))
    assert progress == DecodedCode(kind="progress", answers=answers, page=page, seen=seen)
    link = share_link("https://selbstcheck.example/", encode_share_code(answers))
    assert decode_code(code_from_text(link)).answers == answers


@pytest.mark.parametrize("form", FORM_IDS)
@pytest.mark.parametrize("knowledge", [*SCENARIO_OPTION_IDS, UNSURE])
def test_complete_v3_codes_with_every_mark_fit_a_link(form: FormId, knowledge: str) -> None:
    """The longest v3 codes (every item answered, every scenario and knowledge item marked, the
    last page) stay well under the length a code may have, and keep every answer."""
    answers = _complete(form, knowledge)
    code = encode_progress_code(answers, MAX_PAGE, seen=True)
    assert len(code) <= MAX_CODE_LENGTH // 2
    assert decode_code(code).answers == answers
    assert {answers.responses[k.id] for k in V3.knowledge if k.id in answers.responses} == {
        knowledge
    }


def test_marks_change_the_code_and_nothing_else() -> None:
    """A code with marks differs from the same answers without; the answers are the same."""
    marked, plain = _complete("short"), _complete("short", revised=False)
    assert encode_share_code(marked) != encode_share_code(plain)
    assert decode_code(encode_share_code(marked)).answers.responses == plain.responses
    assert decode_code(encode_share_code(plain)).answers.revised == ()


def test_revised_ids_are_kept_once_and_sorted() -> None:
    """One set of marks has one form, so one code (the group view's duplicate check)."""
    scenario, knowledge = V3.scenarios[0].id, V3.knowledge[0].id
    one = Answers(bank_version=3, form="full", revised=(knowledge, scenario, knowledge))
    assert one.revised == tuple(sorted({scenario, knowledge}))


def test_marks_only_for_scenarios_and_knowledge_items_of_the_form() -> None:
    """A statement, or an item of the full form on the short form, cannot be marked."""
    statement = next(i for i in V3.form_items("short") if not markable(i))
    only_full = next(
        i for i in V3.form_items("full") if markable(i) and i not in V3.form_items("short")
    )
    for item_id in (statement.id, only_full.id, "nonsense"):
        with pytest.raises(AnswersError) as caught:
            check_answers(Answers(bank_version=3, form="short", revised=(item_id,)), V3)
        assert caught.value.key == "answers.revised_item"


@pytest.mark.parametrize("version", [1, 2])
def test_released_banks_carry_no_marks(version: int) -> None:
    """Bank v1 and v2 codes never carry marks: answers with marks are refused with a sentence."""
    bank = load_bank(version)
    scenario = next(i for i in bank.form_items("full") if isinstance(i, Scenario))
    answers = Answers(
        bank_version=version,
        form="full",
        background="starter" if version == 2 else None,
        revised=(scenario.id,),
    )
    with pytest.raises(AnswersError) as caught:
        encode_share_code(answers)
    assert caught.value.key == "answers.revised_not_kept"
    for lang in LANGUAGES:
        assert "revised" in msg(caught.value.key, lang, **caught.value.params)
    with pytest.raises(ValueError, match="seen"):
        encode_progress_code(answers.model_copy(update={"revised": ()}), 1, seen=True)


def _with_flags(code: str, set_bits: int) -> str:
    raw = bytearray(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))
    raw[2] |= set_bits
    body = bytes(raw[:-4])
    return base64.urlsafe_b64encode(body + zlib.crc32(body).to_bytes(4, "big")).decode().rstrip("=")


@pytest.mark.parametrize("version", [2, 3])
def test_the_seen_bit_only_on_a_v3_progress_code(version: int) -> None:
    """The 'rationales shown' bit is read on a v3 progress code only; on a v2 code or a share code
    it makes the text no code of ours (with a sentence in both languages), never a v2 change."""
    answers = Answers(bank_version=version, form="short", background="experienced")
    progress = encode_progress_code(answers, 2)
    share = encode_share_code(answers)
    if version == 3:
        assert decode_code(_with_flags(progress, 0x80)).seen
    else:
        with pytest.raises(CodeError) as caught:
            decode_code(_with_flags(progress, 0x80))
        assert caught.value.key == "code.not_a_code"
    with pytest.raises(CodeError) as caught:
        decode_code(_with_flags(share, 0x80))
    assert caught.value.key == "code.not_a_code"
    assert msg("code.not_a_code", "de") != msg("code.not_a_code", "en")


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
def test_property_damaged_v3_codes_raise_code_error(noise: str) -> None:
    """A v3 code cut off, lengthened or altered is refused with a CodeError, never another error."""
    code = encode_progress_code(_complete("full"), 12, seen=True)
    for text in (code[: len(noise) % len(code)], code + noise, noise + code[len(noise) :]):
        try:
            decoded = decode_code(text)
        except CodeError:
            continue
        assert encode_progress_code(decoded.answers, decoded.page, seen=decoded.seen) == text


def test_oversized_v3_input_is_refused_in_both_languages() -> None:
    """Too long for any code: refused before decoding, with the limit in both languages."""
    code = encode_share_code(_complete("full")) * 3
    with pytest.raises(CodeError) as caught:
        decode_code(code)
    assert caught.value.key == "code.too_long"
    assert str(MAX_CODE_LENGTH) in msg("code.too_long", "de", **caught.value.params)
    assert str(MAX_CODE_LENGTH) in msg("code.too_long", "en", **caught.value.params)
