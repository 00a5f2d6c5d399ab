"""Fremdbild in AppTest: the invitation on the result page, a colleague's questionnaire and
thank-you page, and the comparison of self and others, in German and English."""

from __future__ import annotations

import math
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, FormId, LikertItem
from assessment.codes.links import PEERS_PARAM, PROGRESS_PARAM, RATED_PARAM, SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.i18n import Language
from assessment.messages import msg
from assessment.peer.codes import (
    Invitation,
    PeerAnswers,
    decode_invitation,
    decode_peer_code,
    encode_invitation,
    encode_peer_code,
    named_statement,
    peer_items,
)
from assessment.ui import peer, state
from tests.banks import on_scale
from tests.ui.conftest import new_app, start, texts
from tests.ui.test_app_v2 import complete_v2
from tests.ui.test_shared_view import shown
from tests.unit.peer.test_peer import own_answers, peer_code
from tests.unit.render.test_viewer import addressed

pytestmark = pytest.mark.usefixtures("slow_clock")

HEADINGS = {
    "de": ("Fremdbild einholen", "Einschätzung für eine Kollegin oder einen Kollegen"),
    "en": ("Ask colleagues", "Rating for a colleague"),
}


def rating_keys(at: AppTest) -> list[str]:
    return [r.key for r in at.radio if r.key and r.key.startswith(peer.RATING_PREFIX)]


def rate_pages(at: AppTest, value_of: Callable[[int], int | str | None]) -> list[str]:
    """From the page shown, rate every statement on it and the pages after (value_of the running
    number; None: leave it), one click per run, pressing Weiter up to the last page; return the
    ids of the statements seen."""
    seen: list[str] = []
    while True:
        for key in rating_keys(at):
            value = value_of(len(seen))
            if value is not None:
                at.radio(key=key).set_value(value).run()
                assert not at.exception
            seen.append(peer_item(key))
        if peer.NEXT_KEY not in [b.key for b in at.button]:
            return seen
        at.button(key=peer.NEXT_KEY).click().run()
        assert not at.exception


def first_page(at: AppTest) -> None:
    """Press Zurück up to the first page."""
    while not at.button(key=peer.BACK_KEY).disabled:
        at.button(key=peer.BACK_KEY).click().run()


def last_page(at: AppTest) -> None:
    """Press Weiter up to the last page."""
    rate_pages(at, lambda number: None)


