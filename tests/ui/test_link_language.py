"""A link someone sent opens in the reader's language (UX pass 3, m-12): a shared result, a
comparison and a colleague's invitation follow the reader's browser where it asks for German or
English, else the sender's language; a language chosen in the tab (`?lang=`) survives a reload."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from assessment.codes.links import PEERS_PARAM, SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.i18n import Language, stated_language
from assessment.messages import msg
from assessment.ui import state
from tests.ui.conftest import APP, RUN_TIMEOUT, new_app, start
from tests.ui.test_app_v2 import complete_v2
from tests.ui.test_language import switch
from tests.ui.test_peer_views import invitation
from tests.unit.peer.test_peer import own_answers, peer_code

pytestmark = pytest.mark.usefixtures("slow_clock")


@pytest.mark.parametrize(
    ("header", "locale", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", None, "de"),
        ("en-GB,en;q=0.9", "de-DE", "en"),  # the header wins over the locale
        ("fr-FR,fr;q=0.9", "de-DE", None),  # names neither language: the sender's
        ("fr-FR,en;q=0.5", None, "en"),
        ("*", None, "de"),
        (None, "de-AT", "de"),
        (None, "en-US", "en"),
        (None, "fr-FR", None),
        (None, None, None),
        ("  ", None, None),
    ],
)
def test_stated_language(header: str | None, locale: str | None, expected: Language | None) -> None:
    assert stated_language(header, locale) == expected


def opened(
    monkeypatch: pytest.MonkeyPatch, header: str | None, locale: str | None, **query: str
) -> AppTest:
    """Open the app on an address in a browser with this Accept-Language header and locale."""
    monkeypatch.setattr(state, "accept_language", lambda: header)
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    if locale is not None:
        at.context["locale"] = locale
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


@pytest.mark.parametrize(
    ("sent", "header", "locale", "expected"),
    [
        ("en", "de-DE,de;q=0.9", None, "de"),  # the review's case: English link, German browser
        ("de", None, "en-US", "en"),
        ("en", "fr-FR", None, "en"),  # a browser that names neither: the sender's language
        ("de", None, None, "de"),
    ],
)
def test_a_shared_result_opens_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch,
    sent: Language,
    header: str | None,
    locale: str | None,
    expected: Language,
) -> None:
    code = encode_share_code(own_answers().model_copy(update={"language": sent}))
    at = opened(monkeypatch, header, locale, **{SHARE_PARAM: code})
    assert not at.exception
    assert at.session_state[state.LANG_KEY] == expected
    assert at.title[0].value == msg("ui.result.shared_heading", expected)


def test_a_switch_on_a_shared_result_survives_a_reload(monkeypatch: pytest.MonkeyPatch) -> None:
    """A German browser opens an English link in German, switches to English: the address says
    so, and the reload (a new session with that address) stays English."""
    code = encode_share_code(own_answers().model_copy(update={"language": "en"}))
    at = opened(monkeypatch, "de-DE", None, **{SHARE_PARAM: code})
    assert at.session_state[state.LANG_KEY] == "de"
    switch(at, "en")
    assert at.query_params["lang"] == "en"
    reloaded = opened(monkeypatch, "de-DE", None, **dict(at.query_params))
    assert reloaded.session_state[state.LANG_KEY] == "en"
    assert reloaded.title[0].value == msg("ui.result.shared_heading", "en")


@pytest.mark.parametrize(
    ("sent", "header", "expected"), [("en", "de-DE", "de"), ("de", "en-US", "en"), ("en", "", "en")]
)
def test_an_invitation_and_a_comparison_open_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, sent: Language, header: str, expected: Language
) -> None:
    at = opened(monkeypatch, header, None, view="invite", i=invitation(sent))
    assert not at.exception
    assert at.session_state[state.LANG_KEY] == expected
    share = encode_share_code(own_answers().model_copy(update={"language": sent}))
    peers = ",".join(peer_code(value) for value in (1, 2, 3))
    at = opened(monkeypatch, header, None, **{SHARE_PARAM: share, PEERS_PARAM: peers})
    assert not at.exception
    assert at.session_state[state.LANG_KEY] == expected


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_links_to_send_name_no_language(lang: Language) -> None:
    """The invitation, the trusted person's and the comparison links carry no `lang`: the
    reader's browser chooses (the invitation still carries the sender's, as the fallback)."""
    at = complete_v2(start(new_app(lang=lang)))
    sent = [c.value for c in at.code if "view=" in c.value]
    assert len(sent) == 2
    for link in sent:
        assert "lang" not in parse_qs(urlsplit(link).query)
    share = encode_share_code(own_answers())
    peers = ",".join(peer_code(value) for value in (1, 2, 3))
    at = new_app(**{SHARE_PARAM: share, PEERS_PARAM: peers, "lang": lang})
    offered = [c.value for c in at.code if f"{PEERS_PARAM}=" in c.value]
    assert offered
    for link in offered:
        assert "lang" not in parse_qs(urlsplit(link).query)
