"""Compare dimension scores with a setting's demand profile: bands, gaps, order, overall level.

Bank v1 keeps its rules. From rules 2 on: a band edge within a score's uncertainty reads
"borderline"; a dimension without enough scorable answers because of can't-judge-yet answers
is an area to gain experience; the overall level is non-compensatory (a critical demand below
its band caps it); trade-off axes count towards the fit; and a setting is named the better fit
only when it is better for every score inside the uncertainty, never when a quality notice fired.

Rules 3 (V3_CONTRACT.md "Matching") add: "borderline" within rules.borderline_z (1.96) standard
errors, the 95 % interval the comparison uses too; "provisional" for a demand resting on fewer
than rules.min_firm_answers scored answers (never "below"); knock-out floors (a demand whose 95 %
interval lies wholly below its setting's floor caps the level at "gaps"); and "strong" only when
every weight-3 demand is within or above its band — the weight-3 demands that are not
(borderline, provisional, below, or without a score) are named in `open_heavy`.

Rules 4 (`per_view_disagreement`) count a verdict's firm answers differently (`firm_answers`): a
demand below, within or above its range rests firmly on the scored answers of every view whose
score lies on the same side, the self view included where the score set it aside; fewer than
rules.min_firm_answers make it "provisional" as in rules 3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import (
    SETTING_IDS,
    AxisTarget,
    Bank,
    Experience,
    Profile,
    ProfileId,
    Target,
)
from assessment.bank.rules import RuleSet
from assessment.engine.scoring import DimensionScore

Band = Literal["below", "within", "above", "unknown", "borderline", "experience", "provisional"]
Level = Literal["strong", "partial", "gaps", "insufficient", "experience", "uncertain"]
AxisFit = Literal["within", "outside", "borderline", "open", "unknown"]

# Overall level from the weighted share of demands met (weights from the profile).
STRONG_FIT_SHARE = 0.8
PARTIAL_FIT_SHARE = 0.5
# Below this share of scored dimensions no overall statement is made at all.
MIN_SCORED_SHARE = 0.5
# Rules 2: a demand of this weight below its band caps the overall level at "partial".
CRITICAL_WEIGHT = 3
# Rules 2: a borderline demand counts half towards the weighted share met.
BORDERLINE_CREDIT = 0.5
# Rules 2: when at least this weighted share of the scored demands is borderline, the answers
# allow no overall statement ("uncertain") rather than a level built mostly on half credits.
UNCERTAIN_SHARE = 0.5
# Rules 2: a setting is named the better fit only when it is better for every score within
# this many standard errors of each score (1.96: a 95 % interval per score).
COMPARISON_Z = 1.96
# Rules 3: a demand is knocked out when the upper end of its score's 95 % interval (this many
# standard errors above it) lies below the setting's floor.
FLOOR_Z = 1.96
# Rules 3: bands that leave a demand open — "strong" never coexists with a weight-3 demand in one.
UNFIRM_BANDS: tuple[Band, ...] = ("borderline", "provisional")
# Rules 2: how much a position outside a setting's preferred range on a trade-off axis weighs
# in the comparison, per point, against a weight-1 demand's shortfall.
AXIS_WEIGHT = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class DimensionMatch(_Frozen):
    """One dimension against its target band: below, within or above, and by how many points."""

    dimension: str
    score: int | None
    low: int
    high: int
    weight: int
    band: Band
    gap: int = Field(ge=0, description="Points outside the band; 0 within or unknown")
    uncertainty: int | None = Field(default=None, description="Standard error (rules 2)")

    @property
    def priority(self) -> int:
        return self.weight * self.gap

    @property
    def met(self) -> bool:
        return self.band in ("within", "above")


class AxisMatch(_Frozen):
    """A person's position on a dimension's trade-off axis against a setting's preferred range."""

    dimension: str
    position: int | None
    uncertainty: int | None
    low: int | None = Field(description="The setting's preferred range; None = any position")
    high: int | None
    fit: AxisFit


