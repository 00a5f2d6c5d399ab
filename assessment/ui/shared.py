"""Pieces every view uses: the language switch, the error view, the footer, cached charts, links."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import streamlit as st

from assessment.codes import links
from assessment.codes.links import share_link
from assessment.deferred import DeferredModule
from assessment.errors import CodeError
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg
from assessment.ui import state
from assessment.ui.footer import render_footer
from assessment.ui.text import PreparedHtml, plain, t

if TYPE_CHECKING:
    from assessment.bank import load as bank_load
    from assessment.engine.answers import Answers
    from assessment.render.summary import Summary
else:  # pydantic and the validated bank: not imported by the start page (issue 24)
    bank_load = DeferredModule("assessment.bank.load")

LANG_WIDGET_KEY = "lang_switch"
# Shared summaries and charts are cached per share code and language; bounded, short-lived.
# Never anything private: a share code holds no salary, background or timings.
CHART_CACHE_ENTRIES = 512
CHART_CACHE_SECONDS = 3600
# The app's public address (such as https://selbstcheck.example.org/) for the links a PDF prints.
PUBLIC_URL_VARIABLE = "SELBSTCHECK_PUBLIC_URL"
MAX_PUBLIC_URL_LENGTH = 200


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


@cache
def _prepared(text: str) -> PreparedHtml:
    """Return one of the app's constant styles and scripts, prepared once per process (never
    anything a person typed: the cache is the process's)."""
    return PreparedHtml(text)


def page_html(
    body: str,
    *,
    unsafe_allow_javascript: bool = False,
    width: Literal["stretch", "content"] = "stretch",
) -> None:
    """st.html for a text built by the app on this run (prepared on this run, not cached)."""
    st.html(PreparedHtml(body), unsafe_allow_javascript=unsafe_allow_javascript, width=width)


LinkKind = Literal["share", "progress"]
# Codes that are not cut short but foreign: "the end is usually missing" would mislead (UX pass
# 3, m-3); every other reason (cut off, wrong length, damaged) keeps that advice.
FOREIGN_REASONS = frozenset({"too_long", "bad_characters", "not_a_code", "not_canonical"})


def render_code_error(error: CodeError, lang: Language, kind: LinkKind = "share") -> None:
    """Show why a code in the URL cannot be read, what helps for this kind of link (a link
    someone sent: ask for the whole link; one's own progress link: progress is only in the link),
    and a way to start afresh (UX pass m9)."""
    st.title(t("ui.error.heading", lang), anchor=False)
    st.error(plain(error.message(lang)))
    foreign = kind == "share" and error.reason in FOREIGN_REASONS
    st.write(t("ux3.link_error.share_foreign" if foreign else f"ux.link_error.{kind}", lang))
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
/* Accessibility (WCAG 2.2 AA): captions at 4.5:1 or more (#5a6472 on white: 6.0:1, on the
   grey cards 5.5:1); a focus ring on everything that takes focus; text for screen readers. */
