"""Share and progress codes: compact, checksummed, round-tripping; bad codes raise CodeError."""

from __future__ import annotations

import base64
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.bank.models import Bank, FormId, LikertItem
from assessment.codes.links import code_from_text, share_link
from assessment.codes.share import (
    MAX_CODE_LENGTH,
    decode_code,
    encode_progress_code,
    encode_share_code,
)
from assessment.engine.answers import Answers
from assessment.errors import CodeError
from tests.strategies import answers

FULL_FORM_LIMIT = 80


def _complete(bank: Bank, form: FormId = "full") -> Answers:
    responses: dict[str, int | str] = {}
    for index, item in enumerate(bank.form_items(form)):
        responses[item.id] = index % 5 + 1 if isinstance(item, LikertItem) else "abcd"[index % 4]
    return Answers(
        bank_version=1,
        form=form,
        profile="industry",
        language="en",
        responses=responses,
    )


def test_full_form_code_is_short_and_url_safe(bank: Bank) -> None:
    """A complete full-form code has at most 80 URL-safe characters."""
    code = encode_share_code(_complete(bank))
    assert len(code) <= FULL_FORM_LIMIT
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_round_trip_keeps_everything(bank: Bank) -> None:
    """Decoding gives back the same answers, setting, form and language."""
    original = _complete(bank)
    decoded = decode_code(encode_share_code(original))
    assert decoded.kind == "result"
    assert decoded.answers == original


def test_progress_code_carries_the_page(bank: Bank) -> None:
    """A progress code remembers the page and is told apart from a share code."""
    original = _complete(bank, "short")
    decoded = decode_code(encode_progress_code(original, page=3))
    assert (decoded.kind, decoded.page) == ("progress", 3)
    assert decoded.answers == original


def test_page_timings_are_not_in_the_code(bank: Bank) -> None:
    """Timings stay in the session; the code carries answers only."""
    from assessment.engine.answers import PageTiming

    timed = _complete(bank, "short").model_copy(
        update={"page_seconds": (PageTiming(items=7, seconds=30),)}
    )
    assert decode_code(encode_share_code(timed)).answers.page_seconds == ()


@given(answers())
def test_property_every_code_decodes_to_its_answers(given_answers: Answers) -> None:
    """Every code that encode makes decodes to the same answers."""
    assert decode_code(encode_share_code(given_answers)).answers == given_answers


@given(st.text(max_size=300))
def test_property_any_string_decodes_or_raises_code_error(text: str) -> None:
    """Any other string either decodes to valid answers or raises the typed error."""
    try:
        decoded = decode_code(text)
    except CodeError as error:
        caught: CodeError | None = error
    else:
        caught = None
        assert decoded.answers.bank_version == 1
    if caught is not None:
        assert caught.message("de") != caught.message("en")


@given(answers(), st.data())
def test_property_edited_codes_are_caught(given_answers: Answers, data: st.DataObject) -> None:
    """Changing one character of a code is refused (or, rarely, is another valid code)."""
    code = encode_share_code(given_answers)
    position = data.draw(st.integers(min_value=0, max_value=len(code) - 1))
    replacement = data.draw(st.sampled_from("AQgw-_09"))
    edited = code[:position] + replacement + code[position + 1 :]
    if edited == code:
        return
    try:
        decode_code(edited)
    except CodeError:
        return
    # base64's last character has spare bits: a change there may leave the bytes equal
    assert base64.urlsafe_b64decode(edited + "==") == base64.urlsafe_b64decode(code + "==")


def _raw(bank: Bank, mutate: object) -> str:
    data = bytearray(base64.urlsafe_b64decode(encode_share_code(_complete(bank)) + "=="))
    mutate(data)  # type: ignore[operator]
    return base64.urlsafe_b64encode(bytes(data)).decode().rstrip("=")


