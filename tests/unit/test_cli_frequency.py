"""The command line with frequency statements (rules 4): an answers file gives them 1–4 or "na",
a 5 exits 2 in one line naming the statement; check-bank refuses a frequency statement in a bank
whose rules lack the scale; the schemas name the frequency answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment.bank.load import QUESTIONS_ENV
from assessment.bank.models import UNSURE
from assessment.cli import run
from assessment.engine.answers import Answers
from tests.bankcopy import TomlData, edit_toml
from tests.frequencybank import FIXTURE_VERSION, PLAIN_FREQUENCY, TEAM_FREQUENCY, frequency_bank


@pytest.fixture
def questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "questions"
    frequency_bank(root)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))
    return root


def _file(tmp_path: Path, responses: dict[str, int | str]) -> Path:
    path = tmp_path / "answers.json"
    answers = Answers(bank_version=FIXTURE_VERSION, form="short", responses=responses)
    path.write_text(answers.model_dump_json(), encoding="utf-8")
    return path


def test_answers_file_with_counts_and_no_occasion_scores(
    questions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'more often' and 'no occasion' are valid answers of a file; the result is printed."""
    path = _file(tmp_path, {PLAIN_FREQUENCY: 4, TEAM_FREQUENCY: UNSURE})
    assert run(["score", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"]["responses"] == {
        PLAIN_FREQUENCY: 4,
        TEAM_FREQUENCY: UNSURE,
    }


@pytest.mark.parametrize("lang", ["de", "en"])
def test_answers_file_with_five_on_a_frequency_statement_exits_2(
    questions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A 5 is no answer to a frequency statement: exit 2, one line naming it and the scale."""
    path = _file(tmp_path, {PLAIN_FREQUENCY: 5})
    assert run(["--lang", lang, "score", str(path)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert PLAIN_FREQUENCY in error
    assert ("1 bis 4" if lang == "de" else "1 to 4") in error


def test_check_bank_refuses_frequency_under_rules_3(
    questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixture bank set back to rules 3 is refused, naming the frequency statements."""
    edit_toml(questions / f"v{FIXTURE_VERSION}" / "bank.toml", _rules_3)
    assert run(["check-bank"]) == 2
    out = capsys.readouterr()
    assert "rules 3 do not know" in out.out + out.err
    assert PLAIN_FREQUENCY in out.out + out.err


def _rules_3(data: TomlData) -> None:
    data["rules"] = 3


def test_check_bank_passes_the_fixture(questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check-bank"]) == 0
    assert f"v{FIXTURE_VERSION}: ok" in capsys.readouterr().out


def test_schemas_name_the_frequency_answers(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema answers` says 1–4 on a frequency statement; `schema bank` knows the scale."""
    assert run(["schema", "answers"]) == 0
    assert "1–4 on a frequency" in capsys.readouterr().out
    assert run(["schema", "bank"]) == 0
    assert '"frequency"' in capsys.readouterr().out
