"""The methodology page's content: how the check is built, scores and where its limits lie.

Generated from the bank and the rules' named constants, so that the page never disagrees with
what the code does. Structured after the documentation points of DIN 33430 that apply to a
self-assessment: purpose and intended use, construction, scoring, quality checks, limits,
sources and versions.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assessment import matching, quality, scoring
from assessment.i18n import Language
from assessment.messages import msg
from assessment.models import SETTING_IDS, Bank, LikertItem, Scenario, Source, TradeoffItem


class Section(BaseModel):
    """One section of the methodology page: a heading and its paragraphs (plain text)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: str
    paragraphs: tuple[str, ...]


def outside_sources(bank: Bank) -> tuple[Source, ...]:
    """Return every named outside source the bank's profiles rest on, once each, in order."""
    found: list[Source] = []
    for profile in bank.profiles.values():
        supports = [t.support for t in profile.targets.values()]
        supports += [a.support for a in profile.axes.values()]
        for support in supports:
            if support is not None and support.source is not None and support.source not in found:
                found.append(support.source)
    return tuple(found)


_LOCALES = {"de": "de_DE", "en": "en_GB"}


def _number(value: float, lang: Language) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_LOCALES[lang]))


def methodology(bank: Bank, lang: Language) -> tuple[Section, ...]:
    """Return the methodology page's sections for a bank version in one language."""
    from babel.dates import format_date

    full = bank.form_items("full")
    counts = {
        "dimensions": len(bank.dimensions),
        "statements": sum(isinstance(i, LikertItem) for i in full),
        "tradeoffs": sum(isinstance(i, TradeoffItem) for i in full),
        "scenarios": sum(isinstance(i, Scenario) for i in full),
        "virtues": len(bank.virtues),
        "presuming": sum(isinstance(i, LikertItem) and i.presumes is not None for i in full),
        "short": len(bank.forms["short"].items),
        "full": len(full),
    }

    def section(key: str, *paragraphs: str) -> Section:
        return Section(heading=msg(f"method.{key}_heading", lang), paragraphs=paragraphs)

    dimensions = "; ".join(f"{d.name(lang)} („{d.anchor.quote}“)" for d in bank.dimensions)
    sections = [
        section("purpose", msg("method.purpose", lang), msg("method.not_for", lang)),
        section(
            "construction",
            msg("method.construction", lang, **counts),
            msg("method.dimensions", lang, dimensions=dimensions),
            msg("method.review", lang),
        ),
    ]
    if bank.rules.honest_verdicts:
        sections.append(
            section(
                "scoring",
                msg("method.scoring", lang, share=round(scoring.MIN_ANSWERED_SHARE * 100)),
                msg("method.uncertainty", lang, sd=_number(scoring.ASSUMED_ITEM_SD, lang)),
                msg("method.experience", lang),
                msg(
                    "method.level",
                    lang,
                    strong=round(matching.STRONG_FIT_SHARE * 100),
                    partial=round(matching.PARTIAL_FIT_SHARE * 100),
                    weight=matching.CRITICAL_WEIGHT,
                ),
                msg("method.axes", lang),
                msg("method.comparison", lang, z=_number(matching.COMPARISON_Z, lang)),
            )
        )
        sections.append(
            section(
                "quality",
                msg("method.quality_run", lang, run=quality.LONG_STRING_MIN_RUN),
                msg(
                    "method.quality_pairs",
                    lang,
                    pairs=quality.AGREED_OPPOSITES_FULL_FORM,
                    total=len(bank.pairs),
                ),
                msg("method.quality_virtues", lang, count=len(bank.virtues)),
                msg("method.quality_scatter", lang, sd=_number(quality.SCATTER_MIN_SD, lang)),
                msg(
                    "method.quality_speed",
                    lang,
                    seconds=_number(quality.MIN_SECONDS_PER_ITEM, lang),
                ),
                msg("method.quality_effect", lang),
            )
        )
    else:
        sections.append(section("scoring", msg("method.scoring_v1", lang)))
    sources = [msg("method.article", lang)]
    sources += [source.cite() for source in outside_sources(bank)]
    settings = ", ".join(bank.profiles[pid].name(lang) for pid in SETTING_IDS)
    sections.append(section("limits", msg("method.limits", lang, settings=settings)))
    sections.append(section("sources", *sources))
    sections.append(
        section(
            "versions",
            msg(
                "method.version",
                lang,
                version=bank.version,
                released=format_date(bank.released, "long", locale=_LOCALES[lang]),
            ),
            *(entry(lang) for entry in bank.changelog),
        )
    )
    return tuple(sections)
