"""Bank v1 pinned for all time: fixed answers give this result, and this code gives these answers.

If a test here fails, scoring or content of a released version changed. Do not update the
numbers: release a new bank version instead.
"""

from __future__ import annotations

from assessment.bank.models import Bank, LikertItem
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result

PINNED_CODE = "AQEFyiij4n7TJmvhFhRUNxmZLVsKXygBUSlQ1R_9"
PINNED_SCORES = {
    "crisis": 40,
    "communication": 61,
    "budget": 44,
    "legacy": 61,
    "security": 52,
    "learning": 23,
    "leadership": 34,
    "resilience": 63,
    "pragmatism": 68,
}
PINNED_BANDS = {
    "crisis": ("below", 15),
    "communication": ("within", 0),
    "budget": ("below", 21),
    "legacy": ("below", 4),
    "security": ("below", 3),
    "learning": ("below", 32),
    "leadership": ("below", 21),
    "resilience": ("within", 0),
    "pragmatism": ("within", 0),
}


def _pinned_answers(bank: Bank) -> Answers:
    responses: dict[str, int | str] = {}
    for index, item in enumerate(bank.form_items("full")):
        responses[item.id] = (
            (index * 3) % 5 + 1 if isinstance(item, LikertItem) else "abcd"[index % 4]
        )
    return Answers(bank_version=1, form="full", profile="mittelstand", responses=responses)


def test_v1_result_is_pinned(bank: Bank) -> None:
    """The pinned answers give exactly the pinned scores, bands, order and comparison."""
    result = build_result(_pinned_answers(bank), bank)
    assert {s.dimension: s.score for s in result.scores} == PINNED_SCORES
    assert {m.dimension: (m.band, m.gap) for m in result.match.dimensions} == PINNED_BANDS
    assert result.match.met == 3
    assert result.match.level == "gaps"
    assert result.match.development == (
        "learning",
        "budget",
        "leadership",
        "crisis",
        "legacy",
        "security",
    )
    assert [(m.profile, m.weighted_gap, m.met) for m in result.comparison.ranking] == [
        ("public", 188, 4),
        ("mittelstand", 217, 3),
        ("industry", 309, 4),
    ]
    assert result.comparison.best == "public"
    assert [(f.kind, f.count) for f in result.quality] == [("contradictions", 4)]


def test_v1_share_code_is_pinned(bank: Bank) -> None:
    """The share code format of v1 answers never changes, and old codes keep decoding."""
    answers = _pinned_answers(bank)
    assert encode_share_code(answers) == PINNED_CODE
    assert decode_code(PINNED_CODE).answers == answers
