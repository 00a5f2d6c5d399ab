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


def render() -> tuple[Language, int]:
    """Render the methodology page of the newest bank (or ?v=N); return language and version."""
    lang = shared.language_switch(state.set_view_language)
    bank = state.newest_bank()
    st.title(t("method.title", lang), anchor=False)
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
    if links.PROGRESS_PARAM in st.query_params:
        back = t("ux22b.method.back_own", lang)
    elif links.SHARE_PARAM in st.query_params:
        back = t("ux22b.method.back_shared", lang)
    else:
        back = t("method.back", lang)
    st.button(back, key=BACK_KEY, on_click=state.leave_method_view)
    return lang, bank.version
