"""Retake marks in the app (rules 3): after the result page showed the rationales, a changed
scenario or knowledge answer is marked, and the mark survives a reload, the language switch, the
browser's Back button and the share link. A new questionnaire runs on the newest bank, so these
tests do too (its rules keep the marks); the group page's test uses bank v3's answers."""

from __future__ import annotations

from types import UnionType

from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import Item, KnowledgeItem, LikertItem, Scenario, ValidityItem
from assessment.bank.versions import latest_version
from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM, code_from_text
from assessment.codes.share import (
    DecodedCode,
    decode_code,
    encode_progress_code,
    encode_share_code,
)
from assessment.ui import result, state
from assessment.ui.state import LANG_PARAM
from tests.ui.conftest import complete, item_keys, new_app, start, texts

V3 = load_bank(3)
NEWEST = load_bank(latest_version())
MARKS = {
    "de": "Nach Anzeige der Begründungen geändert:",
    "en": "Changed after the rationales were shown:",
}


def _first(item: Item) -> int | str:
    """A plain persona for every item kind of bank v3 and later (knowledge: the first option;
    4 is "more often" on a frequency statement of rules 4)."""
    if isinstance(item, LikertItem):
        return 4
    if isinstance(item, ValidityItem):
        return 2
    if isinstance(item, Scenario | KnowledgeItem):
        return "a"
    return 3


def _other(value: int | str) -> int | str:
    """Another answer of the same kind."""
    if isinstance(value, int):
        return 1 if value != 1 else 2
    return "b" if value != "b" else "c"


def _at_result(lang: str = "de") -> AppTest:
    at = complete(start(new_app(lang=lang)), _first)
    assert at.session_state[state.FLOW_KEY].bank_version == NEWEST.version
    assert NEWEST.rules.retake_marks
    assert not at.exception
    return at


def _decoded(at: AppTest) -> DecodedCode:
    return decode_code(at.query_params[PROGRESS_PARAM])


def _change_on_last_page(at: AppTest, kind: type | UnionType) -> str:
    """Press "Antworten ändern" and answer one item of the kind differently on the last page
    (or, if it holds none, the nearest earlier page with one); return its id."""
    at.button(key=result.EDIT_KEY).click().run()
    for _ in range(30):
        bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
        for key in item_keys(at):
            item = bank.item(state.item_of_key(key))
            if isinstance(item, kind):
                value = at.session_state[state.FLOW_KEY].responses[item.id]
                at.radio(key=key).set_value(_other(value)).run()
                return item.id
        at.button(key="nav_back").click().run()
    raise AssertionError(f"no {kind} found")


def _finish(at: AppTest) -> AppTest:
    return complete(at, _first)


def test_the_result_page_tells_the_url_it_showed_the_rationales_and_no_mark_yet() -> None:
    at = _at_result()
    decoded = _decoded(at)
    assert decoded.seen
    assert decoded.answers.revised == ()
    assert MARKS["de"] not in texts(at)
    assert "vermerken das Ergebnis" in texts(at)  # said before the person changes anything


def test_changed_answers_after_the_result_are_marked_on_every_surface() -> None:
    at = _at_result()
    scenario = _change_on_last_page(at, Scenario)
    assert _decoded(at).answers.revised == (scenario,)
    knowledge = _change_on_last_page(_finish(at), KnowledgeItem)
    _finish(at)
    expected = tuple(sorted({scenario, knowledge}))
    assert _decoded(at).answers.revised == expected
    page = texts(at)
    assert "Nach Anzeige der Begründungen geändert: 1 Situation, 1 Wissensfrage" in page
    # The share link carries the marks; the shared page says so about the person.
    share = code_from_text(next(c.value for c in at.code if f"?{SHARE_PARAM}=" in c.value))
    assert decode_code(share).answers.revised == expected
    shared = new_app(**{SHARE_PARAM: share, LANG_PARAM: "en"})
    assert "Changed after the rationales were shown: 1 situation, 1 knowledge question" in texts(
        shared
    )
    assert "This person changed" in texts(shared)


def test_a_statement_changed_after_the_result_is_not_marked() -> None:
    at = _at_result()
    _change_on_last_page(at, LikertItem | ValidityItem)
    _finish(at)
    assert _decoded(at).answers.revised == ()


def test_the_mark_survives_reload_and_language_switch() -> None:
    at = _at_result()
    scenario = _change_on_last_page(at, Scenario)
    code = at.query_params[PROGRESS_PARAM]
    # A reload: a new session with the same address.
    reloaded = new_app(**{PROGRESS_PARAM: code, LANG_PARAM: "de"})
    assert reloaded.session_state[state.FLOW_KEY].revised == {scenario}
    # Another change in the reloaded session is marked as well (the code said "seen").
    knowledge = _change_on_last_page(_finish(reloaded), KnowledgeItem)
    _finish(reloaded)
    reloaded.segmented_control(key="lang_switch").set_value("en").run()
    assert _decoded(reloaded).answers.revised == tuple(sorted({scenario, knowledge}))
    assert MARKS["en"] in texts(reloaded)


def test_browser_back_from_the_result_keeps_the_session_marks() -> None:
    """Back from the result brings the older code of the last page (no 'seen' bit, no marks): the
    session still knows, writes both back and marks a change made there."""
    at = _at_result()
    scenario = _change_on_last_page(at, Scenario)
    before_result = at.query_params[PROGRESS_PARAM]
    _finish(at)
    older = decode_code(before_result)
    assert older.answers.revised == (scenario,)
    # An even older code: the last page before the result was first shown (no bit, no marks).
    plain = older.answers.model_copy(update={"revised": ()})
    at.query_params[PROGRESS_PARAM] = encode_progress_code(plain, older.page)
    at.run()
    assert not at.exception
    assert _decoded(at).seen
    assert _decoded(at).answers.revised == (scenario,)
    # An older address of the same questionnaire (Back, Forward, or edited by hand) never
    # overrides an answer the session holds (state.answers_kept): nothing new to mark.
    other = next(
        item.id
        for item in NEWEST.form_items(plain.form)
        if isinstance(item, Scenario) and item.id != scenario
    )
    edited = dict(plain.responses) | {other: _other(plain.responses[other])}
    at.query_params[PROGRESS_PARAM] = encode_progress_code(
        plain.model_copy(update={"responses": edited}), older.page
    )
    at.run()
    assert _decoded(at).answers.responses[other] == plain.responses[other]
    assert _decoded(at).answers.revised == (scenario,)


def test_group_page_counts_and_names_the_marks() -> None:
    """The coach's page says how many people changed answers after the rationales, and the
    people table names what each changed; a person's own mark reaches it through the share code."""
    from assessment.group.overview import score_group
    from assessment.messages import msg
    from tests.ui.test_group_page_rules import paste, table
    from tests.unit.group.test_group_rules import population

    people = population(V3, 30, seed=3)
    (section,) = score_group(people, "duisburg").versions
    assert section.revised > 0
    at = paste([encode_share_code(p) for p in people])
    assert not at.exception
    sentence = msg("group.revised_people", "de", count=section.revised, people=len(people))
    assert sentence in texts(at)
    column = list(
        table(at, "Nach Anzeige der Begründungen geändert")[
            "Nach Anzeige der Begründungen geändert"
        ]
    )
    assert [bool(cell) for cell in column] == [bool(p.revised) for p in people]
