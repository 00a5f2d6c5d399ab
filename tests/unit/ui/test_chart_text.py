"""Text alternatives of the charts: name in the spec, figures as an escaped table."""

from __future__ import annotations

from assessment.bank.models import Bank, LikertItem
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.render.summary import summarize
from assessment.ui.chart_text import ChartText, named_spec, profile_chart_text, table_html


def test_name_goes_into_the_spec_without_changing_the_cached_one() -> None:
    """Vega reads `description` as the chart's aria-label; the original spec stays as it was."""
    spec = {"mark": "bar"}
    named = named_spec(spec, "Diagramm: Werte")
    assert named["mark"] == "bar"
    assert named["description"] == "Diagramm: Werte"
    assert named["config"] == {"aria": False, "mark": {"aria": False}}  # Vega's English off
    assert spec == {"mark": "bar"}


def test_table_has_caption_column_and_row_headers_and_escapes() -> None:
    """Header cells are scoped, the first cell of a row heads it, and text never becomes markup."""
    text = ChartText("n", "d", "Werte <b>", ("Anforderung", "Wert"), (("<script>x", "70"),))
    shown = table_html(text, visible=True)
    assert "<caption>Werte &lt;b&gt;</caption>" in shown
    assert '<th scope="col">Anforderung</th>' in shown
    assert '<th scope="row">&lt;script&gt;x</th><td>70</td>' in shown
    assert shown.startswith('<div class="chart-table-box"><table class="chart-table">')
    hidden = table_html(text, visible=False)
    assert hidden.startswith('<div class="chart-table-box sr-only">')
    assert hidden.replace(" sr-only", "") == shown


def test_profile_table_has_one_row_per_card_in_order(bank: Bank) -> None:
    """Every demand of the result appears with its score, band and verdict, in the chart's order."""
    responses: dict[str, int | str] = {
        item.id: 4 if isinstance(item, LikertItem) else "a" for item in bank.form_items("short")
    }
    answers = Answers(bank_version=1, form="short", profile="public", responses=responses)
    summary = summarize(build_result(answers, bank), bank, "en")
    text = profile_chart_text(summary, "en")
    assert [row[0] for row in text.rows] == [card.name for card in summary.cards]
    for row, card in zip(text.rows, summary.cards, strict=True):
        assert row[2] == f"{card.low}–{card.high}"
        assert row[3] == card.band_label
        assert row[1] == (card.score_text if card.score is not None else "–")
    assert len(text.header) == len(text.rows[0])
