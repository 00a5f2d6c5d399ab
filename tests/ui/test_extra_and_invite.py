"""The colleague flow does not lose work across the targeted extra questions (issue 22.4,
usability pass M3): invite → collect three codes → answer the extra questions → compare: the
invitation link stays the same and all three codes are compared."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from assessment.codes.links import INVITE_NAME_PARAM, PEERS_PARAM
from assessment.peer.codes import (
    PeerAnswers,
    decode_invitation,
    encode_peer_code,
    peer_statements,
)
from assessment.ui import extra, peer
from tests.ui.conftest import new_app, texts
from tests.ui.test_extra_questions import V3, _answer_offered, _at_result, _honest


def _invite_link(at: AppTest) -> str:
    (link,) = [c.value for c in at.code if "view=invite" in c.value]
    return link


def test_codes_collected_before_the_extra_questions_are_all_compared() -> None:
    answers, full = _honest()
    at = _at_result(answers)
    at.text_input(key=peer.NAME_KEY).input("Sam").run()
    link = _invite_link(at)
    invitation = decode_invitation(parse_qs(urlsplit(link).query)["i"][0])
    assert invitation.invitation_id is not None
    statements = peer_statements(V3, "short")
    codes = [
        encode_peer_code(
            PeerAnswers(
                bank_version=3,
                form="short",
                responses={item.id: value for item in statements},
                invitation_id=invitation.invitation_id,
            )
        )
        for value in (2, 3, 4)
    ]
    _answer_offered(at, full).button(key=extra.DONE_KEY).click().run()
    assert not at.exception
    assert _invite_link(at) == link, "the invitation stays the same across extra answers"
    at.text_area(key=peer.PASTE_KEY).input("\n".join(codes)).run()
    at.button(key=peer.COMPARE_KEY).click().run()
    assert not at.exception
    assert at.query_params[PEERS_PARAM] == ",".join(codes)
    shown = texts(at)
    assert "3 von 3" in shown
    assert "andere Einladung" not in shown
    assert len(at.get("vega_lite_chart")) == 1


def _reloaded(at: AppTest) -> AppTest:
    """Open the page's address in a new session, as a browser reload does."""
    reloaded = new_app(**{name: str(value) for name, value in at.query_params.items()})
    assert not reloaded.exception
    return reloaded


def test_the_invitation_name_survives_a_reload_from_the_address() -> None:
    """A reload (a new session: the server keeps nothing) restores the name typed for the
    invitation from the address, also after the extra questions and a reload on their page;
    a cleared name leaves the address (usability verify pass n1)."""
    answers, full = _honest()
    at = _at_result(answers)
    at.text_input(key=peer.NAME_KEY).input("Sam").run()
    link = _invite_link(at)
    assert decode_invitation(parse_qs(urlsplit(link).query)["i"][0]).name == "Sam"
    assert at.query_params[INVITE_NAME_PARAM] == "Sam"
    again = _reloaded(at)
    assert again.text_input(key=peer.NAME_KEY).value == "Sam"
    assert _invite_link(again) == link
    _answer_offered(again, full)
    on_extra_page = _reloaded(again)
    on_extra_page.button(key=extra.DONE_KEY).click().run()
    assert not on_extra_page.exception
    assert on_extra_page.text_input(key=peer.NAME_KEY).value == "Sam"
    assert _invite_link(on_extra_page) == link
    on_extra_page.text_input(key=peer.NAME_KEY).input("").run()
    assert INVITE_NAME_PARAM not in on_extra_page.query_params
    assert _reloaded(on_extra_page).text_input(key=peer.NAME_KEY).value == ""
