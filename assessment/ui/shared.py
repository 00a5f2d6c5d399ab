"""Pieces every view uses: the language switch, the error view, the footer, cached charts, links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from assessment import links
from assessment.bank import load_bank
from assessment.errors import CodeError
from assessment.i18n import LANGUAGES, Language
from assessment.links import share_link
from assessment.result import build_result
from assessment.sharecode import decode_code
from assessment.summary import Summary, summarize
from assessment.ui import state
from assessment.ui.text import plain, t

LANG_WIDGET_KEY = "lang_switch"
# Shared summaries and charts are cached per share code and language; bounded, short-lived.
# Never anything private: a share code holds no salary, background or timings.
CHART_CACHE_ENTRIES = 512
CHART_CACHE_SECONDS = 3600


def language_switch(on_change: Callable[[Language], None] = state.set_language) -> Language:
    """Render the language switch (top right) and return the language in use."""
    lang = state.language()
    st.session_state[LANG_WIDGET_KEY] = lang

    def changed() -> None:
        chosen = st.session_state.get(LANG_WIDGET_KEY)
        if chosen in LANGUAGES and chosen != state.language():
            on_change(chosen)

    with st.container(horizontal=True, horizontal_alignment="right"):
        st.segmented_control(
            t("ui.app.language", lang),
            LANGUAGES,
            required=True,
            format_func=lambda code: t(f"ui.app.lang_{code}", lang),
            key=LANG_WIDGET_KEY,
            on_change=changed,
            label_visibility="collapsed",
        )
    return lang


def render_code_error(error: CodeError, lang: Language) -> None:
    """Show why a code in the URL cannot be read, and a way to start afresh."""
    st.title(t("ui.error.heading", lang), anchor=False)
    st.error(plain(error.message(lang)))
    st.write(t("ui.error.hint", lang))
    st.button(
        t("ui.app.restart", lang), key="error_restart", type="primary", on_click=state.restart
    )


# Questions read at body size; on narrow screens the five anchors stack instead of wrapping 2 + 3.
PAGE_STYLE = """
<style>
[class*="st-key-item_"] [data-testid="stWidgetLabel"] p { font-size: 1rem; line-height: 1.5; }
[class*="st-key-item_"] [role="radiogroup"][aria-orientation="vertical"] { gap: 0.7rem; }
[class*="st-key-item_"] [role="radiogroup"][aria-orientation="vertical"] p { font-size: 0.95rem; }
@media (max-width: 640px) {
  [class*="st-key-item_"] [role="radiogroup"][aria-orientation="horizontal"] {
    flex-direction: column; align-items: flex-start; gap: 0.35rem;
  }
}
</style>
"""


def page_style() -> None:
    """Add the app's few style rules (no scripts, no external resources)."""
    st.html(PAGE_STYLE)


def scroll_to_top(view: str) -> None:
    """Scroll the page to the top when the view changes (Streamlit keeps the scroll position).

    The script only runs when its text changes, so view must name the page shown.
    """
    st.html(
        "<script>(() => {"
        f"/* {view} */"
        "const selector = '[data-testid=\"stMain\"]';"
        "const main = document.querySelector(selector)"
        " || window.parent.document.querySelector(selector);"
        "if (main) { main.scrollTo({top: 0}); }"
        "})();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def footer(lang: Language, version: int) -> None:
    """Render the quiet footer line."""
    st.divider()
    st.caption(t("ui.app.footer", lang, version=version))


def base_url() -> str:
    """Return the app's address as the browser sees it, or "" for a relative link."""
    url = st.context.url
    if url:
        return url if url.endswith("/") else f"{url}/"
    host = st.context.headers.get("Host") if st.context.headers else None
    if host:
        scheme = st.context.headers.get("X-Forwarded-Proto", "http")
        return f"{scheme}://{host}/"
    return ""


def method_link(lang: Language) -> str:
    """Return the address of the methodology page on this app."""
    return links.method_link(base_url(), lang)


def link_for(code: str) -> str:
    """Return the share link of a code on this app's address."""
    return share_link(base_url(), code)


@st.cache_data(max_entries=CHART_CACHE_ENTRIES, ttl=CHART_CACHE_SECONDS, show_spinner=False)
def shared_summary(share_code: str, lang: Language) -> Summary:
    """Return the summary of a share code without any salary check (cached)."""
    answers = decode_code(share_code).answers
    bank = load_bank(answers.bank_version)
    return summarize(build_result(answers, bank), bank, lang)


@st.cache_data(max_entries=CHART_CACHE_ENTRIES, ttl=CHART_CACHE_SECONDS, show_spinner=False)
def chart_spec(share_code: str, lang: Language) -> dict[str, Any]:
    """Return the Vega-Lite spec of the profile chart for a share code (cached)."""
    from assessment.chart import profile_chart_spec  # Altair: imported on the first result only

    # Schema validation costs ~18 ms a chart; tests/unit/test_chart.py validates the spec.
    spec: dict[str, Any] = profile_chart_spec(shared_summary(share_code, lang))
    return spec


@dataclass(frozen=True)
class Download:
    """A file offered for download; its content is built only when the person clicks."""

    label: str
    build: Callable[[], bytes | str]
    file_name: str
    mime: str
    key: str
    icon: str


def download_row(downloads: Sequence[Download]) -> None:
    """Show download buttons side by side, the first as the primary one; no rerun on click."""
    with st.container(horizontal=True):
        for index, download in enumerate(downloads):
            st.download_button(
                download.label,
                data=download.build,
                file_name=download.file_name,
                mime=download.mime,
                key=download.key,
                on_click="ignore",
                type="primary" if index == 0 else "secondary",
                icon=download.icon,
            )
