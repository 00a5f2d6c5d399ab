"""Share and progress codes with frequency statements (rules 4): a count and "no occasion" go
through a code and back, the batch decoder (group view) reads them alike, and the code is no
longer than the answers need (digits 0, 1–4, 5 = no occasion)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.bank.load import QUESTIONS_ENV, load_bank
from assessment.bank.models import UNSURE, LikertItem, Scenario
from assessment.codes.share import (
    decode_answers_many,
    decode_code,
    digit_values,
    encode_progress_code,
    encode_share_code,
)
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from tests.frequencybank import FIXTURE_VERSION, PLAIN_FREQUENCY, TEAM_FREQUENCY, frequency_bank


@pytest.fixture
def questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "questions"
    frequency_bank(root)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))
    return root


def _answers(form: str = "short") -> Answers:
    bank = load_bank(FIXTURE_VERSION)
    responses: dict[str, int | str] = {}
    for index, item in enumerate(bank.form_items(form)):  # type: ignore[arg-type]
        if isinstance(item, Scenario):
            responses[item.id] = item.options[index % 4].id
        elif isinstance(item, LikertItem) and item.scale == "frequency":
            responses[item.id] = 1 + index % 4
        elif isinstance(item, LikertItem):
            responses[item.id] = 1 + index % 5
    responses[PLAIN_FREQUENCY] = 4  # "more often"
    responses[TEAM_FREQUENCY] = UNSURE  # "no occasion"
    return Answers(
        bank_version=FIXTURE_VERSION,
        form=form,  # type: ignore[arg-type]
        background="changer",
        responses=responses,
    )


@pytest.mark.parametrize("form", ["short", "full"])
def test_share_code_round_trip_with_a_count_and_no_occasion(questions: Path, form: str) -> None:
    """A share code carries "more often" and "no occasion" and gives the same result back."""
    answers = _answers(form)
    code = encode_share_code(answers)
    decoded = decode_code(code)
    assert decoded.answers == answers
    assert decoded.answers.responses[PLAIN_FREQUENCY] == 4
    assert decoded.answers.responses[TEAM_FREQUENCY] == UNSURE
    bank = load_bank(FIXTURE_VERSION)
    assert build_result(decoded.answers, bank) == build_result(answers, bank)
    progress = decode_code(encode_progress_code(answers, page=2))
    assert progress.answers == answers
    assert progress.page == 2


def test_batch_decoder_reads_frequency_digits_as_decode_code(questions: Path) -> None:
    """The group view's batch decoder gives the same answers for a frequency statement."""
    codes = [encode_share_code(_answers(form)) for form in ("short", "full")]
    decoded = decode_answers_many(codes)
    for code, batch in zip(codes, decoded, strict=True):
        assert batch is not None
        assert batch[0] == decode_code(code).answers


def test_a_frequency_statement_takes_six_digits(questions: Path) -> None:
    """0 unanswered, 1–4 the counts, 5 no occasion: no digit stands for an answer it lacks."""
    bank = load_bank(FIXTURE_VERSION)
    item = bank.item(PLAIN_FREQUENCY)
    assert digit_values(item) == (None, 1, 2, 3, 4, UNSURE)
