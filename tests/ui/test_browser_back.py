"""The browser's Back and Forward buttons on a question page: the previous and the next page.

The tab's history holds one entry per page (shared.one_entry_per_page: an answer replaces the
page's entry, another page pushes one), so Back brings the address written when the previous
page was left, and Forward the next page's. The session takes the page from that address but
keeps the answers given since (state.answers_kept): no answer is dropped, the radios show the
session's answers, and the address is rewritten to hold them all (issue 22). A radio the browser
had drawn keeps showing (and sending) its last option unless it is drawn anew, so the item
radios get a new key generation when the address changes the page shown in place (a language
switch undone by Back: state.item_key). tests/ui/browser.py makes AppTest hold and send labels
as the browser does; tests/e2e/test_browser_back.py presses the real buttons in Chromium.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui import result, state
from assessment.ui.state import LANG_PARAM
from tests.ui.conftest import answer_page, complete, item_keys, new_app, start, strong, weak


def _coded(at: AppTest) -> dict[str, int | str]:
    return dict(decode_code(at.query_params[PROGRESS_PARAM]).answers.responses)


def _shown(at: AppTest) -> dict[str, int | str | None]:
    return {state.item_of_key(key): at.radio(key=key).value for key in item_keys(at)}


def _answer_one_by_one(at: AppTest, count: int | None = None) -> list[str]:
    """Answer the page's items one click (and one run) at a time; return the codes written."""
    bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
    codes = []
    for key in item_keys(at)[:count]:
        at.radio(key=key).set_value(strong(bank.item(state.item_of_key(key)))).run()
        codes.append(at.query_params[PROGRESS_PARAM])
    return codes


def _browser_back(at: AppTest, code: str) -> AppTest:
    """Go back (or forward) in the browser's history: the same session reruns with the address
    of that entry."""
    at.query_params[PROGRESS_PARAM] = code
    return at.run()


def _two_pages(at: AppTest) -> tuple[str, str, dict[str, int | str]]:
    """Answer the first page, go on, answer part of the second; return the address each page
    had when it was last shown (its history entry) and every answer given."""
    answer_page(at, strong)
    first = at.query_params[PROGRESS_PARAM]
    at.button(key="nav_next").click().run()
    _answer_one_by_one(at, 2)
    second = at.query_params[PROGRESS_PARAM]
    return first, second, dict(at.session_state[state.FLOW_KEY].responses)


def test_browser_back_goes_to_the_previous_page_and_keeps_every_answer() -> None:
    at = start(new_app())
    first, _, given = _two_pages(at)
    assert len(decode_code(first).answers.responses) < len(given)
    _browser_back(at, first)
    assert not at.exception
    current = at.session_state[state.FLOW_KEY]
    assert current.page == 0, "Back shows the previous page"
    assert current.responses == given, "no answer dropped"
    assert _coded(at) == given, "the address now holds every answer"
    assert decode_code(at.query_params[PROGRESS_PARAM]).page == 0
    assert _shown(at) == {item_id: given[item_id] for item_id in _shown(at)}
    assert item_keys(at) == [state.item_key(item_id) for item_id in _shown(at)]


def test_browser_forward_goes_to_the_next_page_with_answers_changed_meanwhile() -> None:
    at = start(new_app())
    first, second, given = _two_pages(at)
    _browser_back(at, first)
    changed_key = item_keys(at)[0]
    item = load_bank(at.session_state[state.FLOW_KEY].bank_version).item(
        state.item_of_key(changed_key)
    )
    at.radio(key=changed_key).set_value(weak(item)).run()
    _browser_back(at, second)  # Forward: the second page's entry, written before the change
    assert not at.exception
    current = at.session_state[state.FLOW_KEY]
    assert current.page == 1, "Forward shows the next page"
    expected = given | {item.id: weak(item)}
    assert current.responses == expected
    assert _coded(at) == expected
    assert decode_code(at.query_params[PROGRESS_PARAM]).page == 1
    assert sum(value is not None for value in _shown(at).values()) == 2


def test_back_after_a_language_switch_draws_new_radios_with_the_same_answers() -> None:
    """The language switch is an entry of its own: Back undoes it, on the same page, with new
    radios (a new key generation) showing every answer."""
    at = start(new_app())
    codes = _answer_one_by_one(at)
    german = codes[-1]
    at.segmented_control(key="lang_switch").set_value("en").run()
    before = _shown(at)
    at.query_params[LANG_PARAM] = "de"
    _browser_back(at, german)
    assert not at.exception
    assert at.session_state[state.LANG_KEY] == "de"
    assert at.session_state[state.FLOW_KEY].generation == 1
    assert item_keys(at) == [state.item_key(item_id, "de", 1) for item_id in before]
    assert _shown(at) == before
    # A click on a new-generation radio is an answer like any other.
    key = item_keys(at)[-1]
    at.radio(key=key).set_value(2).run()
    assert _coded(at)[state.item_of_key(key)] == 2


def test_a_reload_is_a_new_session_with_plain_keys() -> None:
    at = start(new_app())
    codes = _answer_one_by_one(at)
    reloaded = new_app(**dict(at.query_params))
    assert reloaded.session_state[state.FLOW_KEY].generation == 0
    assert item_keys(reloaded) == [state.item_key(i) for i in _shown(reloaded)]
    assert _coded(reloaded) == dict(decode_code(codes[-1]).answers.responses)


def test_answers_changed_from_the_result_draw_plain_keys_after_back_on_the_result() -> None:
    """Back between two results (here: before a language switch) gives the result a new
    generation; "Antworten ändern" then leads to a page the browser holds no radio of, so its
    radios take the plain keys again (those a reconnecting tab sends to a new session)."""
    at = start(new_app())
    complete(at)
    german = at.query_params[PROGRESS_PARAM]
    at.segmented_control(key="lang_switch").set_value("en").run()
    at.query_params[LANG_PARAM] = "de"
    _browser_back(at, german)
    assert at.session_state[state.LANG_KEY] == "de"
    assert at.session_state[state.FLOW_KEY].generation == 1
    at.button(key=result.EDIT_KEY).click().run()
    assert not at.exception
    assert at.session_state[state.FLOW_KEY].generation == 0
    assert item_keys(at) == [state.item_key(item_id) for item_id in _shown(at)]
    assert _shown(at) == {item_id: _coded(at)[item_id] for item_id in _shown(at)}
