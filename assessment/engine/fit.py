"""Setting fit from the working-conditions block (rules with `preferences`, issue 21).

Each answer says how much a person wants a condition: "Das suche ich" +1, "Damit kann ich
leben" 0, "Das würde mich reiben" -1. Each setting says how typical the condition is there:
typical +1, varies 0, rare -1. A setting's fit is the sum of wish × presence over the answered
items: a wished condition that is typical there counts for it, one that is rare counts against
it (it would be missed), a chafing condition that is typical counts against it, one that is
rare for it (it is spared).

The rule that names a setting ("noch offen"): the best setting is named only when its fit
exceeds every other setting's by more than Z_NAMED times the uncertainty of that difference.
The uncertainty assumes each answer may move by one step when asked again (ANSWER_SD, this
check's reading, not a measured retest figure): the difference to another setting then has the
standard error ANSWER_SD × sqrt(Σ (presence_best − presence_other)²) over the answered items.
Otherwise the result says "keine klare Präferenz". With fewer than MIN_PREFERENCE_ANSWERS
answers it names none and says so.
"""

from __future__ import annotations

import math
import random
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import (
    PREFERENCE_ANSWERS,
    SETTING_IDS,
    Bank,
    PreferenceAnswer,
    PreferenceBlock,
    Presence,
    ProfileId,
)

# The answers' weight: want +1, can live with 0, would chafe -1.
WISH: dict[PreferenceAnswer, int] = {"want": 1, "accept": 0, "chafe": -1}
# A condition's weight in a setting: typical +1, varies 0, rare -1.
PRESENCE_WEIGHT: dict[Presence, int] = {"typical": 1, "varies": 0, "rare": -1}
# Retest noise of one answer, in answer steps: half a step (this check's assumption: an answer
# may move one step on about one retest in four; no retest data of this block exist yet).
ANSWER_SD = 0.5
# A setting is named only when it beats every other beyond this many standard errors (the same
# 95 % interval as the rest of rules 3).
Z_NAMED = 1.96
# Fewer answers than this: no setting is named, and the result says why.
MIN_PREFERENCE_ANSWERS = 7

Verdict = Literal["named", "no_clear", "too_few"]
# What one answered condition means in one setting:
#   match: wanted and typical there; missing: wanted but rare there; chafe: would chafe and
#   typical there; spared: would chafe and rare there; depends: wanted or chafing, and it
#   depends on the employer.
PointKind = Literal["match", "missing", "chafe", "spared", "depends"]
POINT_KINDS: tuple[PointKind, ...] = ("match", "spared", "depends", "missing", "chafe")


class FitPoint(BaseModel):
    """One answered condition as it meets one setting."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    item: str
    answer: PreferenceAnswer
    presence: Presence
    kind: PointKind


class SettingFit(BaseModel):
    """One setting's fit: the sum, and the points that match or would chafe, in bank order."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    setting: ProfileId
    score: int
    points: tuple[FitPoint, ...]

    def of_kind(self, kind: PointKind) -> tuple[FitPoint, ...]:
        return tuple(point for point in self.points if point.kind == kind)


