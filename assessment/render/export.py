"""The result as JSON for coaches and integrators, without what stays private (salary, timings)."""

from __future__ import annotations

from assessment.engine.result import Result


def shareable_result(result: Result) -> Result:
    """Return the result without the salary check and page timings, as exports and PDFs show it."""
    return result.model_copy(
        update={
            "salary": None,
            "answers": result.answers.model_copy(update={"page_seconds": ()}),
        }
    )


def result_json(result: Result) -> str:
    """Return the result as indented JSON that validates against Result's JSON Schema.

    The salary check and the page timings are left out; both have defaults in the schema, so
    the JSON reads back with `Result.model_validate_json` as the shareable result.
    """
    # What never leaves the person's own screen: the salary check (with the expected salary) and
    # how long each questionnaire page took. Quality flags derived from the timings stay.
    return result.model_dump_json(indent=2, exclude={"salary": True, "answers": {"page_seconds"}})
