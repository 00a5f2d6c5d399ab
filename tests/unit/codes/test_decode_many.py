"""The batch decoder (decode_answers_many) accepts exactly the codes decode_code accepts, with
equal answers, and parse_codes gives the same answers and refusals with it as without it."""

from __future__ import annotations

import base64
import random
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.bank.load import load_bank
from assessment.codes import share
from assessment.codes.links import share_link
from assessment.codes.share import (
    MAX_PAGE,
    CodeKind,
    decode_answers_many,
    decode_code,
    encode_code,
    response_digits,
)
from assessment.engine.answers import Answers
from assessment.errors import CodeError
from assessment.group import overview
from assessment.group.overview import InvalidLine, parse_codes
from tests.strategies import released_answers


def _code(draw: st.DrawFn, answers: Answers) -> str:
    """Return a share or progress code of answers (with a page, and "seen" where allowed)."""
    kind: CodeKind = draw(st.sampled_from(("result", "progress")))
    page = draw(st.integers(min_value=0, max_value=MAX_PAGE)) if kind == "progress" else 0
    seen = (
        kind == "progress"
        and load_bank(answers.bank_version).rules.retake_marks
        and draw(st.booleans())
    )
    return encode_code(answers, kind, page, seen=seen)


@st.composite
def codes(draw: st.DrawFn) -> str:
    """Return a valid code of any released bank."""
    return _code(draw, draw(released_answers()))


def _decoded(code: str) -> Answers | None:
    try:
        return decode_code(code).answers
    except CodeError:
        return None


@settings(max_examples=150)
@given(batch=st.lists(codes(), min_size=1, max_size=10))
def test_batch_decodes_every_valid_code_as_decode_code(batch: list[str]) -> None:
    """Valid codes of every bank, both kinds, both forms, extended or not: the same answers
    (equal fields, the same fields set) and response digits that are response_digits'."""
    found = decode_answers_many(batch)
    for code, fast in zip(batch, found, strict=True):
        assert fast is not None
        expected = decode_code(code).answers
        assert fast[0] == expected
        assert fast[0].model_fields_set == expected.model_fields_set
        assert list(fast[0].responses.items()) == list(expected.responses.items())
        assert fast[1] == response_digits(expected)


def _mutations(code: str, rng: random.Random) -> list[str]:
    """Return broken and odd variants of a code: a character changed, cut off, lengthened,
    stray bits in the last character, the header of another format or version."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    position = rng.randrange(len(code))
    changed = code[:position] + rng.choice(alphabet) + code[position + 1 :]
    raw = bytearray(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))
    headers = []
    for index, value in ((0, rng.randrange(8)), (1, rng.randrange(6)), (2, rng.randrange(256))):
        edited = bytearray(raw)
        edited[index] = value
        headers.append(base64.urlsafe_b64encode(bytes(edited)).decode().rstrip("="))
    last = alphabet.index(code[-1])
    stray = code[:-1] + alphabet[last ^ 1]
    return [
        changed,
        code[: rng.randrange(len(code))],
        code + rng.choice(alphabet),
        code + "AAAA",
        stray,
        *headers,
        " " + code + " ",
        code.lower(),
        "",
    ]


@settings(max_examples=150)
@given(code=codes(), seed=st.integers(min_value=0, max_value=2**32))
def test_batch_refuses_what_decode_code_refuses(code: str, seed: int) -> None:
    """Any variant of a code: the batch reads it only when decode_code accepts it, and then
    as decode_code reads it (a refused code is left to decode_code, which names the reason)."""
    variants = _mutations(code, random.Random(seed))  # noqa: S311 - test data
    for variant, fast in zip(variants, decode_answers_many(variants), strict=True):
        expected = _decoded(variant)
        if fast is None:
            continue
        assert expected is not None, variant
        assert fast[0] == expected


def test_extended_code_without_extra_answers_is_left_to_decode_code() -> None:
    """A short-form code in the extended layout whose extra answers are all empty is not the
    code this product writes: decode_code refuses it as not canonical, the batch leaves it."""
    bank = load_bank(3)
    answers = Answers(bank_version=3, form="short", responses={})
    *_, size = share._layout(bank, "short", extended=True)
    body = bytes([share.CODE_FORMAT_V2, 3, 0]) + (0).to_bytes(size, "big")
    body += zlib.crc32(body).to_bytes(4, "big")
    text = base64.urlsafe_b64encode(body).decode().rstrip("=")
    assert len(text) != len(encode_code(answers))
    with pytest.raises(CodeError) as refused:
        decode_code(text)
    assert refused.value.key == "code.not_canonical"
    assert decode_answers_many([text]) == [None]


@settings(max_examples=100)
@given(first=released_answers(), second=released_answers())
def test_response_digits_are_equal_exactly_when_responses_are(
    first: Answers, second: Answers
) -> None:
    """The duplicate key: the same bank and form, equal digits ⇔ equal responses (whatever the
    language, setting, background or retake marks)."""
    same_form = (first.bank_version, first.form) == (second.bank_version, second.form)
    if same_form:
        equal = response_digits(first) == response_digits(second)
        assert equal == (first.responses == second.responses)
    twin = first.model_copy(
        update={"language": "en" if first.language == "de" else "de", "revised": ()}
    )
    assert response_digits(twin) == response_digits(first)


@st.composite
def pasted_lines(draw: st.DrawFn) -> str:
    """Return pasted group input: codes of mixed versions, links, CSV rows, text around a code,
    broken codes, duplicates (the same code, or the same answers in another language), peer-like
    and header lines, blank lines."""
    people = draw(st.lists(released_answers(), min_size=1, max_size=6))
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))  # noqa: S311
    valid = [_code(draw, person) for person in people]
    english = [
        encode_code(person.model_copy(update={"language": "en"}), "result") for person in people
    ]
    lines = []
    for code in valid:
        shape = rng.randrange(7)
        if shape == 0:
            lines.append(share_link("https://selbstcheck.example/", code))
        elif shape == 1:
            lines.append(f"Teilnehmer {rng.randrange(99)};{code};ok")
        elif shape == 2:
            lines.append(f"Code von Frau Beispiel: {code} (per Mail)")
        elif shape == 3:
            lines.append(rng.choice(_mutations(code, rng)))
        else:
            lines.append(code)
    lines += rng.sample(valid + english, k=min(3, len(valid)))
    lines += ["", "Name;Code", "x" * 30, "AQEB" + "A" * 20, "?r=", "https://x.example/?p=AQ"]
    rng.shuffle(lines)
    return "\n".join(lines)


def _invalid_key(line: InvalidLine) -> tuple[int, str, str, tuple[tuple[str, int | str], ...]]:
    return line.line, line.text, line.key, line.params


@settings(max_examples=120)
@given(text=pasted_lines())
def test_parse_codes_gives_the_same_answers_and_refusals(text: str) -> None:
    """parse_codes with the batch decoder equals parse_codes with decode_code alone: the same
    people in the same order, the same skipped lines with the same reasons and messages."""
    found, invalid = parse_codes(text)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(overview, "decode_answers_many", lambda codes, root: [None] * len(codes))
        slow_found, slow_invalid = parse_codes(text)
    assert found == slow_found
    assert [_invalid_key(line) for line in invalid] == [_invalid_key(line) for line in slow_invalid]
    assert [line.message("de") for line in invalid] == [line.message("de") for line in slow_invalid]
