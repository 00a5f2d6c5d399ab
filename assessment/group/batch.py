"""The group view's scoring of many people at once, in numpy arrays: every person's scores, bands,
level, marks and quality verdict exactly as their own result computes them.

The reference is the per-person path (score_answers, match_profile, demand_marks and
check_quality by the bank's rules; `judge_person`). This module repeats each of its steps for a
whole form's people at once: answers become a matrix of code digits (assessment/codes/share.py
`digit_values`), each item's digits become values through the scoring's own tables
(`value_table`, the quality plan), and every floating-point sum is taken in the same order as
the per-person path takes it (a skipped answer adds 0.0, which changes no sum), so that each
rounding meets the same number. Squares use `np.float_power`, which calls the C library's
`pow` as Python's `x ** 2` does (numpy's `x ** 2` multiplies, and differs in the last bit for
about one value in a thousand). tests/unit/group/test_batch.py compares the two paths on random
answers of every bank.

People the arrays do not cover (a response outside the form's layout, page timings that the
speed check reads) are judged one by one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

import numpy as np
from numpy.typing import NDArray

from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    PREFERENCE_ANSWERS,
    SETTING_IDS,
    UNSURE,
    Bank,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    Profile,
    Scenario,
)
from assessment.codes.share import digit_values, preference_items
from assessment.engine.answers import Answers, extra_candidates
from assessment.engine.fit import (
    ANSWER_SD,
    MIN_PREFERENCE_ANSWERS,
    PRESENCE_WEIGHT,
    WISH,
    Z_NAMED,
)
from assessment.engine.matching import (
    CRITICAL_WEIGHT,
    FLOOR_Z,
    MIN_SCORED_SHARE,
    PARTIAL_FIT_SHARE,
    STRONG_FIT_SHARE,
    UNCERTAIN_SHARE,
    Band,
    Level,
    demand_marks,
    match_profile,
)
from assessment.engine.quality import (
    AGREE_FROM,
    AGREEMENT_MIN_EACH,
    AGREEMENT_SHARE,
    DISAGREE_UP_TO,
    EVIDENCE_MIN_ANSWERS,
    LONG_STRING_MIN_RUN,
    LOOK_GOOD_GAP,
    LOOK_GOOD_MIN_PLAIN,
    LOOK_GOOD_MIN_TRAPS,
    SCATTER_MIN_ITEMS,
    SCATTER_MIN_SD,
    SELF_CEILING,
    SELF_GAP,
    SELF_MIN_STATEMENTS,
    VIRTUES_MAX_SHARE,
    VIRTUES_MIN_ANSWERED,
    check_quality,
    quality_plan,
)
from assessment.engine.scoring import (
    ASSUMED_ITEM_SD,
    DISAGREEMENT_Z,
    FULL_VIEW_ANSWERS,
    MIN_ANSWERED_SHARE,
    MIN_OUTVOTING_ANSWERS,
    POINTS_PER_STEP,
    item_value,
    score_answers,
    value_table,
)
from assessment.group.preferences import ItemTally, PreferenceGroup, SettingTally

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
# Digits of a code are below 8 (the largest radix is 7).
_DIGITS = 8
_BANDS: tuple[Band, ...] = (
    "unknown",
    "experience",
    "provisional",
    "borderline",
    "below",
    "within",
    "above",
)
_LEVELS: tuple[Level, ...] = (
    "strong",
    "partial",
    "gaps",
    "insufficient",
    "experience",
    "uncertain",
)
_UNKNOWN, _EXPERIENCE, _PROVISIONAL, _BORDERLINE, _BELOW, _WITHIN, _ABOVE = range(len(_BANDS))
_STRONG, _PARTIAL, _GAPS, _INSUFFICIENT, _EXPERIENCE_LEVEL, _UNCERTAIN = range(len(_LEVELS))


@dataclass(frozen=True, slots=True)
class Judged:
    """What the group view reads of one person's result against the chosen setting."""

    scores: tuple[int | None, ...]
    bands: tuple[Band, ...]
    met: int
    scored: int
    level: Level
    development: tuple[str, ...]
    borderline: tuple[str, ...]
    experience: tuple[str, ...]
    tentative: bool
    # Rules 3: demands with too few scored answers for a verdict ("vorläufig"), in bank order.
    provisional: tuple[str, ...] = ()


def judge_person(answers: Answers, bank: Bank, profile: Profile) -> Judged:
    """Return a person's figures one by one, exactly as their own result computes them
    (assessment.engine.result.build_result), scored as if they had chosen that setting: a
    knowledge item of one setting counts only for people heading for it (bank v3)."""
    answers = answers.model_copy(update={"profile": profile.id})
    match = match_profile(score_answers(answers, bank), profile, bank.rules)
    tentative = bank.rules.tentative_on_quality and bool(check_quality(answers, bank))
    marks = demand_marks(match, answers.background, bank.rules)
    return Judged(
        scores=tuple(d.score for d in match.dimensions),
        bands=tuple(d.band for d in match.dimensions),
        met=match.met,
        scored=match.scored,
        level=match.level,
        development=marks.development,
        borderline=marks.borderline,
        experience=marks.experience,
        tentative=tentative,
        provisional=marks.provisional,
    )


