"""Score answers per dimension on 0–100 (POMP), from keyed Likert items and scenario options.

Bank v1 is scored by its own rules, unchanged. From rules 2 on, a dimension's score also
carries its uncertainty, "can't judge yet" answers never score, a dimension with too few
scorable answers because of them is an area to gain experience, and trade-off statements place
the person on the dimension's axis instead of adding to its level.

Rules 3 (`views_apart`, bank v3; V3_CONTRACT.md "Scoring") score each demand from up to three
views kept apart, each on 0–100 with its own standard error:

- self: the statements, exactly as rules 2 score them (can't-judge-yet never scores); a
  frequency statement (rules 4) reads never, once, 2–3 times, more often as 0, 33, 67, 100
  (item_value) and its "no occasion" never scores, like can't-judge-yet;
- situation: the scenarios, option score 0–3 → 0, 33, 67, 100;
- knowledge: the share right; a wrong answer and "can't say" both count as not known (0), a
  right one 100, and nothing is subtracted beyond that (no guessing penalty). An item of one
  setting's law or practice (`KnowledgeItem.setting`, e.g. GO NRW or TVöD for "public") counts
  only for a person who chose that setting or "noch offen"; for one who chose another setting it
  is answered but not scored.

A view counts when at least MIN_ANSWERED_SHARE of its items in the form are scorably answered.
Its uncertainty is the standard error of its values as in rules 2 (at least ASSUMED_ITEM_SD).
The demand's score, the one bands and levels use, then follows one rule:

- basis "evidence": when the self view and the mean of the evidence views (situation and
  knowledge, equal weight) differ by more than DISAGREEMENT_Z (1.96) times their joint standard
  error √(SE_self² + SE_evidence²) — beyond the 95 % interval of the difference, in either
  direction — the score is the evidence views' mean alone, with their standard error; the self
  view is kept beside it. A verdict never rests on self-description the other views contradict.
- basis "combined" otherwise: the equal-weight mean of every view that counts, with standard
  error √(Σ SE²) / k for k views (views taken as independent).

Rules 4 (`per_view_disagreement`, bank v4; questions/drafts/v4/NOTES.md) keep the views, their
scores and uncertainties, and change how they combine:

- weights: an evidence view weighs by the answers it rests on, up to FULL_VIEW_ANSWERS (3, the
  fewest situations the full form asks per demand): w = min(n, 3) for n scored answers. The self
  view weighs as one evidence view at most: min(n, 3), but never more than the lightest evidence
  view that counts. So more statements never outweigh a situation or a knowledge item (on the
  short form, three statements, one situation and one knowledge item weigh 1 : 1 : 1, as in
  rules 3), while a lone knowledge item beside three situations weighs a fifth, not a third.
  These are inverse-variance weights under the assumed item spread (a view's error variance is
  ASSUMED_ITEM_SD² / n), capped because the views measure a requirement by different methods.
  The person's own spread sets a view's standard error, never its weight.
- the self view's cap: where evidence views count, the self view counts at most up to the upper
  end of their 95 % interval – their weighted mean plus DISAGREEMENT_Z (1.96) standard errors.
  A self-description above what the evidence allows buys nothing beyond that bound; a modest one
  counts as given. The self view's own score is shown unchanged.
- basis "evidence": the self view is set aside only when every evidence view that counts
  differs from it, each compared on its own, by more than DISAGREEMENT_Z (1.96) times their
  joint standard error √(SE_self² + SE_view²), all on the same side of it, and together they
  rest on MIN_OUTVOTING_ANSWERS (2) or more scored answers. An evidence view within the
  uncertainty of the self view agrees with it and keeps it; a lone answer may agree but never
  outvotes (on the short form, one situation and one knowledge item that both lie beyond the
  uncertainty on the same side set the self view aside; one situation alone does not – the
  self view then counts, capped at the situation's upper bound). The score is then the weighted
  mean of the evidence views.
- basis "combined" otherwise: the weighted mean of every view that counts (the self view capped
  as above), with standard error √(Σ w² SE²) / Σ w (views taken as independent). The score
  always lies between the lowest and the highest view it rests on, and a verdict never rests on
  the self view alone where an evidence view counts, nor on a self view above the evidence's
  95 % interval.
- why: rules 4 as first built weighed the self view by its answers too (3 : 1 : 1 on the short
  form); simulated smart fakers then beat their honest twin's verdict in 68 % of short-form
  results against 11 % under rules 3. The rule above pays faking no more than rules 3 for every
  faker kind, within simulation noise (questions/drafts/v4/NOTES.md, tests/unit/engine/
  test_rules_v4.py test_faking_pays_no_more_than_under_rules_3).
- firm answers (engine/matching.firm_answers): a verdict below, within or above the target
  range counts the scored answers of every view that counts and agrees with it – whose shown
  score lies on the same side of the band edge (below the range, within it, above it) – the
  set-aside self view included; a borderline verdict counts the answers its score rests on, as
  rules 3. Fewer than `min_firm_answers` (4) make it "vorläufig", as in rules 3.

Extra questions (rules with `extra_questions`): a short-form item set extended by answered items
of the full form (`extra_candidates`) scores each such answer in its view exactly as if the form
had asked it; the quality checks read the form's own items only.

Rounding happens once, at the end (half up). `scored_answers` counts the answers in the views
the score rests on. A demand without a counting view is an Erfahrungsfeld when the statements
fall short because of can't-judge-yet answers and no evidence view counts, otherwise missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import (
    FREQUENCY_MAX,
    LIKERT_MAX,
    LIKERT_MIN,
    PROFILE_IDS,
    SCENARIO_SCORE_MAX,
    UNSURE,
    VIEWS,
    Bank,
    Item,
    KnowledgeItem,
    LikertItem,
    Scenario,
    TradeoffItem,
    View,
    answer_values,
)
from assessment.engine.answers import EXTRA_SOURCE_FORM, Answers, extra_answered

# A dimension is scored only when at least this share of its form items is answered.
MIN_ANSWERED_SHARE = 0.5
# The uncertainty of a dimension score is the standard error of the mean of its scorable
# answers: s / √n, where s is the spread (SD) of the person's own keyed answers in that
# dimension, but at least ASSUMED_ITEM_SD scale points — an assumption (not a measured
# reliability) that keeps a person who answers every item alike from looking exact.
ASSUMED_ITEM_SD = 1.0
# Points on 0–100 per scale point of the 1–5 scale.
POINTS_PER_STEP = 100 / (LIKERT_MAX - LIKERT_MIN)

# Rules 3: the self view differs from the evidence views beyond this many joint standard errors
# (1.96: outside the 95 % interval of the difference) → the demand rests on the evidence alone.
DISAGREEMENT_Z = 1.96
# Rules 4: an evidence view weighs by its scored answers up to this many (the fewest situations
# the full form asks per demand); the self view weighs as the lightest evidence view at most.
FULL_VIEW_ANSWERS = 3
# Rules 4: the evidence views set the self view aside only when they rest on at least this many
# scored answers together (a single answer never does).
MIN_OUTVOTING_ANSWERS = 2

Status = Literal["scored", "experience", "missing"]
Basis = Literal["combined", "evidence"]


class ViewScore(BaseModel):
    """One view of a demand (rules 3): what people say, how they decide, or what they know."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    view: View
    score: int | None = Field(ge=0, le=100, description="0–100, None = not enough answers")
    uncertainty: int | None = Field(
        default=None, ge=0, le=100, description="Standard error of the score in points"
    )
    answered: int = Field(ge=0, description="Items answered (can't-judge-yet and can't-say too)")
    total: int = Field(ge=1, description="Items of the form in this view of the demand")
    unsure: int = Field(
        default=0,
        ge=0,
        description="Statements: can't-judge-yet (never scored); knowledge: can't-say (scored 0)",
    )
    scored: int = Field(default=0, ge=0, description="Answers that count towards this view's score")


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
    views: tuple[ViewScore, ...] = Field(
        default=(), description="Rules 3: each view the form has items for, in VIEWS order"
    )
    basis: Basis | None = Field(
        default=None,
        description="Rules 3: combined = equal-weight mean of the views with enough answers;"
        " evidence = the self view disagrees beyond the 95 % joint uncertainty, so the score"
        " rests on situation and knowledge alone",
    )
    scored_answers: int = Field(
        default=0, ge=0, description="Answers that count towards the score (all views it rests on)"
    )
    differing: tuple[View, ...] = Field(
        default=(),
        description="Rules 4: the evidence views that differ from the self view, each on its own,"
        " beyond 1.96 joint standard errors (basis evidence: all of them, on one side)",
    )

    def view(self, view: View) -> ViewScore | None:
        """Return one view's score, None where the form has no items for it (or rules 1/2)."""
        return next((v for v in self.views if v.view == view), None)

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
    if isinstance(item, LikertItem) and item.scale == "frequency":
        # Never, once, 2–3 times, more often (1–4; keying minus reverses them), spread evenly over
        # 1–5 like the scenario scores: 1, 2⅓, 3⅔, 5 → 0, 33, 67, 100 points. "No occasion" is
        # UNSURE and never reaches here (it is in no value table).
        step = FREQUENCY_MAX - value if item.keying == "minus" else value - LIKERT_MIN
        return LIKERT_MIN + (LIKERT_MAX - LIKERT_MIN) * step / (FREQUENCY_MAX - LIKERT_MIN)
    reverse = (isinstance(item, LikertItem) and item.keying == "minus") or (
        isinstance(item, TradeoffItem) and item.high == "a"
    )
    return float(LIKERT_MAX + LIKERT_MIN - value if reverse else value)


