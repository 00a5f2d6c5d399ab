"""Visible text for the views: catalogue look-ups and escaping of text shown as Markdown."""

from __future__ import annotations

import re

from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced

# Characters that Markdown (and Streamlit's LaTeX and emoji shortcodes) would interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:])")


def t(key: str, lang: Language, /, **params: object) -> str:
    """Return the catalogue text for a full key ("ui.start.lead") in a language."""
    return msg(key, lang, **params)


def tv(key: str, lang: Language, viewer: Viewer, /, **params: object) -> str:
    """Return the text for key as its reader needs it (the person, or someone else)."""
    return voiced(key, lang, viewer, **params)


def plain(text: str) -> str:
    """Return text escaped so that Markdown shows it literally (no links, no emphasis, no HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
