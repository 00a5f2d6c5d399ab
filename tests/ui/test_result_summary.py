"""Issue 22, points 1 and 3 (AppTest): the result opens with the one-screen summary; everything
else follows in sections to open, and a section with nothing to say is left out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Expander, Node

from assessment.bank.models import ProfileId
from assessment.codes.share import encode_progress_code, encode_share_code
from assessment.engine.result import build_result
from assessment.messages import msg, voiced
from assessment.render.summary import Summary, summarize
from assessment.ui import state
from tests.banks import RELEASED, _preferences
from tests.ui.conftest import new_app, sections
from tests.unit.render.test_brief import _result

pytestmark = pytest.mark.usefixtures("slow_clock")
NEWEST = max(RELEASED)


def _walk(node: Node) -> Iterator[tuple[str, str]]:
    """Yield (kind, text) of every element under node in page order; a section (expander)
    yields its label before its content."""
    if isinstance(node, Block):
        if isinstance(node, Expander):
            yield "expander", str(node.label)
        for child in node.children.values():
            yield from _walk(child)
        return
    value = getattr(node, "value", None)
    yield node.type, str(value) if value is not None else ""


def _order(at: AppTest) -> list[tuple[str, str]]:
    return [(kind, text.replace("\\", "")) for kind, text in _walk(at.main)]


def _own(
    version: int,
    level: int,
    profile: ProfileId,
    lean: int = 3,
    levels: dict[str, int] | None = None,
) -> tuple[AppTest, Summary]:
    """Open one's own result (the finished questionnaire's progress code) of answers at level
    (per dimension where levels says otherwise)."""
    bank, result = _result(version, level, form="short", profile=profile, lean=lean, levels=levels)
    # The working-conditions page is part of the questionnaire: answered, as a person would.
    responses = _preferences(bank) | dict(result.answers.responses)
    result = build_result(result.answers.model_copy(update={"responses": responses}), bank)
    done = len(state.pages_of(version, "short"))
    at = new_app(p=encode_progress_code(result.answers, done), lang="de")
    assert not at.exception
    return at, summarize(result, bank, "de")


@pytest.mark.parametrize("version", RELEASED)
def test_the_summary_comes_first_and_the_rest_is_in_sections(version: int) -> None:
    """Verdict, what it rests on, the urgent steps with their first action and every way on
    stand before the first section; the demands are in sections, none shown open."""
    at, summary = _own(version, 2, "industry")
    brief = summary.brief
    assert brief is not None
    order = _order(at)
    first_section = next(i for i, (kind, _) in enumerate(order) if kind == "expander")
    before = "\n".join(text for _, text in order[:first_section])
    wanted = [summary.headline, brief.rests_on, brief.steps_heading, brief.where_heading]
    wanted += [d.text for d in (*brief.strongest, *brief.steps)]
    wanted += [entry.text for entry in brief.where]
    missing = [text for text in wanted if text.replace("\\", "") not in before]
    assert missing == []
    assert brief.steps, "weak answers leave steps to take"
    assert ("header", summary.headline) == next(e for e in order if e[0] == "header")
    assert not any(e.proto.expanded for e in at.expander)
    groups = {g.heading for g in summary.groups}
    assert groups <= set(sections(at))
    # No card sits outside its section: every verdict comes after the first section.
    after = "\n".join(text for _, text in order[first_section:])
    assert all(card.verdict.replace("\\", "") in after for card in summary.cards)
    assert not any(card.verdict.replace("\\", "") in before for card in summary.cards)


def test_sections_with_nothing_to_say_are_left_out() -> None:
    """Short form, trade-offs in the middle, a setting without preferred ranges, the same open
    points everywhere: no trade-off section, no comparison; the summary offers the full form.
    The technical foundation is answered at the top: the settings set it different floors, so
    at 4 (on a frequency statement 67 points, rules 4) it would be met in one setting only."""
    at, summary = _own(NEWEST, 4, "mittelstand", levels={"foundation": 5})
    brief = summary.brief
    assert brief is not None
    assert brief.telling_axes == ()
    assert not brief.comparison_differs
    shown = sections(at)
    assert voiced("ui.result.axes_heading", "de", "self") not in shown
    assert msg("ui.result.comparison_heading", "de") not in shown
    assert msg("v2.axis_open", "de") not in "\n".join(t for _, t in _order(at))
    assert brief.where[0].key == "full_form"


def test_sections_with_something_to_say_stay() -> None:
    """Trade-offs answered at a pole and a comparison whose rows differ keep their sections."""
    at, summary = _own(NEWEST, 2, "industry", lean=5)
    brief = summary.brief
    assert brief is not None
    assert brief.telling_axes
    assert brief.comparison_differs
    shown = sections(at)
    assert voiced("ui.result.axes_heading", "de", "self") in shown
    assert msg("ui.result.comparison_heading", "de") in shown


def test_a_shared_result_opens_with_the_summary_about_the_person() -> None:
    """?r= shows the summary first too, worded about the person."""
    bank, result = _result(NEWEST, 2, form="short", profile="industry")
    at = new_app(r=encode_share_code(result.answers), lang="de")
    assert not at.exception
    summary = summarize(result, bank, "de", "other")
    assert summary.brief is not None
    order = _order(at)
    first_section = next(i for i, (kind, _) in enumerate(order) if kind == "expander")
    before = "\n".join(text for _, text in order[:first_section])
    assert all(e.text.replace("\\", "") in before for e in summary.brief.where)
    assert voiced("brief.where_career", "de", "other") in before
