"""The whole result of one set of answers: scores, matches, comparison, quality, salary."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import Bank, Experience
from assessment.engine.answers import Answers, check_answers, extra_answered, without_extra
from assessment.engine.fit import FitResult, fit_settings
from assessment.engine.leans import AxisLean, axis_leans
from assessment.engine.matching import (
    Band,
    Comparison,
    Level,
    ProfileMatch,
    compare_profiles,
    match_profile,
)
from assessment.engine.quality import SELF_BASED_FLAGS, QualityFlag, check_quality
from assessment.engine.salary import SalaryCheck, check_salary
from assessment.engine.scoring import DimensionScore, score_answers, view_weight


class BandChange(BaseModel):
    """A demand whose band the extra questions changed (in the person's chosen setting)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    dimension: str
    before: Band
    after: Band


class Result(BaseModel):
    """Everything computed from one set of answers; recomputed from the answers, never stored."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    bank_version: int
    answers: Answers
    answered: int = Field(ge=0, description="Items answered")
    total: int = Field(ge=1, description="Items in the form")
    scores: tuple[DimensionScore, ...]
    match: ProfileMatch
    comparison: Comparison
    quality: tuple[QualityFlag, ...]
    salary: SalaryCheck | None = None
    tentative: bool = Field(
        default=False, description="A quality notice fired: verdict and comparison are tentative"
    )
    self_based: bool = Field(
        default=False,
        description="Rules 3: the consistency notice fired (rules 4: or the notice on the traps,"
        " quality.SELF_BASED_FLAGS); the verdict is shown as resting mainly on self-description",
    )
    self_carried: tuple[str, ...] = Field(
        default=(),
        description="Rules 3, when the consistency notice fired: the demands whose verdict rests"
        " mainly on self-description — the self view counts in it and the demand reaches its"
        " target range or its edge, while the situation and knowledge views alone stay below"
        " the range (or none of them counts)",
    )
    revised: tuple[str, ...] = Field(
        default=(),
        description="Rules 3: scenario and knowledge items answered anew after the rationales"
        " were shown (Answers.revised)",
    )
    extra: tuple[str, ...] = Field(
        default=(),
        description="Extra questions answered after the short form (items of the full form the"
        " short form did not ask), in the full form's order",
    )
    extra_changes: tuple[BandChange, ...] = Field(
        default=(),
        description="The demands whose band the extra questions changed, from the questionnaire's"
        " own answers to all answers, in the bank's order",
    )
    level_before_extra: Level | None = Field(
        default=None, description="The level on the questionnaire's own answers (with extra ones)"
    )

    leans: tuple[AxisLean, ...] = Field(
        default=(),
        description="Rules 3: each answered trade-off axis, its clear lean (if any) and the"
        " person's situational choices of the same demand by pole; never part of a score",
    )

    fit: FitResult | None = Field(
        default=None,
        description="Rules with preferences: the setting fit from the working-conditions block",
    )


def carried_by_self(
    scores: tuple[DimensionScore, ...], match: ProfileMatch, per_view: bool = False
) -> tuple[str, ...]:
    """Return the demands of a match that reach their target range, or its edge, only because
    the self-description counts: the score rests on the views combined, the self view among
    them, and the mean of the evidence views that count is below the range (or none counts);
    with `per_view` (rules 4) their mean weighted as the score weighs them (view_weight)."""
    bands = {m.dimension: m for m in match.dimensions}
    carried = []
    for score in scores:
        found = bands[score.dimension]
        own = score.view("self")
        if score.basis != "combined" or own is None or own.score is None:
            continue
        if not (found.met or found.band == "borderline"):
            continue
        evidence = [v for v in score.views if v.view != "self" and v.score is not None]
        weights = [view_weight(v.scored) if per_view else 1 for v in evidence]
        mean = sum(w * (v.score or 0) for w, v in zip(weights, evidence, strict=True))
        if not evidence or mean / sum(weights) < found.low:
            carried.append(score.dimension)
    return tuple(carried)


def build_result(
    answers: Answers,
    bank: Bank,
    experience: Experience | None = None,
    expected_salary: int | None = None,
) -> Result:
    """Return the result of answers against their bank (with the salary check given experience)."""
    check_answers(answers, bank)
    scores = score_answers(answers, bank)
    quality = check_quality(answers, bank)
    tentative = bank.rules.tentative_on_quality and bool(quality)
    self_based = any(flag.kind in SELF_BASED_FLAGS for flag in quality)
    comparison = compare_profiles(scores, bank, tentative)
    # The comparison matched every setting already; a person who chose one gets that match.
    profile = bank.profiles[answers.profile]
    match = next((m for m in comparison.ranking if m.profile == answers.profile), None) or (
        match_profile(scores, profile, bank.rules)
    )
    extra = extra_answered(answers, bank)
    changes: tuple[BandChange, ...] = ()
    level_before: Level | None = None
    if extra:
        before = match_profile(
            score_answers(without_extra(answers, bank), bank), profile, bank.rules
        )
        level_before = before.level
        bands = {m.dimension: m.band for m in before.dimensions}
        after = {m.dimension: m.band for m in match.dimensions}
        changes = tuple(
            BandChange(dimension=d, before=bands[d], after=after[d])
            for d in bank.dimension_ids
            if d in bands and d in after and bands[d] != after[d]
        )
    # The working-conditions answers are not questions of the form (they never count).
    asked = bank.index.form_item_ids[answers.form] | set(extra)
    return Result(
        bank_version=bank.version,
        answers=answers,
        answered=sum(item_id in asked for item_id in answers.responses),
        total=len(bank.forms[answers.form].items) + len(extra),
        scores=scores,
        match=match,
        comparison=comparison,
        quality=quality,
        salary=(
            check_salary(bank, experience, answers.profile, expected_salary)
            if experience is not None
            else None
        ),
        tentative=tentative,
        self_based=self_based,
        self_carried=(
            carried_by_self(scores, match, bank.rules.per_view_disagreement) if self_based else ()
        ),
        revised=answers.revised if bank.rules.retake_marks else (),
        extra=extra,
        extra_changes=changes,
        level_before_extra=level_before,
        leans=axis_leans(answers, bank, scores),
        fit=fit_settings(answers.responses, bank),
    )
