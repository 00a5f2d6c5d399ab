"""The browser's Back button on a question page: the URL's older code wins, on screen too.

Streamlit's frontend pushes a history entry for every change of the address, so Back after an
answer brings the code without it. The session adopts that code (state.follow_url), and the
radios must then show exactly its answers: a radio the browser had drawn keeps showing (and
sending) its last option unless it is drawn anew, so the item radios get a new key generation
(state.item_key). tests/ui/browser.py makes AppTest hold and send labels as the browser does.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import Item
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui import result, state
from assessment.ui.state import LANG_PARAM
from tests.ui.conftest import complete, item_keys, new_app, start, strong


def _coded(at: AppTest) -> dict[str, int | str]:
    return dict(decode_code(at.query_params[PROGRESS_PARAM]).answers.responses)


def _shown(at: AppTest) -> dict[str, int | str | None]:
    return {state.item_of_key(key): at.radio(key=key).value for key in item_keys(at)}


def _answer_one_by_one(at: AppTest) -> list[str]:
    """Answer the page's items one click (and one run) at a time; return the codes written."""
    bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
    codes = []
    for key in item_keys(at):
        at.radio(key=key).set_value(strong(bank.item(state.item_of_key(key)))).run()
        codes.append(at.query_params[PROGRESS_PARAM])
    return codes


def _browser_back(at: AppTest, code: str) -> AppTest:
    """Go back in the browser's history: the same session reruns with the older address."""
    at.query_params[PROGRESS_PARAM] = code
    return at.run()


def test_back_after_an_answer_shows_exactly_the_older_codes_answers() -> None:
    at = start(new_app())
    codes = _answer_one_by_one(at)
    assert len(codes) >= 3
    _browser_back(at, codes[-2])
    assert not at.exception
    older = _coded(at)
    assert older == dict(decode_code(codes[-2]).answers.responses)
    assert at.session_state[state.FLOW_KEY].responses == older
    assert _shown(at) == {item_id: older.get(item_id) for item_id in _shown(at)}
    assert sum(value is not None for value in _shown(at).values()) == len(codes) - 1
    # The next run (any click) does not bring the dropped answer back from the browser.
    at.run()
    assert _coded(at) == older
    assert sum(value is not None for value in _shown(at).values()) == len(codes) - 1


def test_the_radios_get_a_new_key_generation_only_when_the_url_replaces_answers() -> None:
    at = start(new_app())
    plain = [state.item_key(item_id) for item_id in _shown(at)]
    assert item_keys(at) == plain, "generation 0 keeps the plain keys"
    codes = _answer_one_by_one(at)
    assert item_keys(at) == plain
    _browser_back(at, codes[0])
    assert at.session_state[state.FLOW_KEY].generation == 1
    assert item_keys(at) == [state.item_key(item_id, "de", 1) for item_id in _shown(at)]
    assert all(state.item_of_key(key) in _shown(at) for key in item_keys(at))
    # A click on a new-generation radio is an answer like any other.
    key = item_keys(at)[-1]
    at.radio(key=key).set_value(2).run()
    assert _coded(at)[state.item_of_key(key)] == 2
    # The forward button brings the newer code back: another generation, its answers shown.
    _browser_back(at, codes[-1])
    assert at.session_state[state.FLOW_KEY].generation == 2
    assert _shown(at) == {item_id: _coded(at).get(item_id) for item_id in _shown(at)}
    assert all(value is not None for value in _shown(at).values())


def test_a_reload_is_a_new_session_with_plain_keys() -> None:
    at = start(new_app())
    codes = _answer_one_by_one(at)
    reloaded = new_app(**dict(at.query_params))
    assert reloaded.session_state[state.FLOW_KEY].generation == 0
    assert item_keys(reloaded) == [state.item_key(i) for i in _shown(reloaded)]
    assert _coded(reloaded) == dict(decode_code(codes[-1]).answers.responses)


def test_another_page_draws_plain_keys_again() -> None:
    """The browser holds no radio of another page: its radios keep the plain keys, those a
    reconnecting tab sends to a new session (tests/e2e/test_crash_recovery.py)."""
    at = start(new_app())
    codes = _answer_one_by_one(at)
    _browser_back(at, codes[-2])
    assert at.session_state[state.FLOW_KEY].generation == 1
    at.radio(key=item_keys(at)[-1]).set_value(strong(_item(at, item_keys(at)[-1]))).run()
    at.button(key="nav_next").click().run()
    assert at.session_state[state.FLOW_KEY].page == 1
    assert item_keys(at) == [state.item_key(item_id) for item_id in _shown(at)]
    on_second = at.query_params[PROGRESS_PARAM]
    # Back in the browser across the page change: page 1's radios, under plain keys again.
    _browser_back(at, codes[-1])
    assert at.session_state[state.FLOW_KEY].page == 0
    assert item_keys(at) == [state.item_key(item_id) for item_id in _shown(at)]
    assert all(value is not None for value in _shown(at).values())
    _browser_back(at, on_second)
    at.button(key="nav_back").click().run()
    assert item_keys(at) == [state.item_key(item_id) for item_id in _shown(at)]


def _item(at: AppTest, key: str) -> Item:
    return load_bank(at.session_state[state.FLOW_KEY].bank_version).item(state.item_of_key(key))


def test_a_language_switch_after_back_keeps_the_codes_answers() -> None:
    at = start(new_app())
    codes = _answer_one_by_one(at)
    _browser_back(at, codes[-2])
    before = _shown(at)
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert item_keys(at) == [state.item_key(item_id, "en", 1) for item_id in before]
    assert _shown(at) == before
    assert _coded(at) == dict(decode_code(codes[-2]).answers.responses)


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
