"""What a rerun takes from a cache instead of building again (issue 24, CPU per interaction),
and that the caches never show one person's answers to another, follow a language switch and
changed answers, and stay bounded."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import latest_version, load_bank
from assessment.bank.models import Scenario
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code, encode_progress_code
from assessment.engine.extra import offer_extra
from assessment.i18n import Language
from assessment.peer.codes import invitation_id
from assessment.ui import extra, peer, questionnaire, state
from assessment.ui import result as result_page
from assessment.ui.text import plain
from tests.personas import random_answers
from tests.ui.conftest import APP, RUN_TIMEOUT, complete, item_keys, new_app, start, strong, texts

SEEDS = (11, 12)


def _page_with(page: int, seed: int, lang: Language = "de") -> tuple[AppTest, dict[str, Any]]:
    """Return an app opened on a short-form page of the newest bank from a progress code with
    every page before it answered (random answers of a seed), and those answers."""
    bank = load_bank(latest_version())
    [answers] = random_answers(bank, 1, seed=seed, answered_share=1.0, form="short")
    answers = answers.model_copy(update={"language": lang})
    code = encode_progress_code(answers, page)
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    at.query_params[PROGRESS_PARAM] = code
    at.query_params[state.LANG_PARAM] = lang
    return at.run(), dict(answers.responses)


def _situation_page() -> int:
    pages = state.pages_of(latest_version(), "short")
    return next(n for n, page in enumerate(pages) if isinstance(page[0], Scenario))


def _items_shown(at: AppTest) -> list[tuple[str, list[str], Any]]:
    """Return each item radio's label, option labels and value, in order."""
    return [(r.label, list(r.options), r.value) for r in at.radio if r.key in item_keys(at)]


def _page_text(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.markdown]


def test_a_language_switch_draws_every_item_in_the_new_language() -> None:
    """Switched on a page of situations, the page shows what a session opened in that language
    shows (labels, options, numbers, situations), and the same again after switching back."""
    page = _situation_page()
    at, _ = _page_with(page, SEEDS[0], "de")
    german = (_items_shown(at), _page_text(at))
    at.segmented_control(key="lang_switch").set_value("en").run()
    english = (_items_shown(at), _page_text(at))
    fresh, _ = _page_with(page, SEEDS[0], "en")
    assert english == (_items_shown(fresh), _page_text(fresh))
    assert english != german
    at.segmented_control(key="lang_switch").set_value("de").run()
    assert (_items_shown(at), _page_text(at)) == german


def test_two_sessions_on_the_same_page_each_see_their_own_answers() -> None:
    """Two people on the same page at once (one process, the same item cache): each page is
    preselected from its own answers, and an answer in one session leaves the other as it was."""
    page = 1
    first, first_answers = _page_with(page, SEEDS[0])
    second, second_answers = _page_with(page, SEEDS[1])
    keys = item_keys(first)
    assert keys == item_keys(second)
    ids = [state.item_of_key(key) for key in keys]
    # The radios show each session's own answers (the next page's items are unanswered).
    assert [first.radio(key=key).value for key in keys] == [first_answers.get(i) for i in ids]
    assert [second.radio(key=key).value for key in keys] == [second_answers.get(i) for i in ids]
    first.radio(key=keys[0]).set_value(5).run()
    second.run()
    assert first.radio(key=keys[0]).value == 5
    assert second.radio(key=keys[0]).value == second_answers.get(ids[0])
    assert state.FLOW_KEY in second.session_state
    assert second.session_state[state.FLOW_KEY].responses.get(ids[0]) == second_answers.get(ids[0])


def test_the_item_cache_holds_bank_texts_only_and_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cache of drawn items is keyed by bank, item, number and language (no answer) and is
    emptied when full."""
    monkeypatch.setattr(questionnaire, "DRAWN_ENTRIES", 20)
    monkeypatch.setattr(questionnaire, "_DRAWN", {})
    bank = load_bank(latest_version())
    item = bank.form_items("short")[0]
    for number in range(1, 60):
        shown = questionnaire.drawn(item, number, None, bank, "de")
        assert str(number) in shown.label
        assert len(questionnaire._DRAWN) <= 20
    for key, (cached_bank, _) in questionnaire._DRAWN.items():
        assert cached_bank is bank
        assert key[1] == item.id
        assert key[4] == "de"


def test_a_rerun_of_a_question_page_escapes_no_item_text_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An answer reruns the page body; the items' texts were escaped and formatted when the
    page was first drawn (questionnaire.drawn), not again."""
    at, _ = _page_with(_situation_page(), SEEDS[0])
    escaped: list[str] = []
    original = plain

    def counting(text: str) -> str:
        escaped.append(text)
        return original(text)

    monkeypatch.setattr(questionnaire, "plain", counting)
    before = _items_shown(at)
    at.run()
    assert escaped == []
    assert _items_shown(at) == before


def _own_result_app(lang: Language = "de") -> AppTest:
    at = new_app(lang=lang)
    start(at)
    return complete(at, strong)


def test_a_rerun_of_the_own_result_recomputes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extra questions' offer and the invitation's id are computed with the result, once
    per change of the answers, not on every rerun of the page."""
    at = _own_result_app()
    calls: list[str] = []

    def counted(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return function(*args, **kwargs)

        return wrapper

    for module in (result_page, extra):
        monkeypatch.setattr(module, "offer_extra", counted("offer", offer_extra))
    for module in (result_page, peer):
        monkeypatch.setattr(module, "decode_code", counted("decode", decode_code))
    shown = texts(at)
    at.run()
    assert calls == []
    assert texts(at) == shown


@pytest.mark.usefixtures("slow_clock")  # no speed note, which a reopened code cannot have
def test_the_own_result_follows_changed_answers_and_the_language() -> None:
    """After "Antworten ändern" and a changed answer the page shows the new result (its offer,
    its invitation and its progress link are those of the new answers), as a session opened on
    the new progress code shows it; after a language switch, the result in that language."""
    at = _own_result_app()
    key, _, _, code, page = at.session_state[result_page.OWN_RESULT_KEY]
    at.button(key=result_page.EDIT_KEY).click().run()
    first = item_keys(at)[0]
    changed = 1 if at.radio(key=first).value != 1 else 3
    at.radio(key=first).set_value(changed).run()
    at.button(key=questionnaire.NEXT_KEY).click().run()
    new_key, result, _, new_code, new_page = at.session_state[result_page.OWN_RESULT_KEY]
    assert new_key != key
    assert new_code != code
    assert new_page.method_back[PROGRESS_PARAM] == at.query_params[PROGRESS_PARAM]
    assert new_page.method_back != page.method_back
    assert new_page.invitation == invitation_id(decode_code(new_code).answers)
    assert new_page.offer == offer_extra(
        result.answers, load_bank(result.bank_version), result.match
    )

    reopened = new_app(**{PROGRESS_PARAM: at.query_params[PROGRESS_PARAM], "lang": "de"})
    assert texts(reopened) == texts(at)

    at.segmented_control(key="lang_switch").set_value("en").run()
    english = new_app(**{PROGRESS_PARAM: at.query_params[PROGRESS_PARAM], "lang": "en"})
    assert texts(at) == texts(english)
    assert texts(at) != texts(reopened)
