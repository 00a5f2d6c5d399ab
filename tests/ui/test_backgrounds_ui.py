"""The start page offers bank v3's four backgrounds (issue 22); the chosen one travels in the
URL and the codes, and a shared result names it to nobody but keeps its wording."""

from __future__ import annotations

from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui import state
from tests.ui.conftest import new_app, start, start_key


def test_four_backgrounds_one_under_the_other_and_the_fourth_travels() -> None:
    at = new_app()
    radio = at.radio(key=start_key(at, "start_background"))
    assert list(radio.options) == [
        "Einstieg (Studium, Ausbildung, erste Berufsjahre)",
        "Wechsel aus einem anderen Fach",
        "Erfahrung in der IT, noch ohne Leitung",
        "Erfahrung in der IT-Leitung",
    ]
    assert radio.horizontal is False
    at = start(at, background="specialist")
    assert not at.exception
    assert at.session_state[state.FLOW_KEY].experience == "specialist"
    assert at.query_params["bg"] == ["specialist"] or at.query_params["bg"] == "specialist"
    code = at.query_params[PROGRESS_PARAM]
    code = code[0] if isinstance(code, list) else code
    assert decode_code(code).answers.background == "specialist"


def test_english_labels() -> None:
    at = new_app(lang="en")
    radio = at.radio(key=start_key(at, "start_background"))
    assert list(radio.options) == [
        "Starting out (studies, apprenticeship, first years)",
        "Switching from another field",
        "Experienced in IT, not yet leading",
        "Experienced in leading IT",
    ]
