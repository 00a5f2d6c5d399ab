"""Bare twin of app.py: page config and one hidden navigation page that routes like the app."""

import streamlit as st
from bare_views import router  # type: ignore[import-not-found]  # streamlit puts this folder on sys.path

st.set_page_config(page_title="Bare", page_icon="🧭", layout="centered")
st.navigation([st.Page(router, title="Bare", default=True)], position="hidden").run()
