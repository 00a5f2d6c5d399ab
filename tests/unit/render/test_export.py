"""The JSON export: valid against Result's schema, round-tripping, without salary or timings.

Every test runs on every released bank (the released_bank fixture).
"""

from __future__ import annotations

import json

import jsonschema

from assessment.bank.models import (
    Bank,
    FormId,
    KnowledgeItem,
    LikertItem,
    Scenario,
    TradeoffItem,
)
from assessment.engine.answers import Answers, PageTiming
from assessment.engine.result import Result, build_result
from assessment.render.export import result_json, shareable_result

EXPECTED_SALARY = 6123


def _answers(bank: Bank, form: FormId = "full") -> Answers:
    """Every item answered: statements agreeing with the keyed direction by 4, scenarios and
    knowledge items 'b', trade-offs in the middle, no unlikely virtue."""
    responses: dict[str, int | str] = {
        item.id: (
            (4 if item.keying == "plus" else 2)
            if isinstance(item, LikertItem)
            else "b"
            if isinstance(item, Scenario | KnowledgeItem)
            else 3
            if isinstance(item, TradeoffItem)
            else 1
        )
        for item in bank.form_items(form)
    }
    return Answers(
        bank_version=bank.version,
        background="changer" if bank.rules.has_background else None,
        form=form,
        profile="public",
        language="de",
        responses=responses,
        page_seconds=(PageTiming(items=8, seconds=3.5), PageTiming(items=8, seconds=60.0)),
    )


def _result(bank: Bank) -> Result:
    return build_result(
        _answers(bank), bank, experience="experienced", expected_salary=EXPECTED_SALARY
    )


def test_export_validates_against_the_published_schema(released_bank: Bank) -> None:
    """The JSON is valid under the schema that `python -m assessment schema result` prints."""
    bank = released_bank
    data = json.loads(result_json(_result(bank)))
    jsonschema.validate(data, Result.model_json_schema())
    assert data["bank_version"] == bank.version
    assert data["answers"]["form"] == "full"
    assert data["answers"]["profile"] == "public"
    assert data["total"] == len(bank.forms["full"].items)
    assert data["answered"] == data["total"]


def test_export_round_trips_to_the_same_scores(released_bank: Bank) -> None:
    """Reading the JSON back gives the same scores, match, comparison and quality flags."""
    bank = released_bank
    result = _result(bank)
    back = Result.model_validate_json(result_json(result))
    assert back.scores == result.scores
    assert back.match == result.match
    assert back.comparison == result.comparison
    assert back.quality == result.quality
    assert back.answers.responses == result.answers.responses
    assert back == shareable_result(result)


def test_export_leaves_out_salary_and_timings(released_bank: Bank) -> None:
    """Neither the salary check nor the expected salary nor page timings are in the JSON."""
    bank = released_bank
    result = _result(bank)
    assert result.salary is not None
    assert result.salary.expected == EXPECTED_SALARY
    text = result_json(result)
    data = json.loads(text)
    assert "salary" not in data
    assert "page_seconds" not in data["answers"]
    assert str(EXPECTED_SALARY) not in text
    back = Result.model_validate_json(text)
    assert back.salary is None
    assert back.answers.page_seconds == ()


def test_quality_flag_from_timings_stays(released_bank: Bank) -> None:
    """The speed flag computed from the timings is exported; the timings themselves are not."""
    bank = released_bank
    result = _result(bank)
    data = json.loads(result_json(result))
    assert [flag["kind"] for flag in data["quality"]] == [flag.kind for flag in result.quality]
    assert {"kind": "too_fast", "count": 1, "where": ["1"]} in data["quality"]


def test_shareable_result_keeps_the_original_untouched(released_bank: Bank) -> None:
    """Making the shareable copy does not change the result the page still shows."""
    bank = released_bank
    result = _result(bank)
    shared = shareable_result(result)
    assert shared.salary is None
    assert shared.answers.page_seconds == ()
    assert result.salary is not None
    assert len(result.answers.page_seconds) == 2
    assert shared.scores == result.scores
