"""Bank v4 pinned for all time: fixed answers give this result, and this code gives these answers.

Bank v4 is released (rules 4: the self view compared with each other view, weighed at most as the
lightest of them and capped at their 95 % range; statements on a frequency scale; traps and the
consistency notice on them). If a test here fails, scoring, coding or content of a released
version changed. Do not update the numbers: release a new bank version instead. The answer sets
are built by tests/pins.py, as bank v3's are, plus one that answers the way that looks good.
"""

from __future__ import annotations

from typing import Any

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import Bank
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.result import build_result
from tests.pins import (
    fingerprint,
    full_answers,
    looking_good,
    self_praising,
    short_with_extra_and_marks,
)


@pytest.fixture(scope="module")
def bank4() -> Bank:
    return load_bank(4)


FULL_CODE = (
    "AgQFCoINVMNgOVHdlpW8J5cmpewEfv0OhoOupNWkurRWe5n6E"
    "-Kb27rODkbfpo1RW5g3rbEiXdDL5fRENWJ35vhM2pxrKg_ZbHo"
)

FULL_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (
            37,
            11,
            "scored",
            (("self", 48, 17), ("situation", 44, 22), ("knowledge", 20, 20)),
        ),
        "communication": (
            34,
            15,
            "scored",
            (("self", 52, 22), ("situation", 44, 29), ("knowledge", 0, 18)),
        ),
        "budget": (
            74,
            12,
            "scored",
            (("self", 44, 21), ("situation", 75, 16), ("knowledge", 100, 25)),
        ),
        "legacy": (
            56,
            13,
            "scored",
            (("self", 57, 14), ("situation", 78, 14), ("knowledge", 33, 33)),
        ),
        "security": (
            57,
            11,
            "scored",
            (("self", 63, 13), ("situation", 67, 19), ("knowledge", 40, 24)),
        ),
        "learning": (51, 16, "scored", (("self", 47, 23), ("situation", 56, 22))),
        "leadership": (
            52,
            20,
            "scored",
            (("self", 48, 17), ("situation", 56, 29), ("knowledge", 50, 50)),
        ),
        "resilience": (57, 18, "scored", (("self", 81, 13), ("situation", 33, 33))),
        "pragmatism": (84, 9, "scored", (("self", 80, 11), ("situation", 89, 14))),
        "foundation": (
            58,
            11,
            "scored",
            (("self", 50, 18), ("situation", 100, 14), ("knowledge", 25, 25)),
        ),
        "courage": (56, 14, "scored", (("self", 45, 20), ("situation", 67, 19))),
        "motivation": (22, 14, "scored", (("self", 70, 15), ("situation", 22, 14))),
    },
    "bands": {
        "crisis": ("below", 23),
        "communication": ("borderline", 0),
        "budget": ("borderline", 0),
        "legacy": ("borderline", 0),
        "security": ("borderline", 0),
        "learning": ("borderline", 0),
        "leadership": ("borderline", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("within", 0),
        "foundation": ("borderline", 0),
        "courage": ("borderline", 0),
        "motivation": ("provisional", 0),
    },
    "level": "uncertain",
    "met": 1,
    "borderline": (
        "communication",
        "budget",
        "legacy",
        "security",
        "learning",
        "leadership",
        "resilience",
        "foundation",
        "courage",
    ),
    "development": ("crisis",),
    "self_carried": (),
    "tentative": True,
    "quality": (("scatter", 55),),
    "revised": (),
    "extra": 0,
    "leans": (
        ("crisis", 88, "b"),
        ("communication", 75, None),
        ("budget", 75, None),
        ("legacy", 13, "a"),
        ("security", 75, None),
        ("learning", 13, "a"),
        ("leadership", 75, None),
        ("resilience", 13, "a"),
        ("pragmatism", 75, None),
        ("foundation", 13, "a"),
        ("courage", 75, None),
        ("motivation", 75, None),
    ),
    "fit": ("no_clear", None, 0),
}


SHORT_CODE = "AgQKArr0flLDbihN8JXq3kO-jznKweUg1BS4JaD4tf7v-pt8WXevE-HvuxAM-z6WKmjFW_s0ILAi25emFaY"

