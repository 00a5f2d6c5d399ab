"""Small fixes of UX verify pass 4: the salary box with an unusable amount typed (N-2) and the
methodology page opened in a new tab (N-5); N-4 (the extra page's "dort") is fixed on main and
held here."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.codes.share import encode_share_code
from assessment.i18n import Language
from assessment.messages import msg
from assessment.ui import extra, method, state
from assessment.ui.salary import SALARY_AGAIN_KEY
from tests.ui.conftest import complete, item_keys, new_app, start
from tests.ui.test_extra_questions import _at_result, _honest
from tests.ui.test_method_way_back import _method_query
from tests.ui.test_salary_field import type_salary

pytestmark = pytest.mark.usefixtures("slow_clock")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_unusable_amount_is_not_called_no_salary(lang: Language) -> None:
    """N-2: "45" typed after a reload: the box says no valid salary yet (not "none given"),
    the problem stays under the field; emptying the field brings the first wording back."""
    done = complete(start(new_app(lang=lang), background="experienced"))
    reloaded = new_app(**done.query_params)
    markdown = [str(m.value) for m in reloaded.markdown]
    assert msg("ui.result.salary_again_intro", lang) in markdown
    type_salary(reloaded, "45", SALARY_AGAIN_KEY)
    markdown = [str(m.value) for m in reloaded.markdown]
    assert msg("ux5.salary.invalid_intro", lang) in markdown
    assert msg("ui.result.salary_again_intro", lang) not in markdown
    assert len(reloaded.error) == 1
    type_salary(reloaded, "", SALARY_AGAIN_KEY)
    markdown = [str(m.value) for m in reloaded.markdown]
    assert msg("ui.result.salary_again_intro", lang) in markdown
    assert not reloaded.error


def _html(at: AppTest) -> list[str]:
    """Return the bodies of the page's st.html elements."""
    return [str(element.proto.body) for element in at.get("html")]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_method_page_opened_from_a_result_says_the_result_is_in_the_other_tab(
    lang: Language,
) -> None:
    """N-5: opened from the own result (a new tab, its link carries `p`), the page says the
    result is still open in the tab before, with the salary; "Diesen Tab schließen" asks the
    browser to close the tab (each press anew) and says what to do if it refuses; the second
    copy of the result is offered as such."""
    answers, _ = _honest()
    query = _method_query(_at_result(answers, lang))
    page = new_app(**query)
    assert not page.exception
    assert next(i.value for i in page.info) == msg("ux5.method.other_tab_own", lang)
    assert page.button(key=method.BACK_KEY).label == msg("ux5.method.open_here_own", lang)
    assert page.button(key=method.CLOSE_KEY).label == msg("ux5.method.close", lang)
    assert not [body for body in _html(page) if ".close()" in body]
    page.button(key=method.CLOSE_KEY).click().run()
    first = [body for body in _html(page) if ".close()" in body]
    assert len(first) == 1
    assert msg("ux5.method.not_closed", lang) in [str(c.value) for c in page.caption]
    page.button(key=method.CLOSE_KEY).click().run()
    assert [body for body in _html(page) if ".close()" in body] != first, "runs again"


def test_the_method_page_from_a_shared_result_or_the_start_page() -> None:
    """From a shared result: the same note without the salary; from the start page (no result
    in the link) no note and the one way back to the start page."""
    answers, _ = _honest()
    page = new_app(**_method_query(new_app(r=encode_share_code(answers), lang="de")))
    assert next(i.value for i in page.info) == msg("ux5.method.other_tab_shared", "de")
    assert page.button(key=method.BACK_KEY).label == msg("ux5.method.open_here_shared", "de")
    start_page = new_app(view=state.METHOD_VIEW, lang="de")
    assert msg("ux5.method.other_tab_own", "de") not in [i.value for i in start_page.info]
    assert not [b for b in start_page.button if b.key == method.CLOSE_KEY]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_extra_pages_say_where_more_questions_open(lang: Language) -> None:
    """N-4 (fixed on main in 067547a; held here): the extra page and the page of the extra
    answers given ("ansehen oder ändern") name the result page, not a "dort" without referent."""
    answers, full = _honest()
    at = _at_result(answers, lang)
    at.button(key=extra.OPEN_KEY).click().run()
    help_text = msg("ux.extra.back_help", lang)
    assert help_text in [str(c.value) for c in at.caption]
    assert ("auf der Ergebnisseite" if lang == "de" else "on the result page") in help_text
    assert " dort " not in help_text
    key = item_keys(at)[0]
    at.radio(key=key).set_value(full[state.item_of_key(key)]).run()
    at.button(key=extra.BACK_KEY).click().run()
    at.button(key=extra.REVIEW_KEY).click().run()
    assert msg("minors22.extra.review_intro", lang) in [str(m.value) for m in at.markdown]
    assert help_text in [str(c.value) for c in at.caption]
