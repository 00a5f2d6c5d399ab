"""Plain-text rendering of a result, for the command line and for copying."""

from __future__ import annotations

import textwrap

from assessment.i18n import Language
from assessment.messages import msg
from assessment.models import Bank
from assessment.result import Result
from assessment.summary import summarize

WIDTH = 88


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_text(result: Result, bank: Bank, lang: Language) -> str:
    """Return the whole result as readable plain text."""
    summary = summarize(result, bank, lang)
    lines = [
        msg("report.title", lang),
        f"{summary.profile_name} · {summary.form_name} · {summary.answered_text}",
        "",
        _wrap(summary.headline),
        _wrap(f"{summary.met_text}. {summary.overall_text}"),
        "",
    ]
    for card in summary.cards:
        lines.append(f"{card.name}: {card.score_text} – {card.band_label}")
        lines.append(_wrap(card.verdict, "  "))
        lines.append(_wrap(f"{card.anchor_text} – {card.why}", "  "))
        if card.strength:
            lines.append(_wrap(card.strength, "  "))
        lines.extend(_wrap(f"→ {step}", "  ") for step in card.next_steps)
        lines.append("")
    if summary.quality_notices:
        lines.append(msg("report.quality", lang))
        lines.extend(_wrap(f"! {notice}", "  ") for notice in summary.quality_notices)
        lines.append("")
    lines.append(msg("report.comparison", lang))
    lines.append(_wrap(summary.comparison_text, "  "))
    for line in summary.comparison:
        lines.append(
            f"  {'*' if line.best else '-'} {line.name}: {line.met_text} ({line.level_label})"
        )
    lines.append(_wrap(summary.comparison_rule, "  "))
    lines.append("")
    lines.extend(_wrap(line) for line in summary.salary_lines)
    lines.append(_wrap(summary.caveat))
    lines.append(msg("report.bank_version", lang, version=summary.bank_version))
    return "\n".join(lines) + "\n"
