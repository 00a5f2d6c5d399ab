"""The result as a one- or two-page A4 PDF: the summary's texts and the profile chart as an image.

Every text comes from the summary or the message catalogue and is drawn as plain text, line by
line; the only link in the document is the share link it is given, and only when that is an
absolute http(s) URL. Layout is computed first (pure Python, fast), then drawn once with fpdf2.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from assessment.errors import SelbstcheckError
from assessment.export import shareable_result
from assessment.i18n import Language, Viewer
from assessment.links import method_link
from assessment.messages import msg, voiced
from assessment.models import Bank
from assessment.result import Result
from assessment.summary import DimensionCard, Summary, summarize

if TYPE_CHECKING:
    import altair as alt
    from fpdf import FPDF

MAX_PAGES = 2
# Where Debian (fonts-dejavu-core), Fedora and Arch put DejaVu Sans; SELBSTCHECK_FONT_DIR wins.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
FONT_DIR_VARIABLE = "SELBSTCHECK_FONT_DIR"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT = "DejaVu"
LINK_SCHEMES = ("http", "https")
_LOCALES: dict[Language, str] = {"de": "de_DE", "en": "en_GB"}

# The chart is drawn for print: wider and with tighter rows than on the page, at twice the pixels.
CHART_SCALE = 2
CHART_WIDTH_PX = 940
CHART_ROW_PX = 60

# A4 in millimetres, and the type area.
PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
MARGIN = 16.0
FOOTER_SPACE = 10.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BOTTOM = PAGE_HEIGHT - MARGIN - FOOTER_SPACE
# Line height in mm per point of font size (about 1.3 × the size).
LEADING = 0.46
BULLET_HANG = 3.5
PT_TO_MM = 25.4 / 72

Colour = tuple[int, int, int]
INK: Colour = (33, 37, 41)
MUTED: Colour = (90, 98, 108)
ACCENT: Colour = (27, 47, 75)
LINK: Colour = (29, 78, 216)
RULE: Colour = (206, 212, 218)
WARNING: Colour = (146, 64, 14)
BAND_COLOURS: dict[str, Colour] = {
    "below": (180, 83, 9),
    "within": (21, 128, 61),
    "above": (29, 78, 216),
    "unknown": MUTED,
    "borderline": (146, 64, 14),
    "experience": (29, 78, 216),
}


class PdfError(SelbstcheckError):
    """The PDF cannot be built on this server (a font it needs is missing)."""


@dataclass(frozen=True)
class Density:
    """How much of the summary the PDF shows and how tightly; tried in order until it fits."""

    body: float
    small: float
    chart_height: float
    steps_per_card: int
    strengths: bool


# Most readable first; the first that fits on two pages is used, else the last.
DENSITIES = (
    Density(body=9.0, small=8.0, chart_height=105, steps_per_card=3, strengths=True),
    Density(body=9.0, small=8.0, chart_height=100, steps_per_card=3, strengths=False),
    Density(body=9.0, small=8.0, chart_height=100, steps_per_card=2, strengths=False),
    Density(body=8.5, small=7.5, chart_height=95, steps_per_card=2, strengths=False),
    Density(body=8.5, small=7.5, chart_height=90, steps_per_card=1, strengths=False),
    Density(body=8.0, small=7.0, chart_height=85, steps_per_card=1, strengths=False),
    Density(body=8.0, small=7.0, chart_height=80, steps_per_card=0, strengths=False),
)


# -- what is drawn ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    page: int
    x: float
    y: float
    w: float
    h: float
    text: str
    size: float
    bold: bool
    colour: Colour
    align: str = "L"
    link: str | None = None


@dataclass(frozen=True)
class _Rule:
    page: int
    x: float
    y: float
    w: float
    colour: Colour
    thickness: float


@dataclass(frozen=True)
class _Picture:
    page: int
    x: float
    y: float
    w: float
    h: float
    image: int = 0
    alt: str = ""


@dataclass(frozen=True)
class _Section:
    """A bookmark: the PDF's outline lists the sections in reading order (fpdf2 cannot tag)."""

    page: int
    y: float
    title: str


_Op = _Text | _Rule | _Picture | _Section


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


def _with_lead(lead: str, text: str) -> str:
    return f"{lead} {text}" if lead else text


# -- fonts and measuring ---------------------------------------------------------------------


