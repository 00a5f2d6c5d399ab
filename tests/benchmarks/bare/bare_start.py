"""Bare twin of the app's start page (for AppTest): language switch, view, footer."""

from bare_views import footer, language_switch, start  # type: ignore[import-not-found]  # streamlit puts this folder on sys.path

language_switch()
start()
footer()