def judge_people(people: Sequence[Answers], bank: Bank, profile: Profile) -> list[Judged]:
    """Return every person's figures (judge_person's), computed a form's people at once."""
    judged: list[Judged | None] = [None] * len(people)
    by_form: dict[FormId, list[int]] = {}
    for index, person in enumerate(people):
        by_form.setdefault(person.form, []).append(index)
    for form, indices in by_form.items():
        layout = _form_layout(bank, form)
        digits, covered = layout.digits([people[i] for i in indices])
        rows = [i for i, ok in zip(indices, covered, strict=True) if ok]
        if rows:
            backgrounds = [people[i].background for i in rows]
            for index, found in zip(
                rows, _judge(layout, digits, backgrounds, profile), strict=True
            ):
                judged[index] = found
        for index, ok in zip(indices, covered, strict=True):
            if not ok:
                judged[index] = judge_person(people[index], bank, profile)
    return [found for found in judged if found is not None]


class _FormLayout:
    """One form's columns (its items, the extra candidates, the preference items) and what
    each digit of each column means; built once per bank and form."""

    def __init__(self, bank: Bank, form: FormId) -> None:
        self.bank = bank
        self.form = form
        self.own: tuple[Item, ...] = bank.form_items(form)
        self.extra: tuple[Item, ...] = extra_candidates(bank, form)
        self.items: tuple[Item, ...] = (*self.own, *self.extra, *preference_items(bank))
        self.column = {item.id: index for index, item in enumerate(self.items)}
        self.values = tuple(digit_values(item) for item in self.items)
        # (item id, response) → column × 8 + digit, for turning answers into digits.
        self.cell: dict[tuple[str, int | str], int] = {
            (item.id, value): column * _DIGITS + digit
            for column, (item, values) in enumerate(zip(self.items, self.values, strict=True))
            for digit, value in enumerate(values)
            if value is not None
        }

    def digits(self, people: Sequence[Answers]) -> tuple[NDArray[np.uint8], list[bool]]:
        """Return the digit matrix of the people the arrays cover, and which ones they are."""
        cells: list[int] = []
        lengths: list[int] = []
        covered: list[bool] = []
        lookup = self.cell
        for person in people:
            try:
                found = [lookup[pair] for pair in person.responses.items()]
            except (KeyError, TypeError):
                found = None
            ok = found is not None and not person.page_seconds
            covered.append(ok)
            if ok and found is not None:
                cells.extend(found)
                lengths.append(len(found))
        matrix = np.zeros((len(lengths), len(self.items)), dtype=np.uint8)
        if cells:
            packed = np.array(cells, dtype=np.int64)
            rows = np.repeat(np.arange(len(lengths)), lengths)
            matrix[rows, packed // _DIGITS] = packed % _DIGITS
        return matrix, covered

    def by_digit(self, item: Item, value_of: Callable[[int | str], float | None]) -> Floats:
        """Return an item's value per digit (NaN where value_of gives None or unanswered)."""
        table = np.full(_DIGITS, np.nan)
        for digit, response in enumerate(self.values[self.column[item.id]]):
            if response is not None:
                value = value_of(response)
                table[digit] = np.nan if value is None else value
        return table


_LAYOUTS: dict[tuple[int, FormId], _FormLayout] = {}


def _form_layout(bank: Bank, form: FormId) -> _FormLayout:
    cached = _LAYOUTS.get((id(bank), form))
    if cached is None or cached.bank is not bank:
        cached = _LAYOUTS[id(bank), form] = _FormLayout(bank, form)
    return cached


def _square(values: Floats) -> Floats:
    """Return values ** 2 as Python computes it for a float (the C library's pow)."""
    return np.float_power(values, 2.0)


@dataclass(frozen=True, slots=True)
class _View:
    """A view (or rules 1/2's one list of scored items) of a demand, for every person."""

    points: Floats  # unrounded 0–100 (NaN where not enough answers)
    error: Floats
    enough: Bools
    count: Ints  # scorable answers
    given: Ints  # answered, can't-judge-yet and can't-say too
    unsure: Ints
    total: Ints  # items of the form, plus extra questions answered


def _view(
    layout: _FormLayout,
    digits: NDArray[np.uint8],
    items: Sequence[Item],
    extra: Sequence[Item] = (),
    table_of: Callable[[Item], dict[int | str, float]] = value_table,
) -> _View:
    """Return a view over the form's items, then the extra questions answered, with each value
    from table_of(item) (a response missing from it answers but never scores)."""
    people = digits.shape[0]
    total = np.full(people, len(items), dtype=np.int64)
    count = np.zeros(people, dtype=np.int64)
    given = np.zeros(people, dtype=np.int64)
    unsure = np.zeros(people, dtype=np.int64)
    columns: list[tuple[Floats, Bools]] = []
    for position, item in enumerate((*items, *extra)):
        table = table_of(item)
        answered_digits = layout.by_digit(item, lambda _: 1.0)
        unsure_digits = layout.by_digit(item, lambda r: 1.0 if r == UNSURE else None)
        column = digits[:, layout.column[item.id]]
        values = layout.by_digit(item, table.get)[column]
        answered = ~np.isnan(answered_digits[column])
        scorable = ~np.isnan(values)
        if position >= len(items):
            total += answered
        count += scorable
        given += answered
        unsure += ~np.isnan(unsure_digits[column])
        columns.append((values, scorable))
    with np.errstate(all="ignore"):
        summed = np.zeros(people)
        for values, scorable in columns:
            summed = summed + np.where(scorable, values, 0.0)
        mean = summed / count
        squares = np.zeros(people)
        for values, scorable in columns:
            squares = squares + np.where(scorable, _square(values - mean), 0.0)
        spread = np.where(count > 1, np.sqrt(squares / (count - 1)), 0.0)
        error = np.maximum(spread, ASSUMED_ITEM_SD) / np.sqrt(count) * POINTS_PER_STEP
        points = (mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100
    enough = (count > 0) & (count >= MIN_ANSWERED_SHARE * total)
    return _View(points, error, enough, count, given, unsure, total)


def _half_up(points: Floats) -> Ints:
    """half_up for arrays (NaN gives 0; callers mask it)."""
    with np.errstate(all="ignore"):
        return np.nan_to_num(np.floor(points + 0.5)).astype(np.int64)


@dataclass(frozen=True, slots=True)
class _Scores:
    """Per person (rows) and dimension (columns): score, uncertainty, status, answers scored."""

    score: Ints
    has_score: Bools
    uncertainty: Ints
    experience: Bools  # status "experience" (no score)
    scored_answers: Ints
    # Rules 4: each view's shown score and its scored answers (0 where it does not count), in
    # VIEWS order: self, situation, knowledge (zeros before rules 3).
    view_scores: Ints
    view_scored: Ints


def _scores(layout: _FormLayout, digits: NDArray[np.uint8], profile: Profile) -> _Scores:
    bank = layout.bank
    columns = []
    for dimension_id in bank.dimension_ids:
        if bank.rules.views_apart:
            columns.append(_demand_v3(layout, digits, dimension_id, profile))
        else:
            columns.append(_demand_v2(layout, digits, dimension_id))
    return _Scores(*(np.stack(part, axis=1) for part in zip(*columns, strict=True)))


_Demand = tuple[Ints, Bools, Ints, Bools, Ints, Ints, Ints]


def _no_views(people: int) -> Ints:
    """Rules 1 and 2: no views apart (three zero columns, as _Scores.view_scores holds them)."""
    return np.zeros((people, 3), dtype=np.int64)


def _demand_v2(layout: _FormLayout, digits: NDArray[np.uint8], dimension_id: str) -> _Demand:
    """Rules 1 and 2: one list of statements and scenarios (score_answers, _score_v2)."""
    items = [
        item
        for item in layout.bank.form_items_of(layout.form, dimension_id)
        if isinstance(item, LikertItem | Scenario)
    ]
    view = _view(layout, digits, items)
    score = _half_up(view.points)
    if not layout.bank.rules.honest_verdicts:
        experience = np.zeros_like(view.enough)
    else:
        experience = (
            ~view.enough & (view.unsure > 0) & (view.given >= MIN_ANSWERED_SHARE * len(items))
        )
    uncertainty = _half_up(view.error)
    people = digits.shape[0]
    return (
        score,
        view.enough,
        uncertainty,
        experience,
        np.where(view.enough, view.count, 0),
        _no_views(people),
        _no_views(people),
    )


def _demand_v3(
    layout: _FormLayout, digits: NDArray[np.uint8], dimension_id: str, profile: Profile
) -> _Demand:
    """Rules 3 and 4: three views apart, combined by the rule of score_answers
    (combine_views)."""
    bank = layout.bank
    own = bank.form_items_of(layout.form, dimension_id)
    extra = [item for item in layout.extra if item.dimension == dimension_id]

    def of_view(kind: type[Item], items: Sequence[Item]) -> list[Item]:
        return [
            item
            for item in items
            if isinstance(item, kind)
            and (not isinstance(item, KnowledgeItem) or item.counts_for(profile.id))
        ]

    views = [
        _view(layout, digits, of_view(kind, own), of_view(kind, extra))
        for kind in (LikertItem, Scenario, KnowledgeItem)
    ]
    own_view, situation, knowledge = views
    if bank.rules.per_view_disagreement:
        mean, error, apart = _combine_v4(own_view, situation, knowledge)
    else:
        mean, error, apart = _combine_v3(own_view, situation, knowledge)
    evidence_count = np.where(situation.enough, situation.count, 0) + np.where(
        knowledge.enough, knowledge.count, 0
    )
    scored_answers = np.where(
        apart, evidence_count, evidence_count + np.where(own_view.enough, own_view.count, 0)
    )
    has_score = own_view.enough | situation.enough | knowledge.enough
    experience = (
        ~has_score
        & (own_view.total > 0)
        & (own_view.unsure > 0)
        & (own_view.given >= MIN_ANSWERED_SHARE * own_view.total)
    )
    # A view counts only with answers, so only where the form (or an extra question) asks it.
    view_scores = np.stack([np.where(v.enough, _half_up(v.points), 0) for v in views], axis=1)
    view_scored = np.stack([np.where(v.enough, v.count, 0) for v in views], axis=1)
    return (
        _half_up(mean),
        has_score,
        _half_up(error),
        experience,
        np.where(has_score, scored_answers, 0),
        view_scores,
        view_scored,
    )


def _combine_v3(
    own_view: _View, situation: _View, knowledge: _View
) -> tuple[Floats, Floats, Bools]:
    """Rules 3's combine rule for arrays: the score, its error, and where the self view is set
    aside (combine_views)."""
    views = (own_view, situation, knowledge)
    people = own_view.enough.shape[0]
    with np.errstate(all="ignore"):
        evidence_k = situation.enough.astype(np.int64) + knowledge.enough
        evidence_sum = np.zeros(people)
        evidence_squares = np.zeros(people)
        for view in (situation, knowledge):
            evidence_sum = evidence_sum + np.where(view.enough, view.points, 0.0)
            evidence_squares = evidence_squares + np.where(view.enough, _square(view.error), 0.0)
        evidence_mean = evidence_sum / evidence_k
        evidence_error = np.sqrt(evidence_squares) / evidence_k
        joint = np.sqrt(_square(own_view.error) + _square(evidence_error))
        apart = (
            own_view.enough
            & (evidence_k > 0)
            & (np.abs(own_view.points - evidence_mean) > DISAGREEMENT_Z * joint)
        )
        all_k = own_view.enough.astype(np.int64) + evidence_k
        all_sum = np.zeros(people)
        all_squares = np.zeros(people)
        for view in views:
            all_sum = all_sum + np.where(view.enough, view.points, 0.0)
            all_squares = all_squares + np.where(view.enough, _square(view.error), 0.0)
        mean = np.where(apart, evidence_mean, all_sum / all_k)
        error = np.where(apart, evidence_error, np.sqrt(all_squares) / all_k)
    return mean, error, apart


def _weight(view: _View) -> Ints:
    """Return an evidence view's weight per person in rules 4 (scoring.view_weight), 0 where it
    does not count."""
    return np.where(view.enough, np.minimum(view.count, FULL_VIEW_ANSWERS), 0)


def _combine_v4(
    own_view: _View, situation: _View, knowledge: _View
) -> tuple[Floats, Floats, Bools]:
    """Rules 4's combine rule for arrays (scoring._combine_v4, self_set_aside, self_weight,
    evidence_bound)."""
    people = own_view.enough.shape[0]
    agree = np.zeros(people, dtype=np.bool_)
    above = np.zeros(people, dtype=np.bool_)
    below = np.zeros(people, dtype=np.bool_)
    answers = np.zeros(people, dtype=np.int64)
    weight_sum = np.zeros(people, dtype=np.int64)
    points_sum = np.zeros(people)
    squares = np.zeros(people)
    # Each evidence view's weighted points and squared error, summed after the self view's below
    # in the person path's order (self, situation, knowledge), so that each rounding meets the
    # same number.
    point_terms: list[Floats] = []
    square_terms: list[Floats] = []
    lightest = np.full(people, FULL_VIEW_ANSWERS, dtype=np.int64)
    with np.errstate(all="ignore"):
        for view in (situation, knowledge):
            difference = view.points - own_view.points
            joint = np.sqrt(_square(own_view.error) + _square(view.error))
            within = np.abs(difference) <= DISAGREEMENT_Z * joint
            agree |= view.enough & within
            above |= view.enough & ~within & (difference > 0)
            below |= view.enough & ~within & (difference < 0)
            answers = answers + np.where(view.enough, view.count, 0)
            weight = _weight(view)
            weight_sum = weight_sum + weight
            point_terms.append(np.where(view.enough, weight * view.points, 0.0))
            square_terms.append(np.where(view.enough, _square(weight * view.error), 0.0))
            points_sum = points_sum + point_terms[-1]
            squares = squares + square_terms[-1]
            lightest = np.where(view.enough, np.minimum(lightest, weight), lightest)
        evidence = weight_sum > 0
        evidence_mean = points_sum / weight_sum
        evidence_error = np.sqrt(squares) / weight_sum
        outvoting = answers >= MIN_OUTVOTING_ANSWERS
        apart = own_view.enough & ~agree & (above != below) & outvoting
        own_weight = np.where(
            own_view.enough, np.minimum(np.minimum(own_view.count, FULL_VIEW_ANSWERS), lightest), 0
        )
        bound = evidence_mean + DISAGREEMENT_Z * evidence_error
        own_points = np.where(evidence, np.minimum(own_view.points, bound), own_view.points)
        total = weight_sum + own_weight
        all_points = np.where(own_view.enough, own_weight * own_points, 0.0)
        all_squares = np.where(own_view.enough, _square(own_weight * own_view.error), 0.0)
        for point_term, square_term in zip(point_terms, square_terms, strict=True):
            all_points = all_points + point_term
            all_squares = all_squares + square_term
        all_mean = all_points / total
        all_error = np.sqrt(all_squares) / total
    return (
        np.where(apart, evidence_mean, all_mean),
        np.where(apart, evidence_error, all_error),
        apart,
    )


def _agreeing_answers(scores: _Scores, band: Ints, low: Ints, high: Ints) -> Ints:
    """Return the firm answers of rules 4 (matching.firm_answers): a verdict below, within or
    above counts the scored answers of the views whose shown score lies on its side; any other
    band the answers its score rests on."""
    agreeing = np.zeros(band.shape, dtype=np.int64)
    for index in range(scores.view_scores.shape[2]):
        value = scores.view_scores[:, :, index]
        counted = scores.view_scored[:, :, index]
        view_band = np.where(value < low, _BELOW, np.where(value > high, _ABOVE, _WITHIN))
        agreeing += np.where((counted > 0) & (view_band == band), counted, 0)
    sided = (band == _BELOW) | (band == _WITHIN) | (band == _ABOVE)
    return np.where(sided, agreeing, scores.scored_answers)


def _bands(scores: _Scores, bank: Bank, profile: Profile) -> tuple[Ints, Ints, Bools]:
    """Return each demand's band (index into _BANDS), its gap, and whether it is knocked out
    (band_of, band_v2 and knocked_out)."""
    rules = bank.rules
    targets = [profile.targets[d] for d in bank.dimension_ids]
    low = np.array([t.low for t in targets])
    high = np.array([t.high for t in targets])
    score = scores.score
    band = np.where(score < low, _BELOW, np.where(score > high, _ABOVE, _WITHIN))
    gap = np.where(score < low, low - score, np.where(score > high, score - high, 0))
    knocked = np.zeros(score.shape, dtype=np.bool_)
    if rules.honest_verdicts:
        error = rules.borderline_z * scores.uncertainty
        near = ((low > 0) & (np.abs(score - low) <= error)) | (
            (high < 100) & (np.abs(score - high) <= error)
        )
        band = np.where(near, _BORDERLINE, band)
        gap = np.where(near, 0, gap)
        if rules.per_view_disagreement:  # rules 4: the answers of the views that agree
            firm_count = _agreeing_answers(scores, band, low, high)
        else:
            firm_count = scores.scored_answers
        firm = firm_count >= rules.min_firm_answers
        band = np.where(firm, band, _PROVISIONAL)
        gap = np.where(firm, gap, 0)
        if rules.knockout_floors:
            floor = np.array([np.nan if t.floor is None else t.floor for t in targets])
            knocked = firm & scores.has_score & (score + FLOOR_Z * scores.uncertainty < floor)
    missing = np.where(scores.experience, _EXPERIENCE, _UNKNOWN)
    band = np.where(scores.has_score, band, missing)
    gap = np.where(scores.has_score, gap, 0)
    return band, gap, knocked


def _levels(band: Ints, knocked: Bools, bank: Bank, profile: Profile) -> Ints:
    """Return each person's level (index into _LEVELS): overall_level, overall_level_v2 or
    overall_level_v3 by the rules."""
    rules = bank.rules
    weight = np.array([profile.targets[d].weight for d in bank.dimension_ids])
    dimensions = band.shape[1]
    met = (band == _WITHIN) | (band == _ABOVE)
    if not rules.honest_verdicts:
        scored = band != _UNKNOWN
        scored_weight = (scored * weight).sum(axis=1)
        with np.errstate(all="ignore"):
            share = (met * weight).sum(axis=1) / scored_weight
        level = np.where(share >= STRONG_FIT_SHARE, _STRONG, _PARTIAL)
        level = np.where(share >= PARTIAL_FIT_SHARE, level, _GAPS)
        few = (scored.sum(axis=1) == 0) | (scored.sum(axis=1) < MIN_SCORED_SHARE * dimensions)
        return np.where(few, _INSUFFICIENT, level)
    unfirm = (band == _BORDERLINE) | (
        (band == _PROVISIONAL) if rules.strong_needs_heavy_met else np.zeros_like(met)
    )
    scored = (band != _UNKNOWN) & (band != _EXPERIENCE)
    total = (scored * weight).sum(axis=1)
    unfirm_weight = (unfirm * weight).sum(axis=1)
    with np.errstate(all="ignore"):
        share = ((met * weight).sum(axis=1) + 0.5 * unfirm_weight) / total
    level = np.where(share >= STRONG_FIT_SHARE, _STRONG, _PARTIAL)
    level = np.where(share < PARTIAL_FIT_SHARE, _GAPS, level)
    critical = weight >= CRITICAL_WEIGHT
    critical_below = ((band == _BELOW) & critical).any(axis=1)
    level = np.where(critical_below & (level == _STRONG), _PARTIAL, level)
    level = np.where(unfirm_weight >= UNCERTAIN_SHARE * total, _UNCERTAIN, level)
    few = (scored.sum(axis=1) == 0) | (scored.sum(axis=1) < MIN_SCORED_SHARE * dimensions)
    experience = (band == _EXPERIENCE).sum(axis=1) >= (band == _UNKNOWN).sum(axis=1)
    level = np.where(few, np.where(experience, _EXPERIENCE_LEVEL, _INSUFFICIENT), level)
    if rules.strong_needs_heavy_met:
        open_heavy = (critical & ~met).any(axis=1)
        level = np.where(open_heavy & (level == _STRONG), _PARTIAL, level)
        capped = knocked.any(axis=1) & np.isin(level, (_STRONG, _PARTIAL, _UNCERTAIN))
        level = np.where(capped, _GAPS, level)
    return level


def _tentative(layout: _FormLayout, digits: NDArray[np.uint8], profile: Profile) -> Bools:
    """Return whether any quality notice fires (check_quality by rules 2 and 3, without the
    page timings, which the people of the arrays do not have)."""
    bank = layout.bank
    people = digits.shape[0]
    if not bank.rules.tentative_on_quality:
        return np.zeros(people, dtype=np.bool_)
    plan = quality_plan(bank, layout.form)
    item = bank.index.items

    def column(item_id: str, value_of: Callable[[int | str], float | None]) -> Floats:
        found: Floats = layout.by_digit(item[item_id], value_of)[digits[:, layout.column[item_id]]]
        return found

    def number(response: int | str) -> float | None:
        return float(response) if isinstance(response, int) else None

    # Straight-lining: runs of equal answers, an unanswered or can't-judge-yet one breaks a run.
    kinds: dict[int | str, float] = {}

    def same_answer(response: int | str) -> float | None:
        return None if response == UNSURE else kinds.setdefault(response, float(len(kinds)))

    run = np.zeros(people)
    best = np.zeros(people)
    previous = np.full(people, np.nan)
    for item_id in plan.run_ids:
        value = column(item_id, same_answer)
        answered = ~np.isnan(value)
        run = np.where(answered, np.where(value == previous, run + 1, 1), 0)
        previous = value
        best = np.maximum(best, run)
    fires = best >= LONG_STRING_MIN_RUN

    if plan.pair_threshold is not None:
        agreed = np.zeros(people, dtype=np.int64)
        for plus, minus in plan.pairs:
            agreed += (column(plus, number) >= AGREE_FROM) & (column(minus, number) >= AGREE_FROM)
        fires |= agreed >= plan.pair_threshold

    virtues = np.zeros(people, dtype=np.int64)
    endorsed = np.zeros(people, dtype=np.int64)
    for item_id, threshold in plan.virtues:
        value = column(item_id, number)
        virtues += ~np.isnan(value)
        endorsed += value >= threshold
    fires |= (virtues >= VIRTUES_MIN_ANSWERED) & (endorsed > VIRTUES_MAX_SHARE * virtues)

    squares = np.zeros(people)
    freedom = np.zeros(people, dtype=np.int64)
    counted = np.zeros(people, dtype=np.int64)
    # Rules 4: each kind of statement centred on the person's own mean for it (kind_means).
    members = {i: (m, t) for group in plan.spread_groups for i, m, t in group}
    centres: dict[str, Floats] = {}
    with np.errstate(all="ignore"):
        for ids in plan.spread_kinds:
            kind_values = [column(i, _valued(*members[i])) for i in ids if i in members]
            mean, _ = _mean_of(kind_values, people)
            centres.update(dict.fromkeys(ids, mean))
    with np.errstate(all="ignore"):
        for group in plan.spread_groups:
            values = [
                column(item_id, _valued(member, table)) - centres.get(item_id, 0.0)
                for item_id, member, table in group
            ]
            count = sum((~np.isnan(v) for v in values), np.zeros(people, dtype=np.int64))
            summed = np.zeros(people)
            for value in values:
                summed = summed + np.where(np.isnan(value), 0.0, value)
            mean = summed / count
            group_squares = np.zeros(people)
            for value in values:
                group_squares = group_squares + np.where(
                    np.isnan(value), 0.0, _square(value - mean)
                )
            pooled = count >= 2
            squares = squares + np.where(pooled, group_squares, 0.0)
            freedom += np.where(pooled, count - 1, 0)
            counted += np.where(pooled, count, 0)
        spread = np.where(freedom > 0, np.sqrt(squares / freedom), 0.0)
    fires |= (counted >= SCATTER_MIN_ITEMS) & (spread >= SCATTER_MIN_SD)

    if bank.rules.consistency_notice:
        fires |= _self_above_evidence(plan, column, profile, people)
    if bank.rules.agreement_check:
        fires |= _agreement_style(plan, column, number, people)
    if bank.rules.look_good_notice and plan.traps:
        plain, plain_count = _mean_of([column(i, _valued(m, t)) for i, m, t in plan.plain], people)
        traps, trap_count = _mean_of([column(i, _valued(m, t)) for i, m, t in plan.traps], people)
        gap = (plain - traps) / (LIKERT_MAX - LIKERT_MIN) * 100
        fires |= (
            (plain_count >= LOOK_GOOD_MIN_PLAIN)
            & (trap_count >= LOOK_GOOD_MIN_TRAPS)
            & (gap >= LOOK_GOOD_GAP)
        )
    return fires


def _agreement_style(
    plan: Any,
    column: Callable[[str, Callable[[int | str], float | None]], Floats],
    number: Callable[[int | str], float | None],
    people: int,
) -> Bools:
    """The agreement check (quality.agreement_style) for every person: nearly all agreement
    statements of both keyings agreed with, or nearly all of both rejected."""

    def side(ids: tuple[str, ...]) -> tuple[Ints, Ints, Ints]:
        values = [column(item_id, number) for item_id in ids]
        answered: Ints = np.zeros(people, dtype=np.int64)
        agreed: Ints = np.zeros(people, dtype=np.int64)
        rejected: Ints = np.zeros(people, dtype=np.int64)
        for value in values:
            answered = answered + ~np.isnan(value)
            agreed = agreed + (value >= AGREE_FROM)
            rejected = rejected + (value <= DISAGREE_UP_TO)
        return answered, agreed, rejected

    plus, plus_agreed, plus_rejected = side(plan.agree_plus)
    minus, minus_agreed, minus_rejected = side(plan.agree_minus)
    enough = (plus >= AGREEMENT_MIN_EACH) & (minus >= AGREEMENT_MIN_EACH)
    agreeing = (plus_agreed >= AGREEMENT_SHARE * plus) & (minus_agreed >= AGREEMENT_SHARE * minus)
    rejecting = (plus_rejected >= AGREEMENT_SHARE * plus) & (
        minus_rejected >= AGREEMENT_SHARE * minus
    )
    fires: Bools = enough & (agreeing | rejecting)
    return fires


def _mean_of(values: list[Floats], people: int) -> tuple[Floats, Ints]:
    """Return per person the mean of the values that are not NaN (NaN where none) and their
    count, adding in the order given (as the per-person checks add)."""
    count = sum((~np.isnan(v) for v in values), np.zeros(people, dtype=np.int64))
    summed = np.zeros(people)
    for value in values:
        summed = summed + np.where(np.isnan(value), 0.0, value)
    with np.errstate(all="ignore"):
        mean: Floats = summed / count
    return mean, count


def _valued(member: Item, table: dict[int | str, float]) -> Callable[[int | str], float | None]:
    """Return a response's keyed value as the quality checks read it (can't judge yet: None)."""

    def value_of(response: int | str) -> float | None:
        if response == UNSURE:
            return None
        found = table.get(response)
        return item_value(member, response) if found is None else found

    return value_of


def _self_above_evidence(
    plan: Any,
    column: Callable[[str, Callable[[int | str], float | None]], Floats],
    profile: Profile,
    people: int,
) -> Bools:
    """The consistency notice (quality.self_above_evidence) for every person."""

    def mean_points(values: list[Floats]) -> tuple[Floats, Ints]:
        count = sum((~np.isnan(v) for v in values), np.zeros(people, dtype=np.int64))
        summed = np.zeros(people)
        for value in values:
            summed = summed + np.where(np.isnan(value), 0.0, value)
        with np.errstate(all="ignore"):
            points = (summed / count - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100
        return points, count

    own, own_count = mean_points(
        [column(item_id, _valued(member, table)) for item_id, member, table in plan.own]
    )
    situation, situation_count = mean_points(
        [column(item_id, _valued(member, table)) for item_id, member, table in plan.situation]
    )
    known_values = []
    for item_id, key, settings in plan.knowledge:
        if profile.id in settings:

            def known(response: int | str, key: int | str = key) -> float:
                return float(LIKERT_MAX if response == key else LIKERT_MIN)

            known_values.append(column(item_id, known))
    known_points, known_count = mean_points(known_values)
    answered = sum(
        (~np.isnan(column(item_id, lambda _: 1.0)) for item_id in plan.evidence_ids),
        np.zeros(people, dtype=np.int64),
    )
    evidence_k = (situation_count > 0).astype(np.int64) + (known_count > 0)
    evidence_sum = (np.zeros(people) + np.where(situation_count > 0, situation, 0.0)) + np.where(
        known_count > 0, known_points, 0.0
    )
    with np.errstate(all="ignore"):
        gap = own - evidence_sum / evidence_k
    possible = (
        (own_count >= SELF_MIN_STATEMENTS) & (evidence_k > 0) & (answered >= EVIDENCE_MIN_ANSWERS)
    )
    result: Bools = possible & (own >= SELF_CEILING) & (gap >= SELF_GAP)
    return result


def _judge(
    layout: _FormLayout,
    digits: NDArray[np.uint8],
    backgrounds: Sequence[str | None],
    profile: Profile,
) -> list[Judged]:
    bank = layout.bank
    rules = bank.rules
    scores = _scores(layout, digits, profile)
    band, gap, knocked = _bands(scores, bank, profile)
    level = _levels(band, knocked, bank, profile)
    tentative = _tentative(layout, digits, profile).tolist()
    names = bank.dimension_ids
    weight = np.array([profile.targets[d].weight for d in names])
    dimensions = len(names)
    # Development areas: below the band, the largest weight × gap first, then the heavier
    # demand, then bank order (a stable sort's order, as match_profile sorts).
    below = band == _BELOW
    key = ((-(weight * gap)) * 4 - weight) * dimensions + np.arange(dimensions)
    order = np.argsort(np.where(below, key, np.iinfo(np.int64).max), axis=1, kind="stable")
    below_count = below.sum(axis=1).tolist()
    # Python objects per cell (ints, None, names), so that each row becomes a tuple in C.
    score_cells = scores.score.astype(object)
    score_cells[~scores.has_score] = None
    score_rows = score_cells.tolist()
    band_rows = np.array(_BANDS, dtype=object)[band].tolist()
    order_rows = np.array(names, dtype=object)[order].tolist()
    borderline_rows = (band == _BORDERLINE).tolist()
    experience_rows = (band == _EXPERIENCE).tolist()
    provisional_rows = (band == _PROVISIONAL).tolist()
    met_rows = ((band == _WITHIN) | (band == _ABOVE)).sum(axis=1).tolist()
    scored_rows = ((band != _UNKNOWN) & (band != _EXPERIENCE)).sum(axis=1).tolist()
    level_names = np.array(_LEVELS, dtype=object)[level].tolist()
    starters_move = rules.starter_gaps_are_experience
    judged = []
    for index, background in enumerate(backgrounds):
        development = tuple(order_rows[index][: below_count[index]])
        experience = tuple(compress(names, experience_rows[index]))
        if starters_move and background == "starter":
            development, experience = (), (*development, *experience)
        judged.append(
            Judged(
                scores=tuple(score_rows[index]),
                bands=tuple(band_rows[index]),
                met=met_rows[index],
                scored=scored_rows[index],
                level=level_names[index],
                development=development,
                borderline=tuple(compress(names, borderline_rows[index])),
                experience=experience,
                tentative=tentative[index],
                provisional=tuple(compress(names, provisional_rows[index])),
            )
        )
    return judged


def preference_group_many(people: Sequence[Answers], bank: Bank) -> PreferenceGroup | None:
    """Return the group's preferences (preference_group's), with every person's setting fit
    (fit_settings: verdict, named setting, matches and chafing conditions) taken at once."""
    block = bank.preferences
    if block is None or not bank.rules.preferences or not people:
        return None
    items = block.items
    # A stored answer 1–3 (as preference_answer reads it); anything else counts as none.
    stored: dict[int | str | None, int] = {v: v for v in range(1, len(PREFERENCE_ANSWERS) + 1)}
    ids = [item.id for item in items]
    answers = np.array(
        [[stored.get(person.responses.get(item_id), 0) for item_id in ids] for person in people],
        dtype=np.int64,
    ).reshape(len(people), len(items))
    answered = answers > 0
    wish = np.array([0, *(WISH[answer] for answer in PREFERENCE_ANSWERS)])[answers]
    presence = np.array(
        [
            [PRESENCE_WEIGHT[block.condition(s, item.id).presence] for item in items]
            for s in SETTING_IDS
        ]
    ).reshape(len(SETTING_IDS), len(items))
    typical = presence == PRESENCE_WEIGHT["typical"]
    scores = wish @ presence.T  # people × settings
    count = answered.sum(axis=1)
    best = np.argmax(scores, axis=1)  # the first of the highest, as a stable sort by -score
    top = scores.max(axis=1)
    beyond = (scores == top[:, None]).sum(axis=1) == 1
    for setting in range(len(SETTING_IDS)):
        differences = np.square(presence[setting][None, :] - presence)  # settings × items
        spread = answered.astype(np.int64) @ differences.T  # people × settings
        interval = Z_NAMED * ANSWER_SD * np.sqrt(spread)
        clear = (top[:, None] - scores > interval) | (np.arange(len(SETTING_IDS)) == setting)
        beyond &= (best != setting) | clear.all(axis=1)
    with_answers = count > 0
    too_few = with_answers & (count < MIN_PREFERENCE_ANSWERS)
    named = with_answers & ~too_few & beyond
    want = answers == PREFERENCE_ANSWERS.index("want") + 1
    chafe = answers == PREFERENCE_ANSWERS.index("chafe") + 1
    chosen = Counter(person.profile for person in people)
    settings = tuple(
        SettingTally(
            setting=setting,
            named=int((named & (best == index)).sum()),
            chosen=chosen[setting],
            matches=int((with_answers & (want & typical[index]).any(axis=1)).sum()),
            chafes=int((with_answers & (chafe & typical[index]).any(axis=1)).sum()),
        )
        for index, setting in enumerate(SETTING_IDS)
    )
    tallies = tuple(
        ItemTally(
            item=item.id,
            want=int(want[:, column].sum()),
            accept=int((answers[:, column] == PREFERENCE_ANSWERS.index("accept") + 1).sum()),
            chafe=int(chafe[:, column].sum()),
            typical_in=tuple(
                s for s in SETTING_IDS if block.condition(s, item.id).presence == "typical"
            ),
        )
        for column, item in enumerate(items)
    )
    return PreferenceGroup(
        people=len(people),
        answered=int(with_answers.sum()),
        no_clear=int((with_answers & ~too_few & ~beyond).sum()),
        too_few=int(too_few.sum()),
        settings=settings,
        items=tallies,
    )
