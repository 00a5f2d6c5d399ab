"""Issue 22, the UX pass on the result surfaces (AppTest): the settings side by side when the
setting was left open, the change after extra questions said once, the extra-questions offer
compact and after the summary, and a shared result's steps read as the person's."""

from __future__ import annotations

import pytest

from assessment.messages import msg
from tests.ui.conftest import sections
from tests.ui.test_result_summary import _order, _own

pytestmark = pytest.mark.usefixtures("slow_clock")
NEWEST = 3


@pytest.mark.parametrize("level", [2, 4])
def test_compare_all_shows_the_settings_in_the_summary_and_their_section(level: int) -> None:
    """ "noch offen – alle vergleichen": before the first section the summary names every setting
    (one line when all three read the same) and points to the comparison, which is there even
    when its rows are identical."""
    at, summary = _own(NEWEST, level, "duisburg")
    brief = summary.brief
    assert brief is not None
    assert brief.settings
    order = _order(at)
    first_section = next(i for i, (kind, _) in enumerate(order) if kind == "expander")
    before = "\n".join(text for _, text in order[:first_section])
    assert brief.settings_heading in before
    assert all(line.replace("\\", "") in before for line in brief.settings)
    assert msg("brief.settings.more", "de") in before
    assert msg("ui.result.comparison_heading", "de") in sections(at)
