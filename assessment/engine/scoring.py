"""Score answers per dimension on 0–100 (POMP), from keyed Likert items and scenario options.

Bank v1 is scored by its own rules, unchanged. From rules 2 on, a dimension's score also
carries its uncertainty, "can't judge yet" answers never score, a dimension with too few
scorable answers because of them is an area to gain experience, and trade-off statements place
the person on the dimension's axis instead of adding to its level.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    SCENARIO_SCORE_MAX,
    UNSURE,
    Bank,
    Item,
    LikertItem,
    Scenario,
    TradeoffItem,
)
from assessment.engine.answers import Answers

# A dimension is scored only when at least this share of its form items is answered.
MIN_ANSWERED_SHARE = 0.5
# The uncertainty of a dimension score is the standard error of the mean of its scorable
# answers: s / √n, where s is the spread (SD) of the person's own keyed answers in that
# dimension, but at least ASSUMED_ITEM_SD scale points — an assumption (not a measured
# reliability) that keeps a person who answers every item alike from looking exact.
ASSUMED_ITEM_SD = 1.0
# Points on 0–100 per scale point of the 1–5 scale.
POINTS_PER_STEP = 100 / (LIKERT_MAX - LIKERT_MIN)

Status = Literal["scored", "experience", "missing"]


class DimensionScore(BaseModel):
    """One dimension's score; score is None when too few of its items were answered."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    dimension: str
    score: int | None = Field(ge=0, le=100, description="0–100, None = not enough answers")
    answered: int = Field(ge=0, description="Items answered (scorable, and can't-judge-yet)")
    total: int = Field(ge=1, description="Items of the form that can count towards the score")
    unsure: int = Field(default=0, ge=0, description="Can't-judge-yet answers (never scored)")
    uncertainty: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Standard error of the score in points (bank v2 on); None in bank v1",
    )
    status: Status = Field(
        default="scored",
        description="scored; experience = too few scorable answers because of can't-judge-yet;"
        " missing = too few answers",
    )
    axis: int | None = Field(
        default=None, ge=0, le=100, description="Position on the trade-off axis, 0 = pole a"
    )
    axis_uncertainty: int | None = Field(default=None, ge=0, le=100)
    axis_answered: int = Field(default=0, ge=0)

    @property
    def sufficient(self) -> bool:
        return self.score is not None


def item_value(item: Item, response: int | str) -> float:
    """Return an answer on the Likert scale 1–5, keyed; scenario scores 0–3 map onto it.

    A trade-off answer is oriented so that 5 stands for the axis's pole b.
    """
    if isinstance(item, Scenario):
        score = item.option(str(response)).score
        return LIKERT_MIN + (LIKERT_MAX - LIKERT_MIN) * score / SCENARIO_SCORE_MAX
    value = int(response)
    reverse = (isinstance(item, LikertItem) and item.keying == "minus") or (
        isinstance(item, TradeoffItem) and item.high == "a"
    )
    return float(LIKERT_MAX + LIKERT_MIN - value if reverse else value)


def to_pomp(mean: float) -> int:
    """Return the percent of maximum possible of a 1–5 mean, rounded half up to a whole point."""
    return math.floor((mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100 + 0.5)


def standard_error(values: list[float]) -> int:
    """Return the standard error of the mean of keyed values in points (see ASSUMED_ITEM_SD)."""
    n = len(values)
    spread = 0.0
    if n > 1:
        mean = sum(values) / n
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return math.floor(max(spread, ASSUMED_ITEM_SD) / math.sqrt(n) * POINTS_PER_STEP + 0.5)


ValueTable = dict[int | str, float]
Tables = dict[tuple[str, str], tuple[tuple[str, ValueTable], ...]]
_TABLES: dict[int, tuple[Bank, Tables, Tables]] = {}


def _table(item: Item) -> ValueTable:
    choices: tuple[int | str, ...] = (
        tuple(option.id for option in item.options)
        if isinstance(item, Scenario)
        else tuple(range(LIKERT_MIN, LIKERT_MAX + 1))
    )
    return {c: item_value(item, c) for c in choices}


def _value_tables(bank: Bank) -> tuple[Tables, Tables]:
    """Return, per (form, dimension), each scored item's id with its response → value table,
    and the same for the dimension's trade-off items."""
    cached = _TABLES.get(id(bank))
    if cached is None or cached[0] is not bank:
        level: Tables = {}
        axis: Tables = {}
        for form in bank.forms:
            for dimension_id in bank.dimension_ids:
                items = bank.form_items_of(form, dimension_id)
                level[form, dimension_id] = tuple(
                    (item.id, _table(item))
                    for item in items
                    if isinstance(item, LikertItem | Scenario)
                )
                axis[form, dimension_id] = tuple(
                    (item.id, _table(item)) for item in items if isinstance(item, TradeoffItem)
                )
        cached = (bank, level, axis)
        _TABLES[id(bank)] = cached
    return cached[1], cached[2]


def score_answers(answers: Answers, bank: Bank) -> tuple[DimensionScore, ...]:
    """Return a score per dimension of the bank, in the bank's dimension order."""
    if bank.rules.honest_verdicts:
        return _score_v2(answers, bank)
    scores = []
    responses = answers.responses
    tables, _ = _value_tables(bank)
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
                status="scored" if enough else "missing",
            )
        )
    return tuple(scores)


def _score_v2(answers: Answers, bank: Bank) -> tuple[DimensionScore, ...]:
    scores = []
    responses = answers.responses
    level_tables, axis_tables = _value_tables(bank)
    for dimension_id in bank.dimension_ids:
        entries = level_tables[answers.form, dimension_id]
        given = [(responses[i], table) for i, table in entries if i in responses]
        values = [table[value] for value, table in given if value != UNSURE]
        unsure = len(given) - len(values)
        needed = MIN_ANSWERED_SHARE * len(entries)
        enough = bool(values) and len(values) >= needed
        status: Status = "scored"
        if not enough:
            status = "experience" if unsure and len(given) >= needed else "missing"
        axis_values = [
            table[responses[i]]
            for i, table in axis_tables[answers.form, dimension_id]
            if i in responses and responses[i] != UNSURE
        ]
        scores.append(
            DimensionScore(
                dimension=dimension_id,
                score=to_pomp(sum(values) / len(values)) if enough else None,
                answered=len(given),
                total=len(entries),
                unsure=unsure,
                uncertainty=standard_error(values) if enough else None,
                status=status,
                axis=to_pomp(sum(axis_values) / len(axis_values)) if axis_values else None,
                axis_uncertainty=standard_error(axis_values) if axis_values else None,
                axis_answered=len(axis_values),
            )
        )
    return tuple(scores)