def _points(mean: float) -> float:
    """Return a 1–5 mean as unrounded points on 0–100 (as to_pomp computes them)."""
    return (mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100


def to_pomp(mean: float) -> int:
    """Return the percent of maximum possible of a 1–5 mean, rounded half up to a whole point."""
    return math.floor((mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100 + 0.5)


def error_points(values: list[float]) -> float:
    """Return the unrounded standard error of the mean of keyed values in points."""
    n = len(values)
    spread = 0.0
    if n > 1:
        mean = sum(values) / n
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return max(spread, ASSUMED_ITEM_SD) / math.sqrt(n) * POINTS_PER_STEP


def standard_error(values: list[float]) -> int:
    """Return the standard error of the mean of keyed values in points (see ASSUMED_ITEM_SD)."""
    return half_up(error_points(values))


def half_up(points: float) -> int:
    """Return points rounded half up to a whole point."""
    return math.floor(points + 0.5)


ValueTable = dict[int | str, float]
Tables = dict[tuple[str, str], tuple[tuple[str, ValueTable], ...]]
_TABLES: dict[int, tuple[Bank, Tables, Tables]] = {}
ViewTables = dict[tuple[str, str, View, str], tuple[tuple[str, ValueTable], ...]]
_VIEW_TABLES: dict[int, tuple[Bank, ViewTables]] = {}
_VIEW_KINDS: dict[View, type[LikertItem | Scenario | KnowledgeItem]] = {
    "self": LikertItem,
    "situation": Scenario,
    "knowledge": KnowledgeItem,
}


def _table(item: Item) -> ValueTable:
    if isinstance(item, KnowledgeItem):
        # Right = the top of the scale, wrong and can't-say alike = the bottom (not known).
        known: ValueTable = {option.id: float(LIKERT_MIN) for option in item.options}
        return {**known, item.key: float(LIKERT_MAX), UNSURE: float(LIKERT_MIN)}
    choices: tuple[int | str, ...] = (
        tuple(option.id for option in item.options)
        if isinstance(item, Scenario)
        else answer_values(item)
    )
    return {c: item_value(item, c) for c in choices}


def value_table(item: Item) -> ValueTable:
    """Return an item's response → keyed value (1–5) table, as the scoring reads it."""
    return _table(item)


def mean_points(mean: float) -> float:
    """Return a 1–5 mean as unrounded points on 0–100 (the views' scale before rounding)."""
    return _points(mean)


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


def _view_tables(bank: Bank) -> ViewTables:
    """Return, per (form, dimension, view, chosen setting), each item's id with its response →
    value table; a knowledge item of one setting is left out for a person who chose another."""
    cached = _VIEW_TABLES.get(id(bank))
    if cached is None or cached[0] is not bank:
        tables: ViewTables = {}
        for form in bank.forms:
            for dimension_id in bank.dimension_ids:
                items = bank.form_items_of(form, dimension_id)
                for view in VIEWS:
                    kind = _VIEW_KINDS[view]
                    for profile in PROFILE_IDS:
                        tables[form, dimension_id, view, profile] = tuple(
                            (item.id, _table(item))
                            for item in items
                            if isinstance(item, kind)
                            and (not isinstance(item, KnowledgeItem) or item.counts_for(profile))
                        )
        cached = (bank, tables)
        _VIEW_TABLES[id(bank)] = cached
    return cached[1]


def score_answers(answers: Answers, bank: Bank) -> tuple[DimensionScore, ...]:
    """Return a score per dimension of the bank, in the bank's dimension order."""
    if bank.rules.views_apart:
        return _score_v3(answers, bank)
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
                scored_answers=len(values) if enough else 0,
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
                scored_answers=len(values) if enough else 0,
            )
        )
    return tuple(scores)


