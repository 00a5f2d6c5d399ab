"""The questionnaire's page overview (usability pass m17): back from the result with
"Antworten ändern", a select box names every page with its topic and opens any of them with
every answer kept; while questions are open it is not there."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.i18n import Language
from assessment.ui import questionnaire, result, state
from assessment.ui.text import t
from tests.ui.conftest import item_keys, new_app, start
from tests.ui.test_extra_questions import V3, _at_result, _honest


def _jump_boxes(at: AppTest) -> list[Selectbox[Any]]:
    return [s for s in at.selectbox if str(s.key).startswith(questionnaire.JUMP_KEY)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_change_answers_offers_every_page_with_its_topic(lang: Language) -> None:
    answers, _ = _honest()
    at = _at_result(answers, lang)
    at.button(key=result.EDIT_KEY).click().run()
    pages = state.pages_of(3, "short")
    assert at.session_state[state.FLOW_KEY].page == len(pages) - 1
    (box,) = _jump_boxes(at)
    assert box.label == t("ux22b.quest.jump_label", lang)
    assert box.value == len(pages) - 1
    labels = list(box.options)
    assert len(labels) == len(pages)
    numbered = questionnaire.numbering(3, "short")
    assert labels == [
        t(
            "ux22b.quest.jump_page",
            lang,
            page=n + 1,
            topic=questionnaire.page_topic(p, numbered, lang),
        )
        for n, p in enumerate(pages)
    ]
    assert any("Situation" in label for label in labels)
    # Jump to a situation page far back: its items, every answer kept, in the URL too.
    target = next(n for n, p in enumerate(pages) if "Situation" in labels[n] and n < len(pages) - 3)
    box.set_value(target).run()
    assert not at.exception
    assert at.session_state[state.FLOW_KEY].page == target
    assert [state.item_of_key(k) for k in item_keys(at)] == [i.id for i in pages[target]]
    coded = decode_code(at.query_params[PROGRESS_PARAM])
    assert coded.page == target
    assert coded.answers.responses == at.session_state[state.FLOW_KEY].responses
    (box,) = _jump_boxes(at)
    assert box.value == target


def test_no_page_overview_while_questions_are_open() -> None:
    at = start(new_app(), form="short")
    assert not at.exception
    assert not _jump_boxes(at)
    assert V3.version == 3


def test_no_page_overview_on_the_first_pass_even_with_every_answer_given() -> None:
    """Every answer given, the result not yet seen (the last page just finished): no box; it
    would appear with the last answer and move the page under the keyboard's focus."""
    answers, _ = _honest()
    pages = state.pages_of(3, "short")
    at = _at_result(answers)
    at.session_state[state.FLOW_KEY].page = len(pages) - 1
    at.session_state[state.FLOW_KEY].result_shown = False
    at.session_state[state.FLOW_KEY].shown_answers = None
    at.run()
    assert item_keys(at)
    assert not _jump_boxes(at)
