"""The group page with one person's code from before and from after the extra questions
(UX pass 3, m-7): counted once, and the page says which line is the earlier version."""

from __future__ import annotations

import pytest

from assessment.codes.share import encode_share_code
from assessment.i18n import Language
from assessment.messages import msg
from tests.ui.test_group_page import group_app, paste
from tests.unit.group.test_group_earlier import AFTER, BEFORE


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_code_from_before_the_extra_questions_is_named_and_not_counted(lang: Language) -> None:
    """Evaluated: 1; the note names line 1 as the earlier version of line 2; no warning about
    unreadable lines, and the skipped-lines table gives the same reason."""
    at = paste(group_app(lang=lang), [encode_share_code(BEFORE), encode_share_code(AFTER)])
    assert not at.exception
    counts = msg("group.counts", lang, people=1, invalid=1)
    assert any(counts in m.value for m in at.markdown)
    note = msg("ux5.group.earlier_note", lang, line=1, later=2)
    assert [i.value for i in at.info if note in i.value] == [note]
    assert not at.warning
    reasons = [
        row
        for frame in (d.value for d in at.dataframe)
        for row in frame.astype(str).values.tolist()
        if msg("ux5.group.earlier_version", lang, line=2) in row
    ]
    assert len(reasons) == 1


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_unreadable_line_sentence_leaves_out_the_earlier_version(lang: Language) -> None:
    """Before, after and one unreadable line: two lines skipped, and the warning about the
    unreadable one does not claim that every other line is evaluated (the earlier version is
    not): it says "every other line except those named above"."""
    lines = [encode_share_code(BEFORE), encode_share_code(AFTER), "kein Code hier"]
    at = paste(group_app(lang=lang), lines)
    assert not at.exception
    counts = msg("group.counts", lang, people=1, invalid=2)
    assert any(counts in m.value for m in at.markdown)
    assert [w.value for w in at.warning] == [
        msg("fixnew.group.invalid_intro_others", lang, count=1)
    ]
    assert msg("ui.group.invalid_intro", lang, count=1) not in [w.value for w in at.warning]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_only_unreadable_lines_keep_the_plain_sentence(lang: Language) -> None:
    """With no line skipped for another reason, every other line is evaluated, as it says."""
    at = paste(group_app(lang=lang), [encode_share_code(AFTER), "kein Code hier"])
    assert not at.exception
    assert [w.value for w in at.warning] == [msg("ui.group.invalid_intro", lang, count=1)]
