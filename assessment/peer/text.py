"""The comparison in words: rows, difference lines and refusals for the page, the CLI and the PDF;
plain text, JSON, and a colleague's ratings as text."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from assessment.bank.models import UNSURE, Bank, LikertItem
from assessment.codes.share import PEER_CODE_FORMAT_V1
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.peer.codes import (
    PeerAnswers,
    peer_items,
    peer_poles,
    peer_statement,
)
from assessment.peer.compare import MIN_PEERS, DimensionMirror, Mirror
from assessment.peer.summary import Summary
from assessment.render.scale import frequency_labels, is_frequency

WIDTH = 88
# Refusal reasons that name "your result": they have a text about the person for someone else.
VOICED_REFUSALS = frozenset({"peer.other_version", "peer.other_form"})


@dataclass(frozen=True)
class MirrorRow:
    """One dimension of the comparison as text (the figures are "–" where there are none)."""

    dimension: str
    name: str
    self_text: str
    median_text: str
    range_text: str
    count_text: str
    verdict: str


@dataclass(frozen=True)
class MirrorText:
    """Everything the comparison says, in one language, to the person or about them."""

    title: str
    counts: str
    refusals: tuple[str, ...]
    too_few: str | None
    too_few_why: str | None
    rows: tuple[MirrorRow, ...]
    differences: tuple[str, ...]
    rule: str
    statements_only: str
    caveat: str
    self_heading: str
    chart_name: str
    chart_description: str
    notes: tuple[str, ...] = ()
    not_signatures: str = ""
    viewer: Viewer = "self"


def _verdict(row: DimensionMirror, lang: Language, viewer: Viewer) -> str:
    if row.difference == "too_few":
        return msg("peer.dimension_too_few", lang, minimum=MIN_PEERS)
    if row.difference == "self_missing":
        return voiced("peer.self_missing", lang, viewer)
    return voiced(f"peer.{row.difference}", lang, viewer)


def _row(row: DimensionMirror, bank: Bank, lang: Language, viewer: Viewer) -> MirrorRow:
    shown = row.difference != "too_few"
    self_text = (
        "–"
        if row.self_score is None
        else voiced(
            "peer.self_line", lang, viewer, self=row.self_score, uncertainty=row.self_uncertainty
        )
    )
    return MirrorRow(
        dimension=row.dimension,
        name=bank.dimension(row.dimension).name(lang),
        self_text=self_text,
        median_text=str(row.median) if shown and row.median is not None else "–",
        range_text=f"{row.low}–{row.high}" if shown and row.low is not None else "–",
        count_text=str(row.peers) if shown else f"< {MIN_PEERS}",
        verdict=_verdict(row, lang, viewer),
    )


def _difference_line(row: DimensionMirror, bank: Bank, lang: Language, viewer: Viewer) -> str:
    return voiced(
        f"peer.{row.difference}_line",
        lang,
        viewer,
        name=bank.dimension(row.dimension).name(lang),
        self=row.self_score,
        low=row.low,
        high=row.high,
        median=row.median,
    )


def _reason(key: str, params: dict[str, object], lang: Language, viewer: Viewer) -> str:
    if key in VOICED_REFUSALS:
        return voiced(key, lang, viewer, **params)
    return msg(key, lang, **params)


def describe_mirror(
    mirror: Mirror, bank: Bank, lang: Language, viewer: Viewer = "self"
) -> MirrorText:
    """Return the comparison's texts in a language, for the person themselves ("self") or for
    someone who opened the comparison's link ("other": about the person)."""
    refusals = tuple(
        msg(
            "peer.refused_line",
            lang,
            number=refused.number,
            reason=_reason(refused.key, dict(refused.params), lang, viewer),
        )
        for refused in mirror.refused
    )
    differences = tuple(
        _difference_line(row, bank, lang, viewer) for row in mirror.biggest_differences()
    )
    if mirror.enough and not differences:
        differences = (voiced("peer.no_differences", lang, viewer),)
    summary = mirror.source == "summary"
    notes: list[str] = []
    if mirror.unnamed:
        positions = ", ".join(str(number) for number in mirror.unnamed)
        notes.append(msg("peer.unnamed", lang, count=len(mirror.unnamed), positions=positions))
    if summary:
        notes.append(msg("peer.summary_rule", lang))
    return MirrorText(
        title=msg("peer.title", lang),
        counts=msg("peer.summary_counts", lang, raters=mirror.used)
        if summary
        else msg("peer.counts", lang, used=mirror.used, given=mirror.given),
        refusals=refusals,
        too_few=None
        if mirror.enough
        else msg("peer.too_few", lang, minimum=MIN_PEERS, count=mirror.used),
        too_few_why=(
            None if mirror.enough else voiced("peer.too_few_why", lang, viewer, minimum=MIN_PEERS)
        ),
        rows=tuple(_row(row, bank, lang, viewer) for row in mirror.dimensions),
        differences=differences,
        rule=voiced("peer.rule", lang, viewer, minimum=MIN_PEERS),
        statements_only=voiced("peer.statements_only", lang, viewer),
        caveat=voiced("peer.caveat", lang, viewer),
        self_heading=voiced("peer.col_self", lang, viewer),
        chart_name=voiced("peer.chart_name", lang, viewer),
        chart_description=voiced("peer.chart_description", lang, viewer),
        notes=tuple(notes),
        not_signatures=msg("peer.not_signatures", lang),
        viewer=viewer,
    )


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_mirror_text(mirror: Mirror, bank: Bank, lang: Language) -> str:
    """Return the comparison as plain text (for `selbstcheck mirror`)."""
    text = describe_mirror(mirror, bank, lang)
    lines = [text.title, text.counts, ""]
    if text.refusals:
        lines.append(msg("peer.refused_heading", lang))
        lines.extend(_wrap(line, "  ") for line in text.refusals)
        lines.append("")
    for note in text.notes:
        lines.extend([_wrap(note), ""])
    if text.too_few is not None:
        lines.extend([_wrap(text.too_few), _wrap(text.too_few_why or ""), ""])
    else:
        lines.append(msg("peer.differences_heading", lang))
        lines.extend(_wrap(f"- {line}", "  ") for line in text.differences)
        lines.append("")
        lines.append(msg("peer.table_heading", lang))
        for row in text.rows:
            lines.append(
                f"{row.name}: {row.self_text} · "
                f"{msg('peer.col_median', lang)} {row.median_text} · "
                f"{msg('peer.col_range', lang)} {row.range_text} · "
                f"{msg('peer.col_count', lang)} {row.count_text}"
            )
            lines.append(_wrap(row.verdict, "  "))
        lines.append("")
        lines.append(_wrap(text.rule))
        lines.append(_wrap(text.statements_only))
    lines.append("")
    lines.append(_wrap(text.caveat))
    lines.append(_wrap(text.not_signatures))
    lines.append(msg("report.bank_version", lang, version=mirror.bank_version))
    return "\n".join(lines) + "\n"


