"""The expected salary on the result page: entered again after a reload (session only).

The salary never goes into a URL, so a reload (or a link opened in a new tab) forgets it. The
result page then offers the field once more; the amount stays in this session.
"""

from __future__ import annotations

import streamlit as st

from assessment.engine.salary import MAX_EXPECTED_SALARY, MIN_EXPECTED_SALARY
from assessment.i18n import Language
from assessment.ui import state
from assessment.ui.text import t

SALARY_AGAIN_KEY = "result_salary"
SALARY_STEP = 100
SALARY_WIDTH = 320


def _entered() -> None:
    """Take the amount into this session's flow (callback); the URL stays as it is."""
    value = st.session_state.get(SALARY_AGAIN_KEY)
    state.flow().salary = int(value) if value is not None else None


def offer_salary_again(lang: Language) -> None:
    """When this session has no expected salary, say why and offer to enter it (session only)."""
    if state.flow().salary is not None:
        return
    with st.container(border=True, key="salary_again"):
        st.markdown(t("ui.result.salary_again_intro", lang))
        st.number_input(
            t("ui.result.salary_again_label", lang),
            min_value=MIN_EXPECTED_SALARY,
            max_value=MAX_EXPECTED_SALARY,
            value=None,
            step=SALARY_STEP,
            placeholder=t("ui.start.salary_placeholder", lang),
            key=SALARY_AGAIN_KEY,
            on_change=_entered,
            width=SALARY_WIDTH,
        )
