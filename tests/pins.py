"""Pinned results of released banks: a spread of answers and the result as data.

Shared by tests/unit/engine/test_pinned_v2.py, test_pinned_v3.py and test_pinned_v4.py (bank v1
keeps its own, older pin); the answer sets of banks v3 and v4 are built here by the same rules.
A pin is generated once from the released bank and never updated: if it breaks, scoring, coding
or content of a released version changed.
"""

from __future__ import annotations

from typing import Any

from assessment.bank.models import (
    UNSURE,
    Bank,
    Item,
    KnowledgeItem,
    LikertItem,
    Scenario,
    ValidityItem,
    answer_values,
)
from assessment.engine.answers import Answers, extra_candidates
from assessment.engine.result import Result


def spread_answer(item: Item, index: int) -> int | str:
    """A spread of answers: every scale point, every option in turn, knowledge items known,
    "can't say" and wrong in turn, "can't judge yet" on some statements that offer it."""
    if isinstance(item, LikertItem):
        # A frequency statement (rules 4) always offers "no occasion" and rates 1–4.
        if (item.presumes is not None or item.scale == "frequency") and index % 7 == 0:
            return UNSURE
        return (index * 3) % len(answer_values(item)) + 1
    if isinstance(item, Scenario):
        return item.options[(index * 5) % len(item.options)].id
    if isinstance(item, KnowledgeItem):
        if index % 3 == 0:
            return item.key
        if index % 3 == 1:
            return UNSURE
        return next(option.id for option in item.options if option.id != item.key)
    return (index * 2) % 5 + 1


def fingerprint(result: Result) -> dict[str, Any]:
    """What a link shows, as data: scores and views per demand, bands, verdict, notices."""
    return {
        "dimensions": {
            score.dimension: (
                score.score,
                score.uncertainty,
                score.status,
                tuple((view.view, view.score, view.uncertainty) for view in score.views),
            )
            for score in result.scores
        },
        "bands": {match.dimension: (match.band, match.gap) for match in result.match.dimensions},
        "level": result.match.level,
        "met": result.match.met,
        "borderline": result.match.borderline,
        "development": result.match.development,
        "self_carried": result.self_carried,
        "tentative": result.tentative,
        "quality": tuple((flag.kind, flag.count) for flag in result.quality),
        "revised": result.revised,
        "extra": len(result.extra),
        "leans": tuple((lean.dimension, lean.position, lean.pole) for lean in result.leans),
        "fit": (result.fit.verdict, result.fit.best, result.fit.margin) if result.fit else None,
    }


def _self_praise(item: Item, index: int) -> int | str:
    """Every statement at its keyed pole, no unlikely virtue claimed, situations in turn, every
    knowledge item "can't say": a self-description far above the evidence."""
    if isinstance(item, ValidityItem):
        return 1
    if isinstance(item, LikertItem):
        return max(answer_values(item)) if item.keying == "plus" else 1
    if isinstance(item, Scenario):
        return item.options[index % len(item.options)].id
    if isinstance(item, KnowledgeItem):
        return UNSURE
    return 3


def _preferences(bank: Bank) -> dict[str, int | str]:
    return {item.id: 1 + (index * 2) % 3 for index, item in enumerate(bank.asked_preferences())}


def full_answers(bank: Bank) -> Answers:
    """The full form, spread answers, Mittelstand, a specialist, every working condition."""
    return Answers(
        bank_version=bank.version,
        form="full",
        profile="mittelstand",
        background="specialist",
        responses={
            **{item.id: spread_answer(item, n) for n, item in enumerate(bank.form_items("full"))},
            **_preferences(bank),
        },
    )


def short_with_extra_and_marks(bank: Bank) -> Answers:
    """The short form in English, ten extra questions, three answers changed after the
    rationales were shown."""
    items = bank.form_items("short")
    extra = extra_candidates(bank, "short")[:10]
    marked = [item.id for item in items if isinstance(item, Scenario | KnowledgeItem)][:3]
    return Answers(
        bank_version=bank.version,
        form="short",
        profile="public",
        background="starter",
        language="en",
        responses={
            **{item.id: spread_answer(item, n + 1) for n, item in enumerate(items)},
            **{item.id: spread_answer(item, n + 2) for n, item in enumerate(extra)},
            **_preferences(bank),
        },
        revised=tuple(marked),
    )


def self_praising(bank: Bank) -> Answers:
    """The full form with the self-description at its keyed pole (see _self_praise)."""
    return Answers(
        bank_version=bank.version,
        form="full",
        profile="industry",
        background="experienced",
        responses={
            **{item.id: _self_praise(item, n) for n, item in enumerate(bank.form_items("full"))},
            **_preferences(bank),
        },
    )


def _look_good(item: Item, index: int) -> int | str:
    """The answer that looks good on every statement: the keyed pole, against the key on a trap
    (rules 4), the middle of a balanced one; no unlikely virtue claimed; situations in turn;
    knowledge items known and "can't say" in turn."""
    if isinstance(item, ValidityItem):
        return 1
    if isinstance(item, LikertItem):
        values = answer_values(item)
        if item.wording == "balanced":
            return values[len(values) // 2]
        high = (item.keying == "plus") != (item.wording == "trap")
        return max(values) if high else min(values)
    if isinstance(item, Scenario):
        return item.options[index % len(item.options)].id
    if isinstance(item, KnowledgeItem):
        return item.key if index % 2 else UNSURE
    return 3


def looking_good(bank: Bank) -> Answers:
    """The short form answered the way that looks good (see _look_good), Duisburg, a changer."""
    return Answers(
        bank_version=bank.version,
        form="short",
        profile="duisburg",
        background="changer",
        responses={
            **{item.id: _look_good(item, n) for n, item in enumerate(bank.form_items("short"))},
            **_preferences(bank),
        },
    )
