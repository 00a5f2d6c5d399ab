"""The stations to heading IT as bank data (questions/v3/path.toml): optional, every demand
reachable, every figure sourced or marked as this check's reading."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assessment.bank.load import PATH_FILE, QUESTIONS_DIR, load_bank, read_bank
from assessment.bank.models import PathStep, Text
from assessment.errors import BankError

# A digit or a German/English number word marks a figure in a text.
FIGURE = re.compile(
    r"\d|\b(ein|zwei|drei|vier|fünf|acht|zwölf|one|two|three|four|five|eight|twelve)\b"
)


def test_banks_before_v3_have_no_path() -> None:
    """v1 and v2 are released and stay as they are: no stations."""
    assert load_bank(1).path is None
    assert load_bank(2).path is None


def test_every_demand_is_built_by_some_station() -> None:
    """Whatever a person's weakest demand is, a station names it."""
    bank = load_bank(3)
    assert bank.path is not None
    built = {d for station in bank.path.stations for d in station.builds}
    assert built == set(bank.dimension_ids)


def test_the_stations_serve_starters_and_changers_and_end_at_the_role() -> None:
    bank = load_bank(3)
    assert bank.path is not None
    first, *later = bank.path.stations
    assert set(first.backgrounds) == {"starter", "changer"}
    # Issue 22: people experienced in IT, not yet leading, see the stations after administration.
    for station in later:
        assert set(station.backgrounds) == {"starter", "changer", "specialist"}
    assert bank.path.stations[-1].id == "lead"
    assert "selten eine Einstiegsstelle" in bank.path.intro("de")
    assert "rarely an entry job" in bank.path.intro("en")


def test_every_figure_is_sourced_or_this_checks_reading() -> None:
    """A station's span or the total with a figure is marked as the check's reading; a public-
    sector step with a figure names its source or is marked (the model refuses neither)."""
    bank = load_bank(3)
    assert bank.path is not None
    for station in bank.path.stations:
        if FIGURE.search(station.span("de")) or FIGURE.search(station.span("en")):
            assert station.reading, station.id
    assert FIGURE.search(bank.path.total("de"))
    assert bank.path.total_reading
    assert bank.path.public is not None
    for step in bank.path.public.steps:
        assert (step.source is not None) != step.reading
        if step.source is not None:
            assert re.search(r"TVöD|Entgeltordnung", step.source)


def test_a_step_without_source_must_be_marked_as_reading() -> None:
    text = Text(de="Stufe 2 nach einem Jahr.", en="Step 2 after one year.")
    with pytest.raises(ValueError, match="source or is marked"):
        PathStep(text=text, reading=False)
    with pytest.raises(ValueError, match="source or is marked"):
        PathStep(text=text, source="TVöD (VKA) § 16", reading=True)


def _copy_v3(tmp_path: Path) -> Path:
    folder = tmp_path / "v3"
    shutil.copytree(QUESTIONS_DIR / "v3", folder)
    return folder


def test_a_station_building_an_unknown_demand_is_refused(tmp_path: Path) -> None:
    folder = _copy_v3(tmp_path)
    path = folder / PATH_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '"foundation", "security"', '"nosuch", "security"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(BankError, match="unknown dimension nosuch"):
        read_bank(folder)


def test_the_path_file_is_optional(tmp_path: Path) -> None:
    folder = _copy_v3(tmp_path)
    (folder / PATH_FILE).unlink()
    assert read_bank(folder).path is None
