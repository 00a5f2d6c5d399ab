"""The PDF layout engine: fonts, measuring, linear line breaking, pages that grow, and drawing.

Every PDF (result, group, colleagues' comparison) places its texts, rules and pictures with
PageLayout first (pure Python, fast) and draws them once with fpdf2 (draw_pdf). A document
grows by pages and leaves nothing out; a large chart floats to the top of the next page while
text fills the current one; balanced_layout keeps the last page at least a quarter full. Line
breaking measures each character once, so any text, however long its words, costs time linear
in its length.

A build is cancellable: whoever starts one (the server's PDF guard) may give it a cancellation
signal with `cancelled_by(event)`; the layout, the chart pictures and the drawing check it
between steps (`checkpoint()`, a line, a page, a chart) and stop with PdfCancelled once it is
set, so that a PDF whose reader has gone stops costing CPU within a step.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from assessment.errors import SelbstcheckError
from assessment.i18n import Language
from assessment.i18n import format_day as format_day
from assessment.messages import msg

if TYPE_CHECKING:
    import altair as alt
    from fpdf import FPDF

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

# Charts are drawn at twice their pixels; the comparison chart at this width.
CHART_SCALE = 2
CHART_WIDTH_PX = 940
# Charts printed across the text width are drawn this wide, so that their smallest labels
# (Vega-Lite's 10 px axis labels) print at about 7.8 pt.
PRINT_CHART_WIDTH_PX = 640
# Vega-Lite's default font sizes (px) where a spec sets none: axis labels, axis titles, text.
VEGA_DEFAULT_FONT_PX = {"labelFontSize": 10.0, "titleFontSize": 11.0, "fontSize": 11.0}

# A4 in millimetres, and the type area.
PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
MARGIN = 16.0
FOOTER_SPACE = 10.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BOTTOM = PAGE_HEIGHT - MARGIN - FOOTER_SPACE
TYPE_HEIGHT = BOTTOM - MARGIN
# Line height in mm per point of font size (about 1.3 × the size).
LEADING = 0.46
BULLET_HANG = 3.5
PT_TO_MM = 25.4 / 72
# The last page of a document of several pages holds at least this share of the type area.
MIN_LAST_PAGE_FILL = 0.25

Colour = tuple[int, int, int]
INK: Colour = (33, 37, 41)
MUTED: Colour = (90, 98, 108)
ACCENT: Colour = (27, 47, 75)
LINK: Colour = (29, 78, 216)
RULE: Colour = (206, 212, 218)
WARNING: Colour = (146, 64, 14)


class PdfError(SelbstcheckError):
    """The PDF cannot be built on this server (a font it needs is missing)."""


# -- cancellation ----------------------------------------------------------------------------


class PdfCancelled(BaseException):
    """The build was cancelled (its reader has gone); nothing is wrong and nothing is returned.

    A BaseException, like asyncio.CancelledError: no `except Exception` on the way (Streamlit's
    deferred-file handler logs every Exception with its traceback) turns it into an error.
    """


# The signal of the build running in this context; asyncio.to_thread copies it into the worker.
_CANCEL: ContextVar[threading.Event | None] = ContextVar("pdf_cancel", default=None)


@contextlib.contextmanager
def cancelled_by(event: threading.Event) -> Iterator[None]:
    """Within the block (and in threads started from it with asyncio.to_thread), a PDF build
    stops with PdfCancelled at its next checkpoint once event is set."""
    token = _CANCEL.set(event)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def checkpoint() -> None:
    """Raise PdfCancelled when this build's cancellation signal is set (else return at once)."""
    event = _CANCEL.get()
    if event is not None and event.is_set():
        raise PdfCancelled


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
class Picture:
    """A picture placed on a page: pngs[image] drawn at x, y with w × h mm."""

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


_Op = _Text | _Rule | Picture | _Section


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


def _split_word(word: str, size: float, width: float, bold: bool) -> list[tuple[str, float]]:
    """Return an overlong word cut into pieces no wider than width, each with its width.

    Each character is measured once; a piece holds at least one character.
    """
    widths = _char_widths()[bold]
    scale = size / 1000 * PT_TO_MM
    pieces: list[tuple[str, float]] = []
    start, piece_width = 0, 0.0
    for index, char in enumerate(word):
        char_width = widths[ord(char)] * scale
        if index > start and piece_width + char_width > width:
            pieces.append((word[start:index], piece_width))
            start, piece_width = index, 0.0
        piece_width += char_width
    pieces.append((word[start:], piece_width))
    return pieces


