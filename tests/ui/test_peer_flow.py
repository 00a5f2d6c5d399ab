"""The colleague flow does not lose work (issue 22, point 4), in AppTest: "mindestens drei" is
said before inviting, the comparison page takes further codes (two codes are no dead end), and
the colleague's statements name the person. The paged questionnaire with its progress line,
time estimate and ratings kept in the URL is tested in tests/ui/test_peer_views.py."""

from __future__ import annotations

import pytest

from assessment.codes.links import PEERS_PARAM, SHARE_PARAM
from assessment.i18n import Language
from assessment.messages import msg
from assessment.ui import peer
from tests.ui.conftest import new_app, start, texts
from tests.ui.test_app_v2 import complete_v2
from tests.ui.test_peer_views import invitation, mirror_app, rating_keys
from tests.unit.peer.test_peer import peer_code

pytestmark = pytest.mark.usefixtures("slow_clock")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_invitation_section_asks_for_three_before_any_code(lang: Language) -> None:
    at = new_app(lang=lang)
    complete_v2(start(at))
    markdown = [str(m.value) for m in at.markdown]
    three = markdown.index(msg("nav.peer.ask_three", lang))
    assert markdown.index(msg("ui.peer.ask_intro", lang)) == three - 1
    wanted = "mindestens drei Kolleginnen und Kollegen" if lang == "de" else "at least three"
    assert wanted in texts(at)
    assert not at.exception


@pytest.mark.parametrize("lang", ["de", "en"])
def test_two_codes_are_no_dead_end_a_third_is_added_on_the_comparison(lang: Language) -> None:
    two = [peer_code(2), peer_code(4)]
    at = mirror_app(lang, two)
    assert len(at.get("vega_lite_chart")) == 0, "too few: no figures"
    share = at.query_params[SHARE_PARAM]
    at.button(key=peer.ADD_BUTTON_KEY).click().run()
    assert msg("nav.peer.add_none", lang) in [e.value for e in at.error]
    at.text_area(key=peer.ADD_KEY).input(f"{two[0]}\n{peer_code(3)}").run()
    at.button(key=peer.ADD_BUTTON_KEY).click().run()
    assert not at.exception
    assert at.query_params[PEERS_PARAM] == ",".join([*two, peer_code(3)]), "no code twice"
    assert at.query_params[SHARE_PARAM] == share
    assert at.query_params["lang"] == lang
    assert len(at.get("vega_lite_chart")) == 1, "three codes: the comparison with figures"
    assert not at.error
    assert at.text_area(key=peer.ADD_KEY).value == ""
    # A fourth later on joins them.
    at.text_area(key=peer.ADD_KEY).input(peer_code(5)).run()
    at.button(key=peer.ADD_BUTTON_KEY).click().run()
    assert at.query_params[PEERS_PARAM].split(",") == [*two, peer_code(3), peer_code(5)]


@pytest.mark.parametrize(
    ("lang", "name", "statement", "heading"),
    [
        ("de", "Thomas", "Person (Thomas)", "Aussagen über Thomas"),
        ("en", "Thomas", "Thomas", "Statements about Thomas"),
        ("de", None, "Person", "Aussagen über die Person"),
    ],
)
def test_the_colleagues_statements_name_the_person(
    lang: Language, name: str | None, statement: str, heading: str
) -> None:
    at = new_app(view="invite", i=invitation(lang, name=name))
    assert not at.exception
    assert heading in [h.value for h in at.header]
    labels = [str(at.radio(key=key).label).replace("\\", "") for key in rating_keys(at)]
    assert labels
    assert all(statement in label for label in labels), labels
    if name is None:
        assert not [label for label in labels if "(" in label]
    if lang == "en":
        assert not [label for label in labels if "this person" in label.lower()]
