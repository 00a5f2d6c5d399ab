"""Fremdbild in AppTest: the invitation on the result page, a colleague's questionnaire and
thank-you page, and the comparison of self and others, in German and English."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank import load_bank
from assessment.i18n import Language
from assessment.links import PEERS_PARAM
from assessment.models import UNSURE, LikertItem
from assessment.peer.codes import (
    Invitation,
    decode_invitation,
    decode_peer_code,
    encode_invitation,
    peer_items,
)
from assessment.sharecode import encode_share_code
from assessment.ui import peer, state
from tests.ui.conftest import new_app, start, texts
from tests.ui.test_app_v2 import complete_v2
from tests.unit.test_peer import own_answers, peer_code

pytestmark = pytest.mark.usefixtures("slow_clock")

HEADINGS = {
    "de": ("Fremdbild einholen", "Einschätzung für eine Kollegin oder einen Kollegen"),
    "en": ("Ask colleagues", "Rating for a colleague"),
}


def rating_keys(at: AppTest) -> list[str]:
    return [r.key for r in at.radio if r.key and r.key.startswith(peer.RATING_PREFIX)]


def invitation(lang: Language = "de", name: str | None = "Anna K.") -> str:
    return encode_invitation(Invitation(bank_version=2, form="short", language=lang, name=name))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_result_page_offers_an_invitation_link_without_answers(lang: Language) -> None:
    """The own result page has "Fremdbild einholen" with a link that carries only the name."""
    at = new_app(lang=lang)
    complete_v2(start(at))
    assert HEADINGS[lang][0] in [h.value for h in at.header]
    at.text_input(key=peer.NAME_KEY).input("Anna K.").run()
    links = [c.value for c in at.code if "view=invite" in c.value]
    assert len(links) == 1
    query = parse_qs(urlsplit(links[0]).query)
    assert query["view"] == ["invite"]
    assert query["lang"] == [lang]
    decoded = decode_invitation(query["i"][0])
    assert decoded == Invitation(bank_version=2, form="short", language=lang, name="Anna K.")
    assert not at.exception


def _item_of(key: str) -> str:
    """Return the item id of a rating radio's key (any language, see state.widget_key)."""
    return key.removeprefix(peer.RATING_PREFIX).split(state.LANGUAGE_KEY_SEPARATOR, 1)[0]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_colleague_questionnaire_rates_in_the_third_person(lang: Language) -> None:
    """The invitation shows who asks and why, every statement in the third person with
    "can't judge", no scenario; the thank-you page shows a peer code of exactly the ratings."""
    at = new_app(view="invite", i=invitation(lang))
    assert not at.exception
    shown = texts(at)
    assert HEADINGS[lang][1] in shown
    assert "Anna K." in shown
    bank = load_bank(2)
    items = peer_items(bank, "short")
    keys = rating_keys(at)
    assert [_item_of(key) for key in keys] == [i.id for i in items]
    first = items[0]
    assert isinstance(first, LikertItem)
    assert first.peer is not None
    assert first.peer(lang) in at.radio(key=keys[0]).label
    assert first.text(lang) not in shown
    na = "Kann ich nicht beurteilen" if lang == "de" else "Can't judge"
    assert na in at.radio(key=keys[0]).options
    assert not [s for s in bank.scenarios if s.situation(lang) in shown]

    submit = [b for b in at.button if b.key and "peer_form" in b.key]
    assert len(submit) == 1
    submit[0].click().run()
    assert "mindestens eine" in texts(at) or "at least one" in texts(at)

    ratings: dict[str, int | str] = {}
    for number, key in enumerate(keys):
        value: int | str = UNSURE if number % 4 == 0 else number % 5 + 1
        at.radio(key=key).set_value(value)
        ratings[_item_of(key)] = value
    next(b for b in at.button if b.key and "peer_form" in b.key).click().run()
    assert not at.exception
    thanks = "Danke für Ihre Einschätzung!" if lang == "de" else "Thank you for your view!"
    assert thanks in [t.value for t in at.title]
    code = at.code[0].value
    decoded = decode_peer_code(code)
    assert decoded.responses == ratings
    assert decoded.language == lang
    assert not rating_keys(at)

    at.button(key=peer.EDIT_KEY).click().run()
    assert at.radio(key=keys[1]).value == ratings[_item_of(keys[1])]


