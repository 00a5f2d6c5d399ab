"""The result page says open points shared by every setting once (issue 20), and headings say
who set the ratings."""

from __future__ import annotations

from assessment.bank.load import load_bank
from assessment.codes.share import encode_share_code
from assessment.engine.result import build_result
from assessment.messages import msg
from assessment.render.summary import common_gaps, summarize
from tests.ui.conftest import new_app, sections, texts
from tests.unit.engine.test_personas_v2 import Persona, answers_of


def test_the_same_open_points_everywhere_appear_once_on_the_page() -> None:
    """A short form with every demand at the border: no table column repeating the same list
    three times; one line below the table says it once."""
    bank = load_bank(2)
    answers = answers_of(Persona(traits=dict.fromkeys(bank.dimension_ids, 3)), form="short")
    summary = summarize(build_result(answers, bank), bank, "de")
    shared = common_gaps(summary)
    assert shared is not None
    at = new_app(r=encode_share_code(answers), lang="de")
    assert not at.exception
    page = texts(at)
    # Issue 22: a comparison whose rows all read the same is left out; where it is shown, the
    # shared open points are said once below it. Never repeated per setting.
    assert page.count(shared[0]) <= 1
    if msg("ui.result.comparison_heading", "de") in sections(at):
        assert msg("ui.result.gaps_everywhere", "de", gaps=", ".join(shared)) in page
    for table in at.table:
        assert msg("ui.result.col_gaps", "de") not in list(table.value.columns)
    assert (
        msg("ui.result.scenarios_heading", "de") == "So bewerten wir die Möglichkeiten – und warum"
    )
    assert msg("ui.result.scenarios_heading", "de") in page
