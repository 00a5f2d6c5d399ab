"""Bank v3 pinned for all time: fixed answers give this result, and this code gives these answers.

Bank v3 is released (rules 3: three views per demand, knowledge items with "can't say", retake
marks, extra questions in the short form, the working-conditions block, backgrounds with
"specialist"). If a test here fails, scoring, coding or content of a released version changed.
Do not update the numbers: release a new bank version instead.
"""

from __future__ import annotations

from typing import Any

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    Bank,
)
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.result import build_result
from tests.pins import fingerprint, full_answers, self_praising, short_with_extra_and_marks


@pytest.fixture(scope="module")
def bank3() -> Bank:
    return load_bank(3)


FULL_CODE = (
    "AgMFMRbpixSLXJgHJyEz-HVdknrsLlV0QFbi35uZEJXo2FXYKwN7yyjs3rn2"
    "fEO32rqv3OYitc3mN_GpWKsoFsQs7UsNcC_UDMw"
)

FULL_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (
            38,
            12,
            "scored",
            (("self", 50, 18), ("situation", 44, 22), ("knowledge", 20, 20)),
        ),
        "communication": (
            22,
            17,
            "scored",
            (("self", 75, 18), ("situation", 44, 29), ("knowledge", 0, 18)),
        ),
        "budget": (
            88,
            15,
            "scored",
            (("self", 30, 15), ("situation", 75, 16), ("knowledge", 100, 25)),
        ),
        "legacy": (
            54,
            13,
            "scored",
            (("self", 50, 18), ("situation", 78, 14), ("knowledge", 33, 33)),
        ),
        "security": (
            52,
            12,
            "scored",
            (("self", 50, 18), ("situation", 67, 19), ("knowledge", 40, 24)),
        ),
        "learning": (43, 13, "scored", (("self", 30, 15), ("situation", 56, 22))),
        "leadership": (
            52,
            20,
            "scored",
            (("self", 50, 18), ("situation", 56, 29), ("knowledge", 50, 50)),
        ),
        "resilience": (47, 19, "scored", (("self", 60, 17), ("situation", 33, 33))),
        "pragmatism": (79, 10, "scored", (("self", 70, 15), ("situation", 89, 14))),
        "foundation": (
            58,
            11,
            "scored",
            (("self", 50, 18), ("situation", 100, 14), ("knowledge", 25, 25)),
        ),
        "courage": (53, 13, "scored", (("self", 40, 17), ("situation", 67, 19))),
        "motivation": (22, 14, "scored", (("self", 70, 15), ("situation", 22, 14))),
    },
    "bands": {
        "crisis": ("borderline", 0),
        "communication": ("below", 38),
        "budget": ("within", 0),
        "legacy": ("borderline", 0),
        "security": ("borderline", 0),
        "learning": ("borderline", 0),
        "leadership": ("borderline", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("borderline", 0),
        "foundation": ("borderline", 0),
        "courage": ("borderline", 0),
        "motivation": ("provisional", 0),
    },
    "level": "uncertain",
    "met": 1,
    "borderline": (
        "crisis",
        "legacy",
        "security",
        "learning",
        "leadership",
        "resilience",
        "pragmatism",
        "foundation",
        "courage",
    ),
    "development": ("communication",),
    "self_carried": (),
    "tentative": True,
    "quality": (("scatter", 57),),
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
    "fit": ("no_clear", None, 1),
}

SHORT_CODE = "AgMKDMFBXEN-P0h1D9opoGfpTodc9ysNNNPWDcaSCQ9ZbuG95BJGfW12qub4T6uUdT82DGR-IihptEI81GU"

