"""Compare dimension scores with a setting's demand profile: bands, gaps, order, overall level."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.models import SETTING_IDS, Bank, Profile, ProfileId
from assessment.scoring import DimensionScore

Band = Literal["below", "within", "above", "unknown"]
Level = Literal["strong", "partial", "gaps", "insufficient"]

# Overall level from the weighted share of demands met (weights from the profile).
STRONG_FIT_SHARE = 0.8
PARTIAL_FIT_SHARE = 0.5
# Below this share of scored dimensions no overall statement is made at all.
MIN_SCORED_SHARE = 0.5


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DimensionMatch(_Frozen):
    """One dimension against its target band: below, within or above, and by how many points."""

    dimension: str
    score: int | None
    low: int
    high: int
    weight: int
    band: Band
    gap: int = Field(ge=0, description="Points outside the band; 0 within or unknown")

    @property
    def priority(self) -> int:
        return self.weight * self.gap

    @property
    def met(self) -> bool:
        return self.band in ("within", "above")


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


class Comparison(_Frozen):
    """All settings side by side, best fit first; best is None when nothing could be scored."""

    ranking: tuple[ProfileMatch, ...]
    best: ProfileId | None
    tied: tuple[ProfileId, ...] = Field(description="Settings that fit exactly as well as best")


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


def match_profile(scores: tuple[DimensionScore, ...], profile: Profile) -> ProfileMatch:
    """Return the scores matched against one profile."""
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


def compare_profiles(scores: tuple[DimensionScore, ...], bank: Bank) -> Comparison:
    """Return every concrete setting's match, best fit (smallest weighted gap, most met) first."""
    matches = [match_profile(scores, bank.profiles[pid]) for pid in SETTING_IDS]
    ranking = tuple(sorted(matches, key=lambda m: (m.weighted_gap, -m.met)))
    if ranking[0].level == "insufficient":
        return Comparison(ranking=ranking, best=None, tied=())
    head = ranking[0]
    tied = tuple(
        m.profile for m in ranking[1:] if (m.weighted_gap, m.met) == (head.weighted_gap, head.met)
    )
    return Comparison(ranking=ranking, best=head.profile, tied=tied)
