"""Issue 22, point 3: every table of the group page is also drawn as stacked rows for a phone
(assessment/ui/stacked.py; which one shows is a CSS media query, tested in Chromium in
tests/e2e/test_phone_tables.py): the same cells as the grid, escaped, empty cells left out, and
a long list shown PAGE_ROWS rows at a time."""

from __future__ import annotations

import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from assessment.messages import msg
from assessment.ui import group as group_page
from assessment.ui import stacked, state
from tests.ui.test_group_page import CODES, PAYLOADS, group_app, paste


def _stacked(at: AppTest) -> list[str]:
    """Return the HTML of every block of stacked rows on the page, in page order."""
    bodies = [str(element.proto.body) for element in at.get("html")]
    return [body for body in bodies if 'class="stacked-rows"' in body]


def _rows(body: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", body)


def test_every_group_table_has_stacked_rows_with_the_grids_cells() -> None:
    at = paste(group_app(lang="de"), [*CODES, PAYLOADS[0]])
    assert not at.exception
    grids = [d.value for d in at.dataframe]
    blocks = _stacked(at)
    assert len(blocks) == len(grids) == 3  # skipped lines, demands, people
    skipped, demands, people = (_rows(body) for body in blocks)
    assert len(skipped) == 1
    assert "&lt;img src=x onerror=alert(1)&gt;" in skipped[0]
    assert "<img" not in "".join(blocks)  # nothing unescaped
    assert len(demands) == len(grids[1])
    first_demand = grids[1].iloc[0]
    assert demands[0].startswith(f"<strong>{first_demand.iloc[0]}</strong>")
    assert len(people) == len(CODES)
    person = msg("ux.stacked.person", "de", number=1)
    assert people[0].startswith(f"<strong>{person}</strong>")
    for column in grids[2].columns[3:6]:
        assert f"{html.escape(column)}:</span>" in people[0]


def test_a_long_list_shows_a_page_of_rows_at_a_time() -> None:
    lines = [*CODES, *(f"kein Code {n}" for n in range(stacked.PAGE_ROWS + 7))]
    at = paste(group_app(lang="de"), lines)
    assert not at.exception
    (box,) = [s for s in at.selectbox if s.key and s.key.startswith(stacked.NARROW_PREFIX)]
    assert box.key == state.widget_key(f"narrow_{group_page.INVALID_TABLE_KEY}_page", "de")
    total = stacked.PAGE_ROWS + 7
    assert box.options == [
        msg("ux.stacked.rows", "de", first=1, last=stacked.PAGE_ROWS, total=total),
        msg("ux.stacked.rows", "de", first=stacked.PAGE_ROWS + 1, last=total, total=total),
    ]
    assert len(_rows(_stacked(at)[0])) == stacked.PAGE_ROWS
    box.set_value(stacked.PAGE_ROWS).run()
    assert not at.exception
    rows = _rows(_stacked(at)[0])
    assert len(rows) == 7
    line = msg("ux.stacked.line", "de", number=len(CODES) + stacked.PAGE_ROWS + 1)
    assert rows[0].startswith(f"<strong>{line}</strong>")


def test_a_grid_longer_than_the_page_holds_shows_its_first_rows_and_says_where_the_rest_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Streamlit message holds at most 4 MB and 10,000 people come to more (bench_memory):
    the grid shows GRID_ROWS rows and says so; the phone rows and the CSV keep every person."""
    monkeypatch.setattr(stacked, "GRID_ROWS", 2)
    at = paste(group_app(lang="de"), CODES)
    assert not at.exception
    assert len(CODES) > 2
    people = at.dataframe[-1].value
    assert len(people) == 2
    captions = " ".join(c.value for c in at.caption)
    assert msg("ux.stacked.grid_cut", "de", shown="2") in captions
    assert msg("ux.stacked.grid_cut_people", "de") in captions
    assert len(_rows(_stacked(at)[-1])) == len(CODES)
