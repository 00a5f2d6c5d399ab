"""Item statistics for bank maintainers from share codes: reliability, item-total r, twin pairs.

Only the five-point statements are analysed. Scenarios are left out on purpose: their 0–3
effectiveness is a choice among four options, not an agreement scale, and mixing the two would
blur what alpha and the item-total correlation say about the statements. A "can't judge yet"
answer is no point on that scale: it is left out like an unanswered statement, and counted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import (
    FORM_IDS,
    LIKERT_MAX,
    LIKERT_MIN,
    UNSURE,
    Bank,
    FormId,
    Keying,
    LikertItem,
)
from assessment.engine.answers import Answers
from assessment.engine.scoring import item_value
from assessment.errors import BankError, CodeError
from assessment.i18n import Language
from assessment.messages import msg

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# Below this many complete responses per dimension the figures are shown with a clear warning.
MIN_RESPONSES_FOR_STATS = 30
# Below this many responses (or with no variation) a statistic is not computed at all.
MIN_RESPONSES_TO_COMPUTE = 3
# Flag thresholds, the usual rules of thumb for short attitude scales.
MIN_ALPHA = 0.70
MIN_ITEM_TOTAL_R = 0.30
MAX_TWIN_R = -0.20
CONFIDENCE = 0.95

FlagKind = Literal["low_alpha", "low_item_total", "twin_not_opposed"]


class _Frozen(BaseModel):
    # allow_inf_nan=False: a statistic that cannot be computed is None, never NaN.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class StatFlag(_Frozen):
    """A statistic below its threshold: what it concerns, its value, the threshold, and why."""

    kind: FlagKind
    subject: str = Field(description="Dimension id, item id, or 'plus/minus' of a twin pair")
    value: float
    threshold: float
    tentative: bool = Field(description="Based on fewer than MIN_RESPONSES_FOR_STATS responses")

    def reason(self, language: Language) -> str:
        """Return the explanation for a maintainer (without the subject, which the caller names)."""
        return msg(
            f"group.flag_{self.kind}",
            language,
            value=format_stat(self.value, language),
            threshold=format_stat(self.threshold, language),
        )


class ItemStat(_Frozen):
    """One statement over the complete responses of its dimension."""

    item: str
    keying: Keying
    mean: float | None = Field(description="Mean raw answer 1–5 (not keyed)")
    sd: float | None = Field(description="Sample standard deviation of the raw answer")
    item_total_r: float | None = Field(
        description="Keyed item vs. the sum of the other keyed items of the dimension"
    )
    unsure: int = Field(default=0, ge=0, description="Can't-judge-yet answers (left out)")


class PairStat(_Frozen):
    """A reversed twin pair: the correlation of the raw answers (expected clearly negative)."""

    plus: str
    minus: str
    n: int = Field(ge=0, description="Responses with both statements answered")
    r: float | None


class DimensionStats(_Frozen):
    """Reliability of one dimension's statements in one form of one bank version."""

    dimension: str
    n: int = Field(ge=0, description="Complete responses: every statement of the dimension")
    unsure: int = Field(
        default=0, ge=0, description="People left out for a can't-judge-yet answer among them"
    )
    too_few: bool = Field(description="n below MIN_RESPONSES_FOR_STATS: show a warning")
    alpha: float | None
    alpha_ci: tuple[float, float] | None = Field(description="95 % confidence interval")
    items: tuple[ItemStat, ...]
    pairs: tuple[PairStat, ...]
    flags: tuple[StatFlag, ...]


class FormStats(_Frozen):
    """The statistics of the people who answered one form of one bank version."""

    bank_version: int
    form: FormId
    people: int = Field(ge=1)
    dimensions: tuple[DimensionStats, ...]


class ItemStatsReport(_Frozen):
    """Item statistics for every bank version and form present in the input."""

    sections: tuple[FormStats, ...] = Field(description="By bank version, then short before full")

    @property
    def flags(self) -> tuple[StatFlag, ...]:
        return tuple(f for s in self.sections for d in s.dimensions for f in d.flags)


def format_stat(value: float | None, language: Language, digits: int = 2) -> str:
    """Return a statistic for reading: two decimals, a decimal comma in German."""
    if value is None:
        return msg("group.not_computable", language)
    text = f"{value:.{digits}f}".replace("-", "−")
    return text.replace(".", ",") if language == "de" else text


def item_statistics(answers: Sequence[Answers], root: Path = QUESTIONS_DIR) -> ItemStatsReport:
    """Return item statistics per bank version and form (forms differ in their statements)."""
    groups: dict[tuple[int, FormId], list[Answers]] = {}
    for person in answers:
        groups.setdefault((person.bank_version, person.form), []).append(person)
    sections = []
    for version, form in sorted(groups, key=lambda key: (key[0], FORM_IDS.index(key[1]))):
        try:
            bank = load_bank(version, root)
        except BankError:
            raise CodeError("code.unknown_version", version=version) from None
        people = groups[version, form]
        sections.append(
            FormStats(
                bank_version=version,
                form=form,
                people=len(people),
                dimensions=tuple(
                    dimension_statistics(bank, form, dimension_id, people)
                    for dimension_id in bank.dimension_ids
                ),
            )
        )
    return ItemStatsReport(sections=tuple(sections))


