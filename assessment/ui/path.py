"""The result page's "Stationen bis zur IT-Leitung" (rules 3): rendered from the PathView only."""

from __future__ import annotations

import streamlit as st

from assessment.i18n import Language, Viewer
from assessment.render.path import PathView, station_lines
from assessment.ui.text import plain


def render_path(view: PathView, lang: Language, viewer: Viewer, *, heading: bool = True) -> None:
    """Render the stations: the intro, the station that builds most of what is open, each
    station with its span and the demands it builds, the total, and the public-sector grades
    (without the heading inside a section whose label is the heading)."""
    if heading:
        st.header(plain(view.heading), anchor=False)
    st.markdown(plain(view.intro))
    if view.short:
        return
    if view.next_text:
        st.info(plain(view.next_text))
    for number, station in enumerate(view.stations, start=1):
        lines = station_lines(station, lang, viewer)
        st.markdown(
            f"**{number}. {plain(station.name)}**  \n" + "  \n".join(plain(line) for line in lines)
        )
    if view.total:
        st.markdown(plain(view.total))
    if view.public_heading:
        st.subheader(plain(view.public_heading), anchor=False)
        st.markdown("\n".join(f"- {plain(step)}" for step in view.public_steps))
