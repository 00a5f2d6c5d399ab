"""The language switch keeps every answer and choice, on every view, at any moment.

Like every UI test, these send option widgets' values as the browser does, the label it last
drew (tests/ui/browser.py): plain AppTest re-labels them with the new language and so cannot see
a switch lose or garble a choice.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from assessment.bank.models import UNSURE
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.i18n import Language, accepted_language, browser_language
from assessment.peer.codes import decode_peer_code
from assessment.ui import group as group_page
from assessment.ui import peer, state
from tests.ui.conftest import (
    APP,
    RUN_TIMEOUT,
    answer_page,
    complete,
    item_keys,
    new_app,
    start,
    start_key,
    strong,
    texts,
)
from tests.ui.test_app_v2 import middling
from tests.ui.test_group_page import CODES, group_app, paste
from tests.ui.test_peer_views import (
    first_page,
    invitation,
    last_page,
    peer_item,
    rate_pages,
    rating_keys,
)

pytestmark = pytest.mark.usefixtures("slow_clock")


def switch(at: AppTest, lang: Language) -> AppTest:
    """Press the language switch; the run must not fail."""
    at.segmented_control(key="lang_switch").set_value(lang).run()
    assert not at.exception
    return at


def shown_answers(at: AppTest) -> dict[str, int | str]:
    """Return the answers the item radios show, by item id."""
    values = {state.item_of_key(key): at.radio(key=key).value for key in item_keys(at)}
    return {item_id: value for item_id, value in values.items() if value is not None}


def _relabelled_radio() -> None:
    """A radio whose labels change with a session flag, under one key (the old way)."""
    import streamlit as st

    upper = st.session_state.get("upper", False)
    st.radio("choice", [1, 2, 3], index=None, key="choice", format_func=lambda v: f"{v}{upper}")
    st.session_state["seen"] = st.session_state.get("choice")


def test_streamlit_sends_a_radios_label_not_its_value() -> None:
    """Why the option widgets' keys name the language (state.widget_key), with the browser as
    tests/ui/browser.py models it: a radio keyed the same across a change of its labels gets the
    old label back, which Streamlit 1.67's radio cannot turn into its value."""
    at = AppTest.from_function(_relabelled_radio).run()
    at.radio(key="choice").set_value(2).run()
    assert at.session_state["seen"] == 2
    at.session_state["upper"] = True
    at.run()  # the labels change; the browser still holds "2False"
    at.run()  # and sends it back
    assert at.session_state["seen"] in ("2False", None)


def test_start_page_choices_survive_a_switch_and_start_the_check() -> None:
    """Form and background chosen in German, switched to English, start: the full form starts
    with that background (today: KeyError ('Langform …', None))."""
    at = new_app()
    at.radio(key=start_key(at, "start_form")).set_value("full")
    at.radio(key=start_key(at, "start_profile")).set_value("industry")
    at.radio(key=start_key(at, "start_background")).set_value("starter").run()
    switch(at, "en")
    assert at.radio(key=start_key(at, "start_form")).value == "full"
    assert at.radio(key=start_key(at, "start_profile")).value == "industry"
    assert at.radio(key=start_key(at, "start_background")).value == "starter"
    at.button(key="start_button").click().run()
    assert not at.exception
    current = at.session_state[state.FLOW_KEY]
    assert (current.started, current.form, current.profile, current.experience) == (
        True,
        "full",
        "industry",
        "starter",
    )
    assert item_keys(at)


