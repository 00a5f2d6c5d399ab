"""The result as an A4 PDF, the take-away: every text of the result page and the profile chart.

Page 1 carries the verdict and what to do now; every card follows with all its next steps,
strengths and reasons, then the trade-off axes, the comparison of settings, the scenario review
and the link. Rules 3 add what the verdict rests on under the headline, the consistency notice,
each card's three views and the knowledge review after the scenarios. The document grows by
pages instead of leaving anything out, and its last page is never nearly empty (see
pdf_layout.balanced_layout). Every text comes from the summary or the message catalogue and is
drawn as plain text; the only link is the share link it is given, and only when that is an
absolute http(s) URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assessment.bank.models import Bank
from assessment.codes.links import method_link
from assessment.engine.result import Result
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.brief import (
    MAX_STEPS,
    axis_cards,
    setting_name,
    settings_side_by_side,
    shows_comparison,
    shows_leans,
)
from assessment.render.chartkey import chart_key
from assessment.render.export import shareable_result
from assessment.render.fit import fit_lines
from assessment.render.path import path_text
from assessment.render.pdf.layout import (
    ACCENT,
    BULLET_HANG,
    INK,
    LEADING,
    LINK,
    MARGIN,
    MUTED,
    PRINT_CHART_WIDTH_PX,
    TEXT_WIDTH,
    TYPE_HEIGHT,
    WARNING,
    Colour,
    PageLayout,
    PdfError,
    balanced_layout,
    chart_to_png,
    draw_pdf,
    format_day,
    is_web_link,
    png_size,
    text_width,
    wrap_text,
)
from assessment.render.summary import DimensionCard, Summary, common_gaps, summarize

__all__ = ["PdfError", "ResultLayout", "build_pdf", "chart_png", "result_layout"]

# A chart row holds name, bar and label with air between (at PRINT_CHART_WIDTH_PX).
CHART_ROW_PX = 60
BODY = 9.0
SMALL = 8.0
# At most this many cards are named with their first step in the "what now" block.
WHAT_NOW_STEPS = MAX_STEPS

BAND_COLOURS: dict[str, Colour] = {
    "below": (180, 83, 9),
    "within": (21, 128, 61),
    "above": (29, 78, 216),
    "unknown": MUTED,
    "borderline": (146, 64, 14),
    "experience": (29, 78, 216),
}


@dataclass(frozen=True)
class _Para:
    """A paragraph to lay out: text, size, weight, colour, indent (mm), bold lead-in."""

    text: str
    size: float
    bold: bool = False
    colour: Colour = INK
    indent: float = 0.0
    lead: str = ""
    bullet: str = ""


def _fit_para(line: str, title: bool) -> _Para:
    """Return a line of the setting fit as a paragraph: a setting's title bold, a group's
    heading small and bold, a point as a small bullet."""
    if line.startswith("  - "):
        return _Para(line[4:], SMALL, indent=BULLET_HANG + 1, bullet="•")
    if line.startswith("  "):
        return _Para(line.strip(), SMALL, bold=True)
    return _Para(line, BODY, bold=title)


def _path_para(line: str, subheading: bool = False) -> _Para:
    """Return a line of the stations as a paragraph: a station's name and the public-sector
    heading bold, a station's details small and indented, a public-sector step as a bullet."""
    if line.startswith(" "):
        return _Para(line.strip(), SMALL, indent=BULLET_HANG + 1)
    if line.startswith("- "):
        return _Para(line[2:], SMALL, indent=BULLET_HANG + 1, bullet="•")
    return _Para(line, BODY, bold=subheading or line[:1].isdigit())


def chart_png(summary: Summary) -> bytes:
    """Return the summary's profile chart as a PNG sized for print, rendered without a browser."""
    from assessment.render.chart import profile_chart

    return chart_to_png(
        profile_chart(summary), PRINT_CHART_WIDTH_PX, CHART_ROW_PX * max(1, len(summary.cards))
    )


