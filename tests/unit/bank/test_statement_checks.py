"""check-bank's rules-4 statement checks: the frequency scale only under rules that know it, and
at least a third of the statements marked `wording` with a note (assessment/bank/statements.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.bank.load import read_bank
from assessment.errors import BankError
from tests.bankcopy import TomlData, copy_bank, edit_toml
from tests.frequencybank import FREQUENCY_IDS, WORDING_IDS, frequency_bank


def _edit_statement(folder: Path, item_id: str, **changes: object) -> None:
    """Set (or, with None, remove) fields of one statement of a bank folder."""
    path = folder / "items" / f"{item_id.split('_')[0]}.toml"

    def change(data: TomlData) -> None:
        for item in data["likert"]:
            if item["id"] == item_id:
                for key, value in changes.items():
                    if value is None:
                        item.pop(key, None)
                    else:
                        item[key] = value

    edit_toml(path, change)


def _refusal(folder: Path) -> str:
    with pytest.raises(BankError) as refused:
        read_bank(folder)
    return str(refused.value)


def test_the_fixture_passes(tmp_path: Path) -> None:
    """Twelve frequency statements and 20 of 60 marked with a note pass rules 4."""
    bank = read_bank(frequency_bank(tmp_path / "questions"))
    assert sum(i.scale == "frequency" for i in bank.likert) == len(FREQUENCY_IDS)
    assert sum(i.wording is not None for i in bank.likert) == len(WORDING_IDS) == 20


def test_frequency_scale_is_refused_under_rules_without_it(tmp_path: Path) -> None:
    """A rules-3 bank with a frequency statement is refused, naming the statements and count."""
    folder = copy_bank(tmp_path, version=3, as_version=9)
    _edit_statement(folder, "crisis_l3", scale="frequency")
    _edit_statement(folder, "budget_l4", scale="frequency")
    message = _refusal(folder)
    assert "budget_l4, crisis_l3" in message or "crisis_l3, budget_l4" in message
    assert '2 statements have scale = "frequency"' in message
    assert "rules 3" in message


def test_a_third_of_the_statements_must_carry_wording(tmp_path: Path) -> None:
    """19 of 60 marked is one short of a third: refused with the count and the least needed."""
    folder = frequency_bank(tmp_path / "questions")
    _edit_statement(folder, WORDING_IDS[0], wording=None, wording_note=None)
    message = _refusal(folder)
    assert "19 of 60 statements carry wording" in message
    assert "at least a third (20)" in message
    assert WORDING_IDS[1] in message


def test_a_marked_statement_needs_a_note(tmp_path: Path) -> None:
    """wording without a note (or a blank one) is refused, naming the statement."""
    folder = frequency_bank(tmp_path / "questions")
    _edit_statement(folder, "legacy_l2", wording_note="   ")
    _edit_statement(folder, "crisis_l4", wording_note=None)
    message = _refusal(folder)
    assert "crisis_l4" in message
    assert "legacy_l2" in message
    assert "2 statements marked wording have no wording_note" in message


def test_a_note_without_wording_is_refused(tmp_path: Path) -> None:
    """A wording_note on a statement not marked trap or balanced is refused."""
    folder = frequency_bank(tmp_path / "questions")
    _edit_statement(folder, "crisis_l1", wording_note="Looks balanced to me.")
    message = _refusal(folder)
    assert "crisis_l1" in message
    assert "wording_note without wording" in message
