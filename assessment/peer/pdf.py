"""The self/others comparison as an A4 PDF: counts, refusals, the chart, differences, the table.

Anonymous like the page: the colleagues appear only as range and median, never one by one. It
prints no peer code: the comparison's link is printed only when it holds a summary code.
"""

from __future__ import annotations

import datetime as dt

from assessment.bank.models import Bank
from assessment.i18n import Language, Viewer
from assessment.messages import msg
from assessment.peer.chart import ROW_HEIGHT, mirror_chart
from assessment.peer.compare import Mirror
from assessment.peer.text import MirrorText, describe_mirror
from assessment.render.pdf.layout import (
    ACCENT,
    MUTED,
    PRINT_CHART_WIDTH_PX,
    TEXT_WIDTH,
    PageLayout,
    balanced_layout,
    chart_to_png,
    draw_pdf,
    format_day,
    png_size,
    size_for_points,
)

BODY = 9.5
SMALL = 8.0
CHART_MAX_HEIGHT = 230.0
# The chart's names stand in a column left of its plot (the chart's labelLimit and padding); the
# plot is drawn narrower by that much so the whole prints its smallest label at CHART_POINTS.
LABEL_COLUMN_PX = 240
CHART_FONT_PX = 10.0
CHART_POINTS = 7.2


def mirror_layout(
    mirror: Mirror,
    bank: Bank,
    lang: Language,
    link: str,
    *,
    today: dt.date | None = None,
    viewer: Viewer = "self",
) -> tuple[PageLayout, list[bytes], str]:
    """Return where everything of the comparison goes, its chart PNGs and the title; viewer
    "other" words it about the person, like the page opened by someone else."""
    text = describe_mirror(mirror, bank, lang, viewer)
    pngs: list[bytes] = []
    if mirror.enough:
        rows = sum(row.difference != "too_few" for row in mirror.dimensions)
        pngs.append(
            chart_to_png(
                mirror_chart(mirror, bank, lang),
                PRINT_CHART_WIDTH_PX - LABEL_COLUMN_PX,
                ROW_HEIGHT * max(1, rows),
            )
        )
    day = format_day(today or dt.date.today(), lang)
    sizes = [png_size(png) for png in pngs]
    layout = balanced_layout(
        lambda breaks: _MirrorLayout(text, sizes, day, link, mirror, lang, breaks)
    )
    return layout, pngs, text.title


def build_mirror_pdf(
    mirror: Mirror,
    bank: Bank,
    lang: Language,
    link: str,
    *,
    today: dt.date | None = None,
    viewer: Viewer = "self",
) -> bytes:
    """Return the comparison as a PDF; with the link that reopens it only when the comparison
    comes from a summary code (a link with peer codes would print every colleague's ratings)."""
    layout, pngs, title = mirror_layout(mirror, bank, lang, link, today=today, viewer=viewer)
    return draw_pdf(layout, pngs, title)


class _MirrorLayout(PageLayout):
    """Where everything of the comparison goes; as many pages as it needs."""

    def __init__(
        self,
        text: MirrorText,
        chart_px: list[tuple[int, int]],
        day: str,
        link: str,
        mirror: Mirror,
        lang: Language,
        breaks: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__(lang, BODY, breaks)
        self.paragraph(text.title, 17, bold=True, colour=ACCENT, after=1.5)
        meta = " · ".join(
            (
                msg("pdf.created", lang, date=day),
                msg("report.bank_version", lang, version=mirror.bank_version),
            )
        )
        self.paragraph(meta, SMALL, colour=MUTED, after=2)
        self.rule(ACCENT, 0.6)
        self.y += 4
        self.paragraph(text.counts, BODY + 2, bold=True, after=1.2)
        if text.refusals:
            self.heading(msg("peer.refused_heading", lang), keep_with=BODY)
            for line in text.refusals:
                self.paragraph(line, BODY, bullet="–", indent=4)
        for note in text.notes:
            self.paragraph(note, BODY, after=1)
        if text.too_few is not None:
            self.paragraph(text.too_few, BODY + 1, bold=True, after=1)
            self.paragraph(text.too_few_why or "", BODY)
        else:
            self.heading(msg("peer.differences_heading", lang), keep_with=BODY * 2)
            for line in text.differences:
                self.paragraph(line, BODY, bullet="–", indent=4, after=0.8)
            if chart_px:
                width, height = size_for_points(chart_px[0], CHART_FONT_PX, CHART_POINTS)
                if width > TEXT_WIDTH or height > CHART_MAX_HEIGHT:
                    width, height = self.picture_size(chart_px[0], CHART_MAX_HEIGHT)
                size = (width, height)
                self.heading(text.chart_name, keep_with=size[1])
                self.picture(size, text.chart_description)
            self.heading(msg("peer.table_heading", lang), keep_with=BODY * 3)
            for row in text.rows:
                self.block()
                self.paragraph(row.name, BODY, bold=True)
                # The own score's text carries its label ("Ihr Wert: 25 (± 25)"): printed once.
                own = f"{text.self_heading}: –" if row.self_text == "–" else row.self_text
                figures = (
                    f"{own} · "
                    f"{msg('peer.col_median', lang)}: {row.median_text} · "
                    f"{msg('peer.col_range', lang)}: {row.range_text} · "
                    f"{msg('peer.col_count', lang)}: {row.count_text}"
                )
                self.paragraph(figures, BODY, indent=4)
                self.paragraph(row.verdict, BODY, indent=4, colour=MUTED, after=1)
            self.paragraph(text.rule, SMALL, colour=MUTED, after=1)
            self.paragraph(text.statements_only, SMALL, colour=MUTED, after=1)
        self.block()
        self.heading(msg("pdf.caveat", lang), keep_with=self.height(text.caveat, SMALL))
        self.paragraph(text.caveat, SMALL, colour=MUTED, after=1)
        self.paragraph(text.not_signatures, SMALL, colour=MUTED, after=1)
        if mirror.source == "summary":
            self.paragraph(link, SMALL, colour=MUTED)
        else:
            self.paragraph(msg("peer.pdf_no_link", lang), SMALL, colour=MUTED)
        self.footers("peer.footer")