SHORT_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (
            42,
            13,
            "scored",
            (("self", 25, 14), ("situation", 100, 25), ("knowledge", 0, 25)),
        ),
        "communication": (
            51,
            14,
            "scored",
            (("self", 52, 22), ("situation", 100, 25), ("knowledge", 0, 25)),
        ),
        "budget": (
            26,
            14,
            "scored",
            (("self", 44, 21), ("situation", 33, 25), ("knowledge", 0, 25)),
        ),
        "legacy": (
            12,
            13,
            "scored",
            (("self", 48, 13), ("situation", 0, 25), ("knowledge", 0, 25)),
        ),
        "security": (
            72,
            14,
            "scored",
            (("self", 48, 22), ("situation", 67, 25), ("knowledge", 100, 25)),
        ),
        "learning": (34, 14, "scored", (("self", 35, 15), ("situation", 33, 25))),
        "leadership": (
            0,
            18,
            "scored",
            (("self", 100, 18), ("situation", 0, 25), ("knowledge", 0, 25)),
        ),
        "resilience": (46, 14, "scored", (("self", 25, 14), ("situation", 67, 25))),
        "pragmatism": (
            46,
            13,
            "scored",
            (("self", 38, 18), ("situation", 0, 25), ("knowledge", 100, 25)),
        ),
        "foundation": (
            51,
            14,
            "scored",
            (("self", 53, 24), ("situation", 0, 25), ("knowledge", 100, 25)),
        ),
        "courage": (25, 17, "scored", (("self", 63, 22), ("situation", 0, 25))),
        "motivation": (16, 16, "scored", (("self", 31, 19), ("situation", 0, 25))),
    },
    "bands": {
        "crisis": ("borderline", 0),
        "communication": ("borderline", 0),
        "budget": ("below", 29),
        "legacy": ("below", 43),
        "security": ("borderline", 0),
        "learning": ("borderline", 0),
        "leadership": ("provisional", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("borderline", 0),
        "foundation": ("borderline", 0),
        "courage": ("borderline", 0),
        "motivation": ("below", 34),
    },
    "level": "uncertain",
    "met": 0,
    "borderline": (
        "crisis",
        "communication",
        "security",
        "learning",
        "resilience",
        "pragmatism",
        "foundation",
        "courage",
    ),
    "development": ("budget", "legacy", "motivation"),
    "self_carried": (),
    "tentative": True,
    "quality": (("scatter", 32),),
    "revised": ("budget_s1", "communication_s1", "crisis_s1"),
    "extra": 10,
    "leans": (
        ("crisis", 100, "b"),
        ("communication", 50, None),
        ("budget", 0, "a"),
        ("legacy", 25, None),
        ("security", 75, None),
        ("learning", 100, "b"),
        ("leadership", 100, "b"),
        ("resilience", 25, None),
        ("pragmatism", 75, None),
        ("foundation", 100, "b"),
        ("courage", 50, None),
        ("motivation", 0, "a"),
    ),
    "fit": ("no_clear", None, 0),
}


SELF_PRAISING_CODE = (
    "AgQHCoINVMNgOVHdlpW8J5lzYoSdxKU_upIcAVffyljqCjLiV"
    "KuGpkDBxERyInbsEQE1RftSJeDp-OFyDyWQaKyviLkXMDj4YbY"
)

SELF_PRAISING_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (
            22,
            12,
            "scored",
            (("self", 100, 11), ("situation", 44, 22), ("knowledge", 0, 11)),
        ),
        "communication": (
            37,
            14,
            "scored",
            (("self", 100, 11), ("situation", 44, 29), ("knowledge", 0, 18)),
        ),
        "budget": (88, 10, "scored", (("self", 100, 11), ("situation", 75, 16))),
        "legacy": (
            46,
            8,
            "scored",
            (("self", 100, 11), ("situation", 78, 14), ("knowledge", 0, 14)),
        ),
        "security": (
            41,
            8,
            "scored",
            (("self", 100, 11), ("situation", 67, 19), ("knowledge", 0, 11)),
        ),
        "learning": (77, 12, "scored", (("self", 100, 11), ("situation", 56, 22))),
        "leadership": (
            38,
            12,
            "scored",
            (("self", 100, 11), ("situation", 56, 29), ("knowledge", 0, 14)),
        ),
        "resilience": (66, 18, "scored", (("self", 100, 11), ("situation", 33, 33))),
        "pragmatism": (94, 9, "scored", (("self", 100, 11), ("situation", 89, 14))),
        "foundation": (
            56,
            7,
            "scored",
            (("self", 100, 11), ("situation", 100, 14), ("knowledge", 0, 11)),
        ),
        "courage": (83, 11, "scored", (("self", 100, 11), ("situation", 67, 19))),
        "motivation": (22, 14, "scored", (("self", 100, 11), ("situation", 22, 14))),
    },
    "bands": {
        "crisis": ("below", 38),
        "communication": ("borderline", 0),
        "budget": ("within", 0),
        "legacy": ("borderline", 0),
        "security": ("borderline", 0),
        "learning": ("borderline", 0),
        "leadership": ("borderline", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("within", 0),
        "foundation": ("borderline", 0),
        "courage": ("within", 0),
        "motivation": ("provisional", 0),
    },
    "level": "uncertain",
    "met": 3,
    "borderline": (
        "communication",
        "legacy",
        "security",
        "learning",
        "leadership",
        "resilience",
        "foundation",
    ),
    "development": ("crisis",),
    "self_carried": (
        "communication",
        "legacy",
        "security",
        "learning",
        "leadership",
        "resilience",
        "foundation",
    ),
    "tentative": True,
    "quality": (("self_above_evidence", 69),),
    "revised": (),
    "extra": 0,
    "leans": (
        ("crisis", 50, None),
        ("communication", 50, None),
        ("budget", 50, None),
        ("legacy", 50, None),
        ("security", 50, None),
        ("learning", 50, None),
        ("leadership", 50, None),
        ("resilience", 50, None),
        ("pragmatism", 50, None),
        ("foundation", 50, None),
        ("courage", 50, None),
        ("motivation", 50, None),
    ),
    "fit": ("no_clear", None, 0),
}


