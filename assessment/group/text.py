"""The group view and item statistics as plain text and JSON, for the command line."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import Bank, LikertItem
from assessment.engine.matching import Level
from assessment.group.itemstats import (
    MIN_RESPONSES_FOR_STATS,
    ItemStatsReport,
    format_stat,
)
from assessment.group.overview import (
    DimensionGroup,
    GroupResult,
    InvalidLine,
    VersionGroup,
    duplicates,
    earlier,
)
from assessment.group.preferences import preference_section
from assessment.i18n import Language
from assessment.messages import msg

WIDTH = 88
ITEM_TEXT_LENGTH = 50
QUOTES: dict[Language, tuple[str, str]] = {"de": ("„", "“"), "en": ("“", "”")}


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def format_score(value: float, language: Language) -> str:
    """Return a score or quartile without trailing zeros (62, 62,5, 62,25; comma in German)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "de" else text


def render_invalid(invalid: Sequence[InvalidLine], lang: Language) -> list[str]:
    """Return the lines that list every skipped input line with its reason."""
    if not invalid:
        return []
    lines = [msg("group.invalid_title", lang)]
    lines.extend(
        _wrap(
            msg("group.invalid_line", lang, line=i.line, text=i.text, reason=i.message(lang)), "  "
        )
        for i in invalid
    )
    return lines


def earlier_notes(invalid: Sequence[InvalidLine], lang: Language) -> list[str]:
    """Return one sentence per line skipped as an earlier version of another line's code: which
    line it is, which line counts instead (the page, the PDF and the text say the same)."""
    return [
        msg("ux5.group.earlier_note", lang, line=line.line, later=dict(line.params)["line"])
        for line in earlier(invalid)
    ]


def count_columns(dimension: DimensionGroup) -> list[tuple[str, int]]:
    """Return the demand's counts as (table column key, people), met first; each person of the
    version is in exactly one, so the counts add up to the version's people. Met is always
    named; the others only where someone is in them (no list of zeros)."""
    columns = [
        ("ui.group.col_meets", dimension.meets),
        ("ui.group.col_below", dimension.below),
        ("ui.group.col_borderline", dimension.borderline),
        ("ui.group.col_experience", dimension.experience),
        ("ux.group_counts.col_provisional", dimension.provisional),
        ("ui.group.col_unscored", dimension.unscored),
    ]
    return [(key, count) for index, (key, count) in enumerate(columns) if count or index == 0]


def counts_line(dimension: DimensionGroup, people: int, lang: Language) -> str:
    """Return "Von 5 Personen: Erfüllt 0 · Darunter 1 · An der Grenze 1 · Vorläufig 3"."""
    parts = " · ".join(f"{msg(key, lang)} {count}" for key, count in count_columns(dimension))
    return msg("ux.group_counts.line", lang, people=people, parts=parts)


def levels_line(levels: Mapping[Level, int], lang: Language) -> str:
    """Return the group's overall levels in words: only the levels someone has, each count in
    agreement with its noun ("1 Person", "2 Personen"); never a list of zeros."""
    parts = [
        msg("group.level_count", lang, level=msg(f"level.{level}", lang), count=count)
        for level, count in levels.items()
        if count
    ]
    return msg("group.levels_line", lang, parts="; ".join(parts))


def _render_version(section: VersionGroup, bank: Bank, lang: Language) -> list[str]:
    lines = [msg("group.version", lang, version=section.bank_version, people=section.people)]
    for dimension in section.dimensions:
        name = bank.dimension(dimension.dimension).name(lang)
        spread = dimension.distribution
        if spread is None:
            lines.append(_wrap(msg("group.dimension_unscored", lang, name=name), "  "))
            continue
        text = msg(
            "group.dimension",
            lang,
            name=name,
            median=format_score(spread.median, lang),
            q1=format_score(spread.q1, lang),
            q3=format_score(spread.q3, lang),
            low=dimension.low,
            high=dimension.high,
            meets=dimension.meets,
            scored=spread.n,
        )
        lines.append(_wrap(text, "  "))
        lines.append(_wrap(counts_line(dimension, section.people, lang), "    "))
    lines.append(_wrap(levels_line(section.levels, lang), "  "))
    if section.revised:
        revised = msg("group.revised_people", lang, count=section.revised, people=section.people)
        lines.append(_wrap(revised, "  "))
    lines.append("  " + msg("group.development_title", lang))
    areas = development_lines(section, bank, lang) or [no_development(section, lang)]
    lines.extend(_wrap(text, "    ") for text in areas)
    for title, marked in mark_sections(section, bank, lang):
        lines.append("  " + title)
        lines.extend(_wrap(text, "    ") for text in marked)
    preferences = preference_section(section.preferences, bank, lang)
    if preferences is not None:
        heading, texts = preferences
        lines.append("  " + heading)
        lines.extend(_wrap(text, "    ") for text in texts)
    return lines


def development_lines(section: VersionGroup, bank: Bank, lang: Language) -> list[str]:
    """Return one sentence per common development area of a group section, most common first.

    How many people have the area as their most urgent gap is said only when there are any.
    """
    return [
        msg(
            "group.development" if area.most_urgent else "group.development_none_urgent",
            lang,
            name=bank.dimension(area.dimension).name(lang),
            people=area.people,
            total=section.people,
            urgent=area.most_urgent,
        )
        for area in section.development
    ]


def no_development(section: VersionGroup, lang: Language) -> str:
    """Return what stands under the development areas when nobody has one: that nobody is below
    a band, or, when there are Erfahrungsfelder (a starter's demand below its band is one), that
    nobody has a development area."""
    key = "group.no_development_experience" if section.experience else "group.no_development"
    return msg(key, lang)


