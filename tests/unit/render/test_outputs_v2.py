"""Rules-2 results in every output: PDF, plain text (CLI), JSON and its schema."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import jsonschema
import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import Bank, LikertItem, Scenario, TradeoffItem
from assessment.cli import run
from assessment.engine.answers import Answers
from assessment.engine.result import Result, build_result
from assessment.render.export import result_json
from assessment.render.pdf.result import build_pdf
from assessment.render.text import render_text
from tests.strategies import FIXTURE_ROOT

DAY = dt.date(2026, 12, 3)
BASE_URL = "http://localhost:8501/"


@pytest.fixture(scope="module")
def fixture_bank() -> Bank:
    return load_bank(2, FIXTURE_ROOT)


@pytest.fixture(scope="module")
def borderline(fixture_bank: Bank) -> Result:
    """ "Trifft eher zu" everywhere: every score lies within its uncertainty of a band edge."""
    responses: dict[str, int | str] = {
        item.id: "b" if isinstance(item, Scenario) else (4 if isinstance(item, LikertItem) else 3)
        for item in fixture_bank.form_items("full")
    }
    answers = Answers(bank_version=2, form="full", responses=responses, background="changer")
    result = build_result(answers, fixture_bank)
    assert {m.band for m in result.match.dimensions} == {"borderline"}
    return result


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_pdf_says_an_der_grenze_and_links_the_methodology(
    borderline: Result, fixture_bank: Bank
) -> None:
    """The PDF shows borderline verdicts in words with their uncertainty, and the method page."""
    text = _pdf_text(build_pdf(borderline, fixture_bank, "de", BASE_URL + "?r=x", today=DAY))
    assert "an der Grenze" in text
    assert "An der Grenze des Zielbereichs" in text
    assert "± " in text
    assert "?view=method&lang=de" in text
    assert "Punkte unter" not in text


def test_cli_text_says_an_der_grenze(borderline: Result, fixture_bank: Bank) -> None:
    """The plain-text report (CLI) carries the same verbal verdicts."""
    text = render_text(borderline, fixture_bank, "en")
    assert "borderline" in text
    assert "Borderline for the target range" in text


def test_json_carries_uncertainty_status_and_axis(borderline: Result) -> None:
    """The JSON export validates against the schema and holds the new fields."""
    data = json.loads(result_json(borderline))
    schema = Result.model_json_schema()
    jsonschema.validate(data, schema)
    first = data["scores"][0]
    assert {"uncertainty", "status", "axis", "unsure"} <= set(first)
    assert first["uncertainty"] > 0
    assert data["match"]["dimensions"][0]["band"] == "borderline"
    assert data["answers"]["background"] == "changer"


def test_schemas_describe_the_new_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """`selbstcheck schema answers|result` describe can't-judge-yet, background, uncertainty."""
    assert run(["schema", "answers"]) == 0
    answers_schema = capsys.readouterr().out
    assert '"background"' in answers_schema
    assert "can't judge yet" in answers_schema
    assert run(["schema", "result"]) == 0
    result_schema = capsys.readouterr().out
    for field in ('"uncertainty"', '"borderline"', '"experience"', '"tentative"', '"axes"'):
        assert field in result_schema


def test_real_v2_scores_trade_offs_on_their_axis_only() -> None:
    """In the released v2 every dimension has an axis and at least two trade-offs."""
    bank = load_bank(2)
    for dimension in bank.dimensions:
        assert dimension.axis is not None
        tradeoffs = [t for t in bank.tradeoffs if t.dimension == dimension.id]
        assert len(tradeoffs) >= 2
        assert {t.high for t in tradeoffs} == {"a", "b"}
        assert all(isinstance(t, TradeoffItem) for t in tradeoffs)