class ProfileMatch(_Frozen):
    """A person's scores against one setting's profile."""

    profile: ProfileId
    dimensions: tuple[DimensionMatch, ...]
    met: int = Field(ge=0, description="Demands met (within or above the band)")
    scored: int = Field(ge=0, description="Dimensions with enough answers")
    total: int = Field(ge=1)
    level: Level
    development: tuple[str, ...] = Field(description="Dimensions below the band, most urgent first")
    strengths: tuple[str, ...] = Field(description="Dimensions met, heaviest weight first")
    weighted_gap: int = Field(ge=0, description="Sum of weight × gap over all dimensions")
    borderline: tuple[str, ...] = Field(default=(), description="Band edge within uncertainty")
    experience: tuple[str, ...] = Field(default=(), description="Areas to gain experience")
    axes: tuple[AxisMatch, ...] = ()
    capped: bool = Field(default=False, description="A critical demand below caps the level")
    knocked_out: tuple[str, ...] = Field(
        default=(),
        description="Rules 3: demands whose 95 % interval lies wholly below the setting's floor;"
        " any caps the level at gaps",
    )
    open_heavy: tuple[str, ...] = Field(
        default=(),
        description="Rules 3: weight-3 demands not within or above their band (borderline,"
        " provisional, below, or without a score); any keeps the level from strong",
    )
    provisional: tuple[str, ...] = Field(
        default=(), description="Rules 3: demands on too few scored answers for a firm verdict"
    )


class Comparison(_Frozen):
    """All settings side by side, best fit first; best is None when nothing could be scored."""

    ranking: tuple[ProfileMatch, ...]
    best: ProfileId | None
    tied: tuple[ProfileId, ...] = Field(description="Settings that fit exactly as well as best")
    tentative: bool = Field(default=False, description="A quality notice fired: no best fit")
    differences: tuple[str, ...] = Field(
        default=(), description="Dimensions whose demands differ between the settings"
    )


def band_of(score: int | None, low: int, high: int) -> tuple[Band, int]:
    """Return the band of a score against [low, high] and the gap in points."""
    if score is None:
        return "unknown", 0
    if score < low:
        return "below", low - score
    if score > high:
        return "above", score - high
    return "within", 0


def overall_level(matches: tuple[DimensionMatch, ...]) -> Level:
    """Return the banded overall level: the weighted share of demands met, never a number."""
    scored = [m for m in matches if m.band != "unknown"]
    if not scored or len(scored) < MIN_SCORED_SHARE * len(matches):
        return "insufficient"
    share = sum(m.weight for m in scored if m.met) / sum(m.weight for m in scored)
    if share >= STRONG_FIT_SHARE:
        return "strong"
    if share >= PARTIAL_FIT_SHARE:
        return "partial"
    return "gaps"


def match_profile(
    scores: tuple[DimensionScore, ...], profile: Profile, rules: RuleSet
) -> ProfileMatch:
    """Return the scores matched against one profile by the bank's rules."""
    if rules.honest_verdicts:
        return _match_v2(scores, profile, rules)
    matches = []
    for score in scores:
        target = profile.targets[score.dimension]
        band, gap = band_of(score.score, target.low, target.high)
        matches.append(
            DimensionMatch(
                dimension=score.dimension,
                score=score.score,
                low=target.low,
                high=target.high,
                weight=target.weight,
                band=band,
                gap=gap,
            )
        )
    ordered = tuple(matches)
    below = sorted(
        (m for m in ordered if m.band == "below"), key=lambda m: (-m.priority, -m.weight)
    )
    met = sorted(
        (m for m in ordered if m.met),
        key=lambda m: (-m.weight, -(m.score or 0) + m.low),
    )
    return ProfileMatch(
        profile=profile.id,
        dimensions=ordered,
        met=len(met),
        scored=sum(m.band != "unknown" for m in ordered),
        total=len(ordered),
        level=overall_level(ordered),
        development=tuple(m.dimension for m in below),
        strengths=tuple(m.dimension for m in met),
        weighted_gap=sum(m.priority for m in ordered),
    )


def compare_profiles(
    scores: tuple[DimensionScore, ...], bank: Bank, tentative: bool = False
) -> Comparison:
    """Return every concrete setting's match, best fit (smallest weighted gap, most met) first."""
    if bank.rules.honest_verdicts:
        return _compare_v2(scores, bank, tentative)
    matches = [match_profile(scores, bank.profiles[pid], bank.rules) for pid in SETTING_IDS]
    ranking = tuple(sorted(matches, key=lambda m: (m.weighted_gap, -m.met)))
    if ranking[0].level == "insufficient":
        return Comparison(ranking=ranking, best=None, tied=())
    head = ranking[0]
    tied = tuple(
        m.profile for m in ranking[1:] if (m.weighted_gap, m.met) == (head.weighted_gap, head.met)
    )
    return Comparison(ranking=ranking, best=head.profile, tied=tied)


# --- rules 2 -------------------------------------------------------------------------------


def shortfall(value: float, low: float, high: float) -> float:
    """Return how far a value lies outside [low, high] (0 inside)."""
    return max(0.0, low - value, value - high)


