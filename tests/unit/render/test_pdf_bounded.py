"""Issue 23, point 2: PDF work is bounded – linear line breaking, and the printed link comes
from the share code on the server's own address, never from the address a browser reports."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import LikertItem, Scenario
from assessment.codes.links import SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.render.pdf import layout as pdf_layout
from assessment.render.pdf.layout import text_width, wrap_text
from assessment.render.pdf.result import build_pdf, result_layout
from assessment.ui import shared

LONG = 100_000
# Character measurements allowed per character of a long word: measuring the word once and
# cutting it in one pass take two; the old cubic cut took about len²/2 per piece.
PER_CHARACTER = 3


class _BudgetError(Exception):
    """More character measurements than the budget allows."""


class _CountingWidths(dict[int, float]):
    """Character widths that count their lookups and stop at a budget."""

    def __init__(self, widths: dict[int, float], counter: list[int], budget: int) -> None:
        super().__init__(widths)
        self.counter = counter
        self.budget = budget

    def __getitem__(self, key: int) -> float:
        self.counter[0] += 1
        if self.counter[0] > self.budget:
            raise _BudgetError(self.counter[0])
        return super().__getitem__(key)


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[list[int], Any]]:
    """Count every character measurement; set_budget(n) makes the n+1st fail."""
    real = pdf_layout._char_widths()
    counter = [0]
    budget = [10**12]

    def widths() -> dict[bool, dict[int, float]]:
        return {bold: _CountingWidths(real[bold], counter, budget[0]) for bold in (False, True)}

    def set_budget(limit: int) -> None:
        counter[0] = 0
        budget[0] = limit

    monkeypatch.setattr(pdf_layout, "_char_widths", widths)
    wrap_text.cache_clear()
    yield counter, set_budget
    wrap_text.cache_clear()


def test_a_long_unbroken_word_is_wrapped_in_linear_work(
    measured: tuple[list[int], Any],
) -> None:
    """A 100,000-character word is cut into lines of at most the width with at most
    PER_CHARACTER measurements per character, and no character is lost."""
    counter, set_budget = measured
    word = "ab%9" * (LONG // 4)
    set_budget(PER_CHARACTER * LONG)
    lines = wrap_text(f"Link: {word} Ende", 9, 60)
    assert counter[0] <= PER_CHARACTER * LONG + 100
    set_budget(10**12)
    assert lines[0] == "Link:"
    assert lines[-1].endswith(" Ende")
    assert "".join(lines[1:]).removesuffix(" Ende") == word
    assert all(text_width(line, 9) <= 60 for line in lines)


def test_wrapping_work_grows_linearly(measured: tuple[list[int], Any]) -> None:
    """Ten times the text costs ten times the measurements (within rounding)."""
    counter, set_budget = measured
    counts = []
    for length in (10_000, 100_000):
        set_budget(10**12)
        wrap_text("x" * length, 8, 40)
        counts.append(counter[0])
    assert counts[1] <= 10 * counts[0] + 100


def _answers() -> Answers:
    bank = load_bank(2)
    responses: dict[str, int | str] = {
        item.id: "a" if isinstance(item, Scenario) else 2 if isinstance(item, LikertItem) else 3
        for item in bank.form_items("short")
    }
    return Answers(bank_version=2, form="short", responses=responses, background="changer")


def test_a_pdf_with_a_100000_character_link_costs_linear_work(
    measured: tuple[list[int], Any],
) -> None:
    """Laying out a result with an absurdly long link measures at most a few times its
    characters more than with a normal link, and the printed lines hold the link whole."""
    counter, set_budget = measured
    bank = load_bank(2)
    result = build_result(_answers(), bank)
    set_budget(10**12)
    result_layout(result, bank, "de", "http://localhost:8501/?r=x", chart_px=(1300, 1500))
    normal = counter[0]
    link = "http://localhost:8501/?r=" + "Q" * LONG
    set_budget(normal + 10 * LONG)
    layout, _ = result_layout(result, bank, "de", link, chart_px=(1300, 1500))
    assert counter[0] <= normal + 10 * LONG
    printed = [op.text for op in layout.ops if isinstance(op, pdf_layout._Text) and op.link == link]
    assert "".join(printed) == link


def test_a_long_link_still_draws(measured: tuple[list[int], Any]) -> None:
    """A PDF with a 5,000-character link is drawn, the link printed across lines."""
    bank = load_bank(2)
    link = "http://localhost:8501/?r=" + "Q" * 5_000
    document = build_pdf(build_result(_answers(), bank), bank, "de", link)
    text = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(document)).pages
    )
    assert link in text


# -- where the printed link comes from ------------------------------------------------------


class _NoClientAddress:
    """st.context as a hostile client fills it: any use of it fails the test."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the printed link read st.context.{name}")


@pytest.fixture
def no_client_address(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit

    monkeypatch.setattr(streamlit, "context", _NoClientAddress())
    monkeypatch.delenv(shared.PUBLIC_URL_VARIABLE, raising=False)


@pytest.mark.usefixtures("no_client_address")
def test_printed_link_is_the_code_on_the_server_address() -> None:
    """Without a configured address the PDF link is the code on Streamlit's own server
    address (browser.serverAddress and port), never read from the browser's request."""
    assert shared.printed_link_for("CODE") == f"http://localhost:8501/?{SHARE_PARAM}=CODE"


@pytest.mark.usefixtures("no_client_address")
def test_printed_link_uses_the_configured_public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """SELBSTCHECK_PUBLIC_URL is the base of every printed link (and of the page's links)."""
    monkeypatch.setenv(shared.PUBLIC_URL_VARIABLE, "https://selbstcheck.example.org/app")
    assert shared.printed_link_for("CODE") == "https://selbstcheck.example.org/app/?r=CODE"
    assert shared.link_for("CODE") == "https://selbstcheck.example.org/app/?r=CODE"


@pytest.mark.usefixtures("no_client_address")
@pytest.mark.parametrize(
    "configured",
    ["javascript:alert(1)", "selbstcheck.example.org", "https://x.example/" + "a" * 300],
)
def test_a_bad_configured_address_falls_back_to_the_server_address(
    monkeypatch: pytest.MonkeyPatch, configured: str
) -> None:
    """A configured address that is not a short absolute http(s) URL is not used."""
    monkeypatch.setenv(shared.PUBLIC_URL_VARIABLE, configured)
    assert shared.printed_link_for("CODE") == "http://localhost:8501/?r=CODE"


def test_shared_view_pdf_prints_the_server_link_not_the_page_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shared view's PDF prints the code on the server's address even when the address
    the browser reports is 8,000 characters long."""
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import APP

    captured: list[shared.Download] = []
    monkeypatch.setattr(shared, "download_row", lambda downloads: captured.extend(downloads))
    monkeypatch.setattr(shared, "base_url", lambda: "http://evil.example/" + "a" * 8_000)
    monkeypatch.delenv(shared.PUBLIC_URL_VARIABLE, raising=False)
    code = encode_share_code(_answers())
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params[SHARE_PARAM] = code
    at.run()
    assert not at.exception
    [pdf] = captured
    document = pdf.build()
    assert isinstance(document, bytes)
    text = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(document)).pages
    )
    assert f"http://localhost:8501/?r={code}" in text
    assert "evil.example" not in text
