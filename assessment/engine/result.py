"""The whole result of one set of answers: scores, matches, comparison, quality, salary."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import Bank, Experience
from assessment.engine.answers import Answers, check_answers
from assessment.engine.fit import FitResult, fit_settings
from assessment.engine.matching import Comparison, ProfileMatch, compare_profiles, match_profile
from assessment.engine.quality import QualityFlag, check_quality
from assessment.engine.salary import SalaryCheck, check_salary
from assessment.engine.scoring import DimensionScore, score_answers


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
        description="Rules 3: the consistency notice fired; the verdict is shown as resting"
        " mainly on self-description",
    )
    revised: tuple[str, ...] = Field(
        default=(),
        description="Rules 3: scenario and knowledge items answered anew after the rationales"
        " were shown (Answers.revised)",
    )
    fit: FitResult | None = Field(
        default=None,
        description="Rules with preferences: the setting fit from the working-conditions block",
    )


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
    self_based = any(flag.kind == "self_above_evidence" for flag in quality)
    in_form = bank.index.form_item_ids[answers.form]
    return Result(
        bank_version=bank.version,
        answers=answers,
        answered=sum(item_id in in_form for item_id in answers.responses),
        total=len(bank.forms[answers.form].items),
        scores=scores,
        match=match_profile(scores, bank.profiles[answers.profile], bank.rules),
        comparison=compare_profiles(scores, bank, tentative),
        quality=quality,
        salary=(
            check_salary(bank, experience, answers.profile, expected_salary)
            if experience is not None
            else None
        ),
        tentative=tentative,
        self_based=self_based,
        revised=answers.revised if bank.rules.retake_marks else (),
        fit=fit_settings(answers.responses, bank),
    )
