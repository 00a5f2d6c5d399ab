"""The result in words: order of cards, anchors, next steps, salary and comparison texts."""

from __future__ import annotations

import pytest

from assessment.bank.models import Bank
from assessment.engine.answers import Answers, check_answers
from assessment.engine.result import build_result
from assessment.errors import AnswersError
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests.personas import MODERNIZER, persona_answers


def test_cards_lead_with_development_areas_in_urgency_order(bank: Bank) -> None:
    """Cards come development areas first (weight × gap), with next steps; strengths after."""
    result = build_result(persona_answers(MODERNIZER, profile="mittelstand"), bank)
    summary = summarize(result, bank, "de")
    below = [c for c in summary.cards if c.band == "below"]
    assert [c.dimension for c in summary.cards[: len(below)]] == list(result.match.development)
    assert summary.cards[0].name == "Toleranz für Altsysteme"
    assert summary.cards[0].next_steps == tuple(s.de for s in bank.dimension("legacy").next_steps)
    assert summary.cards[0].verdict.startswith(f"{summary.cards[0].gap} Punkte unter")
    met = [c for c in summary.cards if c.band in ("within", "above")]
    assert all(c.strength and not c.next_steps for c in met)
    assert all(c.anchor_quote == bank.dimension(c.dimension).anchor.quote for c in summary.cards)


def test_english_summary_and_salary_lines(bank: Bank) -> None:
    """The English summary formats euro amounts with Babel and names the article's range."""
    result = build_result(
        persona_answers(MODERNIZER, profile="public"),
        bank,
        experience="experienced",
        expected_salary=9500,
    )
    summary = summarize(result, bank, "en")
    assert summary.salary_lines[0] == (
        "The article gives a realistic €5,500 to €7,300 gross per month"
        " for experienced heads of IT."
    )
    assert "€9,500" in summary.salary_lines[1]
    assert "well above" in summary.salary_lines[1]
    assert summary.salary_lines[2] == bank.salary.sector_notes["public"].en
    assert summary.profile_name == bank.profiles["public"].name.en


def test_no_salary_section_without_experience(bank: Bank) -> None:
    """Without a background the summary carries no salary lines (shared results have none)."""
    summary = summarize(build_result(persona_answers(MODERNIZER), bank), bank, "de")
    assert summary.salary_lines == ()


def test_comparison_text_names_the_best_setting(bank: Bank) -> None:
    """The comparison sentence names the best-fitting setting and its open points."""
    result = build_result(persona_answers(MODERNIZER), bank)
    summary = summarize(result, bank, "de")
    assert result.comparison.best is not None
    best_name = bank.profiles[result.comparison.best].name.de
    assert summary.comparison_text.startswith(f"Am besten passt nach Ihren Antworten: {best_name}")
    assert [line.best for line in summary.comparison].count(True) == 1


def test_text_report_mentions_every_dimension(bank: Bank) -> None:
    """The plain-text report lists each dimension once with its band."""
    text = render_text(build_result(persona_answers(MODERNIZER), bank), bank, "de")
    for dimension in bank.dimensions:
        assert f"{dimension.name.de}: " in text
    assert "Fragenkatalog Version 1" in text


@pytest.mark.parametrize(
    ("responses", "key"),
    [
        ({"ghost_l1": 3}, "answers.unknown_item"),
        ({"crisis_s1": "a"}, "answers.not_in_form"),
        ({"crisis_l1": "a"}, "answers.likert_value"),
    ],
)
def test_answers_must_fit_the_bank(bank: Bank, responses: dict[str, int | str], key: str) -> None:
    """Answers naming unknown items, items outside the form, or wrong value kinds are refused."""
    answers = Answers(bank_version=1, form="short", responses=responses)
    with pytest.raises(AnswersError) as caught:
        check_answers(answers, bank)
    assert caught.value.key == key


def test_scenario_answer_must_be_an_option(bank: Bank) -> None:
    """A number given for a scenario is refused."""
    with pytest.raises(AnswersError) as caught:
        check_answers(Answers(bank_version=1, form="full", responses={"crisis_s1": 3}), bank)
    assert caught.value.key == "answers.scenario_value"


def test_capped_bands_count_as_open_points_in_the_comparison(bank: Bank) -> None:
    """Scoring above a capped band (too much is a risk there) is named as an open point."""
    from tests.personas import FIREFIGHTER

    result = build_result(persona_answers(FIREFIGHTER, profile="industry"), bank)
    above = [m for m in result.match.dimensions if m.band == "above"]
    assert [m.dimension for m in above] == ["legacy"]  # industry caps legacy tolerance at 90
    summary = summarize(result, bank, "de")
    industry = next(line for line in summary.comparison if line.profile == "industry")
    assert "Toleranz für Altsysteme (über dem Zielbereich)" in industry.gaps
    assert result.comparison.best == "mittelstand"
    assert "Toleranz für Altsysteme" not in summary.comparison_text
