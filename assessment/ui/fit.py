"""The setting fit on the result page and the shared page (rules with `preferences`, issue 21):
the verdict for "noch offen", what the demand bands say, and a job preview per setting."""

from __future__ import annotations

import streamlit as st

from assessment.i18n import Language
from assessment.render.fit import FitView
from assessment.ui.text import plain


def render_fit(view: FitView | None, lang: Language) -> None:
    """Render the setting fit (nothing for a bank without the working-conditions block)."""
    if view is None:
        return
    # A section to open, like every section below the one-screen summary (issue 22); the
    # setting that fits best says so in its preview's title.
    with st.expander(plain(view.heading), key="section_fit"), st.container(key="setting_fit"):
        st.markdown(plain(view.intro))
        st.info(plain(view.verdict))
        st.markdown(plain(view.bands))
        for preview in view.previews:
            with st.expander(plain(preview.title)):
                if preview.empty:
                    st.markdown(plain(preview.empty))
                for group in preview.groups:
                    st.markdown(f"**{plain(group.heading)}**")
                    st.markdown(
                        "\n".join(
                            f"- {plain(point.item)} ({plain(point.wish)})  \n"
                            f"  {plain(point.setting_text)} *{plain(point.source)}*"
                            for point in group.points
                        )
                    )
        st.caption(plain(view.rule))
