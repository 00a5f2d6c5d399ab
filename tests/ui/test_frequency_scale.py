"""The frequency scale in the app (rules 4): a statement asked how often shows never, once,
2–3 times, more often and "no occasion" in German and English, keeps its answer through a
language switch, and the colleague's questionnaire rates it on the same scale (fixture bank:
tests/frequencybank.py, the newest version of its questions folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import QUESTIONS_ENV, load_bank
from assessment.bank.models import UNSURE, LikertItem
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.i18n import Language
from assessment.peer.codes import Invitation, encode_invitation
from assessment.ui import peer, state
from tests.frequencybank import FIXTURE_VERSION, PLAIN_FREQUENCY, TEAM_FREQUENCY, frequency_bank
from tests.ui.conftest import answer_page, item_keys, new_app, start, strong, texts
from tests.ui.test_peer_views import peer_item, rating_keys

pytestmark = pytest.mark.usefixtures("slow_clock")

FREQUENCY_LABELS = {
    "de": ["nie", "einmal", "2–3-mal", "öfter", "keine Gelegenheit"],
    "en": ["never", "once", "2–3 times", "more often", "no occasion"],
}
PEER_LABELS = {
    "de": ["nie", "einmal", "2–3-mal", "öfter", "Kann ich nicht beurteilen"],
    "en": ["never", "once", "2–3 times", "more often", "Can't judge"],
}
AGREE_DE = "trifft voll zu"


@pytest.fixture(autouse=True)
def questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "questions"
    frequency_bank(root)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))
    return root


def _switch(at: AppTest, lang: Language) -> AppTest:
    at.segmented_control(key="lang_switch").set_value(lang).run()
    assert not at.exception
    return at


def _to_page_with(at: AppTest, item_id: str) -> str:
    """Answer pages (the strong way) until one shows item_id; return its radio's key."""
    for _ in range(30):
        for key in item_keys(at):
            if state.item_of_key(key) == item_id:
                return key
        answer_page(at, strong)
        at.button(key="nav_next").click().run()
        assert not at.exception
    raise AssertionError(f"{item_id} never shown")


def test_frequency_statement_shows_its_scale_in_both_languages() -> None:
    """A frequency statement without `presumes` offers the four counts and "keine Gelegenheit"
    (an agreement statement beside it keeps "trifft … zu"); its radio is labelled with the
    statement and read out option by option; the English page shows the English labels."""
    at = start(new_app(), form="short", background="changer")
    assert at.session_state[state.FLOW_KEY].bank_version == FIXTURE_VERSION
    key = _to_page_with(at, PLAIN_FREQUENCY)
    radio = at.radio(key=key)
    assert radio.options == FREQUENCY_LABELS["de"]
    assert "„keine Gelegenheit“ – das zählt weder für noch gegen Sie" in texts(at)
    item = load_bank(FIXTURE_VERSION).item(PLAIN_FREQUENCY)
    assert isinstance(item, LikertItem)
    assert item.presumes is None
    assert item.text.de[:30] in radio.label
    assert radio.proto.label_visibility.value == radio.proto.label_visibility.VISIBLE
    agreeing = [
        at.radio(key=k).options
        for k in item_keys(at)
        if (i := load_bank(FIXTURE_VERSION).item(state.item_of_key(k)))
        and isinstance(i, LikertItem)
        and i.scale == "agree"
    ]
    assert agreeing
    assert all(AGREE_DE in options for options in agreeing)
    _switch(at, "en")
    english = next(k for k in item_keys(at) if state.item_of_key(k) == PLAIN_FREQUENCY)
    assert at.radio(key=english).options == FREQUENCY_LABELS["en"]
    assert item.text.en[:30] in at.radio(key=english).label


@pytest.mark.parametrize("value", [2, UNSURE])
def test_a_frequency_answer_survives_a_language_switch(value: int | str) -> None:
    """'once' or 'no occasion' given in German is shown in English and back, and the progress
    code in the URL carries it."""
    at = start(new_app(), form="short", background="changer")
    key = _to_page_with(at, PLAIN_FREQUENCY)
    at.radio(key=key).set_value(value).run()
    assert not at.exception
    _switch(at, "en")
    english = next(k for k in item_keys(at) if state.item_of_key(k) == PLAIN_FREQUENCY)
    assert at.radio(key=english).value == value
    shown = at.radio(key=english)
    assert shown.index is not None
    assert shown.options[shown.index] == FREQUENCY_LABELS["en"][1 if value == 2 else 4]
    _switch(at, "de")
    again = next(k for k in item_keys(at) if state.item_of_key(k) == PLAIN_FREQUENCY)
    assert at.radio(key=again).value == value
    decoded = decode_code(at.query_params[PROGRESS_PARAM])
    assert decoded.answers.responses[PLAIN_FREQUENCY] == value


def _invitation(lang: Language) -> str:
    return encode_invitation(
        Invitation(
            bank_version=FIXTURE_VERSION,
            form="short",
            language=lang,
            name="Anna K.",
            invitation_id="C0FFEE",
        )
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_colleague_rates_a_frequency_statement_on_its_scale(lang: Language) -> None:
    """The colleague's questionnaire rates a frequency statement (in the third person) never …
    more often or "can't judge", an agreement statement on the bank's five labels."""
    at = new_app(view="invite", i=_invitation(lang))
    assert not at.exception
    bank = load_bank(FIXTURE_VERSION)
    for _ in range(10):
        keys = {peer_item(k): k for k in rating_keys(at)}
        if PLAIN_FREQUENCY in keys or TEAM_FREQUENCY in keys:
            break
        at.button(key=peer.NEXT_KEY).click().run()
    found = [item_id for item_id in keys if bank.item(item_id).scale == "frequency"]  # type: ignore[union-attr]
    assert found
    for item_id in found:
        radio = at.radio(key=keys[item_id])
        assert radio.options == PEER_LABELS[lang]
        item = bank.item(item_id)
        assert isinstance(item, LikertItem)
        assert item.peer is not None
    agree = next(k for i, k in keys.items() if bank.item(i).scale == "agree")  # type: ignore[union-attr]
    assert len(at.radio(key=agree).options) == 6
    at.radio(key=keys[found[0]]).set_value(4).run()
    assert not at.exception
    assert at.radio(key=keys[found[0]]).value == 4
