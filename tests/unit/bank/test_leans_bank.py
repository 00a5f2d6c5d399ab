"""check-bank and lean texts (issue 21.3): a rules-3 bank gives every trade-off axis what each
pole costs and a paragraph per concrete setting; a setting's preferred range names its support."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.bank.load import ARTICLE_FILE, LEANS_FILE, QUESTIONS_DIR, QUESTIONS_ENV, read_bank
from assessment.bank.models import SETTING_IDS
from assessment.errors import BankError
from tests.bankcopy import TomlData, copy_bank, edit_toml


def _v3(tmp_path: Path) -> Path:
    return copy_bank(tmp_path, 3)


def test_bank_v3_gives_every_axis_its_lean_texts() -> None:
    """Every axis of bank v3 has both poles' costs and a paragraph per setting in both
    languages, and no paragraph claims what a setting prefers (that needs an axis range)."""
    bank = read_bank(QUESTIONS_DIR / "v3")
    assert {lean.dimension for lean in bank.leans} == {
        d.id for d in bank.dimensions if d.axis is not None
    }
    for lean in bank.leans:
        for pole in (lean.a, lean.b):
            texts = [pole.cost, *(pole.setting(s) for s in SETTING_IDS)]
            for text in texts:
                assert text is not None
                for lang in ("de", "en"):
                    assert len(text(lang)) >= 60
                    assert "bevorzug" not in text(lang)
                    assert "prefer" not in text(lang)
                    assert " Sie " not in f" {text(lang)} "  # a shared result shows them as is


def test_a_missing_setting_paragraph_is_refused(tmp_path: Path) -> None:
    """A pole without its paragraph for one setting is refused, naming the file, axis and pole."""
    folder = _v3(tmp_path)

    def drop(data: TomlData) -> None:
        del data["leans"][4]["b"]["industry"]

    edit_toml(folder / LEANS_FILE, drop)
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    text = str(caught.value)
    assert LEANS_FILE in text
    assert "security.b" in text
    assert "without a paragraph for the setting industry" in text


def test_an_axis_without_lean_texts_is_refused(tmp_path: Path) -> None:
    """An axis whose lean texts are missing altogether is refused by name."""
    folder = _v3(tmp_path)
    edit_toml(folder / LEANS_FILE, lambda data: data["leans"].pop(0))
    with pytest.raises(BankError, match=r"crisis.*axis without lean texts"):
        read_bank(folder)


def test_a_missing_leans_file_is_refused_under_rules_3(tmp_path: Path) -> None:
    """Rules 3 ask for the file; without it check-bank says so."""
    folder = _v3(tmp_path)
    (folder / LEANS_FILE).unlink()
    with pytest.raises(BankError, match=r"file is missing .these rules ask for lean texts."):
        read_bank(folder)


def test_lean_texts_in_a_bank_whose_rules_have_none_are_refused(tmp_path: Path) -> None:
    """A v2-rules bank carrying a leans file is refused: nothing would show it."""
    folder = copy_bank(tmp_path, 2)
    shutil.copy(QUESTIONS_DIR / "v3" / LEANS_FILE, folder / LEANS_FILE)
    with pytest.raises(BankError, match="these rules have no lean texts"):
        read_bank(folder)


def test_lean_texts_for_a_dimension_without_axis_are_refused(tmp_path: Path) -> None:
    """Lean texts must belong to an axis of the bank."""
    folder = _v3(tmp_path)

    def add(data: TomlData) -> None:
        data["leans"].append({**data["leans"][0], "dimension": "ghost"})

    edit_toml(folder / LEANS_FILE, add)
    with pytest.raises(BankError, match=r"ghost.*lean texts for a dimension without an axis"):
        read_bank(folder)


def _add_range(data: TomlData, support: bool) -> None:
    profile = next(p for p in data["profiles"] if p["id"] == "industry")
    axis: TomlData = {
        "low": 55,
        "high": 100,
        "rationale": {"de": "Begründung.", "en": "Reason."},
    }
    if support:
        axis["support"] = {
            "quote": "sensible Daten (Stichwort: Hafentechnologie, Logistikprozesse)"
        }
    profile["axes"] = {"security": axis}


def test_a_preferred_range_without_support_is_refused(tmp_path: Path) -> None:
    """A setting's preferred range on an axis that names no support fails check-bank, naming the
    profiles file and the setting; with a support it loads."""
    folder = _v3(tmp_path)
    edit_toml(folder / "profiles.toml", lambda data: _add_range(data, support=False))
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert "profiles.toml" in str(caught.value)
    assert "support" in str(caught.value)
    edit_toml(folder / "profiles.toml", lambda data: _add_range(data, support=True))
    assert read_bank(folder).profiles["industry"].axes["security"].low == 55


def test_check_bank_refuses_a_broken_copy_in_one_line(tmp_path: Path) -> None:
    """`selbstcheck check-bank` on a questions folder whose v3 lacks a setting paragraph exits 2
    with one line naming the problem."""
    root = tmp_path / "questions"
    root.mkdir()
    shutil.copy(QUESTIONS_DIR / ARTICLE_FILE, root / ARTICLE_FILE)
    for version in (1, 2, 3):
        copy_bank(root, version)

    def drop(data: TomlData) -> None:
        del data["leans"][0]["a"]["public"]

    edit_toml(root / "v3" / LEANS_FILE, drop)
    done = subprocess.run(
        [sys.executable, "-m", "assessment", "check-bank"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, QUESTIONS_ENV: str(root)},
    )
    assert done.returncode == 2, done.stdout
    assert "crisis.a" in done.stderr
    assert "setting public" in done.stderr
    assert done.stderr.count("\n") == 1