def test_an_edited_invitation_shows_a_message_not_a_traceback() -> None:
    """A damaged invitation link names the problem in the page's language."""
    token = invitation()
    at = new_app(view="invite", i=token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    assert not at.exception
    assert "Diese Einladung lässt sich nicht öffnen" in [t.value for t in at.title]
    assert "verändert" in texts(at)
    assert not rating_keys(at)


def test_name_in_the_invitation_is_shown_as_plain_text() -> None:
    """Markdown or HTML in a display name is shown literally, never interpreted."""
    at = new_app(view="invite", i=invitation(name="**[x](http://evil)**"))
    assert not at.exception
    line = next(m.value for m in at.markdown if "bittet" in m.value)
    assert "\\*\\*\\[x\\]\\(http" in line


def mirror_app(lang: Language, peers: list[str], **extra: str) -> AppTest:
    share = encode_share_code(own_answers())
    return new_app(r=share, peers=",".join(peers), lang=lang, **extra)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_combined_view_with_three_colleagues(lang: Language) -> None:
    """Three peer codes: differences, a chart with its table, share link, PDF and JSON."""
    at = mirror_app(lang, [peer_code(v) for v in (1, 2, 3)])
    assert not at.exception
    title = "Selbstbild und Fremdbild" if lang == "de" else "Self-view and colleagues' view"
    assert [t.value for t in at.title] == [title]
    shown = texts(at)
    assert ("3 von 3" if lang == "de" else "3 of 3") in shown
    assert ("Die größten Unterschiede" if lang == "de" else "The biggest differences") in shown
    assert ("nur auf den Aussagen" if lang == "de" else "statements only") in shown
    assert len(at.get("vega_lite_chart")) == 1
    links = [c.value for c in at.code]
    assert any("peers=" in link for link in links)
    assert len(at.get("download_button")) == 2
    assert "noch zu wenige" not in shown
    assert "Not enough feedback" not in shown


@pytest.mark.parametrize("lang", ["de", "en"])
def test_combined_view_with_two_colleagues_shows_no_figures(lang: Language) -> None:
    """Two valid codes (and one of another form): too few, why, and no per-dimension figures."""
    at = mirror_app(lang, [peer_code(2), peer_code(4), peer_code(3, "full")])
    assert not at.exception
    shown = texts(at)
    assert ("mindestens 3" if lang == "de" else "at least 3") in shown
    assert ("Warum" if lang == "de" else "Why") in shown
    assert "Code 3:" in shown
    assert "Median" not in shown
    assert len(at.get("vega_lite_chart")) == 0


def test_a_peer_code_as_share_code_is_refused_by_name() -> None:
    """?r=PEERCODE says it is a feedback code, not a result code."""
    at = new_app(r=peer_code(3), lang="en")
    assert not at.exception
    assert "feedback code" in texts(at)


def test_pasting_codes_on_the_result_page_opens_the_comparison() -> None:
    """Paste three codes, press compare: the comparison with its own link opens."""
    at = new_app(lang="de")
    complete_v2(start(at))
    at.button(key=peer.COMPARE_KEY).click().run()
    assert "mindestens einen Rückmeldecode" in texts(at)
    codes = [peer_code(v) for v in (2, 3, 4)]
    at.text_area(key=peer.PASTE_KEY).input("\n".join(codes)).run()
    at.button(key=peer.COMPARE_KEY).click().run()
    assert not at.exception
    assert at.query_params[PEERS_PARAM] == ",".join(codes)
    assert "Selbstbild und Fremdbild" in [t.value for t in at.title]
    assert state.FLOW_KEY in at.session_state


def test_garbage_in_the_peers_parameter_is_listed_never_rendered() -> None:
    """Markup and junk among the peer codes are refused one by one and shown as plain text."""
    at = mirror_app("de", ["<b>x</b>", "javascript:alert(1)", peer_code(3)])
    assert not at.exception
    warning = "\n".join(w.value for w in at.warning).replace("\\", "")
    assert "Code 1:" in warning
    assert "Code 2:" in warning
    assert "<b>" not in warning
    assert "noch zu wenige" in texts(at).lower()
