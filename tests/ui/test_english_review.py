"""Issue 22 point 5, the English review applied on the page (AppTest): marks after an answer
keep their space, the result header counts the working conditions beside the scored questions
(the start page counts both), and the group page's counts agree with their number."""

from __future__ import annotations

import re

import pytest

from assessment.bank.load import load_bank
from assessment.codes.share import encode_share_code
from assessment.i18n import Language
from assessment.messages import msg
from assessment.peer.compare import StatementScore, compare_dimension
from tests.banks import RELEASED, _answers
from tests.ui.conftest import new_app, texts

NEWEST = max(RELEASED)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_knowledge_marks_keep_their_space(lang: Language) -> None:
    """“a) … is available · your choice”, never “available· your choice” (review D1)."""
    bank = load_bank(NEWEST)
    if not bank.rules.views_apart:
        pytest.skip("the newest bank has no knowledge questions")
    answers = _answers(bank, "strong", "short", "public", "changer")
    at = new_app(r=encode_share_code(answers), lang=lang)
    assert not at.exception
    lines = [
        line
        for element in at.markdown
        for line in str(element.value).splitlines()
        if line.startswith("- ") and ("✓" in line or "·" in line)
    ]
    assert lines, "no marked option in the knowledge review"
    assert [line for line in lines if re.search(r"\S[·✓]", line)] == []


def test_result_header_counts_the_working_conditions_too() -> None:
    """The start page says 86 questions (72 + 14 working conditions); the header no longer says
    only “72 of 72 questions answered” (review A11)."""
    bank = load_bank(NEWEST)
    conditions = len(bank.asked_preferences())
    if not conditions:
        pytest.skip("the newest bank asks no working conditions")
    answers = _answers(bank, "strong", "short", "public", "changer")
    scored = len(bank.form_items("short"))
    assert scored + conditions == bank.form_question_count("short")
    at = new_app(r=encode_share_code(answers), lang="en")
    expected = msg(
        "answered.with_conditions", "en", answered=scored, total=scored, count=conditions
    )
    assert expected in texts(at)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_clear_difference_is_not_called_within_the_range(lang: Language) -> None:
    """42 ± 30 against colleagues at 63–75 is no clear difference – but 42 is not “within your
    colleagues' range”, as the label used to say (review J1; the German said the same)."""
    mirror = compare_dimension("budget", StatementScore(score=42, uncertainty=30), [63, 67, 75])
    assert mirror.difference == "similar"
    assert mirror.self_score is not None
    assert mirror.low is not None
    assert mirror.self_score < mirror.low
    label = msg("peer.similar", lang)
    assert label == {"de": "kein deutlicher Unterschied", "en": "no clear difference"}[lang]
    assert msg("other.peer.similar", lang) == label