def test_switching_on_a_question_page_keeps_answers_through_to_the_result() -> None:
    """Answers given in German stay shown in English; later pages, the URL code and the result
    work (today: empty radios, errors on later pages, a ValidationError on the result)."""
    at = answer_page(start(new_app(), background="changer"), strong)
    at.button(key="nav_next").click().run()
    at = answer_page(at, middling, skip=2)
    before = shown_answers(at)
    switch(at, "en")
    assert shown_answers(at) == before
    at = answer_page(at, middling)
    at.button(key="nav_next").click().run()
    assert not at.exception
    assert not at.error
    at = answer_page(at, strong, skip=1)
    switch(at, "de")
    at.button(key="nav_back").click().run()
    assert not at.exception
    assert shown_answers(at).items() >= before.items()
    switch(at, "en")
    complete(at, strong)
    assert not at.exception
    assert not item_keys(at)
    decoded = decode_code(at.query_params[PROGRESS_PARAM])
    assert dict(decoded.answers.responses) == at.session_state[state.FLOW_KEY].responses


def test_a_changed_answer_after_a_switch_is_the_one_kept() -> None:
    """After a switch, a click on another option replaces the answer (the new radio reads it)."""
    at = answer_page(start(new_app()), strong)
    first = item_keys(at)[0]
    switch(at, "en")
    key = item_keys(at)[0]
    at.radio(key=key).set_value(2).run()
    assert not at.exception
    assert at.session_state[state.FLOW_KEY].responses[state.item_of_key(first)] == 2
    switch(at, "de")
    assert at.radio(key=first).value == 2


def test_group_view_keeps_its_setting_and_takes_a_new_one_after_a_switch() -> None:
    """The group page's setting survives both switches and can be changed in English."""
    at = paste(group_app(), CODES)
    at.selectbox(key=group_page.PROFILE_KEY).set_value("industry").run()
    switch(at, "en")
    assert at.selectbox(key=state.widget_key(group_page.PROFILE_KEY, "en")).value == "industry"
    at.selectbox(key=state.widget_key(group_page.PROFILE_KEY, "en")).set_value("public").run()
    assert not at.exception
    switch(at, "de")
    assert at.selectbox(key=group_page.PROFILE_KEY).value == "public"
    assert "Öffentliche Verwaltung" in texts(at)


def test_colleague_ratings_sent_stay_after_a_switch() -> None:
    """A colleague's sent ratings stay when they switch the language and edit them."""
    at = new_app(view="invite", i=invitation("de"))
    every = rate_pages(at, lambda number: 4)
    at.button(key=peer.SUBMIT_KEY).click().run()
    at.button(key=peer.EDIT_KEY).click().run()
    switch(at, "en")
    english = rating_keys(at)
    assert [at.radio(key=key).value for key in english] == [4] * len(english)
    at.button(key=peer.SUBMIT_KEY).click().run()
    assert not at.exception
    assert dict(decode_peer_code(at.code[0].value).responses) == dict.fromkeys(every, 4)


def test_colleague_ratings_not_yet_sent_stay_after_switches() -> None:
    """Ratings clicked but not sent survive a switch both ways and reach the peer code (in a
    form they lived only in the browser and were lost on a switch)."""
    at = new_app(view="invite", i=invitation("de"))
    keys = rating_keys(at)
    rated: dict[str, int | str] = {}
    for number, key in enumerate(keys[:5]):
        value: int | str = UNSURE if number == 0 else number
        at.radio(key=key).set_value(value).run()
        rated[peer_item(key)] = value
    switch(at, "en")
    english = rating_keys(at)
    assert {peer_item(k): at.radio(key=k).value for k in english} == {
        peer_item(k): rated.get(peer_item(k)) for k in keys
    }
    at.radio(key=english[6]).set_value(5).run()
    rated[peer_item(english[6])] = 5
    at.button(key=peer.NEXT_KEY).click().run()
    second = rating_keys(at)[0]
    at.radio(key=second).set_value(1).run()
    rated[peer_item(second)] = 1
    switch(at, "de")
    assert at.radio(key=rating_keys(at)[0]).value == 1
    first_page(at)
    shown = {peer_item(k): at.radio(key=k).value for k in rating_keys(at)}
    assert {k: v for k, v in shown.items() if v is not None} == {
        k: v for k, v in rated.items() if k != peer_item(second)
    }
    last_page(at)
    at.button(key=peer.SUBMIT_KEY).click().run()
    assert not at.exception
    assert dict(decode_peer_code(at.code[0].value).responses) == rated


