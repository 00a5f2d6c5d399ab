"""UX pass: a starter's salary check said the article's figures are for a first post as head of
IT, then compared the starter's expectation with them ("liegt unter der Spanne"). Now it says
it does not compare; others still get the comparison."""

from __future__ import annotations

from assessment.bank.load import load_bank
from assessment.bank.models import LikertItem
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.messages import msg
from assessment.render.summary import summarize

BANK = load_bank(3)


def _lines(background: str, expected: int) -> tuple[str, ...]:
    answers = Answers(
        bank_version=3,
        form="short",
        profile="public",
        background=background,  # type: ignore[arg-type]
        responses={i.id: 3 for i in BANK.form_items("short") if isinstance(i, LikertItem)},
    )
    result = build_result(answers, BANK, answers.background, expected)
    return summarize(result, BANK, "de").salary_lines


def test_a_starters_expectation_is_not_compared_with_the_head_of_it_range() -> None:
    lines = _lines("starter", 3800)
    assert msg("path.starter_salary", "de") in lines
    assert any(
        "3.800" in line and "vergleicht dieser Check deshalb nicht" in line for line in lines
    )
    assert not any("unter der Spanne" in line or "in der Spanne" in line for line in lines)


def test_an_experienced_persons_expectation_is_still_compared() -> None:
    lines = _lines("experienced", 3800)
    assert any("Ihre Erwartung von 3.800" in line and "Spanne" in line for line in lines)
