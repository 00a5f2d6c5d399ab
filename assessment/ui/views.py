"""A demand's views side by side (rules 3): Selbstbild, Situationsurteil, Wissen and, where a
Fremdbild exists, the colleagues' view; shown in the result's cards and beside the comparison."""

from __future__ import annotations

import streamlit as st

from assessment.i18n import Language
from assessment.render.summary import DimensionCard
from assessment.render.views import PEERS
from assessment.ui.text import plain, t


def render_views(card: DimensionCard, lang: Language, *, key_prefix: str = "views") -> None:
    """One column per view on a wide screen; on a phone (below 640 px) Streamlit stacks the
    columns, so each view becomes a row of its own and nothing is wider than the screen."""
    if not card.views:
        return
    peers = any(view.view == PEERS for view in card.views)
    st.caption(t("views.heading_peers" if peers else "views.heading", lang))
    with st.container(key=f"{key_prefix}_{card.dimension}"):
        for column, view in zip(st.columns(len(card.views)), card.views, strict=True):
            with column:
                st.markdown(f"**{plain(view.label)}**  \n{plain(view.text)}")
                st.caption(plain(view.detail))
    if card.basis:
        st.caption(plain(card.basis))
