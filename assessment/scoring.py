"""Score answers per dimension on 0–100 (POMP), from keyed Likert items and scenario options."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field

from assessment.answers import Answers
from assessment.models import LIKERT_MAX, LIKERT_MIN, SCENARIO_SCORE_MAX, Bank, Item, LikertItem

# A dimension is scored only when at least this share of its form items is answered.
MIN_ANSWERED_SHARE = 0.5


class DimensionScore(BaseModel):
    """One dimension's score; score is None when too few of its items were answered."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dimension: str
    score: int | None = Field(ge=0, le=100, description="0–100, None = not enough answers")
    answered: int = Field(ge=0)
    total: int = Field(ge=1)

    @property
    def sufficient(self) -> bool:
        return self.score is not None


def item_value(item: Item, response: int | str) -> float:
    """Return an answer on the Likert scale 1–5, keyed; scenario scores 0–3 map onto it."""
    if isinstance(item, LikertItem):
        value = int(response)
        return float(LIKERT_MAX + LIKERT_MIN - value if item.keying == "minus" else value)
    score = item.option(str(response)).score
    return LIKERT_MIN + (LIKERT_MAX - LIKERT_MIN) * score / SCENARIO_SCORE_MAX


def to_pomp(mean: float) -> int:
    """Return the percent of maximum possible of a 1–5 mean, rounded half up to a whole point."""
    return math.floor((mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100 + 0.5)


def score_answers(answers: Answers, bank: Bank) -> tuple[DimensionScore, ...]:
    """Return a score per dimension of the bank, in the bank's dimension order."""
    scores = []
    responses = answers.responses
    form_items = bank.index.form_items
    for dimension in bank.dimensions:
        items = form_items[answers.form, dimension.id]
        values = [item_value(item, responses[item.id]) for item in items if item.id in responses]
        enough = bool(values) and len(values) >= MIN_ANSWERED_SHARE * len(items)
        scores.append(
            DimensionScore(
                dimension=dimension.id,
                score=to_pomp(sum(values) / len(values)) if enough else None,
                answered=len(values),
                total=len(items),
            )
        )
    return tuple(scores)
