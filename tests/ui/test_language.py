"""The language switch keeps every answer and choice, on every view, at any moment.

These tests send option widgets' values as the browser does, the label it last drew
(tests/ui/browser.py): plain AppTest re-labels them with the new language and so cannot see
a switch lose or garble a choice.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.i18n import Language
from assessment.links import PROGRESS_PARAM
from assessment.sharecode import decode_code
from assessment.ui import group as group_page
from assessment.ui import peer, state
from tests.ui.conftest import (
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
from tests.ui.test_peer_views import invitation, rating_keys

pytestmark = pytest.mark.usefixtures("slow_clock", "browser_labels")


def switch(at: AppTest, lang: Language) -> AppTest:
    """Press the language switch; the run must not fail."""
    at.segmented_control(key="lang_switch").set_value(lang).run()
    assert not at.exception
    return at


def shown_answers(at: AppTest) -> dict[str, int | str]:
    """Return the answers the item radios show, by item id."""
    values = {state.item_of_key(key): at.radio(key=key).value for key in item_keys(at)}
    return {item_id: value for item_id, value in values.items() if value is not None}


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
    keys = rating_keys(at)
    for key in keys:
        at.radio(key=key).set_value(4)
    next(b for b in at.button if b.key and "peer_form" in b.key).click().run()
    at.button(key=peer.EDIT_KEY).click().run()
    switch(at, "en")
    english = rating_keys(at)
    assert [at.radio(key=key).value for key in english] == [4] * len(keys)
    next(b for b in at.button if b.key and "peer_form" in b.key).click().run()
    assert not at.exception
    assert at.code, "the thank-you page shows the peer code"


def test_switching_on_the_result_page_keeps_the_result() -> None:
    """The result page switches back and forth without losing or changing the answers."""
    at = complete(start(new_app()), strong)
    responses = dict(at.session_state[state.FLOW_KEY].responses)
    switch(at, "en")
    switch(at, "de")
    assert not item_keys(at)
    assert at.session_state[state.FLOW_KEY].responses == responses
