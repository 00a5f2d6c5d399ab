"""Issue 23, point 2: a PDF whose reader has gone is cancelled, also once its build has started.

The signal is a threading.Event given with `cancelled_by`; the layout, the chart pictures and
the drawing check it between steps. Hooks set it after a number of lines or pages, so every
test here is deterministic (no clocks).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest

from assessment.bank.models import Bank
from assessment.codes.links import share_link
from assessment.codes.share import encode_share_code
from assessment.engine.result import Result, build_result
from assessment.render.pdf import layout as pdf_layout
from assessment.render.pdf.layout import PdfCancelled, cancelled_by, checkpoint
from assessment.render.pdf.result import build_pdf
from tests.unit.render.test_pdf import _mixed_answers

DAY = dt.date(2026, 11, 28)
BASE_URL = "http://localhost:8501/"


@pytest.fixture(scope="module")
def result(bank: Bank) -> Result:
    return build_result(_mixed_answers(bank, "de"), bank, experience="experienced")


def _build(result: Result, bank: Bank) -> bytes:
    link = share_link(BASE_URL, encode_share_code(result.answers))
    return build_pdf(result, bank, "de", link, today=DAY)


class _Steps:
    """Counts calls of a PageLayout/layout function; sets the signal after the n-th."""

    def __init__(self, event: threading.Event, after: int | None) -> None:
        self.event = event
        self.after = after
        self.calls = 0
        self.calls_after_signal = 0

    def wrap(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            if self.event.is_set():
                self.calls_after_signal += 1
            value = original(*args, **kwargs)
            self.calls += 1
            if self.calls == self.after:
                self.event.set()
            return value

        return counted


def _count(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, after: int | None = None
) -> tuple[_Steps, threading.Event]:
    event = threading.Event()
    steps = _Steps(event, after)
    monkeypatch.setattr(owner, name, steps.wrap(getattr(owner, name)))
    return steps, event


def test_without_a_signal_set_the_build_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, result: Result, bank: Bank
) -> None:
    lines, event = _count(monkeypatch, pdf_layout.PageLayout, "put")
    with cancelled_by(event):
        document = _build(result, bank)
    assert document.startswith(b"%PDF")
    assert lines.calls > 100  # the hooks below cut a build of this many lines in the middle


def test_a_build_stops_at_the_next_line_after_its_signal(
    monkeypatch: pytest.MonkeyPatch, result: Result, bank: Bank
) -> None:
    full, _ = _count(monkeypatch, pdf_layout.PageLayout, "put")
    _build(result, bank)
    monkeypatch.undo()
    drawn, _ = _count(monkeypatch, pdf_layout, "_draw_page")
    lines, event = _count(monkeypatch, pdf_layout.PageLayout, "put", after=full.calls // 2)
    with cancelled_by(event), pytest.raises(PdfCancelled):
        _build(result, bank)
    # The line after the signal is refused at its checkpoint; nothing is drawn.
    assert lines.calls == full.calls // 2
    assert lines.calls_after_signal <= 1
    assert drawn.calls == 0


def test_drawing_stops_at_the_next_page_after_its_signal(
    monkeypatch: pytest.MonkeyPatch, result: Result, bank: Bank
) -> None:
    full, _ = _count(monkeypatch, pdf_layout, "_draw_page")
    _build(result, bank)
    assert full.calls >= 3
    monkeypatch.undo()
    written: list[int] = []
    monkeypatch.setattr(pdf_layout, "_new_fpdf", _counting_output(pdf_layout._new_fpdf, written))
    pages, event = _count(monkeypatch, pdf_layout, "_draw_page", after=1)
    with cancelled_by(event), pytest.raises(PdfCancelled):
        _build(result, bank)
    assert pages.calls == 1
    assert pages.calls_after_signal == 0
    assert written == []  # fpdf2 never serialised the document


def _counting_output(make: Callable[[], Any], written: list[int]) -> Callable[[], Any]:
    def made() -> Any:
        pdf = make()
        output = pdf.output

        def counted_output(*args: Any, **kwargs: Any) -> Any:
            written.append(1)
            return output(*args, **kwargs)

        pdf.output = counted_output
        return pdf

    return made


def test_a_chart_is_not_drawn_once_the_signal_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    import altair as alt
    import vl_convert

    converted: list[int] = []
    monkeypatch.setattr(vl_convert, "vegalite_to_png", lambda *a, **k: converted.append(1))
    event = threading.Event()
    event.set()
    chart = alt.Chart(alt.InlineData(values=[{"x": 1}])).mark_point().encode(x="x:Q")
    with cancelled_by(event), pytest.raises(PdfCancelled):
        pdf_layout.chart_to_png(chart, 100, 100)
    assert converted == []


def test_the_signal_belongs_to_its_context_only() -> None:
    event = threading.Event()
    event.set()
    with cancelled_by(event), pytest.raises(PdfCancelled):
        checkpoint()
    checkpoint()  # outside the block (the warm-up, the CLI) nothing is cancelled
    # Another thread started plainly does not see this context's signal.
    seen: list[bool] = []

    def other() -> None:
        try:
            checkpoint()
            seen.append(False)
        except PdfCancelled:
            seen.append(True)

    with cancelled_by(event):
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
    assert seen == [False]


def test_cancelled_is_no_exception_an_error_handler_would_log() -> None:
    """Streamlit's deferred-file handler logs every Exception with its traceback."""
    assert not issubclass(PdfCancelled, Exception)
