"""The v3 result page of a career starter in AppTest (issue 20): the headline speaks of a
long-term goal, the Erfahrungsfeld cards never say "unter dem Zielbereich", and the stations to
heading IT follow, with the station that builds most of what is open."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, Item, KnowledgeItem, LikertItem, Scenario, ValidityItem
from assessment.codes.share import decode_code, encode_share_code
from assessment.errors import SelbstcheckError
from assessment.ui import state
from tests.banks import _answers
from tests.ui.conftest import headings, item_keys, new_app, start, texts

pytestmark = pytest.mark.usefixtures("slow_clock")


def _v3_codes_round_trip() -> bool:
    """Return whether a v3 share code carries knowledge answers (retake3's share code)."""
    bank = load_bank(3)
    answers = _answers(bank, "weak", "short", "public", "starter")
    answers = answers.model_copy(
        update={
            "responses": {
                **answers.responses,
                **{k.id: UNSURE for k in bank.knowledge if k.id in answers.responses},
            }
        }
    )
    try:
        return decode_code(encode_share_code(answers)).answers == answers
    except SelbstcheckError:
        return False


def weak(item: Item) -> int | str:
    """The lowest answer everywhere, the weakest option, "can't say" to knowledge questions."""
    if isinstance(item, LikertItem):
        return 1 if item.keying == "plus" else 5
    if isinstance(item, Scenario):
        return min(item.options, key=lambda option: option.score).id
    if isinstance(item, KnowledgeItem):
        return UNSURE
    return 1 if isinstance(item, ValidityItem) else 3


def complete(at: AppTest) -> AppTest:
    bank = load_bank(3)
    for _ in range(80):
        keys = item_keys(at)
        if not keys:
            return at
        for key in keys:
            at.radio(key=key).set_value(weak(bank.item(state.item_of_key(key))))
        at.run()
        at.button(key="nav_next").click().run()
        assert not at.exception
    raise AssertionError("the questionnaire did not end")


@pytest.mark.skipif(
    not _v3_codes_round_trip(), reason="the result page needs v3 share codes (retake3)"
)
def test_a_v3_starter_reads_a_long_term_goal_and_the_stations() -> None:
    at = complete(start(new_app(), form="short", profile="public", background="starter"))
    headers = headings(at)
    shown = texts(at)
    assert any("ist für Sie ein langfristiges Ziel" in h for h in headers)
    assert "deutliche Lücken" not in shown.split("Vergleich der Umfelder")[0]
    assert "Erfahrungsfelder" in headers
    # Every card below its band is an Erfahrungsfeld here: none reads the below verdict.
    assert "Erfahrungsfeld: Bis zum Zielbereich" in shown
    assert "Ihr Wert liegt unter dem Zielbereich" not in shown
    assert "Stationen bis zur IT-Leitung" in headers
    assert "IT-Leitung ist selten eine Einstiegsstelle." in shown
    assert "am meisten von dem, was Ihnen noch fehlt" in shown
    assert "Im öffentlichen Dienst: der Weg durch die Entgeltgruppen" in [
        s.value.replace("\\", "") for s in at.subheader
    ]
    assert "(Quelle: TVöD (VKA) § 16 Abs. 3)" in shown


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_methodology_page_shows_the_din_points(lang: str) -> None:
    """?view=method for the newest bank (v3): every DIN 33430 section and the TVöD sources."""
    at = new_app(view="method", lang=lang)
    assert not at.exception
    headings = [s.value.replace("\\", "") for s in at.header]
    expected = {
        "de": ("Wie die Anforderungen entstanden sind", "Was für eine Überprüfung nötig wäre"),
        "en": ("How the requirements were derived", "What an evaluation would need"),
    }[lang]
    for heading in expected:
        assert heading in headings
    assert "TVöD (VKA) § 16 Abs. 3" in texts(at)
