"""The "Fremdbild einholen" box: whom a career starter can ask (UX pass 3, m-11), and that two
identical ratings count once, said where the person invites (m-6)."""

from __future__ import annotations

import pytest

from assessment.bank.models import Experience
from assessment.i18n import Language
from assessment.messages import msg
from tests.ui.conftest import new_app, start
from tests.ui.test_app_v2 import complete_v2

pytestmark = pytest.mark.usefixtures("slow_clock")


@pytest.mark.parametrize(
    ("lang", "background"), [("de", "starter"), ("en", "starter"), ("de", "changer")]
)
def test_the_ask_box_names_whom_to_ask_and_that_identical_codes_count_once(
    lang: Language, background: Experience
) -> None:
    """A starter is asked for trainers, internship supervisors, lecturers and side-job
    colleagues, not for "colleagues who have worked with you"; everyone reads, under the
    heading and before the invitation link, that the same ratings count once."""
    at = complete_v2(start(new_app(lang=lang), background=background))
    assert not at.exception
    markdown = [str(m.value) for m in at.markdown]
    starter = background == "starter"
    intro = msg("ux5.peer.starter_intro" if starter else "ui.peer.ask_intro", lang)
    three = msg("ux5.peer.starter_three" if starter else "nav.peer.ask_three", lang)
    assert markdown.index(three) == markdown.index(intro) + 1
    other = msg("ui.peer.ask_intro" if starter else "ux5.peer.starter_intro", lang)
    assert other not in markdown
    if starter and lang == "de":
        for who in ("Ausbilder", "Praktikums", "Dozent", "Nebenjob"):
            assert who in intro
        assert "die mit Ihnen gearbeitet haben" not in intro
    captions = [str(c.value) for c in at.caption]
    assert msg("ux5.peer.same_code_once", lang) in captions
    invite = msg("ui.peer.invite_link_label", lang)
    assert markdown.index(invite) > markdown.index(three)
