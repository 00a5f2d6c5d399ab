"""The group view's words and file (issue 22): levels in agreement with their counts and no
list of zeros; the CSV opens in German Excel with its umlauts (UTF-8 with a byte order mark)."""

from __future__ import annotations

import csv
import io

import pytest

from assessment.bank.load import load_bank
from assessment.engine.matching import Level
from assessment.group.overview import CSV_BOM, group_csv, group_csv_bytes, score_group
from assessment.group.text import levels_line
from assessment.i18n import Language
from tests.personas import random_answers


def test_levels_name_only_what_occurs_in_agreement() -> None:
    levels: dict[Level, int] = {
        "strong": 0,
        "partial": 2,
        "gaps": 1,
        "uncertain": 0,
        "experience": 0,
        "insufficient": 0,
    }
    assert levels_line(levels, "de") == (
        "Gesamteinschätzung: „passt teilweise“ bei 2 Personen; „deutliche Lücken“ bei 1 Person"
    )
    assert levels_line(levels, "en") == (
        "Overall: “partly fits” for 2 people; “clear gaps” for 1 person"
    )
    assert "0" not in levels_line(levels, "de")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_group_csv_file_has_a_bom_and_reads_back(lang: Language) -> None:
    bank = load_bank(3)
    group = score_group(random_answers(bank, 4, seed=5), "public")
    data = group_csv_bytes(group, bank, lang)
    assert data.startswith(CSV_BOM)
    assert CSV_BOM == b"\xef\xbb\xbf"
    assert not data[len(CSV_BOM) :].startswith(CSV_BOM)
    assert data[len(CSV_BOM) :].decode("utf-8") == group_csv(group, bank, lang)
    # What Excel does with the mark: reads UTF-8, so "Führung" stays "Führung".
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "de" else ","))
    assert rows[0][0] == "Person"
    if lang == "de":
        assert "Führung".encode() in data
        assert any("Führung" in cell for cell in rows[0])