def _rechecksum(data: bytearray) -> bytearray:
    data[-4:] = zlib.crc32(bytes(data[:-4])).to_bytes(4, "big")
    return data


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda b: "", "empty"),
        (lambda b: "   ", "empty"),
        (lambda b: "A" * (MAX_CODE_LENGTH + 1), "too_long"),
        (lambda b: "abc$def", "bad_characters"),
        (lambda b: "<script>alert(1)</script>", "bad_characters"),
        (lambda b: encode_share_code(_complete(b))[:-6], "truncated"),
        (lambda b: encode_share_code(_complete(b))[:5], "truncated"),
        (lambda b: encode_share_code(_complete(b)) + "A", "wrong_length"),
        (lambda b: _raw(b, lambda d: d.__setitem__(9, d[9] ^ 1)), "corrupted"),
        (lambda b: _raw(b, lambda d: (d.__setitem__(1, 7), _rechecksum(d))), "unknown_version"),
        (lambda b: _raw(b, lambda d: (d.__setitem__(0, 9), _rechecksum(d))), "not_a_code"),
        (lambda b: encode_share_code(_complete(b))[:2], "truncated"),
        (lambda b: "A", "truncated"),
        (lambda b: "garbage", "not_a_code"),
        (lambda b: "AAAAAAAA", "not_a_code"),
        (lambda b: "x", "not_a_code"),
        (lambda b: "x7Qp-Zr_93kdLmn", "not_a_code"),
        (lambda b: _raw(b, lambda d: (d.__setitem__(2, d[2] ^ 1), _rechecksum(d))), "wrong_length"),
        (
            lambda b: _raw(b, lambda d: (d.__setitem__(slice(-4, -4), b"\0\0\0"), _rechecksum(d))),
            "wrong_length",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "too-long",
        "bad-char",
        "markup",
        "cut",
        "stub",
        "one-extra",
        "bit-flip",
        "unknown-version",
        "unknown-format",
        "two-chars",
        "one-char",
        "garbage",
        "zeros",
        "foreign-char",
        "random",
        "form-flipped",
        "too-long-body",
    ],
)
def test_bad_codes_raise_typed_errors(bank: Bank, make: object, reason: str) -> None:
    """Each kind of damage is named, in German and English."""
    with pytest.raises(CodeError) as caught:
        decode_code(make(bank))  # type: ignore[operator]
    assert caught.value.reason == reason
    assert caught.value.message("de") != caught.value.message("en")


def test_unknown_version_message_names_the_version(bank: Bank) -> None:
    """The message for an unknown version says which version the code asked for."""
    code = _raw(bank, lambda d: (d.__setitem__(1, 7), _rechecksum(d)))
    with pytest.raises(CodeError) as caught:
        decode_code(code)
    assert "Version 7" in caught.value.message("de")
    assert "version 7" in caught.value.message("en")


def test_links_carry_and_give_back_the_code(bank: Bank) -> None:
    """A share link holds the code as ?r=; pasting the link or the code gives it back."""
    code = encode_share_code(_complete(bank))
    link = share_link("http://localhost:8501/?lang=en#top", code)
    assert link == f"http://localhost:8501/?r={code}"
    assert code_from_text(f"  {link}\n") == code
    assert code_from_text(code) == code
    assert code_from_text(f"https://example.org/?lang=de&p={code}") == code
    with pytest.raises(CodeError) as caught:
        code_from_text("https://example.org/?lang=de")
    assert caught.value.reason == "empty"


B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _same_bytes_variants(code: str) -> list[str]:
    """Return the other strings whose base64 decodes to the same bytes as code (unused bits)."""

    def raw(text: str) -> bytes:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

    return [
        code[:-1] + last
        for last in B64_ALPHABET
        if last != code[-1] and raw(code[:-1] + last) == raw(code)
    ]


@pytest.mark.parametrize("kind", ["result", "progress"])
def test_non_canonical_codes_are_refused(bank: Bank, kind: str) -> None:
    """Strings that differ only in the unused bits of the last character are refused."""
    answers_ = _complete(bank, "short")
    code = encode_share_code(answers_) if kind == "result" else encode_progress_code(answers_, 2)
    variants = _same_bytes_variants(code)
    assert len(variants) in (3, 15)  # 2 or 4 unused bits
    assert decode_code(code).answers == answers_
    for variant in variants:
        with pytest.raises(CodeError) as caught:
            decode_code(variant)
        assert caught.value.reason == "not_canonical"
        assert "verändert" in caught.value.message("de")
        assert "altered" in caught.value.message("en")


def test_the_reported_sixteen_spellings_count_once() -> None:
    """Of the 16 spellings `AQEAEMy2h2v8S_EUqceS0A` … `…S0P` from the attack run, one is read."""
    reasons = []
    for last in B64_ALPHABET[:16]:
        try:
            decode_code(f"AQEAEMy2h2v8S_EUqceS0{last}")
        except CodeError as error:
            reasons.append(error.reason)
        else:
            reasons.append("accepted")
    assert sorted(reasons) == ["accepted"] + ["not_canonical"] * 15
