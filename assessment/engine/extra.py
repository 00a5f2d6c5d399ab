"""Targeted extra questions (rules with `extra_questions`): which items a result offers next.

A short-form result whose demands are "an der Grenze" or "vorläufig" (`UNFIRM_BANDS`) offers up
to `EXTRA_PER_DEMAND` more items for exactly those demands, from the full form's statements,
situations and knowledge items the answers have not answered yet (`extra_candidates`). The items
are chosen greedily by how much they are expected to narrow the demand's uncertainty: each
candidate is scored as if answered at its view's current mean (an empty view: at the scale's
middle with the assumed spread), the demand's standard error recomputed by the scoring rule
(`combine_views`), and the candidate with the smallest one taken; ties go to the full form's
order. So a view the demand lacks, or rests on one answer, is asked first, and a provisional
demand gains the answers it lacks.

`EXTRA_PER_DEMAND` was chosen on the simulated population (tests/simulate.py, `--extra`; the
figures are in its docstring): 2,000 honest short-form people, 75.6 % "keine klare Aussage";
one item per unfirm demand (8.4 per person) resolves 12.9 % of the unfirm verdicts, two
(16.8 items) 18.3 % and leave 55.8 % unclear, three 19.9 % — the knee is at two. The greedy
choice resolves about twice as many as the full form's order.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    Bank,
    Item,
    KnowledgeItem,
    LikertItem,
    Scenario,
    View,
)
from assessment.engine.answers import Answers, extra_candidates
from assessment.engine.matching import UNFIRM_BANDS, ProfileMatch
from assessment.engine.scoring import (
    MIN_ANSWERED_SHARE,
    ValueTable,
    ViewPoints,
    combine_views,
    error_points,
    mean_points,
    value_table,
)

# Items offered per unfirm demand at most (measured: tests/simulate.py, `--extra`).
EXTRA_PER_DEMAND = 2
# The most items one extra page asks, whatever the number of unfirm demands.
MAX_EXTRA_ITEMS = 24


def view_of(item: Item) -> View:
    """Return the view an item scores in (statements: self)."""
    if isinstance(item, Scenario):
        return "situation"
    if isinstance(item, KnowledgeItem):
        return "knowledge"
    return "self"


def unfirm_demands(match: ProfileMatch) -> tuple[str, ...]:
    """Return the demands of a match that are borderline or provisional, in the bank's order of
    the match's dimensions."""
    return tuple(m.dimension for m in match.dimensions if m.band in UNFIRM_BANDS)


def _points_of(view: View, values: list[float], total: int) -> ViewPoints:
    enough = bool(values) and len(values) >= MIN_ANSWERED_SHARE * total
    return ViewPoints(
        view=view,
        points=mean_points(sum(values) / len(values)) if enough else None,
        error=error_points(values) if enough else None,
        count=len(values),
        given=len(values),
        unsure=0,
        total=total,
    )


def _expected_error(views: Mapping[View, tuple[list[float], int]], per_view: bool) -> float:
    """Return a demand's standard error by the scoring rule (a large one without any score);
    `per_view`: the bank's rules 4 combine rule."""
    combined = combine_views(
        [_points_of(v, values, total) for v, (values, total) in views.items()], per_view
    )
    return float("inf") if combined is None else combined[1]


def _demand_views(
    answers: Answers, bank: Bank, dimension_id: str
) -> dict[View, tuple[list[float], int]]:
    """Return, per view, the scored values of a demand's answered items and its item count (the
    form's items plus the extra questions answered)."""
    items = [*bank.form_items_of(answers.form, dimension_id)]
    items += [
        item
        for item in extra_candidates(bank, answers.form)
        if item.dimension == dimension_id and item.id in answers.responses
    ]
    views: dict[View, tuple[list[float], int]] = {}
    for item in items:
        if not isinstance(item, LikertItem | Scenario | KnowledgeItem):
            continue
        if isinstance(item, KnowledgeItem) and not item.counts_for(answers.profile):
            continue
        view = view_of(item)
        values, total = views.get(view, ([], 0))
        table: ValueTable = value_table(item)
        response = answers.responses.get(item.id)
        if response is not None and response in table:
            values = [*values, table[response]]
        views[view] = (values, total + 1)
    return views


def _with_typical(
    views: Mapping[View, tuple[list[float], int]], view: View
) -> dict[View, tuple[list[float], int]]:
    """Return the views with one more item of a view, answered at the view's mean (an empty
    view: at the middle of the scale)."""
    values, total = views.get(view, ([], 0))
    typical = sum(values) / len(values) if values else (LIKERT_MIN + LIKERT_MAX) / 2
    return {**views, view: ([*values, typical], total + 1)}


def offer_extra(
    answers: Answers,
    bank: Bank,
    match: ProfileMatch,
    per_demand: int = EXTRA_PER_DEMAND,
    limit: int = MAX_EXTRA_ITEMS,
) -> dict[str, tuple[str, ...]]:
    """Return, per borderline or provisional demand, the ids of the extra questions to offer
    (at most per_demand each, limit in all); empty when the rules offer none."""
    candidates = extra_candidates(bank, answers.form)
    if not candidates or per_demand < 1:
        return {}
    offer: dict[str, tuple[str, ...]] = {}
    budget = limit
    per_view = bank.rules.per_view_disagreement
    for dimension_id in unfirm_demands(match):
        pool = [
            item
            for item in candidates
            if item.dimension == dimension_id
            and item.id not in answers.responses
            and (not isinstance(item, KnowledgeItem) or item.counts_for(answers.profile))
        ]
        views = _demand_views(answers, bank, dimension_id)
        chosen: list[str] = []
        while pool and len(chosen) < min(per_demand, budget):
            errors = [
                _expected_error(_with_typical(views, view_of(item)), per_view) for item in pool
            ]
            item = pool.pop(errors.index(min(errors)))  # the first of equals: form order
            views = _with_typical(views, view_of(item))
            chosen.append(item.id)
        if chosen:
            offer[dimension_id] = tuple(chosen)
            budget -= len(chosen)
        if budget <= 0:
            break
    return offer