def band_v2(
    score: DimensionScore,
    target: Target,
    z: float = 1.0,
    min_firm: int = 0,
    agreeing: bool = False,
) -> tuple[Band, int]:
    """Return the band of a score with its uncertainty, and the gap in points (never shown).

    A band edge within z standard errors reads borderline (rules 2: one; rules 3: 1.96); a score
    on fewer than min_firm scored answers is provisional (rules 3), whatever its position. With
    `agreeing` (rules 4, `per_view_disagreement`) the firm answers are those of the views that
    agree with the verdict (firm_answers).
    """
    if score.score is None:
        return ("experience" if score.status == "experience" else "unknown"), 0
    if not agreeing and score.scored_answers < min_firm:
        return "provisional", 0
    value, error = score.score, z * (score.uncertainty or 0)
    near_low = target.low > 0 and abs(value - target.low) <= error
    near_high = target.high < 100 and abs(value - target.high) <= error
    found: tuple[Band, int] = (
        ("borderline", 0) if near_low or near_high else band_of(value, target.low, target.high)
    )
    if agreeing and firm_answers(score, target, found[0]) < min_firm:
        return "provisional", 0
    return found


def supporting_answers(score: DimensionScore, target: Target, rules: RuleSet) -> int:
    """Return the scored answers a demand's verdict is judged firm on: the answers its score
    rests on (rules 3), or in rules 4 those of the views that agree with the verdict."""
    if not rules.per_view_disagreement:
        return score.scored_answers
    return firm_answers(score, target, band_v2(score, target, rules.borderline_z)[0])


def side(value: int, target: Target) -> Band:
    """Return on which side of a target range a score lies: below, within or above."""
    return band_of(value, target.low, target.high)[0]


def firm_answers(score: DimensionScore, target: Target, band: Band) -> int:
    """Return the scored answers a verdict rests on firmly in rules 4: for a verdict below,
    within or above the target range, those of every view that counts and whose score lies on
    the same side (the self view too where the score set it aside); for any other band, the
    answers the score rests on (rules 3)."""
    if band not in ("below", "within", "above"):
        return score.scored_answers
    return sum(
        view.scored
        for view in score.views
        if view.score is not None and side(view.score, target) == band
    )


def axis_fit(score: DimensionScore, target: AxisTarget | None) -> AxisFit:
    """Return where an axis position lies against a setting's preferred range."""
    if score.axis is None:
        return "unknown"
    if target is None:
        return "open"
    position, error = score.axis, score.axis_uncertainty or 0
    near_low = target.low > 0 and abs(position - target.low) <= error
    near_high = target.high < 100 and abs(position - target.high) <= error
    if near_low or near_high:
        return "borderline"
    return "within" if target.low <= position <= target.high else "outside"


def overall_level_v2(matches: tuple[DimensionMatch, ...]) -> tuple[Level, bool]:
    """Return the non-compensatory overall level, and whether a critical demand below holds it
    at "partial" (whatever else is met)."""
    return _level_v2([(m.band, m.weight) for m in matches])


def _level_v2(bands: list[tuple[Band, int]]) -> tuple[Level, bool]:
    """overall_level_v2 on each demand's band and weight."""
    scored = [(band, weight) for band, weight in bands if band not in ("unknown", "experience")]
    if not scored or len(scored) < MIN_SCORED_SHARE * len(bands):
        experience = sum(band == "experience" for band, _ in bands)
        unknown = sum(band == "unknown" for band, _ in bands)
        return ("experience" if experience >= unknown else "insufficient"), False
    total = sum(weight for _, weight in scored)
    if sum(weight for band, weight in scored if band == "borderline") >= UNCERTAIN_SHARE * total:
        return "uncertain", False
    credit = {"within": 1.0, "above": 1.0, "borderline": BORDERLINE_CREDIT}
    share = sum(weight * credit.get(band, 0.0) for band, weight in scored) / total
    level: Level = "strong" if share >= STRONG_FIT_SHARE else "partial"
    if share < PARTIAL_FIT_SHARE:
        level = "gaps"
    critical_below = any(weight >= CRITICAL_WEIGHT and band == "below" for band, weight in scored)
    if critical_below and level == "strong":
        level = "partial"
    # capped: the level is "partial" and a critical demand below would keep it there anyway.
    return level, critical_below and level == "partial"