def invitation(
    lang: Language = "de", name: str | None = "Anna K.", invitation_id: str | None = "C0FFEE"
) -> str:
    return encode_invitation(
        Invitation(
            bank_version=2, form="short", language=lang, name=name, invitation_id=invitation_id
        )
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_result_page_offers_an_invitation_link_without_answers(lang: Language) -> None:
    """The own result page has "Fremdbild einholen" with a link that carries only the name."""
    at = new_app(lang=lang)
    complete_v2(start(at))
    assert HEADINGS[lang][0] in [h.value for h in at.header]
    at.text_input(key=peer.NAME_KEY).input("Anna K.").run()
    links = [c.value for c in at.code if "view=invite" in c.value]
    assert len(links) == 1
    collect = [c.value for c in at.code if f"view={peer.COLLECT_VIEW}" in c.value]
    assert collect == [links[0].replace("view=invite", f"view={peer.COLLECT_VIEW}")]
    query = parse_qs(urlsplit(links[0]).query)
    assert query["view"] == ["invite"]
    assert "lang" not in query  # the reader's browser chooses, else the invitation's (m-12)
    decoded = decode_invitation(query["i"][0])
    assert decoded.invitation_id is not None
    assert decoded == Invitation(
        bank_version=at.session_state[state.FLOW_KEY].bank_version,
        form="short",
        language=lang,
        name="Anna K.",
        invitation_id=decoded.invitation_id,
    )
    shown = texts(at)
    assert ("Vertrauensperson" if lang == "de" else "trusted person") in shown
    assert ("keine Unterschriften" if lang == "de" else "not signatures") in shown
    assert not at.exception


def peer_item(key: str) -> str:
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
    assert [peer_item(key) for key in keys] == [i.id for i in items[: peer.PAGE_SIZE]]
    first = items[0]
    assert isinstance(first, LikertItem)
    assert first.peer is not None
    label = at.radio(key=keys[0]).label.replace("\\", "")
    assert named_statement(first.peer(lang), "Anna K.", lang) in label
    assert first.text(lang) not in shown
    na = "Kann ich nicht beurteilen" if lang == "de" else "Can't judge"
    assert na in at.radio(key=keys[0]).options
    assert not [s for s in bank.scenarios if s.situation(lang) in shown]
    assert all(isinstance(item, LikertItem) for item in items)
    assert not [o for o in bank.tradeoffs if o.peer is not None and o.peer.a(lang) in shown]
    privacy = "kann jede dieser Einschätzungen lesen" if lang == "de" else "can read each of"
    assert privacy in shown

    assert peer.SUBMIT_KEY not in [b.key for b in at.button], "sent from the last page"
    every = rate_pages(at, lambda number: None)
    assert every == [i.id for i in items]
    submit = [b for b in at.button if b.key == peer.SUBMIT_KEY]
    assert len(submit) == 1
    submit[0].click().run()
    assert "mindestens eine" in texts(at) or "at least one" in texts(at)

    first_page(at)
    ratings: dict[str, int | str] = {}

    def value_of(number: int) -> int | str:
        value: int | str = UNSURE if number % 4 == 0 else number % 5 + 1
        return value

    for number, item_id in enumerate(rate_pages(at, value_of)):
        ratings[item_id] = value_of(number)
    at.button(key=peer.SUBMIT_KEY).click().run()
    assert not at.exception
    thanks = "Danke für Ihre Einschätzung!" if lang == "de" else "Thank you for your view!"
    assert thanks in [t.value for t in at.title]
    code = at.code[0].value
    decoded = decode_peer_code(code)
    assert decoded.responses == ratings
    assert decoded.language == lang
    assert decoded.invitation_id == "C0FFEE"
    assert ("Vertrauensperson" if lang == "de" else "trusted person") in texts(at)
    assert not rating_keys(at)

    at.button(key=peer.EDIT_KEY).click().run()
    last = rating_keys(at)[-1]
    assert at.radio(key=last).value == ratings[peer_item(last)]


def _rate_some(at: AppTest) -> dict[str, int | str]:
    """Rate the first seven statements, one click per run as a browser sends them."""
    rated: dict[str, int | str] = {}
    for number, key in enumerate(rating_keys(at)[:7]):
        value: int | str = UNSURE if number == 3 else number % 5 + 1
        at.radio(key=key).set_value(value).run()
        assert not at.exception
        rated[peer_item(key)] = value
    return rated


def _shown_ratings(at: AppTest) -> dict[str, int | str]:
    values = {peer_item(key): at.radio(key=key).value for key in rating_keys(at)}
    return {item_id: value for item_id, value in values.items() if value is not None}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_reload_resumes_the_colleagues_ratings(lang: Language) -> None:
    """Every click puts the ratings so far into the URL as a peer code (?rated=); the page
    opened anew with that URL shows them all, and sending adds to them (a reload erased all)."""
    at = new_app(view="invite", i=invitation(lang), lang=lang)
    rated = _rate_some(at)
    assert dict(decode_peer_code(at.query_params[RATED_PARAM]).responses) == rated
    reloaded = new_app(**at.query_params)
    assert not reloaded.exception
    assert _shown_ratings(reloaded) == rated
    last_page(reloaded)
    last = rating_keys(reloaded)[-1]
    reloaded.radio(key=last).set_value(2).run()
    reloaded.button(key=peer.SUBMIT_KEY).click().run()
    assert not reloaded.exception
    code = decode_peer_code(reloaded.code[0].value)
    assert dict(code.responses) == {**rated, peer_item(last): 2}
    assert (code.language, code.invitation_id) == (lang, "C0FFEE")


def test_a_changed_rating_follows_into_the_url() -> None:
    """The URL's code holds the ratings as they are now, not as first clicked."""
    at = new_app(view="invite", i=invitation())
    rated = _rate_some(at)
    first, second = rating_keys(at)[:2]
    at.radio(key=first).set_value(5).run()
    at.radio(key=second).set_value(UNSURE).run()
    expected = {**rated, peer_item(first): 5, peer_item(second): UNSURE}
    assert dict(decode_peer_code(at.query_params[RATED_PARAM]).responses) == expected
    reloaded = new_app(**at.query_params)
    assert _shown_ratings(reloaded) == expected


@pytest.mark.parametrize("other", ["another invitation", "damaged"])
def test_ratings_in_the_url_for_another_invitation_are_not_taken(other: str) -> None:
    """A ?rated= code of another invitation (or a damaged one) is dropped, not shown."""
    at = new_app(view="invite", i=invitation(invitation_id="BEEF01"))
    _rate_some(at)
    code = at.query_params[RATED_PARAM]
    if other == "damaged":
        code = code[:-2] + ("A" if code[-2] != "A" else "B") + code[-1]
    opened = new_app(view="invite", i=invitation(), rated=code)
    assert not opened.exception
    assert not _shown_ratings(opened)
    assert RATED_PARAM not in opened.query_params


def _progress(at: AppTest) -> str:
    (bar,) = at.get("progress")
    text: str = bar.proto.text
    return text


@pytest.mark.parametrize("form", ["short", "full"])
def test_the_colleague_questionnaire_is_paged_with_progress_and_time(form: FormId) -> None:
    """Pages of up to eight statements, numbered on across pages, each with "Seite x von y",
    the statements rated so far and about how many minutes are left (48 on one page before)."""
    token = encode_invitation(
        Invitation(bank_version=2, form=form, language="de", invitation_id="C0FFEE")
    )
    at = new_app(view="invite", i=token)
    bank = load_bank(2)
    pages = peer.peer_pages(bank, form)
    total = len(peer_items(bank, form))
    assert len(pages) == -(-total // peer.PAGE_SIZE) > 1
    per_item = bank.forms[form].minutes * 60 / len(bank.form_items(form))
    for number, items in enumerate(pages, start=1):
        rated = number - 1  # one statement rated on each page before
        keys = rating_keys(at)
        assert [peer_item(key) for key in keys] == [item.id for item in items]
        first = sum(len(p) for p in pages[: number - 1]) + 1
        assert at.radio(key=keys[0]).label.startswith(f"{first}. ")
        minutes = max(1, math.ceil((total - rated) * per_item / 60))
        unit = "Minute" if minutes == 1 else "Minuten"
        assert _progress(at) == (
            f"Seite {number} von {len(pages)} · {rated} von {total} Aussagen eingeschätzt"
            f" · noch etwa {minutes} {unit}"
        )
        at.radio(key=keys[0]).set_value(3).run()
        assert f"· {rated + 1} von {total} Aussagen" in _progress(at)
        if number < len(pages):
            assert peer.SUBMIT_KEY not in [b.key for b in at.button]
            at.button(key=peer.NEXT_KEY).click().run()
    assert peer.NEXT_KEY not in [b.key for b in at.button]
    at.button(key=peer.BACK_KEY).click().run()
    assert [peer_item(key) for key in rating_keys(at)] == [item.id for item in pages[-2]]


def test_a_reload_resumes_at_the_first_page_not_fully_rated() -> None:
    """Page 1 rated in full, page 2 in part: the address without its page (the link opened
    again) opens on page 2; a reload of the address stays on page 1, where the colleague was
    (UX pass #11; tests/ui/test_peer_page_and_links.py)."""
    at = new_app(view="invite", i=invitation())
    for key in rating_keys(at):
        at.radio(key=key).set_value(4).run()
    at.button(key=peer.NEXT_KEY).click().run()
    at.radio(key=rating_keys(at)[0]).set_value(2).run()
    page_two = [peer_item(key) for key in rating_keys(at)]
    at.button(key=peer.BACK_KEY).click().run()
    assert _progress(new_app(**at.query_params)).startswith("Seite 1 von ")
    reloaded = new_app(**{k: v for k, v in at.query_params.items() if k != peer.PAGE_PARAM})
    assert [peer_item(key) for key in rating_keys(reloaded)] == page_two
    assert _progress(reloaded).startswith("Seite 2 von ")
    assert reloaded.radio(key=rating_keys(reloaded)[0]).value == 2


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
    codes = [_peer_code_for(at.session_state[state.FLOW_KEY].bank_version, v) for v in (2, 3, 4)]
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


@pytest.mark.parametrize("lang", ["de", "en"])
def test_trusted_person_makes_a_summary_code_the_comparison_accepts(lang: Language) -> None:
    """?view=collect&i=…: paste codes (one of another invitation, refused by name),
    get one summary code with figures only; the person's comparison accepts it alone."""
    from assessment.peer.codes import invitation_id
    from assessment.peer.summary import decode_summary

    ours = invitation_id(own_answers())
    at = new_app(view=peer.COLLECT_VIEW, i=invitation(lang, invitation_id=ours), lang=lang)
    assert not at.exception
    assert ours in texts(at)
    assert not rating_keys(at)
    codes = [peer_code(v, invitation=ours) for v in (1, 3, 5)]
    at.text_area(key=peer.COLLECT_PASTE_KEY).input(
        "\n".join([peer_code(2, invitation="ABCDEF"), *codes[:2]])
    ).run()
    at.button(key=peer.COLLECT_BUTTON_KEY).click().run()
    shown = texts(at)
    assert "ABCDEF" in shown
    assert "Code 1:" in shown
    assert ("mindestens 3" if lang == "de" else "at least 3") in shown
    at.text_area(key=peer.COLLECT_PASTE_KEY).input("\n".join(codes)).run()
    at.button(key=peer.COLLECT_BUTTON_KEY).click().run()
    assert not at.exception
    summary_code = at.code[-1].value
    summary = decode_summary(summary_code)
    assert summary.raters == 3
    assert summary.invitation_id == ours
    mirror = mirror_app(lang, [summary_code])
    assert not mirror.exception
    shown = texts(mirror)
    assert (
        "Sammelcode mit den Einschätzungen von 3"
        if lang == "de"
        else "summary code with the ratings of 3"
    ) in shown
    assert len(mirror.get("vega_lite_chart")) == 1
    # Opened in a new session: the share note speaks about the person, not to them.
    assert msg("other.ui.peer.share_intro_summary", lang) in shown
    assert ("keine Unterschriften" if lang == "de" else "not signatures") in shown


def test_codes_for_another_invitation_are_refused_on_the_comparison() -> None:
    """Three codes answering someone else's invitation: each named, no figures."""
    at = mirror_app("en", [peer_code(v, invitation="ABCDEF") for v in (1, 3, 5)])
    assert not at.exception
    warning = "\n".join(w.value for w in at.warning).replace("\\", "")
    assert warning.count("answers another invitation (id ABCDEF") == 3
    assert "Not enough feedback" in texts(at)


# --- issue 18, point 5: the comparison link opened by someone else; the owner's way back ------


def _peer_code_for(version: int, value: int) -> str:
    """A peer code rating every statement of the short form of bank `version` alike (no
    invitation; a frequency statement on its nearest step), so that it fits a result on that
    bank."""
    bank = load_bank(version)
    responses: dict[str, int | str] = {
        item.id: on_scale(item, value) or value for item in peer_items(bank, "short")
    }
    return encode_peer_code(PeerAnswers(bank_version=version, form="short", responses=responses))


MIRROR_CASES = {
    "three": [peer_code(v) for v in (1, 3, 5)],
    "too_few": [peer_code(2), peer_code(4)],
    "refused": [peer_code(1), peer_code(2), peer_code(5), peer_code(3, "full"), "junk"],
}


@pytest.mark.parametrize("case", MIRROR_CASES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_comparison_link_opened_by_someone_else_speaks_about_the_person(
    case: str, lang: Language
) -> None:
    """Opened in a new session (a mentor, a coach), the comparison says "Wert der Person" and
    "ihre Kolleg/innen" in every text, table and label – never "Ihr Wert", "Ihr Selbstbild",
    "Sie" – and links to the person's shared result, not to "Zum eigenen Ergebnis"."""
    at = mirror_app(lang, MIRROR_CASES[case])
    assert not at.exception
    lines = shown(at)
    reader = (msg("other.ui.peer.share_intro", lang),)
    assert [(line, words) for line in lines if (words := addressed(line, lang, reader))] == []
    assert msg("other.ui.peer.mirror_intro", lang) in lines
    back = [m.value for m in at.markdown if msg("other.ui.peer.back_to_result", lang) in m.value]
    assert len(back) == 1
    assert f"?{SHARE_PARAM}=" in back[0]
    assert peer.BACK_TO_OWN_KEY not in [b.key for b in at.button]
    if case == "three":
        assert msg("other.peer.col_self", lang) in lines
        prefix = {"de": "Wert der Person: ", "en": "This person's score: "}[lang]
        assert any(line.startswith(prefix) for line in lines)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_owner_compares_and_goes_back_to_their_own_result(lang: Language) -> None:
    """The person pastes three codes on their own result: the comparison reads as its link
    reads for anyone ("Wert der Person", as the shared result ?r= does; UX pass: it switched
    person when the link was reopened), with one line telling the person so; "Zum eigenen
    Ergebnis" brings back their own result page (?p=), not the shared view that says someone
    shared the result with them."""
    at = new_app(lang=lang)
    complete_v2(start(at))
    own_title = msg("ui.result.heading", lang)
    version = at.session_state[state.FLOW_KEY].bank_version
    codes = [_peer_code_for(version, value) for value in (1, 3, 5)]
    at.text_area(key=peer.PASTE_KEY).input("\n".join(codes)).run()
    at.button(key=peer.COMPARE_KEY).click().run()
    assert not at.exception
    lines = shown(at)
    assert msg("peer.own_view.intro", lang) in lines
    assert msg("other.ui.peer.mirror_intro", lang) in lines
    prefix = {"de": "Wert der Person: ", "en": "This person's score: "}[lang]
    assert any(line.startswith(prefix) for line in lines)
    at.button(key=peer.BACK_TO_OWN_KEY).click().run()
    assert not at.exception
    assert own_title in [e.value for e in at.title]
    assert msg("ui.result.shared_intro_v2", lang) not in texts(at)
    assert PROGRESS_PARAM in at.query_params
    assert SHARE_PARAM not in at.query_params
    assert PEERS_PARAM not in at.query_params
    assert msg("ui.peer.ask_heading", lang) in [h.value for h in at.header]
