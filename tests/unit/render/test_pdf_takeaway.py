"""Issue 18, point 3: the result PDF is the take-away, on every released bank.

Every next step, strength and text of the summary is in the PDF, the "what now" block is on
page 1, no page is nearly empty, and the chart's smallest label prints at 7 pt or more.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from assessment.bank.load import available_versions, load_bank
from assessment.bank.models import (
    UNSURE,
    Bank,
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    TradeoffItem,
)
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.brief import axis_cards, settings_side_by_side, shows_comparison
from assessment.render.chart import profile_chart_spec
from assessment.render.export import shareable_result
from assessment.render.pdf.layout import (
    MARGIN,
    MIN_LAST_PAGE_FILL,
    TYPE_HEIGHT,
    PageLayout,
    balanced_layout,
    draw_pdf,
    png_size,
    printed_points,
    smallest_font_px,
)
from assessment.render.pdf.result import WHAT_NOW_STEPS, ResultLayout, build_pdf, result_layout
from assessment.render.summary import Summary, summarize
from tests.banks import on_scale

LINK = "http://localhost:8501/?r=CODE"
MIN_CHART_POINTS = 7.0
# Every page holds at least this many lines of text besides its footer.
MIN_LINES = 12
PATTERNS = ("strong", "weak", "borderline", "starter", "shared")


def _offers_unsure(bank: Bank) -> bool:
    return any(getattr(item, "presumes", None) for item in bank.form_items("full"))


def _answer(pattern: str, item: Item) -> int | str:
    """The answer a person of the pattern gives to an item."""
    if isinstance(item, Scenario):
        ranked = sorted(item.options, key=lambda option: option.score)
        return {"strong": ranked[-1], "weak": ranked[0]}.get(pattern, ranked[1]).id
    if isinstance(item, KnowledgeItem):
        # Rules 3: a knowledge item takes an option a–d or "can't say" (na), never a number.
        wrong = next(option.id for option in item.options if option.id != item.key)
        return {"strong": item.key, "weak": wrong, "starter": UNSURE}.get(pattern, "b")
    if pattern == "starter" and getattr(item, "presumes", None):
        return UNSURE
    if isinstance(item, TradeoffItem):
        return 3
    if not isinstance(item, LikertItem):
        return 1  # a validity item: no unlikely virtue claimed
    level = {"strong": 5, "weak": 1, "borderline": 3, "starter": 2, "shared": 2}[pattern]
    answer = on_scale(item, level if item.keying == "plus" else 6 - level)
    assert answer is not None
    return answer


def _answers(bank: Bank, pattern: str, lang: Language) -> Answers:
    profiles: dict[str, ProfileId] = {"strong": "public", "weak": "industry"}
    backgrounds: dict[str, Experience] = {
        "strong": "experienced",
        "weak": "changer",
        "borderline": "changer",
    }
    form: FormId = "short" if pattern in ("borderline", "shared") else "full"
    return Answers(
        bank_version=bank.version,
        form=form,
        profile=profiles.get(pattern, "duisburg"),
        language=lang,
        background=backgrounds.get(pattern, "starter") if _offers_unsure(bank) else None,
        responses={item.id: _answer(pattern, item) for item in bank.form_items(form)},
    )


@dataclass(frozen=True)
class Built:
    """One result's PDF with its layout, summary and text per page (whitespace removed)."""

    bank: Bank
    pattern: str
    summary: Summary
    layout: ResultLayout
    png: bytes
    pages: list[str]
    lines: list[int]
    # The text in reading order: no footers, and the chart (which floats to the top of a page,
    # where a paragraph may continue after it) left out.
    flat: str


def flat(text: str) -> str:
    """Return text without any whitespace, so that line breaks do not matter."""
    return "".join(text.split())


def _build(version: int, pattern: str) -> Built:
    bank = load_bank(version)
    lang: Language = "en" if pattern == "strong" else "de"
    viewer: Viewer = "other" if pattern == "shared" else "self"
    result = build_result(_answers(bank, pattern, lang), bank)
    layout, png = result_layout(result, bank, lang, LINK, viewer=viewer)
    assert png is not None
    document = draw_pdf(layout, [png], msg("report.title", lang))
    reader = PdfReader(io.BytesIO(document))
    texts = [page.extract_text() for page in reader.pages]
    footer = flat(msg("pdf.footer", lang, page=1, pages=1))[:20]
    body = [[line for line in text.splitlines() if footer not in flat(line)] for text in texts]
    lines = [sum(1 for line in page if line.strip()) for page in body]
    reading = flat(" ".join(" ".join(page) for page in body))
    for chart_text in layout.chart_texts():
        reading = reading.replace(flat(chart_text), "", 1)
    summary = summarize(shareable_result(result), bank, lang, viewer)
    return Built(bank, pattern, summary, layout, png, [flat(t) for t in texts], lines, reading)