def mirror_json(mirror: Mirror, bank: Bank, lang: Language, viewer: Viewer = "self") -> str:
    """Return the comparison as JSON: the figures (Mirror's schema) and the texts shown."""
    text = describe_mirror(mirror, bank, lang, viewer)
    data = {
        "mirror": mirror.model_dump(mode="json"),
        "language": lang,
        "texts": {
            "counts": text.counts,
            "refusals": list(text.refusals),
            "too_few": text.too_few,
            "differences": list(text.differences),
            "rule": text.rule,
            "statements_only": text.statements_only,
            "notes": list(text.notes),
            "not_signatures": text.not_signatures,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_peer_ratings(peer: PeerAnswers, bank: Bank, lang: Language) -> str:
    """Return a colleague's ratings as plain text (for `selbstcheck score --code PEERCODE`)."""
    labels = [label(lang) for label in bank.likert_labels]
    invitation = (
        msg("peer.invitation_line", lang, id=peer.invitation_id)
        if peer.invitation_id
        else msg("peer.invitation_none", lang)
    )
    lines = [
        msg("peer.ratings_heading", lang),
        f"{bank.forms[peer.form].name(lang)} · "
        + msg("report.bank_version", lang, version=peer.bank_version)
        + f" · {invitation}",
        _wrap(msg("peer.ratings_readable", lang)),
        "",
    ]
    if peer.code_format == PEER_CODE_FORMAT_V1:
        lines.extend([_wrap(msg("peer.tradeoffs_not_compared", lang)), ""])
    for number, item in enumerate(peer_items(bank, peer.form, peer.code_format), start=1):
        value = peer.responses.get(item.id)
        if value is None:
            answer = msg("peer.rating_none", lang)
        elif value == UNSURE:
            answer = msg("peer.rating_na", lang)
        elif is_frequency(item):
            answer = f"{value} – {frequency_labels(lang)[value]}"
        elif isinstance(item, LikertItem):
            answer = f"{value} – {labels[int(value) - 1]}"
        else:
            answer = f"{value} – {msg(f'ui.quest.tradeoff_{value}', lang)}"
        if isinstance(item, LikertItem):
            lines.append(_wrap(f"{number}. {peer_statement(item, lang)}"))
        else:
            a, b = peer_poles(item, lang)
            lines.append(_wrap(f"{number}. A: {a}"))
            lines.append(_wrap(f"B: {b}", "   "))
        lines.append(f"   → {answer}")
    return "\n".join(lines) + "\n"


def render_summary_text(summary: Summary, bank: Bank, lang: Language) -> str:
    """Return what a summary code holds as plain text: per demand the published figures."""
    invitation = (
        msg("peer.invitation_line", lang, id=summary.invitation_id)
        if summary.invitation_id
        else msg("peer.invitation_none", lang)
    )
    lines = [
        msg("peer.summary_heading", lang, raters=summary.raters),
        f"{bank.forms[summary.form].name(lang)} · "
        + msg("report.bank_version", lang, version=summary.bank_version)
        + f" · {invitation}",
        "",
    ]
    lines.extend(summary_lines(summary, bank, lang))
    lines.extend(["", _wrap(msg("peer.summary_rule", lang))])
    return "\n".join(lines) + "\n"


def summary_lines(summary: Summary, bank: Bank, lang: Language) -> list[str]:
    """Return one line per demand of a summary (its figures, or that too few could rate it)."""
    lines = []
    for row in summary.dimensions:
        name = bank.dimension(row.dimension).name(lang)
        if row.raters:
            lines.append(
                msg(
                    "peer.summary_line",
                    lang,
                    name=name,
                    median=row.median,
                    low=row.low,
                    high=row.high,
                    raters=row.raters,
                )
            )
        else:
            lines.append(msg("peer.summary_line_too_few", lang, name=name, minimum=MIN_PEERS))
    return lines
