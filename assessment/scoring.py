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


ValueTable = dict[int | str, float]
_TABLES: dict[int, tuple[Bank, dict[tuple[str, str], tuple[tuple[str, ValueTable], ...]]]] = {}


def _value_tables(bank: Bank) -> dict[tuple[str, str], tuple[tuple[str, ValueTable], ...]]:
    """Return, per (form, dimension), each item's id with its response → keyed value table."""
    cached = _TABLES.get(id(bank))
    if cached is None or cached[0] is not bank:
        tables: dict[tuple[str, str], tuple[tuple[str, ValueTable], ...]] = {}
        for form in bank.forms:
            for dimension_id in bank.dimension_ids:
                entries = []
                for item in bank.form_items_of(form, dimension_id):
                    choices: tuple[int | str, ...] = (
                        tuple(range(LIKERT_MIN, LIKERT_MAX + 1))
                        if isinstance(item, LikertItem)
                        else tuple(option.id for option in item.options)
                    )
                    entries.append((item.id, {c: item_value(item, c) for c in choices}))
                tables[form, dimension_id] = tuple(entries)
        cached = (bank, tables)
        _TABLES[id(bank)] = cached
    return cached[1]


def score_answers(answers: Answers, bank: Bank) -> tuple[DimensionScore, ...]:
    """Return a score per dimension of the bank, in the bank's dimension order."""
    scores = []
    responses = answers.responses
    tables = _value_tables(bank)
    for dimension_id in bank.dimension_ids:
        entries = tables[answers.form, dimension_id]
        values = [table[responses[item_id]] for item_id, table in entries if item_id in responses]
        enough = bool(values) and len(values) >= MIN_ANSWERED_SHARE * len(entries)
        scores.append(
            DimensionScore(
                dimension=dimension_id,
                score=to_pomp(sum(values) / len(values)) if enough else None,
                answered=len(values),
                total=len(entries),
            )
        )
    return tuple(scores)