def result_layout(
    result: Result,
    bank: Bank,
    lang: Language,
    link: str,
    *,
    today: dt.date | None = None,
    viewer: Viewer = "self",
    chart_px: tuple[int, int] | None = None,
) -> tuple[ResultLayout, bytes | None]:
    """Return where everything of the result's PDF goes, and the chart PNG (None when chart_px
    is given: then the chart is not rendered and only its pixel size is used)."""
    summary = summarize(shareable_result(result), bank, lang, viewer)
    png = None if chart_px is not None else chart_png(summary)
    pixels = chart_px if chart_px is not None else png_size(png or b"")
    day = format_day(today or dt.date.today(), lang)
    # The invitation to ask colleagues is for the person, not for whom they shared it with.
    peer = bank.peer and viewer == "self"
    open_setting = result.answers.profile == "duisburg"

    def make(breaks: frozenset[int]) -> ResultLayout:
        return ResultLayout(summary, pixels, day, link, peer, open_setting, breaks)

    return balanced_layout(make), png


def build_pdf(
    result: Result,
    bank: Bank,
    lang: Language,
    link: str,
    *,
    today: dt.date | None = None,
    viewer: Viewer = "self",
) -> bytes:
    """Return the result as an A4 PDF of as many pages as it needs, with the share link.

    The salary check and page timings are left out, as in every export. viewer "other" words
    it for someone the person shared the link with (about the person, in the third person).
    """
    layout, png = result_layout(result, bank, lang, link, today=today, viewer=viewer)
    return draw_pdf(layout, [png or b""], msg("report.title", lang))


