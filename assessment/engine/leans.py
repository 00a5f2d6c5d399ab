"""Clear leans on the trade-off axes (rules 3) and the person's own situational choices beside them.

A lean is clear when the whole interval of the axis position (position ± borderline_z standard
errors, the same 95 % interval as the bands of rules 3) lies on one side of the middle (50). Next
to it stand the situations of the same demand that offer a pole option: how often the person chose
an option of the same pole, of the other pole, or of neither. Pure rules, no text; trade-offs still
never count towards a score.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import Bank, Pole, Scenario
from assessment.engine.answers import Answers
from assessment.engine.scoring import DimensionScore

# The middle of an axis (0 = pole a, 100 = pole b): a lean lies clearly on one side of it.
AXIS_MIDDLE = 50


class AxisLean(BaseModel):
    """One axis the person answered: the clear lean (if any) and the situations beside it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    dimension: str
    position: int = Field(ge=0, le=100, description="0 = pole a, 100 = pole b")
    uncertainty: int = Field(ge=0, le=100, description="Standard error in points")
    pole: Pole | None = Field(description="The clear lean; None: both poles within uncertainty")
    situations: int = Field(ge=0, description="Answered situations of the demand with a pole")
    chose_a: int = Field(ge=0, description="… in which an option of pole a was chosen")
    chose_b: int = Field(ge=0, description="… of pole b")
    chose_neither: int = Field(ge=0, description="… of no pole")

    def chose(self, pole: Pole) -> int:
        """Return in how many of the situations an option of a pole was chosen."""
        return self.chose_a if pole == "a" else self.chose_b


def clear_pole(position: int, uncertainty: int, z: float) -> Pole | None:
    """Return the pole the position leans to beyond z standard errors, else None."""
    if position + z * uncertainty < AXIS_MIDDLE:
        return "a"
    if position - z * uncertainty > AXIS_MIDDLE:
        return "b"
    return None


def situation_poles(answers: Answers, bank: Bank, dimension_id: str) -> tuple[Pole | None, ...]:
    """Return the pole of each chosen option (None: an option of no pole), for the form's answered
    situations of a demand that offer at least one pole option, in presentation order."""
    chosen: list[Pole | None] = []
    for item in bank.form_items_of(answers.form, dimension_id):
        if not isinstance(item, Scenario) or item.id not in answers.responses:
            continue
        if all(option.pole is None for option in item.options):
            continue
        chosen.append(item.option(str(answers.responses[item.id])).pole)
    return tuple(chosen)


def axis_leans(
    answers: Answers, bank: Bank, scores: tuple[DimensionScore, ...]
) -> tuple[AxisLean, ...]:
    """Return every answered axis of a bank with lean texts (rules 3), in the bank's order."""
    if not bank.rules.lean_texts:
        return ()
    leans = []
    for score in scores:
        if score.axis is None or score.axis_uncertainty is None:
            continue
        pole = clear_pole(score.axis, score.axis_uncertainty, bank.rules.borderline_z)
        chosen = situation_poles(answers, bank, score.dimension)
        leans.append(
            AxisLean(
                dimension=score.dimension,
                position=score.axis,
                uncertainty=score.axis_uncertainty,
                pole=pole,
                situations=len(chosen),
                chose_a=chosen.count("a"),
                chose_b=chosen.count("b"),
                chose_neither=chosen.count(None),
            )
        )
    return tuple(leans)
