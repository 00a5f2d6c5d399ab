"""The group page on every released bank: each person's marks as on their own page, and codes with
"Kann ich (noch) nicht einschätzen" evaluated and in the item statistics without an error."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import available_versions, load_bank
from assessment.bank.models import UNSURE
from assessment.codes.share import encode_share_code
from assessment.group.overview import score_group
from assessment.messages import msg
from assessment.ui import group as group_page
from assessment.ui import state
from tests.ui.conftest import new_app, texts
from tests.unit.group.test_group_rules import population

RELEASED = available_versions()


def paste(lines: list[str]) -> AppTest:
    """Open the group page, paste lines and press Auswerten."""
    at = new_app(view=state.GROUP_VIEW)
    at.text_area(key=group_page.TEXT_KEY).input("\n".join(lines))
    return at.button(key=group_page.EVALUATE_KEY).click().run()


def table(at: AppTest, column: str) -> Any:
    """Return the DataFrame of the first table with a column of this name."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("version", RELEASED, ids=[f"v{v}" for v in RELEASED])
def test_group_page_shows_each_persons_marks_and_reads_cant_judge_yet(version: int) -> None:
    """Codes of every released bank, can't-judge-yet answers among them where the bank offers
    them: no error; the people table names each person's Erfahrungsfelder and demands an der
    Grenze as the group model (equal to their own results) has them; the item statistics open."""
    bank = load_bank(version)
    people = population(bank, 40, seed=version)
    offers_unsure = any(getattr(i, "presumes", None) for i in bank.likert)
    assert any(UNSURE in p.responses.values() for p in people) == offers_unsure
    at = paste([encode_share_code(p) for p in people])
    assert not at.exception
    assert not at.error
    (section,) = score_group(people, "duisburg").versions
    rows = table(at, "Person")
    for column, marked in (
        ("Erfahrungsfelder", [p.experience for p in section.persons]),
        ("An der Grenze", [p.borderline for p in section.persons]),
        ("Entwicklungsfelder", [p.development for p in section.persons]),
    ):
        names = [", ".join(bank.dimension(d).name("de") for d in m) for m in marked]
        assert list(rows[column]) == names
    assert list(rows["Gesamteinschätzung"]) == [
        msg("group.level_tentative", "de", level=msg(f"level.{p.level}", "de"))
        if p.tentative
        else msg(f"level.{p.level}", "de")
        for p in section.persons
    ]
    demands = table(at, "Zielbereich")
    if bank.rules.honest_verdicts:
        assert list(demands["Erfahrungsfeld"]) == [d.experience for d in section.dimensions]
        assert list(demands["An der Grenze"]) == [d.borderline for d in section.dimensions]
    shown = texts(at)
    assert (msg("group.experience_title", "de") in shown) == bool(section.experience)

    at.session_state[group_page.STATS_KEY] = True
    at.run()
    assert not at.exception
    assert not at.error
    dimensions = table(at, "Vollständige Antworten")
    left_out = "Ausgelassen („Kann ich (noch) nicht einschätzen“)"
    assert (left_out in dimensions.columns) == offers_unsure
    cells = [str(cell) for d in at.dataframe for cell in d.value.to_numpy().ravel()]
    assert "nan" not in cells
