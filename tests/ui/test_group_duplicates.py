"""Duplicate lines on the group page are called duplicates, never unreadable (issue 23)."""

from __future__ import annotations

import pytest

from assessment.i18n import Language
from assessment.messages import msg
from tests.ui.test_group_page import CODES, group_app, paste


@pytest.mark.parametrize("lang", ["de", "en"])
def test_duplicates_get_their_own_message_and_are_not_called_unreadable(lang: Language) -> None:
    """Only duplicates skipped: one honest note ("doppelt, nur einmal gezählt"), no warning
    about unreadable lines; with one unreadable line as well, the warning counts only that."""
    at = paste(group_app(lang=lang), [*CODES, CODES[0], CODES[1]])
    assert not at.exception
    assert msg("group.duplicates_dropped", lang, count=2) in [i.value for i in at.info]
    assert not at.warning
    assert "doppelt, nur einmal gezählt" in msg("group.duplicates_dropped", "de", count=2)

    at = paste(group_app(lang=lang), [*CODES, CODES[0], "kaputt-123_xyzabc"])
    assert not at.exception
    assert [w.value for w in at.warning] == [msg("ui.group.invalid_intro", lang, count=1)]
    assert msg("group.duplicates_dropped", lang, count=1) in [i.value for i in at.info]