def knocked_out(score: DimensionScore, target: Target) -> bool:
    """Return whether a firm score's 95 % interval lies wholly below the target's floor."""
    if target.floor is None or score.score is None:
        return False
    return score.score + FLOOR_Z * (score.uncertainty or 0) < target.floor


def overall_level_v3(
    matches: tuple[DimensionMatch, ...], knocked: tuple[str, ...]
) -> tuple[Level, bool, tuple[str, ...]]:
    """Return the level by rules 3, whether a critical demand below caps it, and the weight-3
    demands left open.

    As rules 2, with provisional demands counted like borderline ones (half credit, and towards
    "uncertain"); then "strong" only when every weight-3 demand is within or above its band
    (else "partial"); and a knock-out caps the level at "gaps" (also where the rest is
    "uncertain": a knock-out is a firm verdict).
    """
    level, capped = _level_v2(
        [("borderline" if m.band == "provisional" else m.band, m.weight) for m in matches]
    )
    open_heavy = tuple(m.dimension for m in matches if m.weight >= CRITICAL_WEIGHT and not m.met)
    if level == "strong" and open_heavy:
        level = "partial"
    if knocked and level in ("strong", "partial", "uncertain"):
        level, capped = "gaps", False
    return level, capped, open_heavy


def _weighted_gap(scores: tuple[DimensionScore, ...], profile: Profile) -> float:
    total = 0.0
    for score in scores:
        target = profile.targets[score.dimension]
        if score.score is not None:
            total += target.weight * shortfall(score.score, target.low, target.high)
        axis = profile.axes.get(score.dimension)
        if axis is not None and score.axis is not None:
            total += AXIS_WEIGHT * shortfall(score.axis, axis.low, axis.high)
    return total


def weighted_gap(scores: tuple[DimensionScore, ...], profile: Profile) -> float:
    """Return the exact weighted shortfall of scores from a profile's bands (0: none anywhere)."""
    return _weighted_gap(scores, profile)


def _match_v2(scores: tuple[DimensionScore, ...], profile: Profile, rules: RuleSet) -> ProfileMatch:
    matches = []
    axes = []
    knocked = []
    for score in scores:
        target = profile.targets[score.dimension]
        band, gap = band_v2(
            score,
            target,
            rules.borderline_z,
            rules.min_firm_answers,
            agreeing=rules.per_view_disagreement,
        )
        if rules.knockout_floors and band != "provisional" and knocked_out(score, target):
            knocked.append(score.dimension)
        matches.append(
            DimensionMatch(
                dimension=score.dimension,
                score=score.score,
                low=target.low,
                high=target.high,
                weight=target.weight,
                band=band,
                gap=gap,
                uncertainty=score.uncertainty,
            )
        )
        axis_target = profile.axes.get(score.dimension)
        if score.axis is not None or axis_target is not None:
            axes.append(
                AxisMatch(
                    dimension=score.dimension,
                    position=score.axis,
                    uncertainty=score.axis_uncertainty,
                    low=axis_target.low if axis_target else None,
                    high=axis_target.high if axis_target else None,
                    fit=axis_fit(score, axis_target),
                )
            )
    ordered = tuple(matches)
    below = sorted(
        (m for m in ordered if m.band == "below"), key=lambda m: (-m.priority, -m.weight)
    )
    met = sorted((m for m in ordered if m.met), key=lambda m: (-m.weight, -(m.score or 0) + m.low))
    open_heavy: tuple[str, ...] = ()
    if rules.strong_needs_heavy_met:
        level, capped, open_heavy = overall_level_v3(ordered, tuple(knocked))
    else:
        level, capped = overall_level_v2(ordered)
    return ProfileMatch(
        profile=profile.id,
        dimensions=ordered,
        met=len(met),
        scored=sum(m.band not in ("unknown", "experience") for m in ordered),
        total=len(ordered),
        level=level,
        development=tuple(m.dimension for m in below),
        strengths=tuple(m.dimension for m in met),
        weighted_gap=math.floor(_weighted_gap(scores, profile) + 0.5),
        borderline=tuple(m.dimension for m in ordered if m.band == "borderline"),
        experience=tuple(m.dimension for m in ordered if m.band == "experience"),
        axes=tuple(axes),
        capped=capped,
        knocked_out=tuple(knocked),
        open_heavy=open_heavy,
        provisional=tuple(m.dimension for m in ordered if m.band == "provisional"),
    )


