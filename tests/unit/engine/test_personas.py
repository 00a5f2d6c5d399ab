"""Personas get the verdicts their descriptions imply."""

from __future__ import annotations

import pytest

from assessment.bank.models import SETTING_IDS, Bank, LikertItem
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from tests.personas import FIREFIGHTER, MODERNIZER, TECHNICIAN, persona_answers


def test_calm_firefighter_fits_the_mittelstand(bank: Bank) -> None:
    """The calm pragmatic firefighter meets the Mittelstand's heavy demands; it fits best there."""
    result = build_result(persona_answers(FIREFIGHTER, profile="mittelstand"), bank)
    bands = {m.dimension: m.band for m in result.match.dimensions}
    for dimension in ("crisis", "budget", "legacy", "pragmatism", "resilience"):
        assert bands[dimension] in ("within", "above"), dimension
    assert result.match.level == "strong"
    assert result.comparison.best == "mittelstand"
    assert result.quality == ()


def test_cloud_modernizer_struggles_with_old_systems(bank: Bank) -> None:
    """The cloud-only modernizer is below on legacy tolerance, most urgently in the Mittelstand."""
    result = build_result(persona_answers(MODERNIZER, profile="mittelstand"), bank)
    bands = {m.dimension: m.band for m in result.match.dimensions}
    assert bands["legacy"] == "below"
    assert bands["learning"] == "within"
    assert result.match.development[0] == "legacy"
    assert result.match.level == "gaps"
    assert result.comparison.best != "mittelstand"


@pytest.mark.parametrize("setting", SETTING_IDS)
def test_conflict_averse_technician_lacks_communication_and_leadership(
    bank: Bank, setting: str
) -> None:
    """In every setting the technician is below on communication, leadership and thick skin."""
    result = build_result(persona_answers(TECHNICIAN, profile=setting), bank)  # type: ignore[arg-type]
    bands = {m.dimension: m.band for m in result.match.dimensions}
    assert bands["communication"] == bands["leadership"] == bands["resilience"] == "below"
    assert bands["security"] == "within"
    assert result.match.level != "strong"
    assert set(result.match.development[:3]) >= {"communication"}


def test_all_agree_is_flagged(bank: Bank) -> None:
    """An all-"trifft voll zu" response is flagged for straight-lining and contradictions."""
    responses: dict[str, int | str] = {
        item.id: 5 for item in bank.form_items("full") if isinstance(item, LikertItem)
    }
    responses.update({s.id: "a" for s in bank.scenarios})
    result = build_result(Answers(bank_version=1, form="full", responses=responses), bank)
    assert {f.kind for f in result.quality} == {"long_string", "contradictions"}