def test_switching_on_the_result_page_keeps_the_result() -> None:
    """The result page switches back and forth without losing or changing the answers."""
    at = complete(start(new_app()), strong)
    responses = dict(at.session_state[state.FLOW_KEY].responses)
    switch(at, "en")
    switch(at, "de")
    assert not item_keys(at)
    assert at.session_state[state.FLOW_KEY].responses == responses


# -- the first visit follows the browser -------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("en-US,en;q=0.9", "en"),
        ("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de"),
        ("en-GB;q=0.8, de;q=0.9", "de"),
        ("de;q=0.5, en;q=0.8", "en"),
        ("en;q=0.7, de;q=0.7", "de"),  # a tie: German
        ("fr-FR, fr;q=0.9, en;q=0.5", "en"),  # English is the only one of ours accepted
        ("fr-FR, fr;q=0.9", "de"),
        ("en;q=0", "de"),  # q=0: not acceptable
        ("en;q=0, *;q=0.5", "de"),
        ("*", "de"),
        ("de;q=0.1, *;q=0.5", "en"),  # English falls under the wildcard
        ("en;q=abc, de;q=0.2", "de"),  # a malformed entry is skipped
        ("en;q=2", "de"),  # an out-of-range q-value is malformed
        (" EN-us ; Q=0.9 , de ; q=0.8", "en"),
    ],
)
def test_accept_language_is_parsed_with_q_values(header: str | None, expected: str | None) -> None:
    """English only when the browser ranks it strictly above German."""
    assert accepted_language(header) == expected


@given(
    st.lists(
        st.tuples(st.sampled_from(["de", "de-AT", "en", "en-US", "fr", "*"]), st.integers(0, 1000)),
        max_size=6,
    )
)
def test_accept_language_never_fails_and_german_wins_ties(entries: list[tuple[str, int]]) -> None:
    """Any header gives one of our languages; swapping de and en never favours English."""
    header = ", ".join(f"{tag};q={q / 1000:.3f}" for tag, q in entries)
    chosen = browser_language(header, None)
    assert chosen in ("de", "en")
    swapped = header.replace("de", "XX").replace("en", "de").replace("XX", "en")
    if chosen == "en":
        assert browser_language(swapped, None) == "de"


@pytest.mark.parametrize(
    ("header", "locale", "query", "expected"),
    [
        ("en-US,en;q=0.9", None, {}, "en"),
        ("de-DE,en;q=0.9", "en-US", {}, "de"),  # the header wins over the locale
        (None, "en-GB", {}, "en"),  # no header (AppTest, some proxies): the locale
        (None, None, {}, "de"),
        ("en-US,en;q=0.9", None, {"lang": "de"}, "de"),  # ?lang= always wins
    ],
)
def test_first_visit_follows_the_browser(
    monkeypatch: pytest.MonkeyPatch,
    header: str | None,
    locale: str | None,
    query: dict[str, str],
    expected: Language,
) -> None:
    """The start page opens in the browser's language unless the link names one."""
    monkeypatch.setattr(state, "accept_language", lambda: header)
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    if locale is not None:
        at.context["locale"] = locale
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    title = {"de": "Selbstcheck IT-Leitung Duisburg", "en": "Self-check: IT leadership in Duisburg"}
    assert at.session_state[state.LANG_KEY] == expected
    assert at.title[0].value == title[expected]


def test_a_chosen_language_sticks_for_the_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English browser that switches to German stays German through the check."""
    monkeypatch.setattr(state, "accept_language", lambda: "en-US,en;q=0.9")
    at = new_app()
    assert at.session_state[state.LANG_KEY] == "en"
    switch(at, "de")
    at = answer_page(start(at), strong)
    at.button(key="nav_next").click().run()
    assert at.session_state[state.LANG_KEY] == "de"
    assert at.query_params["lang"] == "de"
    assert decode_code(at.query_params[PROGRESS_PARAM]).answers.language == "de"
