"""The footer of every view: the legal pages' links, or the banner when operator details are
missing; and the operator file, loaded once per file version."""

from __future__ import annotations

import html
import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import streamlit as st

from assessment.deferred import DeferredModule
from assessment.i18n import Language
from assessment.operate.legal import LEGAL_PAGES, LegalPageId, legal_title
from assessment.ui import state
from assessment.ui.text import PreparedHtml, t

if TYPE_CHECKING:
    from assessment.operate import operator as operator_file
    from assessment.operate.operator import Operator, OperatorError
else:  # pydantic: imported when the first footer is drawn, not with the views (issue 24)
    operator_file = DeferredModule("assessment.operate.operator")

OPERATOR_CACHE_ENTRIES = 4
_LOG = logging.getLogger(__name__)
# For whoever runs the app (the page itself says only that this installation is for private use).
OPERATOR_HINT = (
    "No operator file configured (%s): the footer shows the private-use notice instead of the"
    " legal pages. To run the app for others, see README.md, section 'Operating in Germany'."
)


@lru_cache(maxsize=OPERATOR_CACHE_ENTRIES)
def _load(path: str, modified_ns: int) -> Operator | OperatorError:
    """Return the operator of a file version, or the error it raises (cached per version)."""
    try:
        return operator_file.load_operator_file(Path(path))
    except operator_file.OperatorError as error:
        return error


def current_operator() -> Operator | OperatorError | None:
    """Return the configured operator, its error, or None when no operator file is configured."""
    path = operator_file.operator_path()
    if path is None:
        return None
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        modified = -1
    return _load(str(path), modified)


def legal_href(page: LegalPageId, lang: Language) -> str:
    """Return the relative link to a legal page in a language."""
    return "?" + urlencode({state.VIEW_PARAM: page, state.LANG_PARAM: lang})


@lru_cache(maxsize=1)
def log_operator_hint() -> None:
    """Tell the operator once per process, in the server log, how to add the legal pages."""
    _LOG.warning(OPERATOR_HINT, operator_file.OPERATOR_FILE_ENV)


def missing_operator_banner(lang: Language) -> None:
    """Say clearly that this installation is for private use only (the how-to goes to the log)."""
    log_operator_hint()
    st.warning(t("legal.banner", lang), icon=":material/gavel:")
    st.caption(t("legal.banner_detail", lang))


def legal_links(lang: Language) -> None:
    """Render the links to the three legal pages as a navigation landmark."""
    links = " · ".join(
        f'<a href="{html.escape(legal_href(page, lang))}" target="_self">'
        f"{html.escape(legal_title(page, lang))}</a>"
        for page in LEGAL_PAGES
    )
    label = html.escape(t("legal.footer_nav", lang))
    st.html(PreparedHtml(f'<nav class="legal-links" aria-label="{label}">{links}</nav>'))


def render_footer(lang: Language, version: int) -> None:
    """Render the footer: version line, then legal links or the private-use banner."""
    st.divider()
    st.caption(t("ui.app.footer", lang, version=version))
    if isinstance(current_operator(), operator_file.Operator):
        legal_links(lang)
    else:
        missing_operator_banner(lang)
