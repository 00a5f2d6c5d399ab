"""HTML prepared once for st.html (issue 24, CPU per rerun): the same text Streamlit would send,
without dedenting the page's scripts on every run; the caches hold app texts only."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from streamlit.string_util import clean_text

from assessment.i18n import LANGUAGES
from assessment.messages import msg
from assessment.ui import shared
from assessment.ui.text import PreparedHtml

# Blanks that dedent and strip treat differently: spaces, tabs, line breaks, other Unicode blanks.
BLANKS = " \t\n\r\x0b\x0c\u00a0\u2028"
TEXT = st.text(alphabet=st.sampled_from(BLANKS + "ab<>/"), max_size=40) | st.text()


@given(TEXT)
def test_prepared_html_is_what_streamlit_would_send(text: str) -> None:
    """st.html sends clean_text(body) for a string body, and _repr_html_() for PreparedHtml."""
    assert PreparedHtml(text)._repr_html_() == clean_text(text)


def test_the_page_scripts_are_prepared_once_a_process() -> None:
    """The style and the scripts every page sends are prepared once and then reused."""
    for text in (shared.page_style_rules(), shared.A11Y_REPAIRS, shared.ONE_ENTRY_PER_PAGE):
        prepared = shared._prepared(text)
        assert prepared is shared._prepared(text)
        assert prepared.text == clean_text(text)


def test_the_language_script_is_kept_per_language_only() -> None:
    """The script that sets the page's language and title is built once per language, from the
    catalogue: its only key is the language, so nothing about a person can be kept in it."""
    scripts = {lang: shared._document_language_script(lang) for lang in LANGUAGES}
    for lang, script in scripts.items():
        assert script is shared._document_language_script(lang)
        assert msg("ui.app.title", lang) in script.text
        assert msg("a11y.skip_to_content", lang) in script.text
    assert scripts["de"].text != scripts["en"].text
    assert shared._document_language_script.cache_info().currsize <= len(LANGUAGES)
