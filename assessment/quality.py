"""Response-quality checks: straight-lining, contradicting twins, speeding; never change scores."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.answers import Answers
from assessment.models import Bank, LikertItem

FlagKind = Literal["long_string", "contradictions", "too_fast"]

# A run of this many identical Likert answers in presentation order is straight-lining.
LONG_STRING_MIN_RUN = 10
# Agreeing (≥ 4) or disagreeing (≤ 2) with both statements of a reversed twin pair contradicts.
AGREE_FROM = 4
DISAGREE_UP_TO = 2
CONTRADICTIONS_MIN_PAIRS = 2
# Pages answered faster than this per item were probably not read.
MIN_SECONDS_PER_ITEM = 2.0


class QualityFlag(BaseModel):
    """One reason to read the result with care; the explanation lives in the catalogue by kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: FlagKind
    count: int = Field(ge=1, description="Longest run, contradicting pairs, or fast pages")
    where: tuple[str, ...] = Field(default=(), description="Item pairs or page numbers concerned")


def longest_run(values: list[int]) -> int:
    """Return the length of the longest run of equal consecutive values."""
    best = run = 0
    previous: int | None = None
    for value in values:
        run = run + 1 if value == previous else 1
        previous = value
        best = max(best, run)
    return best


def check_quality(answers: Answers, bank: Bank) -> tuple[QualityFlag, ...]:
    """Return the quality flags for a set of answers, in a fixed order."""
    flags: list[QualityFlag] = []
    responses = answers.responses
    sequence = [
        int(responses[item.id])
        for item in bank.form_items(answers.form)
        if isinstance(item, LikertItem) and item.id in responses
    ]
    run = longest_run(sequence)
    if run >= LONG_STRING_MIN_RUN:
        flags.append(QualityFlag(kind="long_string", count=run))

    contradicting = []
    for pair in bank.pairs:
        if pair.plus in responses and pair.minus in responses:
            plus, minus = int(responses[pair.plus]), int(responses[pair.minus])
            both_agree = plus >= AGREE_FROM and minus >= AGREE_FROM
            both_disagree = plus <= DISAGREE_UP_TO and minus <= DISAGREE_UP_TO
            if both_agree or both_disagree:
                contradicting.append(f"{pair.plus}/{pair.minus}")
    if len(contradicting) >= CONTRADICTIONS_MIN_PAIRS:
        flags.append(
            QualityFlag(kind="contradictions", count=len(contradicting), where=tuple(contradicting))
        )

    fast = [
        str(number)
        for number, page in enumerate(answers.page_seconds, start=1)
        if page.seconds < MIN_SECONDS_PER_ITEM * page.items
    ]
    if fast:
        flags.append(QualityFlag(kind="too_fast", count=len(fast), where=tuple(fast)))
    return tuple(flags)