LOOKING_GOOD_CODE = "AgQADULZeWxnGQzqVMFXFmzqok84cwPpkHMUOnd1EINcf0FteA"

LOOKING_GOOD_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (
            22,
            16,
            "scored",
            (("self", 33, 33), ("situation", 33, 25), ("knowledge", 0, 25)),
        ),
        "communication": (
            12,
            16,
            "scored",
            (("self", 67, 33), ("situation", 0, 25), ("knowledge", 0, 25)),
        ),
        "budget": (
            39,
            15,
            "scored",
            (("self", 50, 29), ("situation", 67, 25), ("knowledge", 0, 25)),
        ),
        "legacy": (
            83,
            15,
            "scored",
            (("self", 50, 29), ("situation", 100, 25), ("knowledge", 100, 25)),
        ),
        "security": (
            89,
            16,
            "scored",
            (("self", 67, 33), ("situation", 100, 25), ("knowledge", 100, 25)),
        ),
        "learning": (100, 14, "scored", (("self", 100, 14), ("situation", 100, 25))),
        "leadership": (
            83,
            13,
            "scored",
            (("self", 83, 17), ("situation", 67, 25), ("knowledge", 100, 25)),
        ),
        "resilience": (58, 15, "scored", (("self", 83, 17), ("situation", 33, 25))),
        "pragmatism": (
            78,
            13,
            "scored",
            (("self", 67, 17), ("situation", 67, 25), ("knowledge", 100, 25)),
        ),
        "foundation": (
            28,
            16,
            "scored",
            (("self", 67, 33), ("situation", 33, 25), ("knowledge", 0, 25)),
        ),
        "courage": (33, 21, "scored", (("self", 33, 33), ("situation", 33, 25))),
        "motivation": (58, 14, "scored", (("self", 50, 14), ("situation", 67, 25))),
    },
    "bands": {
        "crisis": ("below", 38),
        "communication": ("provisional", 0),
        "budget": ("borderline", 0),
        "legacy": ("borderline", 0),
        "security": ("within", 0),
        "learning": ("within", 0),
        "leadership": ("within", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("borderline", 0),
        "foundation": ("borderline", 0),
        "courage": ("borderline", 0),
        "motivation": ("borderline", 0),
    },
    "level": "uncertain",
    "met": 3,
    "borderline": (
        "budget",
        "legacy",
        "resilience",
        "pragmatism",
        "foundation",
        "courage",
        "motivation",
    ),
    "development": ("crisis",),
    "self_carried": ("budget", "resilience", "foundation", "courage"),
    "tentative": True,
    "quality": (("look_good_answers", 100),),
    "revised": (),
    "extra": 0,
    "leans": (
        ("crisis", 50, None),
        ("communication", 50, None),
        ("budget", 50, None),
        ("legacy", 50, None),
        ("security", 50, None),
        ("learning", 50, None),
        ("leadership", 50, None),
        ("resilience", 50, None),
        ("pragmatism", 50, None),
        ("foundation", 50, None),
        ("courage", 50, None),
        ("motivation", 50, None),
    ),
    "fit": ("no_clear", None, 0),
}


PINNED = [
    pytest.param(full_answers, FULL_CODE, FULL_RESULT, id="full-mittelstand-specialist"),
    pytest.param(short_with_extra_and_marks, SHORT_CODE, SHORT_RESULT, id="short-extra-marks-en"),
    pytest.param(self_praising, SELF_PRAISING_CODE, SELF_PRAISING_RESULT, id="self-praising"),
    pytest.param(looking_good, LOOKING_GOOD_CODE, LOOKING_GOOD_RESULT, id="looking-good"),
]


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v4_result_is_pinned(
    bank4: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """The pinned answers give exactly the pinned scores, views, bands, verdict and notices."""
    assert fingerprint(build_result(answers_of(bank4), bank4)) == pinned


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v4_share_code_is_pinned(
    bank4: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """The pinned answers encode to the pinned code, and the code decodes to the same answers
    (frequency answers, background, language, extra answers and retake marks included)."""
    answers = answers_of(bank4)
    assert encode_share_code(answers) == code
    assert decode_code(code).answers == answers


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v4_link_shows_the_pinned_result(
    bank4: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """A link made today shows the same result forever: code → answers → result."""
    assert fingerprint(build_result(decode_code(code).answers, bank4)) == pinned
