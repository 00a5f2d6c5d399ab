"""The result in words, in one language: the texts that the page, the PDF and the CLI all show."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assessment.i18n import Language
from assessment.matching import DimensionMatch, ProfileMatch
from assessment.messages import msg
from assessment.models import Bank
from assessment.result import Result
from assessment.salary import format_euro


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DimensionCard(_Frozen):
    """What the result says about one dimension."""

    dimension: str
    name: str
    definition: str
    band: str
    band_label: str
    score: int | None
    low: int
    high: int
    weight: int
    gap: int
    score_text: str
    verdict: str
    answered_text: str
    anchor_quote: str
    why: str
    rationale: str
    competence: str | None
    next_steps: tuple[str, ...]
    strength: str | None


class ComparisonLine(_Frozen):
    """One setting in the comparison across settings."""

    profile: str
    name: str
    met_text: str
    level_label: str
    gaps: tuple[str, ...]
    best: bool


class Summary(_Frozen):
    """The complete result text in one language."""

    language: Language
    profile_name: str
    form_name: str
    headline: str
    met_text: str
    overall_text: str
    caveat: str
    answered_text: str
    cards: tuple[DimensionCard, ...]
    development: tuple[str, ...]
    strengths: tuple[str, ...]
    quality_notices: tuple[str, ...]
    salary_lines: tuple[str, ...]
    comparison_text: str
    comparison: tuple[ComparisonLine, ...]
    bank_version: int


def _card(
    match: DimensionMatch, answered: int, total: int, bank: Bank, profile: str, lang: Language
) -> DimensionCard:
    dimension = bank.dimension(match.dimension)
    target = bank.profiles[profile].targets[match.dimension]  # type: ignore[index]
    band_text = {
        "below": msg("band.below_verdict", lang, gap=match.gap, low=match.low, high=match.high),
        "within": msg("band.within_verdict", lang, low=match.low, high=match.high),
        "above": msg("band.above_verdict", lang, gap=match.gap, low=match.low, high=match.high),
        "unknown": msg("band.unknown_verdict", lang, answered=answered, total=total),
    }[match.band]
    return DimensionCard(
        dimension=match.dimension,
        name=dimension.name(lang),
        definition=dimension.definition(lang),
        band=match.band,
        band_label=msg(f"band.{match.band}", lang),
        score=match.score,
        low=match.low,
        high=match.high,
        weight=match.weight,
        gap=match.gap,
        score_text=(
            msg("score.value", lang, score=match.score)
            if match.score is not None
            else msg("score.none", lang)
        ),
        verdict=band_text,
        answered_text=msg("score.answered", lang, answered=answered, total=total),
        anchor_quote=dimension.anchor.quote,
        why=dimension.anchor.implication(lang),
        rationale=target.rationale(lang),
        competence=(
            f"e-CF {dimension.ecf.code} {dimension.ecf.name(lang)}" if dimension.ecf else None
        ),
        next_steps=(
            tuple(step(lang) for step in dimension.next_steps)
            if match.band in ("below", "unknown")
            else ()
        ),
        strength=dimension.strength(lang) if match.met else None,
    )


def open_points(match: ProfileMatch, bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return what keeps a setting from fitting fully: dimensions below the band, most urgent
    first, then those above a band that is capped because too much of it is a risk there."""
    above = sorted(
        (m for m in match.dimensions if m.band == "above"), key=lambda m: (-m.priority, m.dimension)
    )
    return (
        *(bank.dimension(d).name(lang) for d in match.development),
        *(f"{bank.dimension(m.dimension).name(lang)} ({msg('band.above', lang)})" for m in above),
    )


def _comparison_line(match: ProfileMatch, bank: Bank, best: bool, lang: Language) -> ComparisonLine:
    return ComparisonLine(
        profile=match.profile,
        name=bank.profiles[match.profile].name(lang),
        met_text=msg("overall.met", lang, met=match.met, scored=match.scored),
        level_label=msg(f"level.{match.level}", lang),
        gaps=open_points(match, bank, lang),
        best=best,
    )


def summarize(result: Result, bank: Bank, lang: Language) -> Summary:
    """Return the result's texts in one language."""
    match = result.match
    profile = bank.profiles[match.profile]
    counts = {s.dimension: (s.answered, s.total) for s in result.scores}
    by_id = {m.dimension: m for m in match.dimensions}
    order = [
        *match.development,
        *match.strengths,
        *(m.dimension for m in match.dimensions if m.band == "unknown"),
    ]
    cards = tuple(
        _card(by_id[d], *counts[d], bank=bank, profile=match.profile, lang=lang) for d in order
    )
    comparison = result.comparison
    if comparison.best is None:
        comparison_text = msg("comparison.none", lang)
    else:
        best = next(m for m in comparison.ranking if m.profile == comparison.best)
        names = [bank.profiles[p].name(lang) for p in (comparison.best, *comparison.tied)]
        key = "comparison.tied" if comparison.tied else "comparison.best"
        comparison_text = msg(
            key,
            lang,
            names=" / ".join(names),
            met=best.met,
            scored=best.scored,
            gaps=", ".join(open_points(best, bank, lang)) or msg("comparison.no_gaps", lang),
        )
    salary_lines: list[str] = []
    if result.salary is not None:
        check = result.salary
        salary_lines.append(
            msg(
                f"salary.range_{'experienced' if check.experience == 'experienced' else 'entry'}",
                lang,
                low=format_euro(check.low, lang),
                high=format_euro(check.high, lang),
            )
        )
        if check.expected is not None and check.position is not None:
            salary_lines.append(
                msg(
                    f"salary.position_{check.position}",
                    lang,
                    expected=format_euro(check.expected, lang),
                )
            )
        salary_lines.append(bank.salary.sector_notes[check.profile](lang))
    return Summary(
        language=lang,
        profile_name=profile.name(lang),
        form_name=bank.forms[result.answers.form].name(lang),
        headline=msg(f"level.{match.level}_headline", lang, profile=profile.name(lang)),
        met_text=msg("overall.met", lang, met=match.met, scored=match.scored),
        overall_text=msg(f"level.{match.level}_text", lang),
        caveat=msg("caveat", lang),
        answered_text=msg("overall.answered", lang, answered=result.answered, total=result.total),
        cards=cards,
        development=tuple(bank.dimension(d).name(lang) for d in match.development),
        strengths=tuple(bank.dimension(d).name(lang) for d in match.strengths),
        quality_notices=tuple(
            msg(f"quality.{flag.kind}", lang, count=flag.count) for flag in result.quality
        ),
        salary_lines=tuple(salary_lines),
        comparison_text=comparison_text,
        comparison=tuple(
            _comparison_line(m, bank, m.profile == comparison.best, lang)
            for m in comparison.ranking
        ),
        bank_version=result.bank_version,
    )