# --- rules 3 -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ViewPoints:
    """A view's unrounded mean and standard error in points (None: too few answers), its
    scorable answers, and what was given."""

    view: View
    points: float | None
    error: float | None
    count: int
    given: int
    unsure: int
    total: int

    def score(self) -> ViewScore:
        return ViewScore(
            view=self.view,
            score=None if self.points is None else half_up(self.points),
            uncertainty=None if self.error is None else half_up(self.error),
            answered=self.given,
            total=self.total,
            unsure=self.unsure,
            scored=self.count if self.points is not None else 0,
        )


def view_points(
    view: View, entries: tuple[tuple[str, ValueTable], ...], responses: Mapping[str, int | str]
) -> ViewPoints:
    values: list[float] = []
    given = unsure = 0
    for item_id, table in entries:
        value = responses.get(item_id)
        if value is None:
            continue
        given += 1
        if value == UNSURE:
            unsure += 1
        # A can't-judge-yet answer is not in a statement's table (never scored); a can't-say
        # answer is in a knowledge item's table (scored as not known).
        keyed = table.get(value)
        if keyed is not None:
            values.append(keyed)
    enough = bool(values) and len(values) >= MIN_ANSWERED_SHARE * len(entries)
    return ViewPoints(
        view=view,
        points=_points(sum(values) / len(values)) if enough else None,
        error=error_points(values) if enough else None,
        count=len(values),
        given=given,
        unsure=unsure,
        total=len(entries),
    )