SHORT_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (
            42,
            13,
            "scored",
            (("self", 25, 14), ("situation", 100, 25), ("knowledge", 0, 25)),
        ),
        "communication": (
            48,
            15,
            "scored",
            (("self", 44, 26), ("situation", 100, 25), ("knowledge", 0, 25)),
        ),
        "budget": (
            26,
            14,
            "scored",
            (("self", 44, 21), ("situation", 33, 25), ("knowledge", 0, 25)),
        ),
        "legacy": (
            10,
            13,
            "scored",
            (("self", 31, 13), ("situation", 0, 25), ("knowledge", 0, 25)),
        ),
        "security": (
            74,
            15,
            "scored",
            (("self", 56, 26), ("situation", 67, 25), ("knowledge", 100, 25)),
        ),
        "learning": (42, 14, "scored", (("self", 50, 11), ("situation", 33, 25))),
        "leadership": (
            0,
            18,
            "scored",
            (("self", 100, 18), ("situation", 0, 25), ("knowledge", 0, 25)),
        ),
        "resilience": (46, 18, "scored", (("self", 25, 25), ("situation", 67, 25))),
        "pragmatism": (
            46,
            13,
            "scored",
            (("self", 38, 18), ("situation", 0, 25), ("knowledge", 100, 25)),
        ),
        "foundation": (
            58,
            14,
            "scored",
            (("self", 75, 25), ("situation", 0, 25), ("knowledge", 100, 25)),
        ),
        "courage": (25, 15, "scored", (("self", 50, 18), ("situation", 0, 25))),
        "motivation": (16, 16, "scored", (("self", 31, 19), ("situation", 0, 25))),
    },
    "bands": {
        "crisis": ("borderline", 0),
        "communication": ("borderline", 0),
        "budget": ("below", 29),
        "legacy": ("below", 45),
        "security": ("borderline", 0),
        "learning": ("borderline", 0),
        "leadership": ("provisional", 0),
        "resilience": ("provisional", 0),
        "pragmatism": ("borderline", 0),
        "foundation": ("borderline", 0),
        "courage": ("below", 30),
        "motivation": ("below", 34),
    },
    "level": "uncertain",
    "met": 0,
    "borderline": ("crisis", "communication", "security", "learning", "pragmatism", "foundation"),
    "development": ("legacy", "budget", "motivation", "courage"),
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
    "fit": ("no_clear", None, 1),
}

SELF_PRAISING_CODE = (
    "AgMHMRbpixSLXJgHJyEz-IAb7cXJX5iy_5A5bm3G9eoMNgkUfe6cyBIvseHP"
    "vKfch59UBNEM117ECtJ8UjRqwszvr1URQAfANx0"
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
            22,
            17,
            "scored",
            (("self", 100, 11), ("situation", 44, 29), ("knowledge", 0, 18)),
        ),
        "budget": (88, 10, "scored", (("self", 100, 11), ("situation", 75, 16))),
        "legacy": (
            39,
            10,
            "scored",
            (("self", 100, 11), ("situation", 78, 14), ("knowledge", 0, 14)),
        ),
        "security": (
            33,
            11,
            "scored",
            (("self", 100, 11), ("situation", 67, 19), ("knowledge", 0, 11)),
        ),
        "learning": (78, 12, "scored", (("self", 100, 11), ("situation", 56, 22))),
        "leadership": (
            28,
            16,
            "scored",
            (("self", 100, 11), ("situation", 56, 29), ("knowledge", 0, 14)),
        ),
        "resilience": (67, 18, "scored", (("self", 100, 11), ("situation", 33, 33))),
        "pragmatism": (94, 9, "scored", (("self", 100, 11), ("situation", 89, 14))),
        "foundation": (
            50,
            9,
            "scored",
            (("self", 100, 11), ("situation", 100, 14), ("knowledge", 0, 11)),
        ),
        "courage": (83, 11, "scored", (("self", 100, 11), ("situation", 67, 19))),
        "motivation": (22, 14, "scored", (("self", 100, 11), ("situation", 22, 14))),
    },
    "bands": {
        "crisis": ("below", 38),
        "communication": ("below", 38),
        "budget": ("within", 0),
        "legacy": ("borderline", 0),
        "security": ("below", 22),
        "learning": ("borderline", 0),
        "leadership": ("borderline", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("within", 0),
        "foundation": ("borderline", 0),
        "courage": ("within", 0),
        "motivation": ("provisional", 0),
    },
    "level": "gaps",
    "met": 3,
    "borderline": ("legacy", "learning", "leadership", "resilience", "foundation"),
    "development": ("crisis", "communication", "security"),
    "self_carried": ("learning", "resilience"),
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
    "fit": ("no_clear", None, 1),
}


PINNED = [
    pytest.param(full_answers, FULL_CODE, FULL_RESULT, id="full-mittelstand-specialist"),
    pytest.param(short_with_extra_and_marks, SHORT_CODE, SHORT_RESULT, id="short-extra-marks-en"),
    pytest.param(self_praising, SELF_PRAISING_CODE, SELF_PRAISING_RESULT, id="self-praising"),
]


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v3_result_is_pinned(
    bank3: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """The pinned answers give exactly the pinned scores, views, bands, verdict and notices."""
    assert fingerprint(build_result(answers_of(bank3), bank3)) == pinned


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v3_share_code_is_pinned(
    bank3: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """The pinned answers encode to the pinned code, and the code decodes to the same answers
    (background, language, extra answers and retake marks included)."""
    answers = answers_of(bank3)
    assert encode_share_code(answers) == code
    assert decode_code(code).answers == answers


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v3_link_shows_the_pinned_result(
    bank3: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """A link made today shows the same result forever: code → answers → result."""
    assert fingerprint(build_result(decode_code(code).answers, bank3)) == pinned