CASES = [(version, pattern) for version in available_versions() for pattern in PATTERNS]


@pytest.fixture(scope="module", params=CASES, ids=[f"v{v}-{p}" for v, p in CASES])
def built(request: pytest.FixtureRequest) -> Built:
    version, pattern = request.param
    return _build(version, pattern)


def test_patterns_give_what_they_stand_for(built: Built) -> None:
    """Strong answers meet demands (with strength texts), weak ones fall below (with steps),
    starters say "can't judge yet" where a bank offers it, and borderline answers reach a band
    edge where the bank's scores carry an uncertainty."""
    cards = built.summary.cards
    bands = {card.band for card in cards}
    if built.pattern == "strong":
        assert built.summary.strengths
        assert any(card.strength for card in cards)
    if built.pattern in ("weak", "shared"):
        assert "below" in bands
        assert all(card.next_steps for card in cards if card.band == "below")
    if built.pattern == "starter" and _offers_unsure(built.bank):
        answers = _answers(built.bank, "starter", built.summary.language)
        assert UNSURE in answers.responses.values()
        assert answers.background == "starter"
    if built.pattern == "borderline" and any(card.uncertainty is not None for card in cards):
        assert "borderline" in bands


def test_every_next_step_and_strength_is_in_the_pdf(built: Built) -> None:
    """Each card's every next step and its strength text appear in the PDF's text."""
    missing = [
        text
        for card in built.summary.cards
        for text in (*card.next_steps, card.strength or "")
        if flat(text) not in built.flat
    ]
    assert missing == []


def test_every_text_of_the_result_is_in_the_pdf(built: Built) -> None:
    """Verdicts, reasons, sources, axes, groups, notices, comparison (with open points) and the
    scenario review: everything the result page shows is in the PDF, the salary aside (the axes
    and the comparison where they have something to say, as on the page)."""
    summary = built.summary
    texts = [summary.headline, summary.overall_text, summary.caveat, *summary.quality_notices]
    # The sections the page leaves out (nothing to say) are left out here too (render/brief.py).
    axes = axis_cards(summary)
    for card in summary.cards:
        texts += [card.name, card.verdict, card.anchor_text, card.why, card.rationale]
        texts += [card.support or "", card.competence or ""]
        texts += [card.axis_text or ""] if card in axes else []
    for group in summary.groups:
        texts += [group.heading, group.intro or ""]
    texts += [summary.axes_intro or ""] if axes else []
    if shows_comparison(summary):
        texts.append(summary.comparison_text)
        if summary.brief is not None and not summary.brief.comparison_differs:
            texts += settings_side_by_side(summary)
        else:
            for line in summary.comparison:
                texts += [line.name, line.met_text, line.level_label, *line.gaps]
    for review in summary.scenarios:
        texts.append(review.situation)
        for option in review.options:
            texts += [option.text, option.rationale]
    missing = [text for text in texts if flat(text) not in built.flat]
    assert missing == []


def test_what_now_is_on_page_one(built: Built) -> None:
    """Page 1 holds the "what now" block: the first step of the most urgent demands and the
    strongest demands (issue 22: the one-screen summary's, no longer every strength), before
    any other page."""
    lang, viewer, first = built.summary.language, built.summary.viewer, built.pages[0]
    assert flat(msg("pdf.what_now", lang)) in first
    urgent = [card for card in built.summary.cards if card.next_steps][:WHAT_NOW_STEPS]
    for card in urgent:
        assert flat(f"{card.name}: {card.next_steps[0]}") in first
    if not urgent:
        assert flat(voiced("pdf.what_now_no_steps", lang, viewer)) in first
    assert built.summary.brief is not None
    for demand in built.summary.brief.strongest:
        assert flat(f"{demand.name}: {demand.text}") in first
    assert all(flat(msg("pdf.what_now", lang)) not in page for page in built.pages[1:])


def test_no_page_is_nearly_empty(built: Built) -> None:
    """Every page uses at least a quarter of the type area, and every page but the chart's
    (whose labels are in the picture) holds at least MIN_LINES lines of text."""
    layout = built.layout
    fills = [layout.fill(page) for page in range(1, layout.pages + 1)]
    assert min(fills) >= MIN_LAST_PAGE_FILL, fills
    assert len(built.lines) == layout.pages
    [chart] = layout.pictures()
    text_pages = [lines for page, lines in enumerate(built.lines, 1) if page != chart.page]
    assert min(text_pages) >= MIN_LINES, built.lines


