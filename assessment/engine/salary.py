"""The article's salary figures as a reality check for an expected monthly salary."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Plausible input bounds for a monthly gross salary in euro; outside them the input is refused.
from assessment.bank.choices import MAX_EXPECTED_SALARY as MAX_EXPECTED_SALARY
from assessment.bank.choices import MIN_EXPECTED_SALARY as MIN_EXPECTED_SALARY
from assessment.bank.models import Bank, Experience, ProfileId, SalaryRange
from assessment.bank.rules import FAR_ABOVE_FACTOR as FAR_ABOVE_FACTOR
from assessment.i18n import format_euro as format_euro

SalaryPosition = Literal["below", "within", "above", "far_above"]


class SalaryCheck(BaseModel):
    """Where an expected salary lies against the article's range for an experience level."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    experience: Experience
    profile: ProfileId
    low: int
    high: int
    expected: int | None = Field(default=None, ge=MIN_EXPECTED_SALARY, le=MAX_EXPECTED_SALARY)
    position: SalaryPosition | None = None
    tariff_bound: bool = Field(description="Public sector: pay follows the tariff, not bargaining")


def salary_range(bank: Bank, experience: Experience) -> SalaryRange:
    """Return the article's range for an experience level (starters and changers enter)."""
    return bank.salary.experienced if experience == "experienced" else bank.salary.entry


def check_salary(
    bank: Bank, experience: Experience, profile: ProfileId, expected: int | None = None
) -> SalaryCheck:
    """Return the salary check; position is None when no expectation was given."""
    span = salary_range(bank, experience)
    position: SalaryPosition | None = None
    if expected is not None:
        if expected < span.low:
            position = "below"
        elif expected <= span.high:
            position = "within"
        elif (factor := bank.rules.salary_outlier_factor) is None or expected <= span.high * factor:
            position = "above"  # without an outlier factor: a neutral comparison
        else:
            position = "far_above"
    return SalaryCheck(
        experience=experience,
        profile=profile,
        low=span.low,
        high=span.high,
        expected=expected,
        position=position,
        tariff_bound=profile == "public",
    )
