"""The methodology page ("So funktioniert der Check"), rendered from render.methodology."""

from __future__ import annotations

import streamlit as st

from assessment.bank.load import load_bank
from assessment.codes import links
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.methodology import methodology
from assessment.ui import shared, state
from assessment.ui.text import plain, t

BACK_KEY = "method_back"
CLOSE_KEY = "method_close"
# How often "Diesen Tab schließen" was pressed in this session: the closing script's text
# changes with it, so that every press runs it (st.html runs a script when its text changes).
CLOSES_KEY = "method_closes"
OTHER_TAB_KEY = "method_other_tab"


def _from_result() -> str | None:
    """Return "own" or "shared" when the page was opened from a result (its link carries `p`,
    or `r`): always in a new tab, the result still open in the tab before; else None."""
    if links.PROGRESS_PARAM in st.query_params:
        return "own"
    if links.SHARE_PARAM in st.query_params:
        return "shared"
    return None


def _close_tab() -> None:
    """Count a press of "Diesen Tab schließen" (callback); the run then asks the browser."""
    st.session_state[CLOSES_KEY] = st.session_state.get(CLOSES_KEY, 0) + 1


def _way_back(source: str, lang: Language) -> None:
    """The way back from a page opened from a result (UX verify pass 4, N-5): the result is
    still open in the tab before, with what the session holds (the salary, the speed hint), so
    closing this tab is the way back; a second copy of the result here is offered as such."""
    closes = st.session_state.get(CLOSES_KEY, 0)
    with st.container(horizontal=True):
        st.button(
            t("ux5.method.close", lang),
            key=CLOSE_KEY,
            type="primary",
            icon=":material/close:",
            on_click=_close_tab,
        )
        st.button(
            t(f"ux5.method.open_here_{source}", lang),
            key=BACK_KEY,
            on_click=state.leave_method_view,
        )
    if closes:
        # A tab opened from a link, with one page in its history, may be closed by the page;
        # a browser that refuses leaves it open, and the caption says what to do.
        shared.page_html(
            f"<script>/* {closes} */(window.top || window).close();</script>",
            unsafe_allow_javascript=True,
            width="content",
        )
        st.caption(t("ux5.method.not_closed", lang))


def render() -> tuple[Language, int]:
    """Render the methodology page of the newest bank (or ?v=N); return language and version."""
    lang = shared.language_switch(state.set_view_language)
    bank = state.newest_bank()
    st.title(t("method.title", lang), anchor=False)
    source = _from_result()
    if source is not None:
        with st.container(key=OTHER_TAB_KEY):
            st.info(t(f"ux5.method.other_tab_{source}", lang))
    st.markdown(plain(msg("method.intro", lang, version=bank.version)))
    for section in methodology(bank, lang):
        st.header(plain(section.heading), anchor=False)
        for paragraph in section.paragraphs:
            st.markdown(plain(paragraph))
    if bank.version > 1:
        with st.expander(t("ui.method.v1_heading", lang)):
            for section in methodology(load_bank(1), lang):
                st.markdown(f"**{plain(section.heading)}**")
                for paragraph in section.paragraphs:
                    st.markdown(plain(paragraph))
    st.divider()
    if source is not None:
        _way_back(source, lang)
    else:
        st.button(t("method.back", lang), key=BACK_KEY, on_click=state.leave_method_view)
    return lang, bank.version