def test_chart_labels_print_at_7_points_or_more(built: Built) -> None:
    """The chart's smallest font (from its spec), scaled by the chart's placed width against
    its pixels, is at least 7 pt on paper; the chart is placed once, whole, on one page."""
    [picture] = built.layout.pictures()
    font_px = smallest_font_px(profile_chart_spec(built.summary))
    points = printed_points(font_px, png_size(built.png)[0], picture.w)
    assert points >= MIN_CHART_POINTS
    assert picture.y >= MARGIN
    assert picture.y + picture.h <= MARGIN + TYPE_HEIGHT


@pytest.mark.parametrize("version", available_versions())
def test_build_pdf_is_the_layout_drawn(version: int) -> None:
    """build_pdf draws exactly the layout result_layout computes (same pages, same text)."""
    bank = load_bank(version)
    result = build_result(_answers(bank, "weak", "de"), bank)
    layout, _ = result_layout(result, bank, "de", LINK)
    reader = PdfReader(io.BytesIO(build_pdf(result, bank, "de", LINK)))
    assert len(reader.pages) == layout.pages
    assert flat(layout.what_now()[1].text) in flat(reader.pages[0].extract_text())


def test_smallest_font_px_reads_set_sizes_and_defaults() -> None:
    """Set font sizes count, and an axis without a label size counts Vega-Lite's 10 px."""
    assert smallest_font_px({"mark": {"type": "text", "fontSize": 13}}) == 13
    assert smallest_font_px({"mark": "text"}) == 11
    spec = {"layer": [{"encoding": {"x": {"field": "a", "axis": {"title": "t"}}}}]}
    assert smallest_font_px(spec) == 10
    spec["layer"][0]["encoding"]["x"]["axis"] = {"labelFontSize": 14, "titleFontSize": 15}
    assert smallest_font_px(spec) == 14


class _Blocks(PageLayout):
    """A document of paragraphs of a given number of lines each, each a block."""

    def __init__(self, sizes: list[int], breaks: frozenset[int] = frozenset()) -> None:
        super().__init__("de", 9.0, breaks)
        for number, lines in enumerate(sizes):
            self.block()
            self.paragraph("\n".join(f"Absatz {number} Zeile {line}" for line in range(lines)), 9)
            self.y += 2


def _blocks(sizes: list[int]) -> Callable[[frozenset[int]], _Blocks]:
    return lambda breaks: _Blocks(sizes, breaks)


def test_balanced_layout_fills_the_last_page_to_a_quarter() -> None:
    """A last page of two lines gets a block moved onto it: same pages, a quarter full, every
    line still there; a layout whose last page is full enough is left as it is."""
    sizes = [8] * 8 + [2]
    plain = _blocks(sizes)(frozenset())
    assert plain.pages == 2
    assert plain.fill(2) < MIN_LAST_PAGE_FILL
    balanced = balanced_layout(_blocks(sizes))
    assert balanced.pages == 2
    assert balanced.fill(2) >= MIN_LAST_PAGE_FILL
    assert balanced.fill(1) >= 1 - 2 * MIN_LAST_PAGE_FILL
    assert sorted(op.text for op in balanced.ops if hasattr(op, "text")) == sorted(
        op.text for op in plain.ops if hasattr(op, "text")
    )
    full = [8] * 8 + [16]
    assert balanced_layout(_blocks(full)).ops == _blocks(full)(frozenset()).ops


def test_no_heading_ends_a_page(built: Built) -> None:
    """Every section heading has text under it on its own page (no orphaned headings)."""
    from assessment.render.pdf import layout as pdf_layout

    ops = built.layout.ops
    orphans = [
        op.title
        for op in ops
        if isinstance(op, pdf_layout._Section)
        and not any(
            isinstance(other, pdf_layout._Text | pdf_layout.Picture)
            and other.page == op.page
            and op.y + 6 < other.y < pdf_layout.BOTTOM
            for other in ops
        )
    ]
    assert orphans == []


# The trusted person's summary code, named alike on the page, in the invitation and in the PDF.
SUMMARY_TERMS = {"de": ("Vertrauensperson", "Sammelcode"), "en": ("trusted person", "summary code")}


def test_the_pdf_offers_the_summary_code_like_the_page(built: Built) -> None:
    """A result PDF that points the person to "Ask colleagues" also tells them of the trusted
    person and the summary code, in the words the page and the invitation use."""
    if not (built.bank.peer and built.pattern != "shared"):
        assert flat(msg("pdf.peer_lead", built.summary.language)) not in built.flat
        return
    lang = built.summary.language
    note = msg("pdf.peer_note", lang)
    assert flat(note) in built.flat
    for term in SUMMARY_TERMS[lang]:
        for key in ("pdf.peer_note", "ui.peer.ask_privacy", "ui.peer.invite_privacy"):
            assert term in msg(key, lang), (key, term)