def dimension_statistics(
    bank: Bank, form: FormId, dimension_id: str, people: Sequence[Answers]
) -> DimensionStats:
    """Return the statistics of one dimension's statements over people who answered the form."""
    import numpy as np

    items = [i for i in bank.form_items_of(form, dimension_id) if isinstance(i, LikertItem)]
    raw = np.array(
        [[_value(p.responses.get(i.id)) for i in items] for p in people], dtype=float
    ).reshape(len(people), len(items))
    unsure = np.array(
        [[p.responses.get(i.id) == UNSURE for i in items] for p in people], dtype=bool
    ).reshape(len(people), len(items))
    complete = raw[~np.isnan(raw).any(axis=1)]
    reverse = np.array([i.keying == "minus" for i in items])
    keyed = np.where(reverse, LIKERT_MIN + LIKERT_MAX - complete, complete)
    for j, item in enumerate(items):
        if item.scale == "frequency":
            # Never … more often (1–4) keyed on the 1–5 scale as the scoring reads them.
            keyed[:, j] = [item_value(item, int(v)) for v in complete[:, j]]
    n = len(complete)
    too_few = n < MIN_RESPONSES_FOR_STATS

    alpha, alpha_ci = _cronbach_alpha(keyed)
    totals = keyed.sum(axis=1)
    item_stats = tuple(
        ItemStat(
            item=item.id,
            keying=item.keying,
            mean=_finite(float(complete[:, j].mean())) if n else None,
            sd=_finite(float(complete[:, j].std(ddof=1))) if n >= 2 else None,
            item_total_r=_pearson(keyed[:, j], totals - keyed[:, j]),
            unsure=int(unsure[:, j].sum()),
        )
        for j, item in enumerate(items)
    )
    columns = {item.id: j for j, item in enumerate(items)}
    pair_stats = []
    for pair in bank.pairs:
        if pair.plus in columns and pair.minus in columns:
            both = raw[:, [columns[pair.plus], columns[pair.minus]]]
            both = both[~np.isnan(both).any(axis=1)]
            pair_stats.append(
                PairStat(plus=pair.plus, minus=pair.minus, n=len(both), r=_pearson(*both.T))
            )

    flags: list[StatFlag] = []
    if alpha is not None and alpha < MIN_ALPHA:
        flags.append(_flag("low_alpha", dimension_id, alpha, MIN_ALPHA, too_few))
    for stat in item_stats:
        if stat.item_total_r is not None and stat.item_total_r < MIN_ITEM_TOTAL_R:
            flags.append(
                _flag("low_item_total", stat.item, stat.item_total_r, MIN_ITEM_TOTAL_R, too_few)
            )
    for pair_stat in pair_stats:
        if pair_stat.r is not None and pair_stat.r > MAX_TWIN_R:
            flags.append(
                _flag(
                    "twin_not_opposed",
                    f"{pair_stat.plus}/{pair_stat.minus}",
                    pair_stat.r,
                    MAX_TWIN_R,
                    pair_stat.n < MIN_RESPONSES_FOR_STATS,
                )
            )
    return DimensionStats(
        dimension=dimension_id,
        n=n,
        unsure=int(unsure.any(axis=1).sum()),
        too_few=too_few,
        alpha=alpha,
        alpha_ci=alpha_ci,
        items=item_stats,
        pairs=tuple(pair_stats),
        flags=tuple(flags),
    )


def _value(response: int | str | None) -> float:
    """Return a statement's raw answer 1–5; unanswered and can't-judge-yet are NaN (left out)."""
    return float(response) if isinstance(response, int) else math.nan


def _flag(
    kind: FlagKind, subject: str, value: float, threshold: float, tentative: bool
) -> StatFlag:
    return StatFlag(
        kind=kind, subject=subject, value=value, threshold=threshold, tentative=tentative
    )


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _pearson(x: NDArray[np.float64], y: NDArray[np.float64]) -> float | None:
    """Return Pearson's r, or None with fewer than 3 pairs or when either side never varies."""
    import numpy as np

    if len(x) < MIN_RESPONSES_TO_COMPUTE:
        return None
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 0 or syy <= 0:
        return None
    r = float(dx @ dy) / math.sqrt(sxx * syy)
    return _finite(float(np.clip(r, -1.0, 1.0)))


def _cronbach_alpha(
    keyed: NDArray[np.float64],
) -> tuple[float | None, tuple[float, float] | None]:
    """Return alpha and its confidence interval (pingouin), or None where it is undefined."""
    import numpy as np

    n, k = keyed.shape
    if n < MIN_RESPONSES_TO_COMPUTE or k < 2 or float(np.var(keyed.sum(axis=1))) <= 0:
        return None, None
    import pandas as pd  # type: ignore[import-untyped]
    import pingouin  # type: ignore[import-untyped]

    alpha, ci = pingouin.cronbach_alpha(data=pd.DataFrame(keyed), ci=CONFIDENCE)
    value = _finite(float(alpha))
    low, high = (float(bound) for bound in ci)
    interval = (low, high) if math.isfinite(low) and math.isfinite(high) else None
    return value, interval if value is not None else None