def mark_sections(section: VersionGroup, bank: Bank, lang: Language) -> list[tuple[str, list[str]]]:
    """Return the Erfahrungsfelder and the demands "an der Grenze" of a group section, each a
    title and one sentence per dimension (most common first); a heading nobody has is left out."""
    sections = []
    for key, areas in (("experience", section.experience), ("borderline", section.borderline)):
        if areas:
            sentences = [
                msg(
                    f"group.{key}",
                    lang,
                    name=bank.dimension(area.dimension).name(lang),
                    people=area.people,
                    total=section.people,
                )
                for area in areas
            ]
            sections.append((msg(f"group.{key}_title", lang), sentences))
    return sections


def render_item_stats(
    stats: ItemStatsReport, lang: Language, root: Path = QUESTIONS_DIR
) -> list[str]:
    """Return the item statistics as text lines, with the warning where responses are few."""
    lines = [msg("group.stats_title", lang)]
    for section in stats.sections:
        bank = load_bank(section.bank_version, root)
        form_name = bank.forms[section.form].name(lang)
        lines.append(
            msg(
                "group.stats_section",
                lang,
                version=section.bank_version,
                form=form_name,
                people=section.people,
            )
        )
        for dimension in section.dimensions:
            name = bank.dimension(dimension.dimension).name(lang)
            if dimension.alpha is None:
                text = msg("group.stats_alpha_none", lang, name=name, n=dimension.n)
            else:
                low, high = dimension.alpha_ci or (None, None)
                text = msg(
                    "group.stats_alpha",
                    lang,
                    name=name,
                    alpha=format_stat(dimension.alpha, lang),
                    low=format_stat(low, lang),
                    high=format_stat(high, lang),
                    n=dimension.n,
                )
            lines.append(_wrap(text, "  "))
            if dimension.unsure:
                lines.append(_wrap(msg("group.stats_unsure", lang, count=dimension.unsure), "    "))
            if dimension.too_few:
                warning = msg("group.too_few", lang, n=dimension.n, minimum=MIN_RESPONSES_FOR_STATS)
                lines.append(_wrap(f"! {warning}", "    "))
            for item in dimension.items:
                statement = bank.item(item.item)
                wording = statement.text(lang) if isinstance(statement, LikertItem) else ""
                if len(wording) > ITEM_TEXT_LENGTH:
                    wording = wording[: ITEM_TEXT_LENGTH - 1] + "…"
                text = msg(
                    "group.item",
                    lang,
                    item=item.item,
                    r=format_stat(item.item_total_r, lang),
                    mean=format_stat(item.mean, lang),
                )
                opening, closing = QUOTES[lang]
                lines.append(_wrap(f"{text} – {opening}{wording}{closing}", "    "))
            for pair in dimension.pairs:
                text = msg(
                    "group.pair",
                    lang,
                    plus=pair.plus,
                    minus=pair.minus,
                    r=format_stat(pair.r, lang),
                    n=pair.n,
                )
                lines.append(_wrap(text, "    "))
        flags = [flag for dimension in section.dimensions for flag in dimension.flags]
        lines.append("  " + msg("group.flags_title", lang))
        if not flags:
            lines.append("    " + msg("group.no_flags", lang))
        for flag in flags:
            subject = flag.subject
            if flag.kind == "low_alpha":
                subject = bank.dimension(flag.subject).name(lang)
            lines.append(_wrap(f"! {subject}: {flag.reason(lang)}", "    "))
    return lines


def render_group_text(
    group: GroupResult,
    invalid: Sequence[InvalidLine],
    stats: ItemStatsReport | None,
    lang: Language,
    root: Path = QUESTIONS_DIR,
) -> str:
    """Return the group overview, the skipped lines and the item statistics as plain text."""
    newest = load_bank(group.versions[-1].bank_version, root) if group.versions else load_bank()
    profile_name = newest.profiles[group.profile].name(lang)
    lines = [
        msg("group.title", lang, profile=profile_name),
        msg("group.counts", lang, people=group.people, invalid=len(invalid)),
    ]
    if duplicates(invalid):
        lines.append(_wrap(msg("group.duplicates_dropped", lang, count=duplicates(invalid))))
    lines.extend(_wrap(note) for note in earlier_notes(invalid, lang))
    if group.mixed_versions:
        lines.append(_wrap(msg("group.mixed_versions", lang, count=len(group.versions))))
    for section in group.versions:
        lines.append("")
        lines.extend(_render_version(section, load_bank(section.bank_version, root), lang))
    if invalid:
        lines.append("")
        lines.extend(render_invalid(invalid, lang))
    if stats is not None and stats.sections:
        lines.append("")
        lines.extend(render_item_stats(stats, lang, root))
    return "\n".join(lines) + "\n"


def group_json(
    group: GroupResult,
    invalid: Sequence[InvalidLine],
    stats: ItemStatsReport | None,
    lang: Language,
) -> dict[str, object]:
    """Return everything as JSON-ready data; skipped lines carry their reason key and message."""
    return {
        "group": group.model_dump(mode="json"),
        "invalid": [
            {"line": i.line, "text": i.text, "reason": i.reason, "message": i.message(lang)}
            for i in invalid
        ],
        "duplicates_dropped": duplicates(invalid),
        "earlier_versions": [
            {"line": i.line, "counted": dict(i.params)["line"]} for i in earlier(invalid)
        ],
        "item_stats": stats.model_dump(mode="json") if stats is not None else None,
        "flags": [
            {**flag.model_dump(mode="json"), "message": flag.reason(lang)}
            for flag in (stats.flags if stats is not None else ())
        ],
    }
