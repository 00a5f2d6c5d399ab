"""UX pass #11 and #16 (issue 22): a colleague's reload stays on the page they were on (it jumped
to the next one once a page was fully rated), the address names the page so that it can; and the
comparison's share link keeps the page's language, like every other link the product offers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.codes.links import PEERS_PARAM, SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.i18n import Language
from assessment.messages import msg
from assessment.ui import peer
from tests.ui.conftest import new_app
from tests.ui.test_peer_views import invitation, rating_keys
from tests.unit.peer.test_peer import own_answers, peer_code

pytestmark = pytest.mark.usefixtures("slow_clock")


def _progress(at: AppTest) -> str:
    (bar,) = at.get("progress")
    text: str = bar.proto.text
    return text


def _page_line(at: AppTest, page: int, lang: Language = "de") -> str:
    """Return the start of the progress line of a page ("Seite 3 von 5")."""
    pages = len(peer.peer_pages(load_bank(2), "short"))
    return msg("ui.peer.progress", lang, page=page, pages=pages, rated=0, total=1, minutes=1).split(
        " · "
    )[0]


def _rate_page(at: AppTest) -> None:
    for key in rating_keys(at):
        at.radio(key=key).set_value(3).run()
        assert not at.exception


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_reload_after_rating_a_whole_page_stays_on_that_page(lang: Language) -> None:
    """Pages 1 and 2 rated with Weiter, page 3 rated fully, then a reload: page 3 again, with its
    ratings (main showed page 4, a page the colleague never saw)."""
    at = new_app(view="invite", i=invitation(lang), lang=lang)
    for _ in range(2):
        _rate_page(at)
        at.button(key=peer.NEXT_KEY).click().run()
    _rate_page(at)
    shown = rating_keys(at)
    assert _progress(at).startswith(_page_line(at, 3, lang))
    assert at.query_params[peer.PAGE_PARAM] == "3"
    reloaded = new_app(**at.query_params)
    assert not reloaded.exception
    assert _progress(reloaded).startswith(_page_line(reloaded, 3, lang))
    assert rating_keys(reloaded) == shown
    assert all(reloaded.radio(key=key).value == 3 for key in shown)


def test_the_address_names_the_page_and_back_in_the_browser_shows_it() -> None:
    """Each page turn writes ?page=; an address with an earlier page (the browser's Back) shows
    that page, one out of range is ignored."""
    at = new_app(view="invite", i=invitation())
    assert at.query_params[peer.PAGE_PARAM] == "1"
    _rate_page(at)
    at.button(key=peer.NEXT_KEY).click().run()
    assert at.query_params[peer.PAGE_PARAM] == "2"
    params = dict(at.query_params)
    back = new_app(**{**params, peer.PAGE_PARAM: "1"})
    assert _progress(back).startswith(_page_line(back, 1))
    odd = new_app(**{**params, peer.PAGE_PARAM: "99"})
    assert not odd.exception
    assert _progress(odd).startswith(_page_line(odd, 2))  # the first page not fully rated


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_comparison_share_link_opens_in_the_readers_language(lang: Language) -> None:
    """The comparison offers a link with the codes and no language: it opens in the reader's
    browser language, else in the share code's (UX pass 3, m-12; UX pass #16 had put the page's
    language in it, which a reader with another browser language could not escape)."""
    answers = own_answers()
    shown_in = lang
    share = encode_share_code(answers)
    peers = [peer_code(value) for value in (1, 2, 3)]
    at = new_app(**{SHARE_PARAM: share, PEERS_PARAM: ",".join(peers), "lang": shown_in})
    assert not at.exception
    offered = [c.value for c in at.code if f"{PEERS_PARAM}=" in c.value]
    assert offered
    for link in offered:
        query = parse_qs(urlsplit(link).query)
        assert "lang" not in query
        assert query[SHARE_PARAM] == [share]
        assert query[PEERS_PARAM] == [",".join(peers)]
