"""The fourth background (issue 22): bank v3 codes carry all four as a digit of the answers;
the v1 and v2 layouts stay byte for byte as released."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import EXPERIENCE_LEVELS, Experience, FormId
from assessment.codes.share import (
    decode_code,
    encode_progress_code,
    encode_share_code,
)
from assessment.engine.answers import Answers, check_answers
from assessment.errors import AnswersError, CodeError
from tests.banks import _answers

# Codes of main before issue 22 (bank v2, persona "middling", setting "public"): unchanged.
PINNED_V2: dict[tuple[Experience | None, FormId], tuple[str, str]] = {
    (None, "short"): ("AgICBL5YbQ3xscF4Qd_N85kJ52gARb2Dww", "AgISAwS-WG0N8bHBeEHfzfOZCedoALXkFVU"),
    ("starter", "short"): (
        "AgIiBL5YbQ3xscF4Qd_N85kJ52gAYzn11w",
        "AgIyAwS-WG0N8bHBeEHfzfOZCedoAK8YRV4",
    ),
    ("changer", "full"): (
        "AgJDBzJ6UbQaXZh-oDsqILe-ZxnSmCQvOxJvtiJrMvzJ-n53Ps7hzARhhCQ",
        "AgJTAwcyelG0Gl2YfqA7KiC3vmcZ0pgkLzsSb7YiazL8yfp-dz7O4cyA48Gs",
    ),
    ("experienced", "short"): (
        "AgJiBL5YbQ3xscF4Qd_N85kJ52gALjEZ_w",
        "AgJyAwS-WG0N8bHBeEHfzfOZCedoAJrg5Ug",
    ),
}


def test_bank_v3_offers_four_backgrounds_and_v2_its_three() -> None:
    assert load_bank(3).backgrounds == ("starter", "changer", "specialist", "experienced")
    assert load_bank(2).backgrounds == EXPERIENCE_LEVELS
    assert load_bank(1).backgrounds == ()


@pytest.mark.parametrize(("background", "form"), list(PINNED_V2))
def test_v2_codes_stay_byte_identical(background: Experience | None, form: FormId) -> None:
    answers = _answers(load_bank(2), "middling", form, "public", background)
    share, progress = PINNED_V2[background, form]
    assert encode_share_code(answers) == share
    assert encode_progress_code(answers, 3) == progress
    assert decode_code(share).answers.background == background


def test_v1_code_stays_byte_identical() -> None:
    answers = _answers(load_bank(1), "middling", "short", "public", None)
    assert encode_share_code(answers) == "AQECKTdg8pVg4BPkGhf3pg"


@pytest.mark.parametrize("form", ["short", "full"])
@pytest.mark.parametrize("background", [None, "starter", "changer", "specialist", "experienced"])
def test_every_v3_background_round_trips(background: Experience | None, form: FormId) -> None:
    answers = _answers(load_bank(3), "middling", form, "public", background)
    assert decode_code(encode_share_code(answers)).answers == answers
    progress = decode_code(encode_progress_code(answers, 7, seen=True))
    assert (progress.answers, progress.page, progress.seen) == (answers, 7, True)


def test_v3_backgrounds_give_different_codes() -> None:
    bank = load_bank(3)
    codes = {
        encode_share_code(_answers(bank, "middling", "short", "public", background))
        for background in (None, *bank.backgrounds)
    }
    assert len(codes) == len(bank.backgrounds) + 1


def test_specialist_is_refused_before_bank_v3() -> None:
    """A v2 answers file (or code) cannot carry the background v2 never offered."""
    answers = Answers(bank_version=2, form="short", background="specialist")
    with pytest.raises(AnswersError) as caught:
        check_answers(answers, load_bank(2))
    assert caught.value.key == "answers.background_unknown"
    assert "specialist" in caught.value.message("de")


def test_a_v3_code_with_background_flag_bits_is_not_ours() -> None:
    """Bank v3 keeps the background in the answers; a code setting the old flag bits is refused."""
    import base64
    import zlib

    code = encode_share_code(_answers(load_bank(3), "middling", "short", "public", "changer"))
    raw = bytearray(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))
    raw[2] |= 1 << 5
    body = bytes(raw[:-4])
    forged = body + zlib.crc32(body).to_bytes(4, "big")
    text = base64.urlsafe_b64encode(forged).decode().rstrip("=")
    with pytest.raises(CodeError):
        decode_code(text)
