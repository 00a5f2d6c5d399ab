"""The result page's "Arbeitsweise zwischen zwei Polen" (rules 3): rendered from the LeanSection."""

from __future__ import annotations

import streamlit as st

from assessment.render.leans import LeanSection
from assessment.ui.text import plain


def render_leans(section: LeanSection | None) -> None:
    """Render each clear lean (what it costs, the three settings, the person's own situations)
    and one line each for the axes without a clear lean and those not answered."""
    if section is None or not section.leans:
        return  # nothing to say: left out, not filled with "no clear lean" (issue 22)
    # A section to open, like every section below the one-screen summary (issue 22).
    with st.expander(plain(section.heading), key="section_leans"), st.container(key="leans"):
        st.caption(plain(section.intro))
        if section.no_preference:
            st.markdown(plain(section.no_preference))
        if section.none_clear:
            st.markdown(plain(section.none_clear))
        for lean in section.leans:
            with st.container(border=True, key=f"lean_{lean.dimension}"):
                st.markdown(f"**{plain(lean.name)}:** {plain(lean.lean)}")
                if lean.contrast:
                    st.markdown(plain(lean.contrast))
                st.markdown(plain(lean.cost))
                st.markdown(
                    "\n".join(
                        f"- **{plain(s.name)}:** {plain(s.text)}"
                        + (f" *{plain(s.preference)}*" if s.preference else "")
                        for s in lean.settings
                    )
                )
                if lean.preference:
                    st.caption(plain(lean.preference))
        for line in (section.no_lean, section.unanswered):
            if line:
                st.markdown(plain(line))