class ResultLayout(PageLayout):
    """Where everything of a result goes; as many pages as it needs."""

    def __init__(
        self,
        summary: Summary,
        chart_px: tuple[int, int],
        day: str,
        link: str,
        peer: bool = False,
        open_setting: bool = False,
        breaks: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__(summary.language, BODY, breaks)
        self.summary = summary
        self.viewer: Viewer = summary.viewer
        self.peer = peer
        self.chart_px = chart_px
        self.day = day
        self.link = link
        self._header()
        self._consistency()
        self._quality()
        self._what_now()
        self._caveat()
        # The sections the page leaves out are left out here too (render/brief.py).
        comparison = shows_comparison(summary)
        if open_setting and comparison:
            self._comparison(intro=msg("ui.result.comparison_open", self.lang))
        self._chart()
        self._cards()
        self._axes()
        self._leans()
        self._path()
        self._fit()
        if not open_setting and comparison:
            self._comparison()
        self._scenarios()
        self._knowledge()
        self._closing()
        self.end()
        self.footers("pdf.footer")

    # -- page 1 ----------------------------------------------------------------------------

    def _header(self) -> None:
        summary = self.summary
        self.paragraph(msg("report.title", self.lang), 17, bold=True, colour=ACCENT, after=1.5)
        meta = " · ".join(
            (
                msg("pdf.created", self.lang, date=self.day),
                msg("report.bank_version", self.lang, version=summary.bank_version),
                msg("pdf.form", self.lang, form=summary.form_name),
                msg("pdf.profile", self.lang, profile=setting_name(summary)),
            )
        )
        self.paragraph(meta, SMALL, colour=MUTED, after=2)
        self.rule(ACCENT, 0.6)
        self.y += 4
        self.paragraph(summary.headline, BODY + 2.5, bold=True, after=1.5)
        # What the verdict rests on, from the one-screen summary (v1 and v2: the demands met).
        rests = summary.brief.rests_on if summary.brief else summary.rests_on
        if rests:
            self.paragraph(rests, BODY, after=0.8)
        brief = summary.brief
        if brief and brief.reading:  # how the combined count follows (UX pass M1)
            self.paragraph(brief.reading, SMALL, colour=MUTED, after=0.8)
        # The one-screen summary's first line already gives the count (UX pass 3, m-10).
        met = "" if summary.brief else f"{summary.met_text}. "
        self.paragraph(f"{met}{summary.overall_text}", BODY, after=0.8)
        self.paragraph(summary.answered_text, SMALL, colour=MUTED)
        if summary.extra_note:  # what the extra answers changed: once, here, as on the page
            self.y += 1
            self.paragraph(summary.extra_note, BODY, after=0.8)

    def _consistency(self) -> None:
        notice = self.summary.consistency
        if not notice:
            return
        heading = msg("views.consistency_heading", self.lang)
        self.heading(heading, keep_with=self.height(notice, BODY))
        self.paragraph(notice, BODY, after=1.2)

    def _quality(self) -> None:
        notices = self.summary.quality_notices
        if not notices:
            return
        self.heading(msg("report.quality", self.lang), keep_with=self.height(notices[0], BODY))
        for notice in notices:
            self.paragraph(f"! {notice}", BODY, colour=WARNING, after=1.2)

    def what_now(self) -> list[_Para]:
        """Return the one-screen summary under the verdict (render/brief.py, as on the page):
        the strongest demands, the most urgent steps with their first action, where to go."""
        brief = self.summary.brief
        if brief is None:  # pragma: no cover - every summary has one
            return [_Para(msg("pdf.what_now_more", self.lang), SMALL, colour=MUTED)]
        hang = BULLET_HANG + 1
        paragraphs: list[_Para] = []
        if brief.strongest:
            paragraphs.append(_Para(brief.strongest_heading, BODY, bold=True))
            paragraphs.extend(
                _Para(d.text, BODY, indent=hang, lead=f"{d.name}:", bullet="+")
                for d in brief.strongest
            )
        paragraphs.append(_Para(brief.steps_heading, BODY, bold=True))
        if brief.steps:
            paragraphs.extend(
                _Para(d.text, BODY, indent=hang, lead=f"{d.name}:", bullet="→") for d in brief.steps
            )
        else:
            paragraphs.append(_Para(brief.no_steps or "", BODY))
        if brief.settings:
            # "noch offen – alle vergleichen": the settings side by side, as on the page.
            paragraphs.append(_Para(brief.settings_heading or "", BODY, bold=True))
            paragraphs.extend(_Para(line, BODY, indent=hang, bullet="•") for line in brief.settings)
            paragraphs.append(_Para(brief.settings_more or "", SMALL, colour=MUTED))
        paragraphs.append(_Para(brief.where_heading, BODY, bold=True))
        paragraphs.extend(_Para(e.text, BODY, indent=hang, bullet="•") for e in brief.where)
        paragraphs.append(_Para(msg("pdf.what_now_more", self.lang), SMALL, colour=MUTED))
        return paragraphs

    def _what_now(self) -> None:
        paragraphs = self.what_now()
        self.heading(msg("pdf.what_now", self.lang), keep_with=self._height(paragraphs))
        self._paragraphs(paragraphs, after=0.8)

    def _caveat(self) -> None:
        caveat = self.summary.caveat
        self.heading(msg("pdf.caveat", self.lang), keep_with=self.height(caveat, SMALL))
        self.paragraph(caveat, SMALL, colour=MUTED)

    # -- the chart and the cards -------------------------------------------------------------

    def chart_texts(self) -> tuple[str, str]:
        """Return the chart's heading and caption."""
        uncertain = any(card.uncertainty is not None for card in self.summary.cards)
        return (
            voiced("pdf.chart", self.lang, self.viewer),
            chart_key(self.summary, self.lang, self.viewer, uncertain=uncertain),
        )

    def _chart(self) -> None:
        title, caption = self.chart_texts()
        caption_height = self.height(caption, SMALL) + 3.5
        heading_height = 3.5 + (BODY + 2) * LEADING + 3
        size = self.picture_size(self.chart_px, TYPE_HEIGHT - heading_height - caption_height)

        def place() -> None:
            self.block()
            self.heading(title, keep_with=size[1] + caption_height)
            self.picture(size, voiced("a11y.pdf_chart_alt", self.lang, self.viewer))
            self.y += 1.5
            self.paragraph(caption, SMALL, colour=MUTED, after=2)

        self.float_block(heading_height + size[1] + caption_height, place)

    def card_paragraphs(self, card: DimensionCard) -> list[_Para]:
        """Return a card's paragraphs under its title: everything the result page shows."""
        lang = self.lang
        paragraphs = [
            _Para(card.verdict, BODY),
            *self.view_paragraphs(card),
            _Para(
                msg("pdf.anchor", lang, quote=card.anchor_text, why=card.why),
                SMALL,
                colour=MUTED,
                lead=msg("pdf.article", lang),
            ),
        ]
        if card.next_steps:
            label = voiced("pdf.next_steps", lang, self.viewer)
            paragraphs.append(_Para(label, SMALL, bold=True))
            paragraphs.extend(
                _Para(step, SMALL, indent=BULLET_HANG + 1, bullet="→") for step in card.next_steps
            )
        if card.strength:
            paragraphs.append(_Para(card.strength, SMALL, lead=msg("pdf.strength", lang)))
        paragraphs.append(
            _Para(card.rationale, SMALL, colour=MUTED, lead=msg("pdf.rationale", lang))
        )
        if card.support:
            paragraphs.append(_Para(card.support, SMALL, colour=MUTED))
        if card.competence:
            paragraphs.append(
                _Para(card.competence, SMALL, colour=MUTED, lead=msg("pdf.competence", lang))
            )
        return paragraphs

    def view_paragraphs(self, card: DimensionCard) -> list[_Para]:
        """Return the demand's views side by side (rules 3): the figures in one line, how many
        answers each rests on in the next, and what the verdict rests on."""
        if not card.views:
            return []
        figures = "   ·   ".join(f"{view.label} {view.text}" for view in card.views)
        details = "; ".join(f"{view.label}: {view.detail}" for view in card.views)
        paragraphs = [
            _Para(figures, SMALL, bold=True),
            _Para(details, SMALL, colour=MUTED),
        ]
        if card.basis:
            paragraphs.append(_Para(card.basis, SMALL, colour=MUTED))
        return paragraphs

    def _cards(self) -> None:
        by_id = {card.dimension: card for card in self.summary.cards}
        groups = self.summary.groups or ()
        shown = {d for group in groups for d in group.dimensions}
        size = BODY + 0.5
        title_height = size * LEADING + 0.4
        first = True
        for group in groups:
            cards = [by_id[d] for d in group.dimensions]
            opening = title_height + self._height(self.card_paragraphs(cards[0])[:1])
            intro = [_Para(group.intro, SMALL, colour=MUTED)] if group.intro else []
            # The group's heading stays with its intro and the first card's title and verdict.
            start = 1.5 + (BODY + 1) * LEADING + 0.5 + self._height(intro) + 1 + opening
            self.block()
            if first:
                self.heading(msg("pdf.dimensions", self.lang), keep_with=start)
                first = False
            else:
                self.keep(start)
            self.y += 1.5
            self.paragraph(group.heading, BODY + 1, bold=True, colour=ACCENT, after=0.5)
            self._paragraphs(intro, after=1)
            for number, card in enumerate(cards):
                self._card(card, size, title_height, block=number > 0)
        rest = [card for card in self.summary.cards if card.dimension not in shown]
        if rest:  # pragma: no cover - every summary puts each card in a group
            self.heading(msg("pdf.dimensions", self.lang), keep_with=title_height)
            for card in rest:
                self._card(card, size, title_height, block=True)

    def _card(self, card: DimensionCard, size: float, title_height: float, block: bool) -> None:
        paragraphs = self.card_paragraphs(card)
        if block:
            self.y += 2.2
            self.block()
        # The title stays with the verdict; the rest flows line by line across pages.
        self.keep(title_height + self._height(paragraphs[:1]))
        self._card_title(card, size)
        self.y += 0.4
        self._paragraphs(paragraphs)

    def _card_title(self, card: DimensionCard, size: float) -> None:
        status = f"{card.score_text} · {card.band_label}"
        status_width = text_width(status, size, bold=True)
        height = size * LEADING
        self.keep(height)
        colour = BAND_COLOURS.get(card.band, MUTED)
        self.put(
            MARGIN + TEXT_WIDTH - status_width,
            status_width,
            height,
            status,
            size,
            True,
            colour,
            align="R",
        )
        name_width = TEXT_WIDTH - status_width - 3
        name = wrap_text(card.name, size, name_width, bold=True)[0]
        self.put(MARGIN, name_width, height, name, size, True, INK)
        self.y += height

    def _leans(self) -> None:
        """The clear leans (rules 3): each with its cost, the three settings and the person's own
        situations, then one line each for the other axes."""
        section = self.summary.leans
        if section is None or not shows_leans(self.summary):
            return  # no clear lean: left out, as on the page
        paragraphs = [_Para(section.intro, SMALL, colour=MUTED)]
        if section.no_preference:
            paragraphs.append(_Para(section.no_preference, BODY))
        if section.none_clear:
            paragraphs.append(_Para(section.none_clear, BODY))
        self.block()
        self.heading(section.heading, keep_with=self._height(paragraphs))
        self._paragraphs(paragraphs, after=1)
        for lean in section.leans:
            block = [_Para(lean.lean, BODY, lead=f"{lean.name}:")]
            if lean.contrast:
                block.append(_Para(lean.contrast, BODY))
            block.append(_Para(lean.cost, SMALL))
            block += [
                _Para(
                    setting.text + (f" {setting.preference}" if setting.preference else ""),
                    SMALL,
                    indent=BULLET_HANG + 1,
                    lead=f"{setting.name}:",
                    bullet="•",
                )
                for setting in lean.settings
            ]
            if lean.preference:
                block.append(_Para(lean.preference, SMALL, colour=MUTED))
            self.block()
            self.keep(self._height(block[:2]))
            self._paragraphs(block, after=1)
        for line in (section.no_lean, section.unanswered):
            if line:
                self.block()
                self._paragraphs([_Para(line, BODY)], after=1)

    def _axes(self) -> None:
        summary = self.summary
        cards = axis_cards(summary)  # the axes with something to say, as on the page
        if not cards or summary.axes_intro is None:
            return
        paragraphs = [_Para(summary.axes_intro, SMALL, colour=MUTED)]
        paragraphs.extend(
            _Para(card.axis_text or "", SMALL, indent=BULLET_HANG + 1, lead=f"{card.name}:")
            for card in cards
        )
        self.block()
        self.heading(
            voiced("ui.result.axes_heading", self.lang, self.viewer),
            keep_with=self._height(paragraphs[:2]),
        )
        for paragraph in paragraphs:
            self.block()
            self._paragraphs([paragraph], after=1)

    def _path(self) -> None:
        """Stationen bis zur IT-Leitung (rules 3): the same lines as the page and the CLI."""
        view = self.summary.path
        if view is None:
            return
        lines = path_text(view, self.lang, self.viewer)
        paragraphs = [_path_para(line, line == view.public_heading) for line in lines]
        self.block()
        self.heading(view.heading, keep_with=self._height(paragraphs[:1]))
        for paragraph in paragraphs:
            self._paragraphs([paragraph], after=0.8)

    def _fit(self) -> None:
        """The setting fit (rules with preferences): the same lines as the CLI."""
        view = self.summary.fit
        if view is None:
            return
        titles = {preview.title for preview in view.previews}
        paragraphs = [_fit_para(line, line in titles) for line in fit_lines(view)]
        self.block()
        self.heading(view.heading, keep_with=self._height(paragraphs[:1]))
        for paragraph in paragraphs:
            self._paragraphs([paragraph], after=0.8)

    # -- comparison, scenarios, link ----------------------------------------------------------

    def _comparison(self, intro: str | None = None) -> None:
        summary = self.summary
        # Identical rows (shown only when the setting was left open) are said once.
        same = summary.brief is not None and not summary.brief.comparison_differs
        settings = () if same else summary.comparison
        rows = [
            self._comparison_row(line.name, line.met_text, line.level_label, line.best)
            for line in settings
        ]
        text_height = self.height(summary.comparison_text, BODY)
        self.block()
        self.heading(
            msg("report.comparison", self.lang),
            keep_with=text_height + 1.5 + (rows[0][0] if rows else 0),
        )
        if intro:
            self.paragraph(intro, SMALL, colour=MUTED, after=1)
        self.paragraph(summary.comparison_text, BODY, after=1.5)
        shared = common_gaps(summary)  # the same open points everywhere: said once, below
        if same:
            for same_text in settings_side_by_side(summary):
                self.paragraph(same_text, BODY, after=0.8)
        for line, (height, cells) in zip(settings, rows, strict=True):
            gaps = ", ".join(line.gaps) or msg("ui.result.no_gaps", self.lang)
            gaps_height = (
                0.0
                if shared
                else self.height(
                    gaps, SMALL, indent=BULLET_HANG + 1, lead=msg("pdf.gaps", self.lang)
                )
            )
            self.keep(height + gaps_height)
            for x, width, lines, bold, colour in cells:
                for number, text in enumerate(lines):
                    line_y = self.y + number * BODY * LEADING
                    self.put(MARGIN + x, width, BODY * LEADING, text, BODY, bold, colour, y=line_y)
            self.y += height + 0.3
            if not shared:
                self.paragraph(
                    gaps,
                    SMALL,
                    colour=MUTED,
                    indent=BULLET_HANG + 1,
                    lead=msg("pdf.gaps", self.lang),
                    after=0.8,
                )
        if shared:
            everywhere = msg("ui.result.gaps_everywhere", self.lang, gaps=", ".join(shared))
            self.paragraph(everywhere, SMALL, colour=MUTED, after=0.8)
        if summary.rules.honest_verdicts:  # v1 results state no comparison rule
            self.paragraph(summary.comparison_rule, SMALL, colour=MUTED)

    def _comparison_row(
        self, name: str, met: str, level: str, best: bool
    ) -> tuple[float, list[tuple[float, float, tuple[str, ...], bool, Colour]]]:
        """Return a row's height and its cells: x, width, lines, bold, colour."""
        columns = ((0.0, 0.4), (0.4, 0.37), (0.77, 0.23))
        texts = (f"{'★' if best else '·'} {name}", met, level)
        cells = []
        for (start, share), text in zip(columns, texts, strict=True):
            width = TEXT_WIDTH * share - 2
            cells.append(
                (
                    TEXT_WIDTH * start,
                    width,
                    wrap_text(text, BODY, width, best),
                    best,
                    INK if best else MUTED,
                )
            )
        return max(len(lines) for _, _, lines, _, _ in cells) * BODY * LEADING, cells

    def _scenarios(self) -> None:
        """Every answered scenario with all options rated and explained, as on the page."""
        reviews = self.summary.scenarios
        if not reviews:
            return
        lang, viewer = self.lang, self.viewer
        intro = voiced("ui.result.scenarios_intro", lang, viewer)
        self.block()
        self.heading(
            msg("ui.result.scenarios_heading", lang),
            keep_with=self.height(intro, SMALL) + 1 + 2 * SMALL * LEADING,
        )
        self.paragraph(intro, SMALL, colour=MUTED, after=1)
        for review in reviews:
            paragraphs = [
                _Para(review.label, SMALL, bold=True),
                _Para(review.situation, SMALL),
            ]
            for option in review.options:
                chosen = voiced("ui.result.scenario_chosen", lang, viewer) if option.chosen else ""
                paragraphs.append(
                    _Para(
                        msg(
                            "pdf.scenario_option",
                            lang,
                            option=option.option,
                            text=option.text,
                            score=option.score,
                            chosen=chosen,
                        ),
                        SMALL,
                        bold=option.chosen,
                        indent=BULLET_HANG + 1,
                    )
                )
                paragraphs.append(
                    _Para(option.rationale, SMALL, colour=MUTED, indent=BULLET_HANG + 1)
                )
            self.y += 1.5
            self.block()
            self.keep(self._height(paragraphs[:3]))
            self._paragraphs(paragraphs)

    def _knowledge(self) -> None:
        """Every answered knowledge question with the answer given, the right one, the
        explanation and the source, as on the page (the link printed only where given)."""
        reviews = self.summary.knowledge
        if not reviews:
            return
        lang, viewer = self.lang, self.viewer
        intro = voiced("views.knowledge_intro", lang, viewer)
        self.block()
        self.heading(
            msg("views.knowledge_heading", lang),
            keep_with=self.height(intro, SMALL) + 1 + 2 * SMALL * LEADING,
        )
        self.paragraph(intro, SMALL, colour=MUTED, after=1)
        for review in reviews:
            label = review.label
            source = review.source + (f" {review.url}" if review.url else "")
            paragraphs = [
                _Para(label, SMALL, bold=True),
                _Para(review.question, SMALL),
                _Para(review.answer_text, SMALL, bold=True, indent=BULLET_HANG + 1),
                _Para(review.right_text, SMALL, indent=BULLET_HANG + 1),
                _Para(review.explanation, SMALL, colour=MUTED, indent=BULLET_HANG + 1),
                _Para(source, SMALL, colour=MUTED, indent=BULLET_HANG + 1),
            ]
            if review.not_counted:
                paragraphs.append(
                    _Para(review.not_counted, SMALL, colour=MUTED, indent=BULLET_HANG + 1)
                )
            self.y += 1.5
            self.block()
            self.keep(self._height(paragraphs[:3]))
            self._paragraphs(paragraphs)

    def _closing(self) -> None:
        size = BODY
        while text_width(self.link, size) > TEXT_WIDTH and size > 6:
            size -= 0.5
        lines = wrap_text(self.link, size, TEXT_WIDTH) if self.link else ()
        note = voiced("pdf.link_note", self.lang, self.viewer)
        # The link whole on one page where it fits (a link split by a page break cannot be
        # copied from the PDF); a longer one keeps its first lines with the heading.
        whole = len(lines) * size * 0.5 + 1 + self.height(note, SMALL)
        kept = whole if whole <= TYPE_HEIGHT - 20 else len(lines[:3]) * size * 0.5
        self.block()
        self.heading(msg("pdf.link", self.lang), keep_with=kept)
        target = self.link if is_web_link(self.link) else None
        for line in lines:
            self.keep(size * 0.5)
            width = text_width(line, size)
            self.put(MARGIN, width, size * 0.5, line, size, False, LINK, link=target)
            self.y += size * 0.5
        self.y += 1
        self.paragraph(note, SMALL, colour=MUTED)
        if self.peer:
            self.y += 1
            self.paragraph(
                msg("pdf.peer_note", self.lang),
                SMALL,
                colour=MUTED,
                lead=msg("pdf.peer_lead", self.lang),
            )
        if self.link and self.summary.rules.honest_verdicts:
            self.y += 1
            method = method_link(self.link, self.lang)
            self.paragraph(msg("pdf.method", self.lang, link=method), SMALL, colour=MUTED)

    # -- helpers -----------------------------------------------------------------------------

    def _height(self, paragraphs: list[_Para]) -> float:
        return sum(self.height(p.text, p.size, p.bold, p.indent, p.lead) for p in paragraphs)

    def _paragraphs(self, paragraphs: list[_Para], after: float = 0.0) -> None:
        for p in paragraphs:
            self.paragraph(
                p.text,
                p.size,
                bold=p.bold,
                colour=p.colour,
                indent=p.indent,
                lead=p.lead,
                bullet=p.bullet,
                after=after,
            )
