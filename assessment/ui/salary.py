"""The expected salary on the result page: entered again after a reload (session only).

The salary never goes into a URL, so a reload (or a link opened in a new tab) forgets it. The
result page then offers the field once more; the amount stays in this session. An amount the
session has can be changed there too.
"""

from __future__ import annotations

import streamlit as st

from assessment.engine.salary import MAX_EXPECTED_SALARY, MIN_EXPECTED_SALARY
from assessment.i18n import Language
from assessment.ui import money, state
from assessment.ui.text import t

SALARY_AGAIN_KEY = "result_salary"
SALARY_BOUNDS = (MIN_EXPECTED_SALARY, MAX_EXPECTED_SALARY)


def _entered(lang: Language) -> None:
    """Take a readable amount (or none, for an emptied field) into this session's flow
    (callback); the URL stays as it is. Anything else stays in the field with its problem said
    under it, and the amount before still applies."""
    reading = money.take_amount(SALARY_AGAIN_KEY, lang, *SALARY_BOUNDS)
    if reading.problem is None:
        state.flow().salary = reading.amount


def offer_salary_again(lang: Language) -> None:
    """Offer the expected salary's field (session only): when this session has none, say why and
    ask for it; when it has one, let it be changed (a typo in range is otherwise stuck until a
    reload, which loses it; UX verify pass 4, N-1)."""
    salary = state.flow().salary
    if salary is not None:
        money.amount_input(
            t("ux4.salary.change_label", lang),
            SALARY_AGAIN_KEY,
            lang,
            amount=salary,
            bounds=SALARY_BOUNDS,
            on_change=_entered,
        )
        return
    typed = st.session_state.get(state.widget_key(SALARY_AGAIN_KEY, lang))
    with st.container(border=True, key="salary_again"):
        # Something typed, but no amount taken: not "none given" next to a field that shows one
        # (UX verify pass 4, N-2); the problem is said under the field.
        invalid = isinstance(typed, str) and bool(typed.strip())
        st.markdown(
            t("ux5.salary.invalid_intro" if invalid else "ui.result.salary_again_intro", lang)
        )
        money.amount_input(
            t("ui.result.salary_again_label", lang),
            SALARY_AGAIN_KEY,
            lang,
            amount=None,
            bounds=SALARY_BOUNDS,
            on_change=_entered,
        )
