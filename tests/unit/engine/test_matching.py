"""Matching: bands at their boundaries, gap order, the banded overall level, the comparison."""

from __future__ import annotations

import pytest

from assessment.bank.models import SETTING_IDS, Bank
from assessment.engine.matching import (
    PARTIAL_FIT_SHARE,
    STRONG_FIT_SHARE,
    DimensionMatch,
    band_of,
    compare_profiles,
    match_profile,
    overall_level,
)
from assessment.engine.scoring import DimensionScore


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (None, ("unknown", 0)),
        (59, ("below", 1)),
        (60, ("within", 0)),
        (80, ("within", 0)),
        (81, ("above", 1)),
        (0, ("below", 60)),
        (100, ("above", 20)),
    ],
)
def test_band_boundaries(score: int | None, expected: tuple[str, int]) -> None:
    """The band edges belong to the band; one point outside is a gap of one."""
    assert band_of(score, 60, 80) == expected


def _scores(bank: Bank, values: dict[str, int | None]) -> tuple[DimensionScore, ...]:
    return tuple(
        DimensionScore(dimension=d, score=values.get(d, 70), answered=3, total=3)
        for d in bank.dimension_ids
    )


def _match(weight: int, band: str, gap: int = 0) -> DimensionMatch:
    return DimensionMatch(
        dimension=f"d{weight}{band}{gap}",
        score=None if band == "unknown" else 50,
        low=40,
        high=60,
        weight=weight,
        band=band,  # type: ignore[arg-type]
        gap=gap,
    )


def test_overall_level_boundaries() -> None:
    """Weighted share of demands met: ≥ 0.8 strong, ≥ 0.5 partial, below that gaps."""
    assert STRONG_FIT_SHARE == 0.8
    assert PARTIAL_FIT_SHARE == 0.5
    # weights 4 of 5 met = 0.8
    assert (
        overall_level((_match(2, "within"), _match(2, "above"), _match(1, "below", 5))) == "strong"
    )
    # 3 of 5 = 0.6
    assert overall_level((_match(3, "within"), _match(2, "below", 5))) == "partial"
    # exactly 0.5
    assert overall_level((_match(1, "within"), _match(1, "below", 1))) == "partial"
    # 1 of 3 ≈ 0.33
    assert overall_level((_match(1, "within"), _match(2, "below", 1))) == "gaps"


def test_overall_level_needs_half_the_dimensions_scored() -> None:
    """With fewer than half the dimensions scored there is no overall statement."""
    assert overall_level((_match(1, "within"), _match(1, "unknown"), _match(1, "unknown"))) == (
        "insufficient"
    )
    assert overall_level((_match(1, "within"), _match(1, "unknown"))) == "strong"


def test_gaps_are_ordered_by_weight_times_gap(bank: Bank) -> None:
    """Development areas come most urgent first: weight × gap, not gap alone."""
    profile = bank.profiles["mittelstand"]
    heavy = next(d for d, t in profile.targets.items() if t.weight == 3)
    light = next(d for d, t in profile.targets.items() if t.weight == 2)
    scores = _scores(
        bank,
        {heavy: profile.targets[heavy].low - 10, light: profile.targets[light].low - 14},
    )
    match = match_profile(scores, profile, bank.rules)
    assert match.development[:2] == (heavy, light)  # 3 × 10 = 30 > 2 × 14 = 28
    assert heavy not in match.strengths
    assert light not in match.strengths


def test_match_counts_and_gap_sum(bank: Bank) -> None:
    """Met counts within and above; the weighted gap sums weight × gap."""
    profile = bank.profiles["public"]
    scores = _scores(bank, {d: t.low for d, t in profile.targets.items()})
    match = match_profile(scores, profile, bank.rules)
    assert match.met == len(bank.dimensions)
    assert match.weighted_gap == 0
    assert match.level == "strong"
    assert match.development == ()
    lowered = _scores(bank, {d: t.low - 1 for d, t in profile.targets.items()})
    worse = match_profile(lowered, profile, bank.rules)
    assert worse.met == 0
    assert worse.weighted_gap == sum(t.weight for t in profile.targets.values())
    assert worse.level == "gaps"


def test_comparison_ranks_the_three_settings(bank: Bank) -> None:
    """The comparison ranks public, Mittelstand and industry; best has the smallest weighted gap."""
    scores = _scores(bank, dict.fromkeys(bank.dimension_ids, 50))
    comparison = compare_profiles(scores, bank)
    assert {m.profile for m in comparison.ranking} == set(SETTING_IDS)
    gaps = [m.weighted_gap for m in comparison.ranking]
    assert gaps == sorted(gaps)
    assert comparison.best == comparison.ranking[0].profile


def test_comparison_with_nothing_scored_names_no_best(bank: Bank) -> None:
    """Without scores no setting is named best."""
    scores = _scores(bank, dict.fromkeys(bank.dimension_ids))
    comparison = compare_profiles(scores, bank)
    assert comparison.best is None
    assert comparison.tied == ()


def test_comparison_reports_ties(bank: Bank) -> None:
    """Scores at 100 everywhere fit every setting equally: the tie is named, not hidden."""
    scores = _scores(bank, dict.fromkeys(bank.dimension_ids, 100))
    comparison = compare_profiles(scores, bank)
    if all(t.high == 100 for p in bank.profiles.values() for t in p.targets.values()):
        assert comparison.best is not None
        assert len(comparison.tied) == 2
    else:
        assert comparison.best is not None
