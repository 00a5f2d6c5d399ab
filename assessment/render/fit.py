"""The setting fit in words (rules with `preferences`, issue 21): a realistic job preview per
setting — what a person would find there that matches their wishes and what would chafe, each
point with its source or labelled as this check's reading — and the verdict for "noch offen".

Every surface (page, shared page, PDF, command line) reads `FitView` from `Summary.fit`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import SETTING_IDS, Bank, PreferenceBlock, SettingCondition
from assessment.engine.fit import (
    MIN_PREFERENCE_ANSWERS,
    POINT_KINDS,
    FitPoint,
    FitResult,
    PointKind,
    identical_bands,
    weighted_differently,
)
from assessment.engine.result import Result
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PreviewPoint(_Frozen):
    """One condition as a person would meet it in one setting."""

    kind: PointKind
    item_id: str
    item: str
    wish: str
    setting_text: str
    source: str


class PreviewGroup(_Frozen):
    """The points of one kind in one setting, under a heading."""

    kind: PointKind
    heading: str
    points: tuple[PreviewPoint, ...]


class SettingPreview(_Frozen):
    """The realistic job preview of one setting."""

    setting: str
    name: str
    title: str = Field(description="The name with its marks (fits best, chosen)")
    best: bool
    chosen: bool
    groups: tuple[PreviewGroup, ...]
    empty: str | None = None


class FitView(_Frozen):
    """The setting fit in one language, for the person or someone they shared it with."""

    heading: str
    intro: str
    verdict: str
    bands: str
    previews: tuple[SettingPreview, ...]
    rule: str


def source_text(condition: SettingCondition, lang: Language) -> str:
    """Return "Quelle: …" for a condition with a named source, or the reading label."""
    if condition.source is None:
        return msg("fit.reading", lang)
    if condition.source.kind == "article":
        return msg("fit.source_article", lang, section=condition.source.section)
    return msg("fit.source", lang, cite=condition.source.cite())


def _names(ids: tuple[str, ...], bank: Bank, lang: Language) -> str:
    return ", ".join(bank.dimension(d).name(lang) for d in ids)


def bands_text(bank: Bank, lang: Language) -> str:
    """Say which demand bands are identical across the settings and which differ, from the data."""
    same, differs = identical_bands(bank)
    weights = weighted_differently(bank)
    if not differs:
        text = msg("fit.bands_all_same", lang, count=len(same))
    else:
        text = msg(
            "fit.bands_some_same",
            lang,
            same=_names(same, bank, lang),
            differ=_names(differs, bank, lang),
        )
    if weights:
        text += " " + msg("fit.weights_differ", lang, names=_names(weights, bank, lang))
    return text


def _verdict(fit: FitResult, bank: Bank, lang: Language, viewer: Viewer) -> str:
    if fit.verdict == "too_few":
        return voiced(
            "fit.too_few",
            lang,
            viewer,
            answered=fit.answered,
            total=fit.total,
            least=MIN_PREFERENCE_ANSWERS,
        )
    if fit.verdict == "named" and fit.best is not None:
        return voiced("fit.named", lang, viewer, setting=bank.profiles[fit.best].name(lang))
    return voiced("fit.no_clear", lang, viewer)


def _point(
    point: FitPoint, setting: str, block: PreferenceBlock, lang: Language, viewer: Viewer
) -> PreviewPoint:
    item = next(i for i in block.items if i.id == point.item)
    condition = block.condition(setting, point.item)
    return PreviewPoint(
        kind=point.kind,
        item_id=point.item,
        item=item.text(lang),
        # The label is first person ("That would grate on me"); the list speaks to the reader.
        wish=voiced("answered.wish", lang, viewer, answer=block.labels.of(point.answer)(lang)),
        setting_text=condition.text(lang),
        source=source_text(condition, lang),
    )


def fit_view(result: Result, bank: Bank, lang: Language, viewer: Viewer = "self") -> FitView | None:
    """Return the setting fit in words, None for a bank without the working-conditions block."""
    fit = result.fit
    if fit is None or bank.preferences is None:
        return None
    chosen = result.answers.profile
    order = sorted(SETTING_IDS, key=lambda s: (s != chosen, s != fit.best, SETTING_IDS.index(s)))
    previews = []
    for setting in order:
        setting_fit = fit.setting(setting)
        groups = tuple(
            PreviewGroup(
                kind=kind,
                heading=voiced(f"fit.kind_{kind}", lang, viewer),
                points=tuple(
                    _point(p, setting, bank.preferences, lang, viewer)
                    for p in setting_fit.of_kind(kind)
                ),
            )
            for kind in POINT_KINDS
            if setting_fit.of_kind(kind)
        )
        name = bank.profiles[setting].name(lang)
        marks = [msg("fit.mark_best", lang)] if setting == fit.best else []
        if setting == chosen:
            marks.append(voiced("fit.mark_chosen", lang, viewer))
        previews.append(
            SettingPreview(
                setting=setting,
                name=name,
                title=f"{name} ({'; '.join(marks)})" if marks else name,
                best=setting == fit.best,
                chosen=setting == chosen,
                groups=groups,
                empty=None if groups else voiced("fit.nothing", lang, viewer),
            )
        )
    return FitView(
        heading=voiced("fit.heading", lang, viewer),
        intro=voiced("fit.intro", lang, viewer, answered=fit.answered, total=fit.total),
        verdict=_verdict(fit, bank, lang, viewer),
        bands=bands_text(bank, lang),
        previews=tuple(previews),
        rule=msg("fit.rule", lang),
    )


# The methodology's simulation, measured with
#   named_shares(load_bank(3), SIMULATION_DRAWS, SIMULATION_SEED)
# (tests/unit/render/test_fit_render.py checks that these figures are still what it gives).
SIMULATION_DRAWS = 4000
SIMULATION_SEED = 2026
RANDOM_NAMED: dict[str, float] = {
    "public": 0.064,
    "mittelstand": 0.049,
    "industry": 0.021,
    "none": 0.866,
}


def _percent(share: float, lang: Language) -> str:
    text = f"{share * 100:.1f}"
    return text.replace(".", ",") if lang == "de" else text


def method_paragraphs(bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return the methodology page's paragraphs on the setting fit (rules with preferences)."""
    block = bank.preferences
    if block is None or not bank.rules.preferences:
        return ()
    readings = sum(condition.reading for condition in block.conditions)
    named = 1 - RANDOM_NAMED["none"]
    return (
        msg("fit.method_asked", lang, count=len(block.items)),
        msg("fit.rule", lang),
        msg("fit.method_uncertainty", lang, least=MIN_PREFERENCE_ANSWERS),
        msg(
            "fit.method_sources",
            lang,
            total=len(block.conditions),
            readings=readings,
            sourced=len(block.conditions) - readings,
        ),
        msg(
            "fit.method_simulation",
            lang,
            draws=SIMULATION_DRAWS,
            named=_percent(named, lang),
            public=_percent(RANDOM_NAMED["public"], lang),
            mittelstand=_percent(RANDOM_NAMED["mittelstand"], lang),
            industry=_percent(RANDOM_NAMED["industry"], lang),
        ),
        bands_text(bank, lang),
    )


def fit_lines(view: FitView) -> tuple[str, ...]:
    """Return the fit below its heading as plain lines (command line, PDF): intro, verdict,
    bands, then each setting's title, its groups ("  heading:") and points ("  - …"), the rule."""
    lines = [view.intro, view.verdict, view.bands]
    for preview in view.previews:
        lines.append(preview.title)
        if preview.empty:
            lines.append(f"  {preview.empty}")
        for group in preview.groups:
            lines.append(f"  {group.heading}:")
            lines.extend(
                f"  - {p.item} ({p.wish}) – {p.setting_text} [{p.source}]" for p in group.points
            )
    lines.append(view.rule)
    return tuple(lines)
