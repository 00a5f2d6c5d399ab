"""Pinned results of released banks: a spread of answers and the result as data.

Shared by tests/unit/engine/test_pinned_v2.py and test_pinned_v3.py (bank v1 keeps its own, older
pin). A pin is generated once from the released bank and never updated: if it breaks, scoring,
coding or content of a released version changed.
"""

from __future__ import annotations

from typing import Any

from assessment.bank.models import UNSURE, Item, KnowledgeItem, LikertItem, Scenario
from assessment.engine.result import Result


def spread_answer(item: Item, index: int) -> int | str:
    """A spread of answers: every scale point, every option in turn, knowledge items known,
    "can't say" and wrong in turn, "can't judge yet" on some statements that offer it."""
    if isinstance(item, LikertItem):
        if item.presumes is not None and index % 7 == 0:
            return UNSURE
        return (index * 3) % 5 + 1
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