@lru_cache(maxsize=4096)
def wrap_text(text: str, size: float, width: float, bold: bool = False) -> tuple[str, ...]:
    """Return text broken into lines no wider than width (mm); overlong words break anywhere.

    Linear in the length of text: every word is measured once and an overlong word is cut in
    one pass over its characters.
    """
    space = text_width(" ", size, bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        checkpoint()
        words: list[str] = []
        line_width = 0.0
        for word in paragraph.split():
            word_width = text_width(word, size, bold)
            if words and line_width + space + word_width <= width:
                words.append(word)
                line_width += space + word_width
                continue
            if words:
                lines.append(" ".join(words))
            pieces = (
                _split_word(word, size, width, bold) if word_width > width else [(word, word_width)]
            )
            lines.extend(piece for piece, _ in pieces[:-1])
            last, line_width = pieces[-1]
            words = [last]
        lines.append(" ".join(words))
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


def chart_to_png(chart: alt.TopLevelMixin, width: int, height: int) -> bytes:
    """Return an Altair chart drawn at width × height pixels (doubled), without a browser."""
    import vl_convert

    checkpoint()
    sized = chart.properties(width=width, height=height)
    png: bytes = vl_convert.vegalite_to_png(sized.to_dict(validate=False), scale=CHART_SCALE)
    checkpoint()
    return png


def png_size(png: bytes) -> tuple[int, int]:
    """Return the pixel width and height from a PNG's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def smallest_font_px(spec: dict[str, Any]) -> float:
    """Return the smallest font size (px) a Vega-Lite spec prints: the sizes it sets, and
    Vega-Lite's defaults for axis labels, axis titles and text marks it leaves unset."""
    sizes: list[float] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in VEGA_DEFAULT_FONT_PX and isinstance(value, int | float):
                    sizes.append(float(value))
                walk(value)
            mark = node.get("mark")
            kind = mark.get("type") if isinstance(mark, dict) else mark
            if kind == "text" and not (isinstance(mark, dict) and "fontSize" in mark):
                sizes.append(VEGA_DEFAULT_FONT_PX["fontSize"])
            axis = node.get("axis")
            if isinstance(axis, dict):
                for key in ("labelFontSize", "titleFontSize"):
                    if key not in axis:
                        sizes.append(VEGA_DEFAULT_FONT_PX[key])
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return min(sizes) if sizes else VEGA_DEFAULT_FONT_PX["labelFontSize"]


def printed_points(font_px: float, png_width_px: int, placed_width_mm: float) -> float:
    """Return the size in points on paper of a font of font_px in a chart drawn at CHART_SCALE
    into a PNG of png_width_px pixels and placed placed_width_mm wide."""
    return font_px * CHART_SCALE * placed_width_mm / png_width_px / PT_TO_MM


def size_for_points(pixels: tuple[int, int], font_px: float, points: float) -> tuple[float, float]:
    """Return the width and height (mm) at which a chart PNG of pixels prints a font of
    font_px at the given points: the smallest size that keeps its labels that large."""
    width_px, height_px = pixels
    width = points * PT_TO_MM * width_px / (font_px * CHART_SCALE)
    return width, width * height_px / width_px


# -- placing ---------------------------------------------------------------------------------


class PageLayout:
    """Text lines, rules and pictures placed on A4 pages top to bottom; nothing is drawn yet.

    Subclasses add their sections with these primitives; draw_pdf then draws the result once.
    A subclass marks where a block (a card, a section) begins with `block()`; a layout made
    with breaks starts a new page before the blocks of those numbers (see balanced_layout).
    """

    def __init__(self, lang: Language, body: float, breaks: frozenset[int] = frozenset()) -> None:
        self.lang: Language = lang
        self.body = body
        self.ops: list[_Op] = []
        self.page = 1
        self.y = MARGIN
        self.breaks = breaks
        # Where each block begins: the index of its first op.
        self.blocks: list[int] = []
        # Blocks (a chart with its heading), each with its height, waiting for the top of the
        # next page (or, when a paragraph runs over the break, for that paragraph's end).
        self.floats: list[tuple[float, Callable[[], None]]] = []
        # Whether a paragraph's lines are being placed: a float never splits a paragraph.
        self.in_paragraph = False

    @property
    def pages(self) -> int:
        return self.page

    def new_page(self) -> None:
        """Start a new page; blocks waiting for one go first, unless a paragraph goes on over
        the break: then they follow that paragraph, so that its text reads whole."""
        checkpoint()
        self.page += 1
        self.y = MARGIN
        if self.in_paragraph:
            return
        waiting, self.floats = self.floats, []
        for _, place in waiting:
            place()

    def place_waiting(self) -> None:
        """Place the blocks still waiting that fit on this page now (after a paragraph that went
        on over a page break); the others wait for the next page."""
        waiting, self.floats = self.floats, []
        for height, place in waiting:
            if not self.floats and (self.y + height <= BOTTOM or self.y <= MARGIN):
                place()
            else:
                self.floats.append((height, place))

    def keep(self, height: float) -> None:
        """Start a new page unless height still fits on this one."""
        if self.y + height > BOTTOM and self.y > MARGIN:
            self.new_page()
        if self.y + height > BOTTOM and self.y > MARGIN:  # after a block placed at its top
            self.new_page()

    def float_block(self, height: float, place: Callable[[], None]) -> None:
        """Place a block of height now if it fits on this page, else at the top of the next page
        while the text after it fills this one (as books place figures)."""
        if self.y + height <= BOTTOM or self.y <= MARGIN:
            place()
        else:
            self.floats.append((height, place))

    def end(self) -> None:
        """Place the blocks still waiting for a page (on a page of their own)."""
        if self.floats:
            self.new_page()

    def block(self) -> None:
        """Mark the start of a block: a possible place for a page break that balances pages."""
        if len(self.blocks) in self.breaks and self.y > MARGIN:
            self.new_page()
        self.blocks.append(len(self.ops))

    def block_starts(self) -> list[tuple[int, float]]:
        """Return each block's page and top (of its first op; blocks with no op are left out
        as the page's end)."""
        starts = []
        for index in self.blocks:
            if index < len(self.ops):
                op = self.ops[index]
                starts.append((op.page, op.y))
            else:
                starts.append((self.page, self.y))
        return starts

    def used(self, page: int) -> float:
        """Return how far down (mm below the top margin) page's content reaches; footers and
        bookmarks do not count."""
        bottoms = [
            op.y + (op.h if isinstance(op, _Text | Picture) else 0.0) - MARGIN
            for op in self.ops
            if op.page == page and not isinstance(op, _Section) and op.y < BOTTOM
        ]
        return max(bottoms, default=0.0)

    def fill(self, page: int) -> float:
        """Return the share of the type area that page's content uses (0 to 1)."""
        return self.used(page) / TYPE_HEIGHT

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
            # From its first line on, a page break within the paragraph leaves floats waiting.
            self.in_paragraph = True
            x, width = MARGIN + indent, TEXT_WIDTH - indent
            if number == 0 and bullet:
                self.put(x - BULLET_HANG, BULLET_HANG, height, bullet, size, bold, colour)
            if number == 0 and lead and line.startswith(lead):
                lead_width = text_width(lead, size, bold=True)
                self.put(x, lead_width, height, lead, size, True, colour)
                line, x, width = line[len(lead) :], x + lead_width, width - lead_width
            self.put(x, width, height, line, size, bold, colour)
            self.y += height
        self.in_paragraph = False
        self.y += after
        if self.floats and self.y > MARGIN:
            self.place_waiting()

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
        checkpoint()
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
        self.ops.append(Picture(self.page, x, self.y, width, height, image, alt))
        self.y += height

    def pictures(self) -> list[Picture]:
        """Return the pictures placed, in order."""
        return [op for op in self.ops if isinstance(op, Picture)]

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


def _with_lead(lead: str, text: str) -> str:
    return f"{lead} {text}" if lead else text


L = TypeVar("L", bound=PageLayout)


def balanced_layout(make: Callable[[frozenset[int]], L]) -> L:
    """Return make()'s layout, or, when its last page holds less than MIN_LAST_PAGE_FILL of
    the type area, the layout with one page break moved earlier so that the last page does.

    The break goes before the latest block on the page before the last that moves enough
    content; the number of pages stays the same and nothing is left out.
    """
    layout = make(frozenset())
    last = layout.pages
    if last < 2 or layout.fill(last) >= MIN_LAST_PAGE_FILL:
        return layout
    missing = MIN_LAST_PAGE_FILL * TYPE_HEIGHT - layout.used(last)
    end = MARGIN + layout.used(last - 1)
    for number, (page, top) in reversed(list(enumerate(layout.block_starts()))):
        if page < last - 1:
            break
        if page != last - 1 or top <= MARGIN or end - top < missing:
            continue
        checkpoint()
        candidate = make(frozenset({number}))
        if candidate.pages == last and candidate.fill(last) >= MIN_LAST_PAGE_FILL:
            return candidate
    return layout


# -- drawing ---------------------------------------------------------------------------------


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
    by_page: dict[int, list[_Op]] = {}
    for op in layout.ops:
        by_page.setdefault(op.page, []).append(op)
    for page in range(1, layout.pages + 1):
        checkpoint()
        pdf.add_page()
        _draw_page(pdf, by_page.get(page, []), pngs)
    checkpoint()
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