@cache
def font_paths() -> dict[str, Path]:
    """Return DejaVu Sans regular and bold, or raise PdfError when the font is not installed."""
    override = os.environ.get(FONT_DIR_VARIABLE)
    folders = (Path(override),) if override else FONT_DIRS
    for folder in folders:
        paths = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in paths.values()):
            return paths
    raise PdfError("pdf.font_missing")


def _new_fpdf() -> FPDF:
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    # fpdf2 documents None as "no alias"; its annotation says str. Outside text (the link) must
    # never be rewritten, so there is no page-count alias at all.
    pdf.alias_nb_pages(None)  # type: ignore[arg-type]
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0
    for style, path in font_paths().items():
        pdf.add_font(FONT, style, path)
    return pdf


@cache
def _char_widths() -> dict[bool, dict[int, float]]:
    """Return the advance widths (1/1000 em) of DejaVu Sans regular (False) and bold (True)."""
    from fpdf.fonts import TTFFont

    pdf = _new_fpdf()
    widths: dict[bool, dict[int, float]] = {}
    for bold in (False, True):
        font = pdf.fonts[FONT.lower() + ("B" if bold else "")]
        if not isinstance(font, TTFFont):  # pragma: no cover - add_font always makes a TTFFont
            raise TypeError(f"{font} is not a TrueType font")
        widths[bold] = font.cw
    return widths


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the width in mm of text in DejaVu Sans at a size in points."""
    widths = _char_widths()[bold]
    return sum(widths[ord(char)] for char in text) * size / 1000 * PT_TO_MM


@lru_cache(maxsize=4096)
def wrap_text(text: str, size: float, width: float, bold: bool = False) -> tuple[str, ...]:
    """Return text broken into lines no wider than width (mm); overlong words break anywhere."""
    space = text_width(" ", size, bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, line_width = "", 0.0
        for word in paragraph.split():
            word_width = text_width(word, size, bold)
            if line and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            while word_width > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], size, bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = text_width(word, size, bold)
            line, line_width = word, word_width
        lines.append(line)
    return tuple(lines)


# -- small pure helpers ----------------------------------------------------------------------


def is_web_link(link: str) -> bool:
    """Return whether a link may become a clickable annotation (an absolute http(s) URL)."""
    try:
        parts = urlsplit(link)
    except ValueError:
        return False
    clean = all(char.isprintable() and not char.isspace() for char in link)
    return clean and parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc)


def format_day(day: dt.date, lang: Language) -> str:
    """Return a date written out for the language (28. November 2026 / 28 November 2026)."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=_LOCALES[lang])


def chart_to_png(chart: alt.TopLevelMixin, width: int, height: int) -> bytes:
    """Return an Altair chart drawn at width × height pixels (doubled), without a browser."""
    import vl_convert

    sized = chart.properties(width=width, height=height)
    png: bytes = vl_convert.vegalite_to_png(sized.to_dict(), scale=CHART_SCALE)
    return png


def chart_png(summary: Summary) -> bytes:
    """Return the summary's profile chart as a PNG sized for print, rendered without a browser."""
    from assessment.chart import profile_chart

    return chart_to_png(
        profile_chart(summary), CHART_WIDTH_PX, CHART_ROW_PX * max(1, len(summary.cards))
    )