def _pooled(views: list[ViewPoints]) -> tuple[float, float]:
    """Return the equal-weight mean of views and its standard error √(Σ SE²) / k."""
    k = len(views)
    mean = sum(v.points or 0.0 for v in views) / k
    error = math.sqrt(sum((v.error or 0.0) ** 2 for v in views)) / k
    return mean, error


def combine_views(
    views: list[ViewPoints], per_view: bool = False
) -> tuple[float, float, Basis, int] | None:
    """Return a demand's score, its standard error, its basis and the answers it rests on, by
    the rule in the module docstring (rules 3; rules 4 with `per_view`, the RuleSet's
    `per_view_disagreement`); None when no view has enough answers."""
    counting = [v for v in views if v.points is not None]
    if not counting:
        return None
    if per_view:
        return _combine_v4(counting)
    own = [v for v in counting if v.view == "self"]
    evidence = [v for v in counting if v.view != "self"]
    if own and evidence:
        evidence_mean, evidence_error = _pooled(evidence)
        joint = math.sqrt((own[0].error or 0.0) ** 2 + evidence_error**2)
        if abs((own[0].points or 0.0) - evidence_mean) > DISAGREEMENT_Z * joint:
            return evidence_mean, evidence_error, "evidence", sum(v.count for v in evidence)
    mean, error = _pooled(counting)
    return mean, error, "combined", sum(v.count for v in counting)


def view_weight(count: int) -> int:
    """Return an evidence view's weight in rules 4: its scored answers, at most
    FULL_VIEW_ANSWERS (the self view's weight: self_weight)."""
    return min(count, FULL_VIEW_ANSWERS)


def self_weight(own: ViewPoints, evidence: list[ViewPoints]) -> int:
    """Return the self view's weight in rules 4: as an evidence view of its answers, but never
    more than the lightest evidence view that counts (the self view weighs as one evidence view
    at most, so more statements never outweigh a situation or a knowledge item)."""
    weight = view_weight(own.count)
    return min(weight, *(view_weight(v.count) for v in evidence)) if evidence else weight


def _weighted(pairs: list[tuple[int, float, float]]) -> tuple[float, float]:
    """Return the weighted mean of (weight, points, error) and its standard error
    √(Σ w² SE²) / Σ w (views taken as independent)."""
    total = sum(w for w, _, _ in pairs)
    mean = sum(w * points for w, points, _ in pairs) / total
    return mean, math.sqrt(sum((w * error) ** 2 for w, _, error in pairs)) / total


def _evidence_pairs(evidence: list[ViewPoints]) -> list[tuple[int, float, float]]:
    return [(view_weight(v.count), v.points or 0.0, v.error or 0.0) for v in evidence]


def evidence_bound(evidence: list[ViewPoints]) -> float:
    """Return the upper end of the evidence's 95 % interval (rules 4): their weighted mean plus
    DISAGREEMENT_Z standard errors. The self view counts at most this high."""
    mean, error = _weighted(_evidence_pairs(evidence))
    return mean + DISAGREEMENT_Z * error


