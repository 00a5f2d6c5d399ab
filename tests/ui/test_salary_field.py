"""UX pass: the expected salary typed the way people write it ("4.500" / "4,500"), on the start
page and on the result page, in both languages; a refused amount is said under the field."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.i18n import Language
from assessment.ui import state
from assessment.ui.salary import SALARY_AGAIN_KEY
from assessment.ui.start import SALARY_KEY
from assessment.ui.text import t
from tests.ui.conftest import complete, new_app, start, start_key, texts

pytestmark = pytest.mark.usefixtures("slow_clock")

NBSP = "\u00a0"
# What a person types, the field's display afterwards, and the salary check's words.
TYPED: dict[Language, str] = {"de": "4.500", "en": "4,500"}
SHOWN: dict[Language, str] = {"de": f"4.500{NBSP}€", "en": "€4,500"}
CHECKED: dict[Language, str] = {
    "de": f"Ihre Erwartung von 4.500{NBSP}€",
    "en": "Your expectation of €4,500",
}
RANGE: dict[Language, str] = {
    "de": f"zwischen 500{NBSP}€ und 50.000{NBSP}€",
    "en": "between €500 and €50,000",
}
OTHER: dict[Language, Language] = {"de": "en", "en": "de"}


def switch(at: AppTest, lang: Language) -> AppTest:
    """Press the language switch."""
    return at.segmented_control(key="lang_switch").set_value(lang).run()


def salary_field(at: AppTest, base: str = SALARY_KEY) -> str:
    """Return the text the salary field shows, drawn in the language shown."""
    return str(at.text_input(key=start_key(at, base)).value)


def type_salary(at: AppTest, typed: str, base: str = SALARY_KEY) -> AppTest:
    """Type an amount into the salary field (it commits, as on leaving the field)."""
    at.text_input(key=start_key(at, base)).input(typed).run()
    assert not at.exception
    return at


def kept_salary(at: AppTest) -> int | None:
    """Return the amount this session keeps."""
    salary: int | None = at.session_state[state.FLOW_KEY].salary
    return salary


@pytest.mark.parametrize("lang", ["de", "en"])
def test_start_page_takes_the_amount_written_the_local_way(lang: Language) -> None:
    """ "4.500" (German) and "4,500" (English) are 4500 euro, shown the local way, and reach the
    salary check."""
    at = type_salary(new_app(lang=lang), TYPED[lang])
    assert salary_field(at) == SHOWN[lang]
    assert not at.error
    assert kept_salary(at) == 4500
    at = complete(start(at, background="experienced"))
    assert CHECKED[lang] in texts(at)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("typed", ["450", "4.5", "viertausend"])
def test_start_page_says_what_it_refuses_and_keeps_the_amount_before(
    lang: Language, typed: str
) -> None:
    """An amount out of range or unreadable: a visible message under the field in the page's
    language with the range written the local way; the amount before still applies, the text
    typed stays, and Start waits until the field holds an amount (or nothing)."""
    at = type_salary(type_salary(new_app(lang=lang), TYPED[lang]), typed)
    assert salary_field(at) == typed
    assert kept_salary(at) == 4500
    [error] = at.error
    assert RANGE[lang] in error.value
    assert SHOWN[lang] in error.value
    at.radio(key=start_key(at, "start_background")).set_value("experienced").run()
    at.button(key="start_button").click().run()
    assert not at.session_state[state.FLOW_KEY].started
    assert salary_field(at) == typed
    assert at.error
    at = type_salary(at, "")
    assert not at.error
    assert kept_salary(at) is None


def test_a_refused_first_amount_keeps_none() -> None:
    """With nothing entered before, the message says no salary is compared until then."""
    at = type_salary(new_app(), "4,500")  # English thousands on the German page: 4,50 €
    assert kept_salary(at) is None
    [error] = at.error
    assert RANGE["de"] in error.value
    assert "vergleicht der Check kein Gehalt" in error.value


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_language_switch_keeps_the_amount_in_the_new_languages_way(lang: Language) -> None:
    """A switch draws the field anew with the amount written the new language's way; back and
    forth it stays, and it reaches the salary check."""
    other = OTHER[lang]
    at = type_salary(new_app(lang=lang), TYPED[lang])
    at = switch(at, other)
    assert salary_field(at) == SHOWN[other]
    assert not at.error
    at = switch(at, lang)
    assert salary_field(at) == SHOWN[lang]
    at = switch(at, other)
    assert kept_salary(at) == 4500
    at = complete(start(at, background="experienced"))
    assert CHECKED[other] in texts(at)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_result_page_takes_the_amount_again_the_local_way(lang: Language) -> None:
    """After a reload the result's field reads "4.500" / "4,500"; a refused amount first shows
    the message under the field and keeps none; a switch keeps the amount entered."""
    done = complete(start(new_app(lang=lang), background="experienced"))
    reloaded = new_app(**done.query_params)
    assert CHECKED[lang] not in texts(reloaded)
    type_salary(reloaded, TYPED[OTHER[lang]], SALARY_AGAIN_KEY)  # 4,5 or 4.5: out of range
    [error] = reloaded.error
    assert RANGE[lang] in error.value
    assert kept_salary(reloaded) is None
    assert salary_field(reloaded, SALARY_AGAIN_KEY) == TYPED[OTHER[lang]]
    type_salary(reloaded, TYPED[lang], SALARY_AGAIN_KEY)
    assert not reloaded.error
    assert CHECKED[lang] in texts(reloaded)
    assert salary_field(reloaded, SALARY_AGAIN_KEY) == SHOWN[lang]  # the field stays, to change
    switched = switch(reloaded, OTHER[lang])
    assert CHECKED[OTHER[lang]] in texts(switched)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_amount_entered_can_be_changed_and_removed_on_the_result(lang: Language) -> None:
    """UX verify pass 4, N-1: once an amount is entered the field stayed hidden, so a typo in
    range (45.000 for 4.500) was stuck until a reload, which loses it. The field stays, filled
    with the amount, labelled as the way to change it; emptying it removes the amount."""
    at = type_salary(new_app(lang=lang), "45000")
    done = complete(start(at, background="experienced"))
    label = done.text_input(key=start_key(done, SALARY_AGAIN_KEY)).label
    assert label.startswith(t("ux4.salary.change_label", lang)[:20])
    assert kept_salary(done) == 45_000
    type_salary(done, TYPED[lang], SALARY_AGAIN_KEY)
    assert kept_salary(done) == 4_500
    assert CHECKED[lang] in texts(done)
    type_salary(done, "", SALARY_AGAIN_KEY)
    assert kept_salary(done) is None
    assert CHECKED[lang] not in texts(done)