[data-testid="stCaptionContainer"] { color: #5a6472 !important; opacity: 1 !important; }
[data-testid="stHeading"] h2 { font-size: 1.5rem; }
:focus-visible { outline: 3px solid #1b3a6b !important; outline-offset: 2px; }
h1:focus, h1:focus-visible { outline: none !important; }
.sr-only {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.legal-links { font-size: 0.9rem; }
.legal-links a { color: #1b3a6b; text-decoration: underline; }
/* On a phone a table's columns share the screen and long words wrap (hyphenated where the
   browser can, broken where it cannot) instead of running off the edge. */
@media (max-width: 640px) {
  [data-testid="stMain"] table { table-layout: fixed; width: 100%; }
  [data-testid="stMain"] th, [data-testid="stMain"] td {
    padding-left: 0.3rem; padding-right: 0.3rem; white-space: normal;
  }
  [data-testid="stMain"] th, [data-testid="stMain"] td,
  [data-testid="stMain"] th *, [data-testid="stMain"] td * {
    overflow-wrap: anywhere !important; hyphens: auto;
  }
}
/* On a phone the page begins just under Streamlit's header (60 px), not after an empty band of
   about 65 px more (Streamlit's 6rem top padding; UX pass 3, old m13). */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.75rem !important; }
}
/* A long German title ("Gruppenauswertung") fits a phone's line instead of breaking mid-word. */
@media (max-width: 640px) {
  [data-testid="stMain"] h1 { font-size: 2rem; hyphens: auto; }
}
/* The group page's paste box allows one character more than the limit (a longer paste is
   refused, not cut); its counter "190/1000001" says nothing useful. */
.st-key-group_text [data-testid="InputInstructions"] { display: none; }
/* Streamlit's input hints ("Press Ctrl+Enter to apply", "Press Enter to apply") are English
   on every page; a text area applies on leaving it anyway (issue 22). */
[data-testid="InputInstructions"] { display: none !important; }
/* Streamlit shows a code block's copy button only on hover; a phone has no hover. */
[data-testid="stCode"] div:has([data-testid="stElementToolbarButton"]),
[data-testid="stCode"] [data-testid="stElementToolbarButton"],
[data-testid="stCode"] [data-testid="stElementToolbarButton"] button {
  opacity: 1 !important; visibility: visible !important;
}
table.chart-table { border-collapse: collapse; font-size: 0.9rem; margin: 0.25rem 0 1rem; }
table.chart-table caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
table.chart-table th, table.chart-table td {
  border-bottom: 1px solid #c5ccd6; padding: 0.25rem 0.75rem 0.25rem 0; text-align: left;
}
</style>
"""


@cache
def page_style_rules() -> str:
    """Return PAGE_STYLE with the rule that hides Streamlit's "Show data" (built on the first
    page, not on import: its words come from the catalogue, issue 24).

    A chart's "Show data" shows its raw data set, with internal English column names ("order",
    "low", "zero"); the chart's own table (chart_text.accessible_chart) shows the same figures in
    the page's language, so Streamlit's action is hidden (in either language's words).
    """
    labels = ",".join(f'[aria-label="{msg("streamlit.show_data", lang)}"]' for lang in LANGUAGES)
    return PAGE_STYLE.replace(
        "</style>",
        f'[data-testid="stElementToolbarButton"]:has(button:is({labels}))'
        " { display: none !important; }\n</style>",
    )


# Repairs of Streamlit's own markup that axe-core flags, kept while the page changes:
# - a table wider than the screen scrolls in a box that the keyboard must reach
#   (scrollable-region-focusable): the box takes focus and is named by the table;
# - a chart is described by the text beside it (assessment/ui/chart_text.py);
# - the file uploader's drop zone is role="presentation" but named (presentation-role-conflict):
#   it becomes a named group.
# The whole page is repaired once; after that only what a change added (with the chart box or
# table it landed in) or an element whose role or description was reset, in the observer's own
# callback: an answer click no longer scans the page (issue 24).
A11Y_REPAIRS = """<script>(() => {
const doc = document.querySelector('[data-testid="stMain"]') ? document : window.parent.document;
if (doc.defaultView.__selbstcheckA11y) { return; }
doc.defaultView.__selbstcheckA11y = true;
const TABLE = '[data-testid="stTable"]';
const CHART = '[class*="st-key-chart_"]';
const ZONE = '[data-testid="stFileUploaderDropzone"][role="presentation"]';
const within = (root, selector) => {
  const found = [...root.querySelectorAll(selector)];
  if (root.matches && root.matches(selector)) { found.push(root); }
  return found;
};
const repair = (root) => {
  within(root, `${TABLE} > div:not([tabindex])`).forEach((box) => {
    box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'region');
    const head = box.querySelector('th');
    if (head) { box.setAttribute('aria-label', head.textContent.trim()); }
  });
  within(root, CHART).forEach((box) => {
    const chart = box.querySelector('[data-testid="stVegaLiteChart"]');
    const text = box.querySelector('.chart-description');
    if (chart && text && chart.getAttribute('aria-describedby') !== text.id) {
      chart.setAttribute('aria-describedby', text.id);
    }
  });
  within(root, ZONE).forEach((zone) => zone.setAttribute('role', 'group'));
};
const scope = (element) => element.closest(`${CHART},${TABLE}`) || element;
new MutationObserver((records) => {
  const roots = new Set();
  for (const record of records) {
    if (record.type === 'attributes') { roots.add(scope(record.target)); continue; }
    record.addedNodes.forEach((node) => { if (node.nodeType === 1) { roots.add(scope(node)); } });
  }
  roots.forEach(repair);
}).observe(doc.body, {
  childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'aria-describedby'],
});
repair(doc);
})();</script>"""


# One history entry per page (see one_entry_per_page). Streamlit 1.67's frontend pushes an entry
# for every change of the address (App.handlePageInfoChanged calls window.history.pushState);
# this wraps pushState so that a change within the same place replaces the entry instead. A
# place is the address without the answers: the progress code's header (format, bank version,
# form, setting, language, kind and page: bytes 0-3, the flags without background and "seen")
# and every other parameter but a colleague's ratings (?rated=).
ONE_ENTRY_PER_PAGE = """<script>(() => {
const win = document.querySelector('[data-testid="stMain"]') ? window : window.parent;
const history = win.history;
if (history.__selbstcheckPlaces) { return; }
history.__selbstcheckPlaces = true;
const header = (code) => {
  try {
    return win.atob(code.slice(0, 8).replace(/-/g, '+').replace(/_/g, '/'));
  } catch (e) { return ''; }
};
const place = (search) => {
  const params = new URLSearchParams(search);
  const code = params.get('__PROGRESS__');
  if (code !== null) {
    const h = header(code);
    if (h.length < 4) { return null; }
    const flags = h.charCodeAt(2);
    const page = flags & 0x10 ? h.charCodeAt(3) : -1;
    params.set('__PROGRESS__', [h.charCodeAt(0), h.charCodeAt(1), flags & 0x1f, page].join('.'));
  }
  params.delete('__RATED__');
  params.sort();
  return params.toString();
};
const push = history.pushState.bind(history);
const replace = history.replaceState.bind(history);
history.pushState = (data, unused, url) => {
  if (url !== undefined && url !== null) {
    const next = new URL(String(url), win.location.href);
    const here = place(win.location.search);
    if (next.pathname === win.location.pathname && here !== null
        && place(next.search) === here) {
      return replace(data, unused, url);
    }
  }
  return push(data, unused, url);
};
})();</script>"""
ONE_ENTRY_PER_PAGE = ONE_ENTRY_PER_PAGE.replace("__PROGRESS__", links.PROGRESS_PARAM)
ONE_ENTRY_PER_PAGE = ONE_ENTRY_PER_PAGE.replace("__RATED__", links.RATED_PARAM)


def page_style() -> None:
    """Add the app's few style rules, the accessibility repairs and the history rule (no
    external resources)."""
    st.html(_prepared(page_style_rules()))
    st.html(_prepared(A11Y_REPAIRS), unsafe_allow_javascript=True, width="content")
    one_entry_per_page()


def one_entry_per_page() -> None:
    """Keep one entry of the tab's history per page: an answer (or a colleague's rating)
    replaces the entry of the page shown; another page, view or language pushes a new one. So
    the browser's Back button goes to the previous page (state.answers_kept keeps the answers
    given since), Forward to the next, and a reload resumes with every answer. Installed once
    per tab, whatever view it opened."""
    st.html(_prepared(ONE_ENTRY_PER_PAGE), unsafe_allow_javascript=True, width="content")


def scroll_to_top(view: str, heading: str) -> None:
    """Scroll to the top and move the keyboard focus to the new view's heading (h1).

    Streamlit keeps the scroll position and the focus on the button that was pressed; a person
    using the keyboard or a screen reader should land on the new page's title. The script only
    runs when its text changes, so view must name the page shown; it waits (briefly) for the
    heading with the given text, which the same run draws after this element.
    """
    page_html(
        "<script>(() => {"
        f"/* {view} */"
        f"const wanted = {json.dumps(heading)};"
        "const selector = '[data-testid=\"stMain\"]';"
        "const doc = document.querySelector(selector) ? document : window.parent.document;"
        "const main = doc.querySelector(selector);"
        "if (main) { main.scrollTo({top: 0}); }"
        "let tries = 0;"
        "const focus = () => {"
        " const h1 = [...doc.querySelectorAll('h1')].find(h => h.textContent.trim() === wanted);"
        " if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus({preventScroll: true}); }"
        " else if (tries++ < 100) { setTimeout(focus, 50); }"
        "};"
        "focus();"
        "})();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


# Streamlit's own English words that our pages show (message keys under [streamlit]).
STREAMLIT_WORDS = (
    "main_menu",
    "choose_option",
    "show_data",
    "download_png",
    "copy_spec",
    "fullscreen",
    "close_fullscreen",
    "columns",
    "download_csv",
    "search",
    "decrement",
    "increment",
    "file_upload",
    "open",
    "help_for",
)
# More of Streamlit's words (its copy buttons, a chart's table mode) and Vega's role descriptions
# of a chart (message keys under [ux.words]; issue 22, point 5).
MORE_WORDS = (
    "copy_clipboard",
    "copied",
    "copied_spec",
    "show_chart",
    "visualization",
    "group_mark",
)
# The attributes whose English words are put into the page's language.
WORD_ATTRIBUTES = ("aria-label", "title", "placeholder", "aria-roledescription")


def _streamlit_words(lang: Language) -> list[tuple[str, str]]:
    """Return (shown, wanted) pairs that put Streamlit's words into lang, from either language
    (after a switch the page still holds the other language's words)."""
    other: Language = "en" if lang == "de" else "de"
    keys = [f"streamlit.{key}" for key in STREAMLIT_WORDS]
    keys += [f"ux.words.{key}" for key in MORE_WORDS]
    return [(t(key, other), t(key, lang)) for key in keys]


def document_language(lang: Language) -> None:
    """Set the page's lang attribute to the language in use (Streamlit's page says "en"), the
    tab title, and the words of Streamlit's own "Skip to main content" link (issue 22)."""
    title = t("ui.app.title", lang)
    # Streamlit sets document.title from the page configuration (the browser tab); a rerun
    # after a language switch sends the new one.
    st.set_page_config(page_title=title)
    st.html(_document_language_script(lang), unsafe_allow_javascript=True, width="content")


# document_language's script. Once per tab it installs one observer that puts what a change
# added or altered into the page's language (an added element with what it holds, a changed
# attribute, a tooltip's text), in the observer's own callback: nothing English is painted, and an
# answer click no longer scans the whole page (issue 24). Each run of the script (a language
# switch) puts the whole page into its language and hands the observer its words.
WORDS_SCRIPT = """<script>(() => {
const lang = __LANG__;
const title = __TITLE__;
const skip = __SKIP__;
const words = __WORDS__;
const names = __NAMES__;
const doc = document.querySelector('[data-testid="stMain"]') ? document : window.parent.document;
const view = doc.defaultView;
const NAMED = names.map((name) => `[${name}]`).join(',');
const SKIP = '[data-testid="stSkipToContent"]';
// Tooltips: BaseWeb's and Streamlit's own (a toolbar button's "Copy to clipboard").
const TIP_TEXT = '[data-baseweb="tooltip"] *, [data-testid="stTooltipContent"] *';
// Streamlit's aria-labels, titles, placeholders and tooltip texts: [from, to] pairs; a pair
// ending in a space is a prefix ("Help for ...").
const say = (text) => {
  for (const [from, to] of words) {
    if (from.endsWith(' ') ? text.startsWith(from) : text === from) {
      return to + text.slice(from.length);
    }
  }
  return null;
};
const within = (root, selector) => {
  const found = [...root.querySelectorAll(selector)];
  if (root.matches && root.matches(selector)) { found.push(root); }
  return found;
};
const named = (element) => {
  for (const name of names) {
    const value = element.getAttribute(name);
    const said = value && say(value);
    if (said && said !== value) { element.setAttribute(name, said); }
  }
};
const tip = (element) => {
  if (element.children.length) { return; }
  const said = say(element.textContent);
  // The text node itself changes, so that React, which holds it, can still update it.
  const node = element.firstChild;
  if (said && said !== element.textContent) {
    if (node && node.nodeType === 3) { node.nodeValue = said; } else { element.textContent = said; }
  }
};
const skipLink = (link) => { if (link.textContent !== skip) { link.textContent = skip; } };
const page = () => {
  if (doc.documentElement.lang !== lang) { doc.documentElement.lang = lang; }
  if (doc.title !== title) { doc.title = title; }
};
const part = (root) => {
  within(root, NAMED).forEach(named);
  within(root, TIP_TEXT).forEach(tip);
  within(root, SKIP).forEach(skipLink);
};
view.__selbstcheckWordsFix = (records) => {
  page();
  for (const record of records) {
    if (record.type === 'attributes') { named(record.target); continue; }
    const holder = record.type === 'characterData' ? record.target.parentElement : record.target;
    if (holder && holder.nodeType === 1) {
      const link = holder.closest(SKIP);
      if (link) { skipLink(link); } else if (holder.matches(TIP_TEXT)) { tip(holder); }
    }
    record.addedNodes.forEach((node) => { if (node.nodeType === 1) { part(node); } });
  }
};
if (!view.__selbstcheckWordsObserver) {
  view.__selbstcheckWordsObserver = new MutationObserver((records) => {
    view.__selbstcheckWordsFix(records);
  });
  view.__selbstcheckWordsObserver.observe(doc.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: names,
  });
}
page();
part(doc);
})();</script>"""


@cache
def _document_language_script(lang: Language) -> PreparedHtml:
    """Return document_language's script for a language (built once per language: it holds
    catalogue texts only)."""
    values = {
        "__LANG__": lang,
        "__TITLE__": t("ui.app.title", lang),
        "__SKIP__": t("a11y.skip_to_content", lang),
        "__WORDS__": _streamlit_words(lang),
        "__NAMES__": WORD_ATTRIBUTES,
    }
    script = WORDS_SCRIPT
    for name, value in values.items():
        script = script.replace(name, json.dumps(value))
    return PreparedHtml(script)


def footer(lang: Language, version: int) -> None:
    """Render the footer (version, legal links or the private-use banner); set the page language."""
    document_language(lang)
    render_footer(lang, version)


def configured_base() -> str | None:
    """Return SELBSTCHECK_PUBLIC_URL as a base ending in "/", or None when unset or not an
    absolute http(s) address of at most MAX_PUBLIC_URL_LENGTH characters."""
    from assessment.render.pdf.layout import is_web_link

    value = os.environ.get(PUBLIC_URL_VARIABLE, "").strip()
    if not value or len(value) > MAX_PUBLIC_URL_LENGTH or not is_web_link(value):
        return None
    base = value.split("?", 1)[0].split("#", 1)[0]
    return base if base.endswith("/") else f"{base}/"


def public_base() -> str:
    """Return the app's address as the server knows it: SELBSTCHECK_PUBLIC_URL, else
    Streamlit's browser.serverAddress, browser.serverPort and server.baseUrlPath.

    Never the address a browser reports, which a client may make as long as it likes.
    """
    configured = configured_base()
    if configured is not None:
        return configured
    address = str(st.get_option("browser.serverAddress") or "localhost")
    port = int(st.get_option("browser.serverPort") or 8501)
    path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    scheme = "https" if port == 443 else "http"
    host = address if port in (80, 443) else f"{address}:{port}"
    return f"{scheme}://{host}/" + (f"{path}/" if path else "")


def base_url() -> str:
    """Return the app's address for links shown on the page: the configured public address,
    else as the browser sees it, or "" for a relative link."""
    configured = configured_base()
    if configured is not None:
        return configured
    url = st.context.url
    if url:
        return url if url.endswith("/") else f"{url}/"
    headers = st.context.headers  # built anew on every access: read once
    host = headers.get("Host") if headers else None
    if host:
        scheme = headers.get("X-Forwarded-Proto", "http")
        return f"{scheme}://{host}/"
    return ""


def is_own_result(answers: Answers) -> bool:
    """Return whether this session made the result of these answers: its questionnaire is done
    with exactly these answers (a link opened in a new tab or by someone else never is)."""
    if state.FLOW_KEY not in st.session_state:
        return False
    current = state.flow()
    return (
        current.started
        and current.page >= len(state.pages_of(current.bank_version, current.form))
        and (current.bank_version, current.form, current.profile)
        == (answers.bank_version, answers.form, answers.profile)
        and current.responses == dict(answers.responses)
    )


def back_to_own_result() -> None:
    """Leave a shared view for this session's own result page (callback); `?p=` comes back."""
    st.query_params.from_dict({state.LANG_PARAM: state.language()})
    state.write_progress()


def method_link(lang: Language, back: Mapping[str, str] | None = None) -> str:
    """Return the address of the methodology page on this app (back: the result's parameters,
    for the way back from it)."""
    return links.method_link(base_url(), lang, back)


def link_for(code: str) -> str:
    """Return the share link of a code on this app's address."""
    return share_link(base_url(), code)


def printed_link_for(code: str) -> str:
    """Return the share link a PDF prints: the code on the public base (never the address the
    browser reports, so its length is bounded by the code's)."""
    return share_link(public_base(), code)


def printed_mirror_link_for(code: str, peer_codes: list[str], lang: Language | None = None) -> str:
    """Return the comparison link a PDF prints: the codes on the public base, like
    printed_link_for (with lang: in that language; without, in the reader's)."""
    return links.mirror_link(public_base(), code, peer_codes, lang)


# A cache of objects, not of pickled copies: a summary is immutable (frozen models and tuples,
# tests/unit/ui/test_shared_summary_cache.py), so every reader may share one, and a read no longer
# unpickles ~190 kB (2 ms) on every rerun of a shared result.
@st.cache_resource(max_entries=CHART_CACHE_ENTRIES, ttl=CHART_CACHE_SECONDS, show_spinner=False)
def shared_summary(share_code: str, lang: Language) -> Summary:
    """Return the summary of a share code as someone else reads it: about the person, in the
    third person, without any salary check (cached)."""
    from assessment.codes.share import decode_code
    from assessment.engine.result import build_result
    from assessment.render.summary import summarize

    answers = decode_code(share_code).answers
    bank = bank_load.load_bank(answers.bank_version)
    return summarize(build_result(answers, bank), bank, lang, viewer="other")


@st.cache_data(max_entries=CHART_CACHE_ENTRIES, ttl=CHART_CACHE_SECONDS, show_spinner=False)
def chart_spec(share_code: str, lang: Language) -> dict[str, Any]:
    """Return the Vega-Lite spec of the profile chart for a share code (cached)."""
    from assessment.operate.warmup import import_once

    import_once("altair", "assessment.render.chart")
    from assessment.render.chart import (
        profile_chart_spec,  # Altair: imported on the first result only
    )

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