def disagrees(own: ViewPoints, other: ViewPoints) -> int:
    """Return on which side of the self view another view lies beyond DISAGREEMENT_Z joint
    standard errors (−1 below, +1 above), 0 where it agrees within the uncertainty."""
    difference = (other.points or 0.0) - (own.points or 0.0)
    joint = math.sqrt((own.error or 0.0) ** 2 + (other.error or 0.0) ** 2)
    if abs(difference) <= DISAGREEMENT_Z * joint:
        return 0
    return 1 if difference > 0 else -1


def self_set_aside(own: ViewPoints, evidence: list[ViewPoints]) -> bool:
    """Return whether rules 4 set the self view aside: every evidence view that counts lies
    beyond the uncertainty on the same side of it, and together they rest on at least
    MIN_OUTVOTING_ANSWERS scored answers (a single answer never outvotes the self view)."""
    sides = {disagrees(own, view) for view in evidence}
    return (
        len(sides) == 1
        and 0 not in sides
        and sum(view.count for view in evidence) >= MIN_OUTVOTING_ANSWERS
    )


def _combine_v4(counting: list[ViewPoints]) -> tuple[float, float, Basis, int]:
    own = next((v for v in counting if v.view == "self"), None)
    evidence = [v for v in counting if v.view != "self"]
    pairs = _evidence_pairs(evidence)
    if own is None:
        mean, error = _weighted(pairs)
        return mean, error, "combined", sum(v.count for v in evidence)
    if evidence and self_set_aside(own, evidence):
        mean, error = _weighted(pairs)
        return mean, error, "evidence", sum(v.count for v in evidence)
    points = own.points or 0.0
    if evidence:
        points = min(points, evidence_bound(evidence))
    mean, error = _weighted([(self_weight(own, evidence), points, own.error or 0.0), *pairs])
    return mean, error, "combined", sum(v.count for v in counting)


def _view_entries(
    tables: ViewTables, answers: Answers, extra: frozenset[str], dimension_id: str, view: View
) -> tuple[tuple[str, ValueTable], ...]:
    """Return a view's items of the form, followed by the extra questions answered in it (they
    join the view as if the form had asked them: an offered item left unanswered does not)."""
    entries = tables[answers.form, dimension_id, view, answers.profile]
    if extra:
        entries += tuple(
            entry
            for entry in tables[EXTRA_SOURCE_FORM, dimension_id, view, answers.profile]
            if entry[0] in extra
        )
    return entries


def _score_v3(answers: Answers, bank: Bank) -> tuple[DimensionScore, ...]:
    scores = []
    responses = answers.responses
    tables = _view_tables(bank)
    _, axis_tables = _value_tables(bank)
    extra = frozenset(extra_answered(answers, bank))
    for dimension_id in bank.dimension_ids:
        views = [
            view_points(view, entries, responses)
            for view in VIEWS
            if (entries := _view_entries(tables, answers, extra, dimension_id, view))
        ]
        combined = combine_views(views, bank.rules.per_view_disagreement)
        status: Status = "scored"
        if combined is None:
            own = next((v for v in views if v.view == "self"), None)
            short_of_experience = (
                own is not None and own.unsure > 0 and own.given >= MIN_ANSWERED_SHARE * own.total
            )
            status = "experience" if short_of_experience else "missing"
        axis_values = [
            table[responses[i]]
            for i, table in axis_tables[answers.form, dimension_id]
            if i in responses and responses[i] != UNSURE
        ]
        own_view = next((v for v in views if v.view == "self"), None)
        differing: tuple[View, ...] = ()
        if bank.rules.per_view_disagreement and own_view and own_view.points is not None:
            differing = tuple(
                v.view
                for v in views
                if v.view != "self" and v.points is not None and disagrees(own_view, v)
            )
        scores.append(
            DimensionScore(
                dimension=dimension_id,
                score=None if combined is None else half_up(combined[0]),
                answered=sum(v.given for v in views),
                total=max(1, sum(v.total for v in views)),
                unsure=own_view.unsure if own_view else 0,
                uncertainty=None if combined is None else half_up(combined[1]),
                status=status,
                axis=to_pomp(sum(axis_values) / len(axis_values)) if axis_values else None,
                axis_uncertainty=standard_error(axis_values) if axis_values else None,
                axis_answered=len(axis_values),
                views=tuple(v.score() for v in views),
                basis=None if combined is None else combined[2],
                scored_answers=0 if combined is None else combined[3],
                differing=differing,
            )
        )
    return tuple(scores)
