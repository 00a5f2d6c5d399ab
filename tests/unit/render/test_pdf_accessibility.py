"""The PDFs for people with assistive technology: language, title, outline in reading order,
the chart as a tagged figure with alternative text."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from assessment.bank.models import Bank, LikertItem
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.group.overview import parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.pdf.result import build_pdf


def _answers(bank: Bank, lang: Language, value: int) -> Answers:
    responses: dict[str, int | str] = {
        item.id: value if isinstance(item, LikertItem) else "b" for item in bank.form_items("full")
    }
    return Answers(
        bank_version=1, form="full", profile="public", language=lang, responses=responses
    )


def _figures(reader: PdfReader) -> list[dict[str, Any]]:
    """Return the /Figure elements of the structure tree (with their /Alt)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    root: Any = reader.trailer["/Root"]
    walk(root["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("lang", ["de", "en"])
def test_result_pdf_has_language_title_outline_and_a_tagged_chart(
    bank: Bank, lang: Language
) -> None:
    """Language and title are set and shown; the outline lists the sections in page order."""
    result = build_result(_answers(bank, lang, 4), bank)
    reader = PdfReader(io.BytesIO(build_pdf(result, bank, lang, "http://localhost:8501/?r=x")))
    root: Any = reader.trailer["/Root"]
    outline: list[Any] = list(reader.outline)
    assert root["/Lang"] == lang
    assert reader.metadata is not None
    assert reader.metadata.title == msg("report.title", lang)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (pypdf BooleanObject)
    assert root["/PageMode"] == "/UseOutlines"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (pypdf BooleanObject)
    titles = [entry.title for entry in outline]
    sections = ("pdf.what_now", "pdf.caveat", "pdf.chart", "pdf.dimensions", "pdf.link")
    assert {msg(key, lang) for key in (*sections, "report.comparison")} <= set(titles)
    assert titles.index(msg("pdf.what_now", lang)) < titles.index(msg("pdf.dimensions", lang))
    assert titles[-1] == msg("pdf.link", lang)
    pages = [int(reader.get_destination_page_number(entry) or 0) for entry in outline]
    assert pages == sorted(pages)
    figures = _figures(reader)
    assert [figure["/Alt"] for figure in figures] == [msg("a11y.pdf_chart_alt", lang)]


def test_group_pdf_has_a_tagged_chart_and_an_outline(bank: Bank) -> None:
    """The group PDF's chart is a figure with alternative text; its sections are bookmarks."""
    codes = "\n".join(encode_share_code(_answers(bank, "de", value)) for value in (2, 3, 4))
    answers, invalid = parse_codes(codes)
    assert not invalid
    reader = PdfReader(io.BytesIO(build_group_pdf(score_group(answers, "public"), 0, "de")))
    root: Any = reader.trailer["/Root"]
    outline: list[Any] = list(reader.outline)
    assert root["/Lang"] == "de"
    assert msg("ui.group.overview_heading", "de") in [entry.title for entry in outline]
    assert [f["/Alt"] for f in _figures(reader)] == [msg("a11y.pdf_group_chart_alt", "de")]
