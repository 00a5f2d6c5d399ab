"""The "Willkommen zurück" notice shows on the first view after resuming from a link, and not
again after a language switch."""

from __future__ import annotations

from assessment.bank.load import load_bank
from assessment.codes.share import encode_progress_code
from assessment.engine.answers import Answers
from assessment.messages import msg
from assessment.ui.state import pages_of
from tests.ui.conftest import new_app


def _first_page_done() -> str:
    """A progress code on page 2 of the newest full form, its first page answered with 4."""
    version = load_bank().version
    first = pages_of(version, "full")[0]
    answers = Answers(
        bank_version=version,
        form="full",
        profile="mittelstand",
        language="de",
        background="changer",
        responses={item.id: 4 for item in first},
    )
    return encode_progress_code(answers, 1)


def test_welcome_back_shows_once_not_after_a_language_switch() -> None:
    at = new_app(p=_first_page_done(), lang="de")
    assert not at.exception
    assert msg("ui.quest.resumed", "de") in [info.value for info in at.info]
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception
    shown = [info.value for info in at.info]
    assert msg("ui.quest.resumed", "en") not in shown
    assert msg("ui.quest.resumed", "de") not in shown
