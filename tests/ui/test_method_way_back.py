"""The methodology page's way back (usability pass m6): the result links to it with its own
parameters, so "Zurück" on the page (opened in a new tab, a new session) leads to the same
result, not to an empty start page; without them it still leads to the start page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.codes.share import decode_code, encode_share_code
from assessment.i18n import Language
from assessment.ui import method, state
from assessment.ui.text import t
from tests.ui.conftest import new_app, texts
from tests.ui.test_extra_questions import _at_result, _honest


def _method_query(at: AppTest) -> dict[str, str]:
    """The query of the result's link to the methodology page."""
    (link,) = set(re.findall(r"\]\(([^)]*view=method[^)]*)\)", texts(at)))
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_back_from_the_method_page_returns_to_the_own_result(lang: Language) -> None:
    answers, _ = _honest()
    at = _at_result(answers, lang)
    query = _method_query(at)
    assert query["view"] == state.METHOD_VIEW
    assert query["lang"] == lang
    assert decode_code(query[PROGRESS_PARAM]).answers.responses == dict(
        decode_code(at.query_params[PROGRESS_PARAM]).answers.responses
    )
    page = new_app(**query)  # a new tab: a new session
    assert not page.exception
    assert page.title[0].value == t("method.title", lang)
    assert page.button(key=method.BACK_KEY).label == t("ux5.method.open_here_own", lang)
    page.button(key=method.BACK_KEY).click().run()
    assert not page.exception
    assert page.title[0].value == t("ui.result.heading", lang)
    assert "view" not in page.query_params
    assert decode_code(page.query_params[PROGRESS_PARAM]).answers.responses == (
        decode_code(query[PROGRESS_PARAM]).answers.responses
    )


def test_back_from_the_method_page_returns_to_a_shared_result() -> None:
    answers, _ = _honest()
    code = encode_share_code(answers)
    at = new_app(r=code, lang="de")
    query = _method_query(at)
    assert query[SHARE_PARAM] == code
    page = new_app(**query)
    assert page.button(key=method.BACK_KEY).label == t("ux5.method.open_here_shared", "de")
    page.button(key=method.BACK_KEY).click().run()
    assert not page.exception
    assert dict(page.query_params) == {SHARE_PARAM: code, "lang": "de"}


def test_without_a_result_the_way_back_is_the_start_page() -> None:
    page = new_app(view=state.METHOD_VIEW, lang="en")
    assert page.button(key=method.BACK_KEY).label == t("method.back", "en")
    page.button(key=method.BACK_KEY).click().run()
    assert dict(page.query_params) == {"lang": "en"}
