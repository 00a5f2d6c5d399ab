"""Issue 22 (UX pass, points 1 and 2): every surface leaves out the same empty sections, read
from one model (render/brief.py), and a setting left open ("alle vergleichen") shows the settings
side by side on every surface, the one-screen summary included."""

from __future__ import annotations

import pytest

from assessment.bank.models import ProfileId
from assessment.i18n import Language
from assessment.messages import msg, voiced
from assessment.render.brief import (
    axis_cards,
    comparison_differs,
    settings_side_by_side,
    shows_comparison,
    shows_leans,
)
from assessment.render.pdf.layout import _Section, _Text
from assessment.render.pdf.result import result_layout
from assessment.render.summary import Summary, summarize
from assessment.render.text import render_text, section_headings
from tests.unit.render.test_brief import _result, _summary

LINK = "http://localhost:8501/?r=CODE"
CHART_PX = (1300, 1500)


def _pdf_sections(
    version: int, level: int, lean: int, profile: ProfileId, lang: Language = "de"
) -> tuple[Summary, list[str]]:
    bank, result = _result(version, level, form="short", profile=profile, lean=lean)
    layout, _ = result_layout(result, bank, lang, LINK, chart_px=CHART_PX)
    titles = [op.title for op in layout.ops if isinstance(op, _Section)]
    return _summary(bank, result), titles


# (bank, statement level, trade-off lean): v2 keeps an axes section, v3 has the leans section;
# middle leans (3) have nothing to say, poles (5) do; level 4 reads the same in every setting.
CASES = [(2, 4, 3), (2, 4, 5), (3, 4, 3), (3, 4, 5), (3, 2, 3)]


@pytest.mark.parametrize(("version", "level", "lean"), CASES)
def test_pdf_and_text_leave_out_what_the_page_leaves_out(
    version: int, level: int, lean: int
) -> None:
    """The PDF's sections and the text report's headings hold the axes, the leans and the
    comparison exactly when the page shows them (axis_cards, shows_leans, shows_comparison)."""
    summary, titles = _pdf_sections(version, level, lean, "mittelstand")
    bank, result = _result(version, level, form="short", profile="mittelstand", lean=lean)
    headings = section_headings(summary)
    text = render_text(result, bank, "de")
    axes = voiced("ui.result.axes_heading", "de", "self")
    comparison = msg("report.comparison", "de")
    if summary.axes_intro is not None:  # (rules 3 give the leans section this heading)
        assert (axes in titles) == (axes in headings) == bool(axis_cards(summary))
    assert (comparison in titles) == (comparison in headings) == shows_comparison(summary)
    if summary.leans is not None:
        leans = summary.leans.heading
        assert (leans in titles) == (leans in headings) == shows_leans(summary)
        if not shows_leans(summary):
            assert summary.leans.none_clear is None or summary.leans.none_clear not in text
    for card in summary.cards:  # an axis line without anything to say is nowhere
        if card.axis_text and card not in axis_cards(summary):
            assert " ".join(card.axis_text.split()[:8]) not in " ".join(text.split())


def test_the_cases_include_every_empty_section() -> None:
    """The cases above do test leaving out: an empty axes section (v2), a leans section without
    a clear lean (v3) and a comparison of identical rows, each at least once."""
    summaries = [_pdf_sections(v, level, lean, "mittelstand")[0] for v, level, lean in CASES]
    assert any(s.axes_intro is not None and not axis_cards(s) for s in summaries)
    assert any(s.leans is not None and not shows_leans(s) for s in summaries)
    assert any(not comparison_differs(s) for s in summaries)
    assert any(shows_comparison(s) for s in summaries)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("level", [2, 4])
def test_a_setting_left_open_compares_the_settings_on_the_one_screen(
    level: int, lang: Language
) -> None:
    """ "noch offen – alle vergleichen": the one-screen summary names every setting with its
    count and assessment (one line when all read the same) and where the comparison says more;
    the comparison is shown even when its rows are identical, on the page's model, in the PDF
    (page 1 included) and in the text report."""
    bank, result = _result(3, level, form="short", profile="duisburg")
    summary = summarize(result, bank, lang)
    brief = summary.brief
    assert brief is not None
    assert brief.settings_heading == msg("brief.settings.heading", lang)
    assert brief.settings == settings_side_by_side(summary)
    if comparison_differs(summary):
        assert len(brief.settings) == 3
        for line, row in zip(brief.settings, summary.comparison, strict=True):
            assert row.name in line
            assert row.met_text in line
            assert row.level_label in line
    else:
        assert len(brief.settings) == 1
        assert summary.comparison[0].met_text in brief.settings[0]
    assert shows_comparison(summary)
    layout, _ = result_layout(result, bank, lang, LINK, chart_px=CHART_PX)
    titles = [op.title for op in layout.ops if isinstance(op, _Section)]
    assert msg("report.comparison", lang) in titles
    first_page = " ".join(op.text for op in layout.ops if isinstance(op, _Text) and op.page == 1)
    assert brief.settings_heading in first_page
    text = " ".join(render_text(result, bank, lang).split())
    assert all(" ".join(line.split()) in text for line in brief.settings)


def test_identical_settings_are_said_once() -> None:
    """When the three settings read the same, the summary says so in one line instead of three
    identical rows – and only where the setting was left open is the comparison shown at all."""
    bank, result = _result(3, 4, form="short", profile="duisburg")
    summary = summarize(result, bank, "de")
    assert not comparison_differs(summary), "level 4 reads the same in every setting"
    [line] = settings_side_by_side(summary)
    row = summary.comparison[0]
    assert line == msg("brief.settings.same", "de", met=row.met_text, level=row.level_label)
    bank, chosen = _result(3, 4, form="short", profile="mittelstand")
    other = summarize(chosen, bank, "de")
    assert other.brief is not None
    assert other.brief.settings == ()
    assert not shows_comparison(other)


def test_the_summary_promises_the_settings_only_where_they_are_compared() -> None:
    """ "Alles Weitere – …, die Umfelder …" only where the comparison of settings is shown."""
    for profile, level in (("mittelstand", 4), ("mittelstand", 2), ("duisburg", 4)):
        bank, result = _result(3, level, form="short", profile=profile)  # type: ignore[arg-type]
        summary = summarize(result, bank, "de")
        assert summary.brief is not None
        key = "brief.more" if shows_comparison(summary) else "brief.settings.more_without"
        assert summary.brief.more == msg(key, "de")
    bank, result = _result(3, 4, form="short", profile="mittelstand")
    assert not shows_comparison(summarize(result, bank, "de"))
