"""Visible text for the views: catalogue look-ups, escaping of text shown as Markdown, and HTML
prepared once for st.html."""

from __future__ import annotations

import re

from streamlit.string_util import clean_text

from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced

# Characters that Markdown (and Streamlit's LaTeX and emoji shortcodes) would interpret
# anywhere; `@` and `&` too (an e-mail autolink, an entity such as `&lt;`).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:@&])")
# A dot between two non-blank characters ("www.evil.example", "x@y.org"): escaped, so that
# GitHub-flavoured Markdown makes no link of a bare domain; a sentence's full stop stays.
_INNER_DOT = re.compile(r"(?<=\S)\.(?=\S)")
# What starts a block at the beginning of a line: indentation (a code block), "-" or "=" (a
# list, a rule, a heading underline), "1." (a numbered list).
_LINE_INDENT = re.compile(r"^[ \t]+", re.M)
_LINE_MARKER = re.compile(r"^([-=])|^([0-9]+)\.", re.M)
# Every line break and other blank: one space in a single-line text.
_BLANKS = re.compile(r"\s+")


def t(key: str, lang: Language, /, **params: object) -> str:
    """Return the catalogue text for a full key ("ui.start.lead") in a language."""
    return msg(key, lang, **params)


def tv(key: str, lang: Language, viewer: Viewer, /, **params: object) -> str:
    """Return the text for key as its reader needs it (the person, or someone else)."""
    return voiced(key, lang, viewer, **params)


# _MARKDOWN_SPECIAL's characters, the backslash first (escaped before it is added): a
# str.replace per character the text holds is several times faster than the regular expression's
# substitution with a group (a result page escapes ~1,200 texts on every rerun).
_SPECIAL_CHARS = "\\`*_{}[]<>()#+!|~$:@&"
# What can start a line that _LINE_INDENT or _LINE_MARKER change.
_LINE_STARTS = frozenset(" \t-=0123456789")


def plain(text: str) -> str:
    """Return text escaped so that Markdown shows it literally: no links (also no autolinked
    address or e-mail), no emphasis, no HTML, no heading, list or code block.

    The same as the four substitutions _MARKDOWN_SPECIAL, _INNER_DOT, _LINE_INDENT and
    _LINE_MARKER in turn (tests/unit/ui/test_text.py compares them); a step whose pattern
    cannot match is skipped."""
    escaped = text
    for char in _SPECIAL_CHARS:
        if char in escaped:
            escaped = escaped.replace(char, f"\\{char}")
    if "." in escaped:
        escaped = _INNER_DOT.sub(r"\\.", escaped)
    if "\n" not in escaped and escaped[:1] not in _LINE_STARTS:
        return escaped
    escaped = _LINE_INDENT.sub("", escaped)
    return _LINE_MARKER.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.", escaped)


def plain_line(text: str) -> str:
    """Return a single-line text (a name, an operator entry) as plain() with every line break
    and run of blanks folded into one space, so that it stays one line of the paragraph."""
    return plain(_BLANKS.sub(" ", text).strip())


class PreparedHtml:
    """HTML for st.html, cleaned once the way st.html cleans a string (dedent, strip).

    st.html dedents every string it is given on every run (~0.1 ms for each of the page's
    longer scripts); given an object with `_repr_html_`, it sends that text as it is. The text
    sent is the same either way (tests/unit/ui/test_prepared_html.py).
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        # One line without outer blanks is what dedent and strip leave alone: nothing to do.
        self.text = text if "\n" not in text and text == text.strip() else clean_text(text)

    def _repr_html_(self) -> str:
        return self.text
