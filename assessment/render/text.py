"""Plain-text rendering of a result, for the command line and for copying.

It prints what a person reads on the result page, in the page's order and under headings:
the overall assessment with the one-screen summary (strongest demands, urgent steps, where to
go from here), notes on response quality, the demands by group, the way of working,
the salary check, the comparison of settings, what the result does not say, the review of the
situations and the result code that opens the result again. Rules 3 add what the verdict rests
on under the headline, the consistency notice, each demand's three views and the review of the
knowledge questions.
"""

from __future__ import annotations

import textwrap

from assessment.bank.models import Bank
from assessment.engine.result import Result
from assessment.i18n import Language
from assessment.messages import msg, voiced
from assessment.render.brief import (
    axis_cards,
    setting_name,
    settings_side_by_side,
    shows_comparison,
    shows_leans,
)
from assessment.render.fit import fit_lines
from assessment.render.leans import LeanSection
from assessment.render.path import PathView, path_text
from assessment.render.summary import DimensionCard, Summary, common_gaps, summarize

WIDTH = 88


def _wrap(text: str, indent: str = "") -> str:
    """Wrap at spaces only: a compound name such as "Budget-Pragmatismus" stays whole on one
    line, so it reads and searches as the name it is."""
    return textwrap.fill(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _heading(text: str) -> list[str]:
    return [text, "=" * len(text)]


def _subheading(text: str) -> list[str]:
    return [text, "-" * len(text)]


def section_headings(summary: Summary, *, with_link: bool = True) -> tuple[str, ...]:
    """Return the headings of the text report's sections, in the order they are printed."""
    lang = summary.language
    headings = [msg("report.headline", lang)]
    if summary.consistency:
        headings.append(msg("report.consistency", lang))
    if summary.quality_notices:
        headings.append(msg("report.quality", lang))
    headings.append(msg("report.demands", lang))
    # The sections the page leaves out are left out here too (render/brief.py).
    if axis_cards(summary):
        headings.append(voiced("ui.result.axes_heading", lang, summary.viewer))
    if summary.leans is not None and shows_leans(summary):
        headings.append(summary.leans.heading)
    if summary.salary_lines:
        headings.append(msg("ui.result.salary_heading", lang))
    if summary.path is not None:
        headings.append(summary.path.heading)
    if summary.fit is not None:
        headings.append(summary.fit.heading)
    if shows_comparison(summary):
        headings.append(msg("report.comparison", lang))
    headings.append(msg("report.caveat", lang))
    if summary.scenarios:
        headings.append(msg("report.scenarios", lang))
    if summary.knowledge:
        headings.append(msg("report.knowledge", lang))
    if with_link:
        headings.append(msg("report.link", lang))
    return tuple(headings)


def _cards(summary: Summary) -> list[str]:
    by_id = {card.dimension: card for card in summary.cards}
    groups: list[tuple[str | None, str | None, tuple[str, ...]]] = [
        (group.heading, group.intro, group.dimensions) for group in summary.groups
    ]
    if not groups:
        groups = [(None, None, tuple(card.dimension for card in summary.cards))]
    lines: list[str] = []
    for heading, intro, dimensions in groups:
        if heading is not None:
            lines.extend(_subheading(heading))
        if intro:
            lines.append(_wrap(intro))
        if heading is not None or intro:
            lines.append("")
        for dimension in dimensions:
            card = by_id[dimension]
            lines.append(f"{card.name}: {card.score_text} – {card.band_label}")
            lines.append(_wrap(card.verdict, "  "))
            lines.extend(_views(card))
            lines.append(_wrap(f"{card.anchor_text} – {card.why}", "  "))
            if card.strength:
                lines.append(_wrap(card.strength, "  "))
            lines.extend(_wrap(f"→ {step}", "  ") for step in card.next_steps)
            lines.append("")
    return lines


def _leans(section: LeanSection) -> list[str]:
    """The clear leans (rules 3), each with its cost, settings and situations; then one line
    each for the axes without a clear lean and those not answered."""
    lines = [_wrap(section.intro)]
    if section.no_preference:
        lines.append(_wrap(section.no_preference))
    if section.none_clear:
        lines.append(_wrap(section.none_clear))
    lines.append("")
    for lean in section.leans:
        lines.append(_wrap(f"{lean.name}: {lean.lean}"))
        if lean.contrast:
            lines.append(_wrap(lean.contrast, "  "))
        lines.append(_wrap(lean.cost, "  "))
        for setting in lean.settings:
            preference = f" {setting.preference}" if setting.preference else ""
            lines.append(_wrap(f"- {setting.name}: {setting.text}{preference}", "    "))
        if lean.preference:
            lines.append(_wrap(lean.preference, "  "))
        lines.append("")
    for line in (section.no_lean, section.unanswered):
        if line:
            lines.append(_wrap(line))
    if section.no_lean or section.unanswered:
        lines.append("")
    return lines


def _views(card: DimensionCard) -> list[str]:
    """The demand's views side by side (rules 3), one line each, and what its verdict rests on."""
    lines = [_wrap(f"{v.label}: {v.text} ({v.detail})", "  · ") for v in card.views]
    if card.basis:
        lines.append(_wrap(card.basis, "  "))
    return lines


def views_text(summary: Summary) -> str:
    """Return every demand's views side by side as text, in the bank's order (rules 3; with the
    colleagues' view where the summary carries it: `selbstcheck mirror`)."""
    if not summary.view_labels:
        return ""
    heading = "views.heading_peers" if len(summary.view_labels) > 3 else "views.heading"
    lines = _heading(msg(heading, summary.language))
    for card in summary.cards:
        lines.append(f"{card.name}: {card.score_text} – {card.band_label}")
        lines.extend(_views(card))
        lines.append("")
    return "\n".join(lines) + "\n"


def _knowledge(summary: Summary) -> list[str]:
    lang = summary.language
    lines = [_wrap(voiced("views.knowledge_intro", lang, summary.viewer)), ""]
    for review in summary.knowledge:
        lines.extend(_subheading(review.label))
        lines.append(_wrap(review.question))
        lines.append(_wrap(review.answer_text, "  "))
        lines.append(_wrap(review.right_text, "  "))
        lines.append(_wrap(review.explanation, "  "))
        lines.append(_wrap(review.source + (f" {review.url}" if review.url else ""), "  "))
        if review.not_counted:
            lines.append(_wrap(review.not_counted, "  "))
        lines.append("")
    return lines


def _comparison(summary: Summary) -> list[str]:
    lang = summary.language
    lines = [_wrap(summary.comparison_text), ""]
    shared = common_gaps(summary)
    same = summary.brief is not None and not summary.brief.comparison_differs
    lines.extend(_wrap(text, "  ") for text in (settings_side_by_side(summary) if same else ()))
    for line in () if same else summary.comparison:
        lines.append(
            f"  {'*' if line.best else '-'} {line.name}: {line.met_text} ({line.level_label})"
        )
        if shared is None and line.gaps:
            gaps = ", ".join(line.gaps)
            lines.append(_wrap(msg("report.gaps", lang, gaps=gaps), "      "))
    if shared:
        lines.append(_wrap(msg("report.gaps_everywhere", lang, gaps=", ".join(shared)), "  "))
    if summary.rules.honest_verdicts:  # v1 results state no comparison rule
        lines.append(_wrap(summary.comparison_rule, "  "))
    return lines


def _scenarios(summary: Summary) -> list[str]:
    lang = summary.language
    lines = [_wrap(voiced("ui.result.scenarios_intro", lang, summary.viewer)), ""]
    chosen = voiced("ui.result.scenario_chosen", lang, summary.viewer)
    for review in summary.scenarios:
        lines.extend(_subheading(review.label))
        lines.append(_wrap(review.situation))
        for option in review.options:
            mark = chosen if option.chosen else ""
            head = msg("report.scenario_option", lang, option=option.option, score=option.score)
            lines.append(_wrap(f"{head}{mark}: {option.text}", "  "))
            lines.append(_wrap(option.rationale, "     "))
        lines.append("")
    return lines


def _path(view: PathView, summary: Summary) -> list[str]:
    """Return the stations to heading IT (rules 3), after the salary check as on the page."""
    lines = []
    for line in path_text(view, summary.language, summary.viewer):
        indent = " " * (len(line) - len(line.lstrip()))
        lines.append(_wrap(line.lstrip(), indent) if indent else _wrap(line))
    return [*lines, ""]


def _brief(summary: Summary) -> list[str]:
    """The one-screen summary under the verdict (render/brief.py): the strongest demands, the
    most urgent steps with their first action, and where to go from here."""
    brief = summary.brief
    if brief is None:  # pragma: no cover - every summary has one
        return []
    lines: list[str] = []
    if brief.strongest:
        lines.append(f"{brief.strongest_heading}:")
        lines.extend(_wrap(f"+ {d.name}: {d.text}", "  ") for d in brief.strongest)
    lines.append(f"{brief.steps_heading}:")
    if brief.steps:
        lines.extend(_wrap(f"{n}. {d.name}: {d.text}", "  ") for n, d in enumerate(brief.steps, 1))
    else:
        lines.append(_wrap(brief.no_steps or "", "  "))
    if brief.settings:
        lines.append(f"{brief.settings_heading}:")
        lines.extend(_wrap(f"- {line}", "  ") for line in brief.settings)
        lines.append(_wrap(brief.settings_more or "", "  "))
    lines.append(f"{brief.where_heading}:")
    lines.extend(_wrap(f"- {entry.text}", "  ") for entry in brief.where)
    return [*lines, ""]


def render_text(result: Result, bank: Bank, lang: Language, code: str | None = None) -> str:
    """Return the whole result as readable plain text, section by section under headings (with
    the result code that opens it again, when given)."""
    summary = summarize(result, bank, lang)
    brief = summary.brief
    headings = iter(section_headings(summary, with_link=code is not None))
    lines = [
        msg("report.title", lang),
        f"{setting_name(summary)} · {summary.form_name} · {summary.answered_text}",
        "",
        *_heading(next(headings)),
        _wrap(summary.headline),
        *([_wrap(summary.rests_on)] if summary.rests_on else []),
        *([_wrap(brief.reading)] if brief and brief.reading else []),
        *([_wrap(brief.quality_pointer)] if brief and brief.quality_pointer else []),
        _wrap(f"{summary.met_text}. {summary.overall_text}"),
        *([_wrap(summary.extra_note)] if summary.extra_note else []),
        "",
        *_brief(summary),
    ]
    if summary.consistency:
        lines.extend(_heading(next(headings)))
        lines.append(_wrap(summary.consistency))
        lines.append("")
    if summary.quality_notices:
        lines.extend(_heading(next(headings)))
        lines.extend(_wrap(f"! {notice}", "  ") for notice in summary.quality_notices)
        lines.append("")
    lines.extend(_heading(next(headings)))
    lines.extend(_cards(summary))
    axes = axis_cards(summary)
    if summary.axes_intro is not None and axes:
        lines.extend(_heading(next(headings)))
        lines.append(_wrap(summary.axes_intro))
        lines.extend(_wrap(f"- {card.name}: {card.axis_text}", "  ") for card in axes)
        lines.append("")
    if summary.leans is not None and shows_leans(summary):
        lines.extend(_heading(next(headings)))
        lines.extend(_leans(summary.leans))
    if summary.salary_lines:
        lines.extend(_heading(next(headings)))
        lines.extend(_wrap(line) for line in summary.salary_lines)
        lines.append("")
    if summary.path is not None:
        lines.extend(_heading(next(headings)))
        lines.extend(_path(summary.path, summary))
    if summary.fit is not None:
        lines.extend(_heading(next(headings)))
        for line in fit_lines(summary.fit):
            indent = " " * (len(line) - len(line.lstrip()))
            lines.append(_wrap(line.lstrip(), indent + "  ") if indent else _wrap(line))
        lines.append("")
    if shows_comparison(summary):
        lines.extend(_heading(next(headings)))
        lines.extend(_comparison(summary))
        lines.append("")
    lines.extend(_heading(next(headings)))
    lines.append(_wrap(summary.caveat))
    lines.append("")
    if summary.scenarios:
        lines.extend(_heading(next(headings)))
        lines.extend(_scenarios(summary))
    if summary.knowledge:
        lines.extend(_heading(next(headings)))
        lines.extend(_knowledge(summary))
    if code is not None:
        lines.extend(_heading(next(headings)))
        lines.append(_wrap(msg("report.link_text", lang, code=code)))
        lines.append("")
    lines.append(msg("report.bank_version", lang, version=summary.bank_version))
    return "\n".join(lines) + "\n"
