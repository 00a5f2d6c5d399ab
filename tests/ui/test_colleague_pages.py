"""The colleague's questionnaire after the usability pass (issue 22.4): the intro and privacy
box in full on the first page only, later pages one line and a closed expander (m2); the
thank-you page says truthfully where the code is (m3)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from assessment.codes.links import PEERS_PARAM, RATED_PARAM
from assessment.i18n import Language
from assessment.messages import msg
from assessment.ui import peer
from assessment.ui.text import tv
from tests.ui.conftest import new_app
from tests.ui.test_peer_views import invitation, mirror_app, rate_pages
from tests.unit.peer.test_peer import peer_code

pytestmark = pytest.mark.usefixtures("slow_clock")


def _outside_expanders(at: AppTest) -> tuple[list[str], list[str]]:
    """The markdown and info texts drawn outside any expander."""
    inside = {id(e) for x in at.expander for e in [*x.markdown, *x.info]}
    return (
        [str(m.value) for m in at.markdown if id(m) not in inside],
        [str(i.value) for i in at.info if id(i) not in inside],
    )


@pytest.mark.parametrize(("lang", "name"), [("de", "Sam"), ("en", None)])
def test_the_intro_is_in_full_on_the_first_page_only(lang: Language, name: str | None) -> None:
    at = new_app(view="invite", i=invitation(lang, name=name))
    assert not at.exception
    why, privacy = msg("ui.peer.invite_why", lang), msg("ui.peer.invite_privacy", lang)
    markdown, info = _outside_expanders(at)
    assert why in markdown
    assert privacy in info
    assert not at.expander
    at.button(key=peer.NEXT_KEY).click().run()
    assert not at.exception
    markdown, info = _outside_expanders(at)
    assert why not in markdown
    assert privacy not in info
    if name:
        reminder = msg("ux22b.peer.reminder_named", lang, name=name)
    else:
        reminder = msg("ux22b.peer.reminder_anonymous", lang)
    assert reminder in markdown
    (expander,) = at.expander
    assert expander.label == msg("ux22b.peer.intro_again", lang)
    assert why in [m.value for m in expander.markdown]
    assert privacy in [i.value for i in expander.info]
    assert at.title[0].value == msg("ui.peer.invite_title", lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_thank_you_page_says_the_code_is_in_the_address_and_history(lang: Language) -> None:
    at = new_app(view="invite", i=invitation(lang))
    rate_pages(at, lambda number: 3)
    at.button(key=peer.SUBMIT_KEY).click().run()
    assert not at.exception
    code = at.code[0].value
    # The code is in the address: what the page says must hold.
    assert at.query_params[RATED_PARAM] == code
    markdown = [str(m.value) for m in at.markdown]
    assert msg("ux22b.peer.thanks_contains", lang) in markdown
    said = " ".join(markdown)
    assert ("Verlauf Ihres Browsers" if lang == "de" else "browser's history") in said
    assert ("ist er weg" if lang == "de" else "it is gone") not in said


@pytest.mark.parametrize(("lang", "count"), [("de", 3), ("en", 2)])
def test_the_comparison_has_a_link_box_in_its_language_after_the_warning(
    lang: Language, count: int
) -> None:
    """m10 (already on main since flow22; held here): the comparison page, with enough codes or
    too few, has its link in a code box (copy button, shown on phones too) in the page's
    language, with the sentence that the link carries the colleagues' codes. The link names no
    language: it opens in the reader's (UX pass 3, m-12)."""
    codes = [peer_code(v) for v in range(1, count + 1)]
    at = mirror_app(lang, codes)
    assert not at.exception
    (box,) = [c.value for c in at.code if f"{PEERS_PARAM}=" in c.value]
    query = parse_qs(urlsplit(box).query)
    assert "lang" not in query
    assert query[PEERS_PARAM] == [",".join(codes)]
    markdown = [str(m.value) for m in at.markdown]
    assert tv("ui.peer.share_intro", lang, "other") in markdown


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_thank_you_page_does_not_claim_a_trusted_person_was_named(lang: Language) -> None:
    """Usability verify pass n6: the invitation carries no trusted person, so the thank-you
    page does not speak of "the trusted person they named" as if the colleague knew who; it
    says to ask."""
    at = new_app(view="invite", i=invitation(lang))
    rate_pages(at, lambda number: 3)
    at.button(key=peer.SUBMIT_KEY).click().run()
    said = " ".join(str(m.value) for m in at.markdown)
    assert ("genannt hat" if lang == "de" else "they named") not in said
    assert ("fragen Sie die Person danach" if lang == "de" else "so ask them") in said
