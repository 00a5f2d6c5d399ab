"""The group evaluation as an A4 PDF for coaches: counts, the group chart, demands, development
and (banks with the block) the group's working-conditions wishes.

Anonymous like the page: numbers and dimension names only, never a code, a line of the input or
a single person's answers. Built with the layout engine of assessment.render.pdf.layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import Bank
from assessment.group.overview import DimensionGroup, GroupResult, VersionGroup
from assessment.group.preferences import preference_section
from assessment.group.text import (
    counts_line,
    development_lines,
    format_score,
    levels_line,
    mark_sections,
    no_development,
)
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.pdf.layout import (
    ACCENT,
    BULLET_HANG,
    INK,
    LEADING,
    MARGIN,
    MUTED,
    PRINT_CHART_WIDTH_PX,
    TEXT_WIDTH,
    WARNING,
    PageLayout,
    balanced_layout,
    chart_to_png,
    draw_pdf,
    format_day,
    png_size,
    size_for_points,
    text_width,
    wrap_text,
)

BODY = 9.5
SMALL = 8.0
# Print height per dimension row of the group chart (pixels before doubling); the chart is
# printed as small as its smallest label (Vega-Lite's 10 px axis labels) allows at CHART_POINTS,
# at most across the text width.
GROUP_CHART_ROW_PX = 60
CHART_FONT_PX = 10.0
CHART_POINTS = 7.2


def group_chart_png(section: VersionGroup, bank: Bank, lang: Language) -> bytes:
    """Return the group chart of one bank version as a PNG sized for print."""
    from assessment.group.chart import group_chart

    height = GROUP_CHART_ROW_PX * max(1, len(section.dimensions))
    return chart_to_png(group_chart(section, bank, lang), PRINT_CHART_WIDTH_PX, height)


def group_layout(
    group: GroupResult,
    skipped: int,
    lang: Language,
    *,
    today: dt.date | None = None,
    root: Path = QUESTIONS_DIR,
    notes: Sequence[str] = (),
) -> tuple[PageLayout, list[bytes]]:
    """Return where everything of the group summary goes, and its chart PNGs."""
    banks = {
        section.bank_version: load_bank(section.bank_version, root) for section in group.versions
    }
    pngs = [
        group_chart_png(section, banks[section.bank_version], lang) for section in group.versions
    ]
    day = format_day(today or dt.date.today(), lang)
    sizes = [png_size(png) for png in pngs]
    layout = balanced_layout(
        lambda breaks: _GroupLayout(group, banks, sizes, skipped, day, lang, root, breaks, notes)
    )
    return layout, pngs


def build_group_pdf(
    group: GroupResult,
    skipped: int,
    lang: Language,
    *,
    today: dt.date | None = None,
    root: Path = QUESTIONS_DIR,
    notes: Sequence[str] = (),
) -> bytes:
    """Return the group summary as a PDF: one section (with its chart) per bank version.

    skipped is the number of input lines that held no readable code; it is reported, never
    their content. notes are printed under the counts (which line is an earlier version of
    which: `group.text.earlier_notes`).
    """
    layout, pngs = group_layout(group, skipped, lang, today=today, root=root, notes=notes)
    return draw_pdf(layout, pngs, msg("group_pdf.title", lang))


class _GroupLayout(PageLayout):
    """Where everything of the group summary goes; as many pages as it needs."""

    def __init__(
        self,
        group: GroupResult,
        banks: dict[int, Bank],
        chart_px: list[tuple[int, int]],
        skipped: int,
        day: str,
        lang: Language,
        root: Path,
        breaks: frozenset[int] = frozenset(),
        notes: Sequence[str] = (),
    ) -> None:
        super().__init__(lang, BODY, breaks)
        self.group = group
        self.banks = banks
        self.notes = tuple(notes)
        newest = banks[group.versions[-1].bank_version] if group.versions else load_bank(None, root)
        self._header(newest.profiles[group.profile].name(lang), skipped, day)
        for index, section in enumerate(group.versions):
            self._version(index, section, banks[section.bank_version], chart_px[index])
        self.block()
        self.heading(
            msg("pdf.caveat", lang), keep_with=self.height(msg("group_pdf.caveat", lang), SMALL)
        )
        self.paragraph(msg("group_pdf.caveat", lang), SMALL, colour=MUTED)
        self.end()
        self.footers("group_pdf.footer")

    def _header(self, profile: str, skipped: int, day: str) -> None:
        lang, group = self.lang, self.group
        self.paragraph(msg("group_pdf.title", lang), 17, bold=True, colour=ACCENT, after=1.5)
        versions = ", ".join(str(section.bank_version) for section in group.versions) or "–"
        meta = " · ".join(
            (
                msg("pdf.created", lang, date=day),
                msg("pdf.profile", lang, profile=profile),
                msg("report.bank_version", lang, version=versions),
            )
        )
        self.paragraph(meta, SMALL, colour=MUTED, after=2)
        self.rule(ACCENT, 0.6)
        self.y += 4
        counts = msg("group.counts", lang, people=group.people, invalid=skipped)
        self.paragraph(counts, BODY + 2, bold=True, after=1.2)
        for note in self.notes:
            self.paragraph(note, BODY, after=1.2)
        self.paragraph(msg("group_pdf.anonymous", lang), SMALL, colour=MUTED)
        if group.mixed_versions:
            self.y += 1
            text = msg("group.mixed_versions", lang, count=len(group.versions))
            self.paragraph(text, BODY, colour=WARNING)

    def _version(
        self, index: int, section: VersionGroup, bank: Bank, chart_px: tuple[int, int]
    ) -> None:
        lang = self.lang
        width, height = size_for_points(chart_px, CHART_FONT_PX, CHART_POINTS)
        size = self.picture_size(chart_px, height) if width > TEXT_WIDTH else (width, height)
        title = (
            msg("group.version", lang, version=section.bank_version, people=section.people)
            if self.group.mixed_versions
            else msg("ui.group.overview_heading", lang)
        )
        caption = msg("ui.group.chart_caption", lang)
        if bank.rules.honest_verdicts:  # a dot inside the band may be borderline or provisional
            caption += " " + msg("ux.group_counts.firm", lang)
        self.heading(title, keep_with=min(size[1], BODY * LEADING * 3))

        def place() -> None:
            self.picture(size, msg("a11y.pdf_group_chart_alt", lang), image=index)
            self.y += 1
            self.paragraph(caption, SMALL, colour=MUTED, after=2)

        # The chart fills most of a page: the text after it fills this page meanwhile.
        self.float_block(size[1] + 3 + self.height(caption, SMALL), place)

        first = True
        for dimension in section.dimensions:
            name = bank.dimension(dimension.dimension).name(lang)
            detail = (
                self._detail(dimension, name) + "\n" + counts_line(dimension, section.people, lang)
            )
            height = BODY * LEADING + self.height(detail, SMALL)
            if first:
                self.heading(msg("group_pdf.demands", lang), keep_with=height)
                first = False
            else:
                self.y += 1.6
                self.block()
                self.keep(height)
            self._dimension_title(name, dimension)
            self.paragraph(detail, SMALL, colour=MUTED)
        self.y += 1.5
        self.paragraph(levels_line(section.levels, lang), BODY)
        if section.revised:
            revised = msg(
                "group.revised_people", lang, count=section.revised, people=section.people
            )
            self.paragraph(revised, BODY)

        areas = development_lines(section, bank, lang) or [no_development(section, lang)]
        self.block()
        self.heading(msg("group.development_title", lang), keep_with=self.height(areas[0], BODY))
        for text in areas:
            self.paragraph(text, BODY, indent=BULLET_HANG + 1, bullet="→", after=0.6)
        for title, marked in mark_sections(section, bank, lang):
            self.heading(title, keep_with=self.height(marked[0], BODY))
            for text in marked:
                self.paragraph(text, BODY, indent=BULLET_HANG + 1, bullet="→", after=0.6)
        self._preferences(section, bank)

    def _preferences(self, section: VersionGroup, bank: Bank) -> None:
        """The group's working-conditions wishes, line for line as the page shows them (left
        out where the page leaves them out: no block, or nobody answered it)."""
        shown = preference_section(section.preferences, bank, self.lang)
        if shown is None:
            return
        heading, (answered, *tallies) = shown
        self.block()
        self.heading(heading, keep_with=self.height(answered, BODY))
        self.paragraph(answered, BODY, after=0.6)
        for text in tallies:
            self.paragraph(text, BODY, indent=BULLET_HANG + 1, bullet="→", after=0.6)

    def _detail(self, dimension: DimensionGroup, name: str) -> str:
        spread = dimension.distribution
        if spread is None:
            return msg("group.dimension_unscored", self.lang, name=name)
        return msg(
            "group_pdf.demand_line",
            self.lang,
            median=format_score(spread.median, self.lang),
            q1=format_score(spread.q1, self.lang),
            q3=format_score(spread.q3, self.lang),
            low=dimension.low,
            high=dimension.high,
        )

    def _dimension_title(self, name: str, dimension: DimensionGroup) -> None:
        """The dimension's name, and at the right how many of those scored meet it."""
        scored = dimension.distribution.n if dimension.distribution else 0
        status = msg("group_pdf.met", self.lang, meets=dimension.meets, scored=scored)
        status_width = text_width(status, BODY, bold=True)
        height = BODY * LEADING
        self.keep(height)
        self.put(
            MARGIN + TEXT_WIDTH - status_width,
            status_width,
            height,
            status,
            BODY,
            True,
            ACCENT,
            align="R",
        )
        name_width = TEXT_WIDTH - status_width - 3
        self.put(
            MARGIN, name_width, height, wrap_text(name, BODY, name_width, True)[0], BODY, True, INK
        )
        self.y += height
