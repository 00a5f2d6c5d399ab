"""The legal views (?view=impressum|datenschutz|barrierefreiheit), built from the operator file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assessment.deferred import DeferredModule
from assessment.i18n import Language
from assessment.operate.legal import LEGAL_PAGES, Block, LegalPageId, build_legal_page, legal_title
from assessment.ui import shared, state
from assessment.ui.footer import current_operator, missing_operator_banner
from assessment.ui.text import plain_line, t

if TYPE_CHECKING:
    from assessment.operate import operator as operator_file
else:  # pydantic: imported with the first operator file read (assessment.ui.footer)
    operator_file = DeferredModule("assessment.operate.operator")

BACK_KEY = "legal_back"


def requested_page() -> LegalPageId | None:
    """Return the legal page the URL asks for, or None."""
    view = st.query_params.get(state.VIEW_PARAM)
    return next((page for page in LEGAL_PAGES if page == view), None)


def _leave() -> None:
    """Go to the start page in the same language (callback of the back button)."""
    st.query_params.from_dict({state.LANG_PARAM: state.language()})


def _block(block: Block) -> None:
    """Show a block as text: every line (an operator's entry among them) literally, one line."""
    if block.bulleted:
        st.markdown("\n".join(f"- {plain_line(line)}" for line in block.lines))
    else:
        st.markdown("  \n".join(plain_line(line) for line in block.lines))


def render(page: LegalPageId) -> Language:
    """Render a legal page (or why it cannot be shown); return its language."""
    lang = shared.language_switch(state.set_view_language)
    st.button(
        t("legal.back", lang),
        key=BACK_KEY,
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=_leave,
    )
    operator = current_operator()
    if not isinstance(operator, operator_file.Operator):
        st.title(legal_title(page, lang), anchor=False)
        if operator is None:
            missing_operator_banner(lang)
        else:
            st.error(t("legal.broken", lang))
        return lang
    legal = build_legal_page(page, operator, lang)
    shared.scroll_to_top(f"legal-{page}", legal.title)
    st.title(legal.title, anchor=False)
    for section in legal.sections:
        if section.heading:
            st.header(section.heading, anchor=False)
        for block in section.blocks:
            _block(block)
    return lang