def png_size(png: bytes) -> tuple[int, int]:
    """Return the pixel width and height from a PNG's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# -- the document ----------------------------------------------------------------------------


def build_pdf(
    result: Result,
    bank: Bank,
    lang: Language,
    link: str,
    *,
    today: dt.date | None = None,
    viewer: Viewer = "self",
) -> bytes:
    """Return the result as a PDF of at most two A4 pages, with the share link to reopen it.

    The salary check and page timings are left out, as in every export. viewer "other" words
    it for someone the person shared the link with (about the person, in the third person).
    """
    summary = summarize(shareable_result(result), bank, lang, viewer)
    png = chart_png(summary)
    day = format_day(today or dt.date.today(), lang)
    for density in DENSITIES:
        # The invitation to ask colleagues is for the person, not for whom they shared it with.
        layout = _Layout(
            summary, png_size(png), day, link, density, peer=bank.peer and viewer == "self"
        )
        if layout.pages <= MAX_PAGES:
            break
    return draw_pdf(layout, [png], msg("report.title", lang))


class PageLayout:
    """Text lines, rules and pictures placed on A4 pages top to bottom; nothing is drawn yet.

    Subclasses add their sections with these primitives; draw_pdf then draws the result once.
    """

    def __init__(self, lang: Language, body: float) -> None:
        self.lang: Language = lang
        self.body = body
        self.ops: list[_Op] = []
        self.page = 1
        self.y = MARGIN

    @property
    def pages(self) -> int:
        return self.page

    def keep(self, height: float) -> None:
        """Start a new page unless height still fits on this one."""
        if self.y + height > BOTTOM and self.y > MARGIN:
            self.page += 1
            self.y = MARGIN

    def lines(
        self, text: str, size: float, bold: bool = False, indent: float = 0, lead: str = ""
    ) -> tuple[str, ...]:
        """Return the lines of text (after its lead-in, whose bold weight takes a little more)."""
        extra = text_width(lead, size, bold=True) - text_width(lead, size, bold) if lead else 0
        return wrap_text(_with_lead(lead, text), size, TEXT_WIDTH - indent - extra, bold)

    def height(
        self, text: str, size: float, bold: bool = False, indent: float = 0, lead: str = ""
    ) -> float:
        return len(self.lines(text, size, bold, indent, lead)) * size * LEADING

    def paragraph(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        colour: Colour = INK,
        indent: float = 0,
        after: float = 0,
        lead: str = "",
        bullet: str = "",
    ) -> None:
        """Lay out text line by line; a lead-in (such as "Im Artikel:") is set in bold, a
        bullet hangs in the indent before the first line."""
        height = size * LEADING
        for number, line in enumerate(self.lines(text, size, bold, indent, lead)):
            self.keep(height)
            x, width = MARGIN + indent, TEXT_WIDTH - indent
            if number == 0 and bullet:
                self.put(x - BULLET_HANG, BULLET_HANG, height, bullet, size, bold, colour)
            if number == 0 and lead and line.startswith(lead):
                lead_width = text_width(lead, size, bold=True)
                self.put(x, lead_width, height, lead, size, True, colour)
                line, x, width = line[len(lead) :], x + lead_width, width - lead_width
            self.put(x, width, height, line, size, bold, colour)
            self.y += height
        self.y += after

    def put(
        self,
        x: float,
        width: float,
        height: float,
        text: str,
        size: float,
        bold: bool,
        colour: Colour,
        *,
        align: str = "L",
        link: str | None = None,
        y: float | None = None,
    ) -> None:
        """Place one line of text on the current page (at the current y unless given)."""
        top = self.y if y is None else y
        self.ops.append(
            _Text(self.page, x, top, width, height, text, size, bold, colour, align, link)
        )

    def rule(self, colour: Colour, thickness: float) -> None:
        self.ops.append(_Rule(self.page, MARGIN, self.y, TEXT_WIDTH, colour, thickness))

    def heading(self, text: str, keep_with: float) -> None:
        """A section title with a hairline under it, kept on a page with what follows."""
        size = self.body + 2
        self.y += 3.5
        self.keep(size * LEADING + 3 + keep_with)
        self.ops.append(_Section(self.page, self.y, text))
        self.paragraph(text, size, bold=True, colour=ACCENT, after=1)
        self.rule(RULE, 0.2)
        self.y += 2

    def picture_size(self, pixels: tuple[int, int], max_height: float) -> tuple[float, float]:
        """Return the width and height (mm) of a picture: the text width, or less when tall."""
        width_px, height_px = pixels
        width = TEXT_WIDTH
        height = width * height_px / width_px
        if height > max_height:
            height = max_height
            width = height * width_px / height_px
        return width, height

    def picture(self, size: tuple[float, float], alt: str, image: int = 0) -> None:
        """Place picture number image, centred, at the current y (the caller keeps room).

        alt is its alternative text (a /Figure with /Alt in the PDF's structure tree).
        """
        width, height = size
        x = MARGIN + (TEXT_WIDTH - width) / 2
        self.ops.append(_Picture(self.page, x, self.y, width, height, image, alt))
        self.y += height

    def footers(self, key: str) -> None:
        """Put the footer (a catalogue text with {page} and {pages}) on every page."""
        for page in range(1, self.pages + 1):
            text = msg(key, self.lang, page=page, pages=self.pages)
            self.ops.append(
                _Text(
                    page,
                    MARGIN,
                    PAGE_HEIGHT - MARGIN,
                    TEXT_WIDTH,
                    4,
                    text,
                    7.5,
                    False,
                    MUTED,
                    align="C",
                )
            )


class _Layout(PageLayout):
    """Where everything of a result goes at one density; `pages` tells whether it fits."""

    def __init__(
        self,
        summary: Summary,
        chart_px: tuple[int, int],
        day: str,
        link: str,
        density: Density,
        peer: bool = False,
    ) -> None:
        super().__init__(summary.language, density.body)
        self.summary = summary
        self.peer = peer
        self.chart_px = chart_px
        self.day = day
        self.link = link
        self.density = density
        self._header()
        self._chart()
        self._cards()
        self._quality()
        self._comparison()
        self._closing()
        self.footers("pdf.footer")

    # -- sections ------------------------------------------------------------------------

    def _header(self) -> None:
        summary, density = self.summary, self.density
        self.paragraph(msg("report.title", self.lang), 17, bold=True, colour=ACCENT, after=1.5)
        meta = " · ".join(
            (
                msg("pdf.created", self.lang, date=self.day),
                msg("report.bank_version", self.lang, version=summary.bank_version),
                msg("pdf.form", self.lang, form=summary.form_name),
                msg("pdf.profile", self.lang, profile=summary.profile_name),
            )
        )
        self.paragraph(meta, density.small, colour=MUTED, after=2)
        self.rule(ACCENT, 0.6)
        self.y += 4
        self.paragraph(summary.headline, density.body + 2.5, bold=True, after=1.5)
        self.paragraph(f"{summary.met_text}. {summary.overall_text}", density.body, after=0.8)
        self.paragraph(summary.answered_text, density.small, colour=MUTED)

    def _chart(self) -> None:
        size = self.picture_size(self.chart_px, self.density.chart_height)
        viewer = self.summary.viewer
        self.heading(voiced("pdf.chart", self.lang, viewer), keep_with=size[1])
        self.picture(size, voiced("a11y.pdf_chart_alt", self.lang, viewer))

    def _card_paragraphs(self, card: DimensionCard) -> list[_Para]:
        """Return a card's paragraphs under its title."""
        density = self.density
        paragraphs = [
            _Para(card.verdict, density.body),
            _Para(
                msg("pdf.anchor", self.lang, quote=card.anchor_text, why=card.why),
                density.small,
                colour=MUTED,
                lead=msg("pdf.article", self.lang),
            ),
        ]
        steps = card.next_steps[: density.steps_per_card]
        if steps:
            label = voiced("pdf.next_steps", self.lang, self.summary.viewer)
            paragraphs.append(_Para(label, density.small, bold=True))
            paragraphs.extend(
                _Para(step, density.small, indent=BULLET_HANG + 1, bullet="→") for step in steps
            )
        if card.strength and density.strengths:
            paragraphs.append(
                _Para(card.strength, density.small, lead=msg("pdf.strength", self.lang))
            )
        if card.axis_text and density.strengths:
            paragraphs.append(_Para(card.axis_text, density.small, colour=MUTED))
        return paragraphs

    def _cards(self) -> None:
        size = self.density.body + 0.5
        title_height = size * LEADING + 0.4
        first = True
        for card in self.summary.cards:
            paragraphs = self._card_paragraphs(card)
            height = title_height + sum(
                self.height(p.text, p.size, p.bold, p.indent, p.lead) for p in paragraphs
            )
            if first:
                self.heading(msg("pdf.dimensions", self.lang), keep_with=height)
                first = False
            else:
                self.y += 2.2
                self.keep(height)
            self._card_title(card, size)
            self.y += 0.4
            for p in paragraphs:
                self.paragraph(
                    p.text,
                    p.size,
                    bold=p.bold,
                    colour=p.colour,
                    indent=p.indent,
                    lead=p.lead,
                    bullet=p.bullet,
                )

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

    def _quality(self) -> None:
        notices = self.summary.quality_notices
        if not notices:
            return
        body = self.density.body
        self.heading(msg("report.quality", self.lang), keep_with=self.height(notices[0], body))
        for notice in notices:
            self.paragraph(f"! {notice}", body, colour=WARNING, after=1.2)

    def _comparison(self) -> None:
        summary, body = self.summary, self.density.body
        rows = [
            self._comparison_row(line.name, line.met_text, line.level_label, line.best)
            for line in summary.comparison
        ]
        text_height = self.height(summary.comparison_text, body)
        self.heading(
            msg("report.comparison", self.lang),
            keep_with=text_height + 1.5 + sum(height for height, _ in rows),
        )
        self.paragraph(summary.comparison_text, body, after=1.5)
        for height, cells in rows:
            self.keep(height)
            for x, width, lines, bold, colour in cells:
                for number, line in enumerate(lines):
                    line_y = self.y + number * body * LEADING
                    self.put(MARGIN + x, width, body * LEADING, line, body, bold, colour, y=line_y)
            self.y += height + 0.6
        if summary.rules.honest_verdicts:  # v1 PDFs keep their two-page layout; pages state it
            self.paragraph(summary.comparison_rule, self.density.small, colour=MUTED)

    def _comparison_row(
        self, name: str, met: str, level: str, best: bool
    ) -> tuple[float, list[tuple[float, float, tuple[str, ...], bool, Colour]]]:
        """Return a row's height and its cells: x, width, lines, bold, colour."""
        body = self.density.body
        columns = ((0.0, 0.4), (0.4, 0.37), (0.77, 0.23))
        texts = (f"{'★' if best else '·'} {name}", met, level)
        cells = []
        for (start, share), text in zip(columns, texts, strict=True):
            width = TEXT_WIDTH * share - 2
            cells.append(
                (
                    TEXT_WIDTH * start,
                    width,
                    wrap_text(text, body, width, best),
                    best,
                    INK if best else MUTED,
                )
            )
        return max(len(lines) for _, _, lines, _, _ in cells) * body * LEADING, cells

    def _closing(self) -> None:
        density = self.density
        self.heading(
            msg("pdf.caveat", self.lang), keep_with=self.height(self.summary.caveat, density.small)
        )
        self.paragraph(self.summary.caveat, density.small, colour=MUTED)
        size = density.body
        while text_width(self.link, size) > TEXT_WIDTH and size > 6:
            size -= 0.5
        lines = wrap_text(self.link, size, TEXT_WIDTH) if self.link else []
        note = voiced("pdf.link_note", self.lang, self.summary.viewer)
        self.heading(
            msg("pdf.link", self.lang),
            keep_with=len(lines) * size * 0.5 + 1 + self.height(note, density.small),
        )
        target = self.link if is_web_link(self.link) else None
        for line in lines:
            width = text_width(line, size)
            self.put(MARGIN, width, size * 0.5, line, size, False, LINK, link=target)
            self.y += size * 0.5
        self.y += 1
        self.paragraph(note, density.small, colour=MUTED)
        if self.peer:
            self.y += 1
            self.paragraph(
                msg("pdf.peer_note", self.lang),
                density.small,
                colour=MUTED,
                lead=msg("pdf.peer_lead", self.lang),
            )
        if self.link and self.summary.rules.honest_verdicts:
            self.y += 1
            method = method_link(self.link, self.lang)
            self.paragraph(msg("pdf.method", self.lang, link=method), density.small, colour=MUTED)


def draw_pdf(layout: PageLayout, pngs: Sequence[bytes], title: str) -> bytes:
    """Draw a layout with fpdf2 and return the PDF; a picture shows pngs[picture.image]."""
    from fpdf.enums import PageMode
    from fpdf.prefs import ViewerPreferences

    pdf = _new_fpdf()
    pdf.set_title(title)
    pdf.set_lang(layout.lang)
    pdf.set_creator(title)
    # fpdf2 tags only figures; the outline gives every section in reading order, and the viewer
    # opens with it and shows the title instead of the file name.
    pdf.page_mode = PageMode.USE_OUTLINES
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    for page in range(1, layout.pages + 1):
        pdf.add_page()
        _draw_page(pdf, (op for op in layout.ops if op.page == page), pngs)
    return bytes(pdf.output())


def _draw_page(pdf: FPDF, ops: Iterable[_Op], pngs: Sequence[bytes]) -> None:
    for op in ops:
        if isinstance(op, _Text):
            pdf.set_font(FONT, "B" if op.bold else "", op.size)
            pdf.set_text_color(*op.colour)
            pdf.set_xy(op.x, op.y)
            pdf.cell(w=op.w, h=op.h, text=op.text, align=op.align, link=op.link or "")
        elif isinstance(op, _Section):
            pdf.set_y(op.y)
            pdf.start_section(op.title, level=0, strict=False)
        elif isinstance(op, _Rule):
            pdf.set_draw_color(*op.colour)
            pdf.set_line_width(op.thickness)
            pdf.line(op.x, op.y, op.x + op.w, op.y)
        else:
            pdf.image(
                io.BytesIO(pngs[op.image]),
                x=op.x,
                y=op.y,
                w=op.w,
                h=op.h,
                alt_text=op.alt or None,
            )
