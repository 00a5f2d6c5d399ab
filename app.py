"""Streamlit entry point: page configuration and routing; every view lives in assessment/ui/."""

import streamlit as st

from assessment.ui.main import render

st.set_page_config(page_title="Selbstcheck IT-Leitung Duisburg", page_icon="🧭", layout="centered")
st.navigation(
    [st.Page(render, title="Selbstcheck IT-Leitung Duisburg", default=True)], position="hidden"
).run()