def _worst_case_difference(
    value: int, error: float, first: tuple[float, float, float], second: tuple[float, float, float]
) -> float:
    """Return the largest (first's weighted shortfall − second's) for any value within ±error.

    Both shortfalls are piecewise linear, so the largest difference lies at an end of the
    interval or at one of the band edges inside it.
    """
    lo, hi = value - error, value + error
    points = {lo, hi} | {p for p in (*first[:2], *second[:2]) if lo <= p <= hi}
    return max(
        first[2] * shortfall(x, first[0], first[1]) - second[2] * shortfall(x, second[0], second[1])
        for x in points
    )


def clearly_better(scores: tuple[DimensionScore, ...], first: Profile, second: Profile) -> bool:
    """Return whether first fits better than second for every score within its uncertainty."""
    worst = 0.0
    for score in scores:
        if score.score is not None:
            a, b = first.targets[score.dimension], second.targets[score.dimension]
            worst += _worst_case_difference(
                score.score,
                COMPARISON_Z * (score.uncertainty or 0),
                (a.low, a.high, a.weight),
                (b.low, b.high, b.weight),
            )
        if score.axis is not None:
            axis_a, axis_b = first.axes.get(score.dimension), second.axes.get(score.dimension)
            worst += _worst_case_difference(
                score.axis,
                COMPARISON_Z * (score.axis_uncertainty or 0),
                (axis_a.low, axis_a.high, AXIS_WEIGHT) if axis_a else (0, 100, 0),
                (axis_b.low, axis_b.high, AXIS_WEIGHT) if axis_b else (0, 100, 0),
            )
    return worst < 0


_DIFFERENCES: dict[int, tuple[Bank, tuple[str, ...]]] = {}


def demand_differences(bank: Bank) -> tuple[str, ...]:
    """Return the dimensions whose band, weight or preferred axis range differs between settings
    (computed once per bank)."""
    cached = _DIFFERENCES.get(id(bank))
    if cached is None or cached[0] is not bank:
        cached = (bank, _demand_differences(bank))
        _DIFFERENCES[id(bank)] = cached
    return cached[1]


def _demand_differences(bank: Bank) -> tuple[str, ...]:
    settings = [bank.profiles[pid] for pid in SETTING_IDS]
    differing = []
    for dimension_id in bank.dimension_ids:
        targets = {(p.targets[dimension_id].low, p.targets[dimension_id].weight) for p in settings}
        axes = {(a.low, a.high) if (a := p.axes.get(dimension_id)) else None for p in settings}
        if len(targets) > 1 or len(axes) > 1:
            differing.append(dimension_id)
    return tuple(differing)


def _compare_v2(scores: tuple[DimensionScore, ...], bank: Bank, tentative: bool) -> Comparison:
    matches = [match_profile(scores, bank.profiles[pid], bank.rules) for pid in SETTING_IDS]
    ranking = tuple(sorted(matches, key=lambda m: (m.weighted_gap, -m.met)))
    differences = demand_differences(bank)
    head = ranking[0]
    best: ProfileId | None = None
    named = head.level not in ("insufficient", "experience", "uncertain") and not head.knocked_out
    if not tentative and named:
        first = bank.profiles[head.profile]
        if all(
            clearly_better(scores, first, bank.profiles[other.profile]) for other in ranking[1:]
        ):
            best = head.profile
    return Comparison(
        ranking=ranking, best=best, tied=(), tentative=tentative, differences=differences
    )


@dataclass(frozen=True, slots=True)
class DemandMarks:
    """Which demands a person's own result shows under which heading; every surface reads it.

    development: below the band, most urgent first; experience: Erfahrungsfelder (and, where the
    rules say so, a starter's demands below the band); borderline: a band edge within the
    uncertainty ("an der Grenze"); strengths: met, heaviest first; unscored: too few answers;
    provisional (rules 3): too few scored answers for a firm verdict ("vorläufig", never below).
    """

    development: tuple[str, ...]
    experience: tuple[str, ...]
    borderline: tuple[str, ...]
    strengths: tuple[str, ...]
    unscored: tuple[str, ...]
    provisional: tuple[str, ...] = ()


def demand_marks(match: ProfileMatch, background: Experience | None, rules: RuleSet) -> DemandMarks:
    """Return the demands of a match by the heading the person's result shows them under."""
    below = match.development
    experience = tuple(m.dimension for m in match.dimensions if m.band == "experience")
    if rules.starter_gaps_are_experience and background == "starter":
        below, experience = (), (*below, *experience)
    return DemandMarks(
        development=below,
        experience=experience,
        borderline=match.borderline,
        strengths=match.strengths,
        unscored=tuple(m.dimension for m in match.dimensions if m.band == "unknown"),
        provisional=match.provisional,
    )
