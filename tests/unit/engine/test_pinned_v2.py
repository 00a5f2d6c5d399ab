"""Bank v2 pinned for all time: fixed answers give this result, and this code gives these answers.

Bank v2 is released (rules 2: standard errors, borderline and provisional bands, backgrounds,
"can't judge yet"). If a test here fails, scoring, coding or content of a released version
changed. Do not update the numbers: release a new bank version instead.
"""

from __future__ import annotations

from typing import Any

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import Bank
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from tests.pins import fingerprint, spread_answer


@pytest.fixture(scope="module")
def bank2() -> Bank:
    return load_bank(2)


def _full(bank: Bank) -> Answers:
    return Answers(
        bank_version=2,
        form="full",
        profile="industry",
        background="experienced",
        responses={
            item.id: spread_answer(item, n) for n, item in enumerate(bank.form_items("full"))
        },
    )


def _short(bank: Bank) -> Answers:
    return Answers(
        bank_version=2,
        form="short",
        profile="duisburg",
        background="changer",
        language="en",
        responses={
            item.id: spread_answer(item, n + 1) for n, item in enumerate(bank.form_items("short"))
        },
    )


FULL_CODE = "AgJnCgLvEnjjCLieTRF0wME8Nekn7_D8LXis7Hf39OvYJ-kgrT6BKYOODY4"

FULL_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (36, 15, "scored", ()),
        "communication": (62, 12, "scored", ()),
        "budget": (29, 9, "scored", ()),
        "legacy": (50, 13, "scored", ()),
        "security": (50, 13, "scored", ()),
        "learning": (36, 11, "scored", ()),
        "leadership": (55, 15, "scored", ()),
        "resilience": (62, 14, "scored", ()),
        "pragmatism": (60, 12, "scored", ()),
        "foundation": (51, 13, "scored", ()),
        "courage": (31, 12, "scored", ()),
        "motivation": (64, 11, "scored", ()),
    },
    "bands": {
        "crisis": ("below", 24),
        "communication": ("borderline", 0),
        "budget": ("below", 26),
        "legacy": ("borderline", 0),
        "security": ("borderline", 0),
        "learning": ("below", 24),
        "leadership": ("borderline", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("borderline", 0),
        "foundation": ("borderline", 0),
        "courage": ("below", 24),
        "motivation": ("within", 0),
    },
    "level": "uncertain",
    "met": 1,
    "borderline": (
        "communication",
        "legacy",
        "security",
        "leadership",
        "resilience",
        "pragmatism",
        "foundation",
    ),
    "development": ("crisis", "budget", "learning", "courage"),
    "self_carried": (),
    "tentative": True,
    "quality": (("scatter", 86),),
    "revised": (),
    "extra": 0,
    "leans": (),
    "fit": None,
}

SHORT_CODE = "AgJIBo7pQadhDFUZLCBRHloazbLclngPvg"

SHORT_RESULT: dict[str, Any] = {
    "dimensions": {
        "crisis": (75, 13, "scored", ()),
        "communication": (38, 37, "scored", ()),
        "budget": (58, 22, "scored", ()),
        "legacy": (56, 21, "scored", ()),
        "security": (42, 30, "scored", ()),
        "learning": (50, 14, "scored", ()),
        "leadership": (31, 24, "scored", ()),
        "resilience": (75, 25, "scored", ()),
        "pragmatism": (75, 14, "scored", ()),
        "foundation": (42, 30, "scored", ()),
        "courage": (33, 14, "scored", ()),
        "motivation": (75, 25, "scored", ()),
    },
    "bands": {
        "crisis": ("within", 0),
        "communication": ("borderline", 0),
        "budget": ("borderline", 0),
        "legacy": ("borderline", 0),
        "security": ("borderline", 0),
        "learning": ("borderline", 0),
        "leadership": ("borderline", 0),
        "resilience": ("borderline", 0),
        "pragmatism": ("within", 0),
        "foundation": ("borderline", 0),
        "courage": ("below", 22),
        "motivation": ("borderline", 0),
    },
    "level": "uncertain",
    "met": 2,
    "borderline": (
        "communication",
        "budget",
        "legacy",
        "security",
        "learning",
        "leadership",
        "resilience",
        "foundation",
        "motivation",
    ),
    "development": ("courage",),
    "self_carried": (),
    "tentative": True,
    "quality": (("scatter", 34),),
    "revised": (),
    "extra": 0,
    "leans": (),
    "fit": None,
}


PINNED = [
    pytest.param(_full, FULL_CODE, FULL_RESULT, id="full-industry-experienced"),
    pytest.param(_short, SHORT_CODE, SHORT_RESULT, id="short-duisburg-changer-en"),
]


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v2_result_is_pinned(
    bank2: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """The pinned answers give exactly the pinned scores, bands, verdict and notices."""
    assert fingerprint(build_result(answers_of(bank2), bank2)) == pinned


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v2_share_code_is_pinned(
    bank2: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """The pinned answers encode to the pinned code, and the code decodes to the same answers."""
    answers = answers_of(bank2)
    assert encode_share_code(answers) == code
    assert decode_code(code).answers == answers


@pytest.mark.parametrize(("answers_of", "code", "pinned"), PINNED)
def test_v2_link_shows_the_pinned_result(
    bank2: Bank, answers_of: Any, code: str, pinned: dict[str, Any]
) -> None:
    """A link made today shows the same result forever: code → answers → result."""
    assert fingerprint(build_result(decode_code(code).answers, bank2)) == pinned
