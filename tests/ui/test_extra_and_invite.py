"""The colleague flow does not lose work across the targeted extra questions (issue 22.4,
usability pass M3): invite → collect three codes → answer the extra questions → compare: the
invitation link stays the same and all three codes are compared."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from assessment.codes.links import PEERS_PARAM
from assessment.peer.codes import (
    PeerAnswers,
    decode_invitation,
    encode_peer_code,
    peer_statements,
)
from assessment.ui import extra, peer
from tests.ui.conftest import texts
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