class FitResult(BaseModel):
    """The setting fit of one set of preference answers."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    answered: int = Field(ge=0)
    total: int = Field(ge=1)
    settings: tuple[SettingFit, ...]
    verdict: Verdict
    best: ProfileId | None = Field(
        default=None, description="The setting named (verdict 'named' only)"
    )
    leaders: tuple[ProfileId, ...] = Field(
        default=(), description="The settings with the highest fit (one or more)"
    )
    margin: int = Field(default=0, description="Best fit minus the next one")
    uncertainty: float = Field(
        default=0.0, ge=0, description="Z_NAMED × the standard error of that difference"
    )
    wishes: dict[str, PreferenceAnswer] = Field(default_factory=dict)

    def setting(self, setting: str) -> SettingFit:
        return next(fit for fit in self.settings if fit.setting == setting)


def preference_answer(value: object) -> PreferenceAnswer | None:
    """Return the answer a stored value (1, 2, 3) stands for, None for anything else."""
    if type(value) is int and 1 <= value <= len(PREFERENCE_ANSWERS):
        return PREFERENCE_ANSWERS[value - 1]
    return None


def preference_value(answer: PreferenceAnswer) -> int:
    """Return the stored value (1, 2, 3) of an answer."""
    return PREFERENCE_ANSWERS.index(answer) + 1


def wishes_of(
    responses: dict[str, int | str], block: PreferenceBlock
) -> dict[str, PreferenceAnswer]:
    """Return the answered preference items (id → answer), in bank order."""
    found = {item.id: preference_answer(responses.get(item.id)) for item in block.items}
    return {item_id: answer for item_id, answer in found.items() if answer is not None}


def _kind(answer: PreferenceAnswer, presence: Presence) -> PointKind | None:
    if answer == "accept":
        return None
    if presence == "varies":
        return "depends"
    if answer == "want":
        return "match" if presence == "typical" else "missing"
    return "chafe" if presence == "typical" else "spared"


def fit_settings(responses: dict[str, int | str], bank: Bank) -> FitResult | None:
    """Return the setting fit of a person's answers, None for a bank without preferences."""
    block = bank.preferences
    if block is None or not bank.rules.preferences:
        return None
    wishes = wishes_of(responses, block)
    presence: dict[tuple[str, str], Presence] = {
        (c.setting, c.item): c.presence for c in block.conditions
    }
    fits: list[SettingFit] = []
    for setting in SETTING_IDS:
        points: list[FitPoint] = []
        score = 0
        for item_id, answer in wishes.items():
            here = presence[setting, item_id]
            score += WISH[answer] * PRESENCE_WEIGHT[here]
            kind = _kind(answer, here)
            if kind is not None:
                points.append(FitPoint(item=item_id, answer=answer, presence=here, kind=kind))
        fits.append(SettingFit(setting=setting, score=score, points=tuple(points)))
    top = max(fit.score for fit in fits)
    leaders = tuple(fit.setting for fit in fits if fit.score == top)
    ranked = sorted(fits, key=lambda fit: -fit.score)
    margin = ranked[0].score - ranked[1].score
    if len(wishes) < MIN_PREFERENCE_ANSWERS:
        return FitResult(
            answered=len(wishes),
            total=len(block.items),
            settings=tuple(fits),
            verdict="too_few",
            leaders=leaders,
            margin=margin,
            wishes=wishes,
        )
    best = ranked[0]
    beyond = len(leaders) == 1
    widest = 0.0
    for other in ranked[1:]:
        spread = sum(
            (
                PRESENCE_WEIGHT[presence[best.setting, i]]
                - PRESENCE_WEIGHT[presence[other.setting, i]]
            )
            ** 2
            for i in wishes
        )
        interval = Z_NAMED * ANSWER_SD * math.sqrt(spread)
        if other is ranked[1]:
            widest = interval
        if not best.score - other.score > interval:
            beyond = False
    return FitResult(
        answered=len(wishes),
        total=len(block.items),
        settings=tuple(fits),
        verdict="named" if beyond else "no_clear",
        best=best.setting if beyond else None,
        leaders=leaders,
        margin=margin,
        # Rounded down, so that the reported figure never contradicts the verdict: named only
        # when margin > widest, and then margin > the rounded-down figure too (margin is whole).
        uncertainty=math.floor(widest * 100) / 100,
        wishes=wishes,
    )


def named_shares(bank: Bank, draws: int, seed: int) -> dict[str, float]:
    """Return how often honest random patterns (every answer equally likely, all items
    answered) get each setting named, and "none" for no clear preference (the methodology's
    simulation; seeded, so its figures can be checked)."""
    block = bank.preferences
    if block is None:
        return {}
    rng = random.Random(seed)  # noqa: S311 - a seeded simulation, not a secret
    counts: dict[str, int] = dict.fromkeys((*SETTING_IDS, "none"), 0)
    for _ in range(draws):
        responses: dict[str, int | str] = {item.id: rng.randint(1, 3) for item in block.items}
        fit = fit_settings(responses, bank)
        counts[fit.best if fit is not None and fit.best else "none"] += 1
    return {setting: count / draws for setting, count in counts.items()}


def identical_bands(bank: Bank) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the demands whose target band is the same in every setting, and those whose band
    differs (dimension ids, bank order): no sentence may imply a difference the data lack."""
    same: list[str] = []
    differs: list[str] = []
    for dimension_id in bank.dimension_ids:
        bands = {
            (
                bank.profiles[s].targets[dimension_id].low,
                bank.profiles[s].targets[dimension_id].high,
            )
            for s in SETTING_IDS
        }
        (same if len(bands) == 1 else differs).append(dimension_id)
    return tuple(same), tuple(differs)


def weighted_differently(bank: Bank) -> tuple[str, ...]:
    """Return the demands whose weight differs between the settings (dimension ids)."""
    return tuple(
        dimension_id
        for dimension_id in bank.dimension_ids
        if len({bank.profiles[s].targets[dimension_id].weight for s in SETTING_IDS}) > 1
    )
