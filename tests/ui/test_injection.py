"""Injection is inert: URL parameters and codes never become links, images, HTML or script.

The app is opened with hostile values in every parameter it reads (r, p, lang, bg); the page
must show a clear message or ignore the value, and no element may carry it as live markup.
The PDF gets hostile links: none becomes a clickable annotation or an action.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.codes.share import encode_progress_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.messages import msg
from tests.ui.conftest import new_app

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "<a href=http://evil/>x</a>",
)
# Fragments that would be live if a payload reached Markdown or HTML unescaped.
LIVE = re.compile(r"<img|<script|<svg|<a\s|javascript:|\]\(http|onerror=|onload=", re.I)
CODE_MESSAGES = {msg(f"code.{key}", "de") for key in ("bad_characters", "empty", "too_long")}


def _shown(at: AppTest) -> list[tuple[str, Any]]:
    """Return (kind, element) for every element that renders text as Markdown."""
    kinds = (
        *("title", "header", "subheader", "markdown", "caption", "error", "warning", "info"),
        *("success", "exception", "code", "latex"),
    )
    return [(kind, element) for kind in kinds for element in getattr(at, kind, [])]


def assert_inert(at: AppTest, payload: str) -> None:
    """No exception, no HTML allowed anywhere, and no element carries the payload as markup."""
    assert not at.exception
    for kind, element in _shown(at):
        value = str(getattr(element, "value", ""))
        assert not LIVE.search(value), f"{kind} shows live markup: {value!r}"
        assert payload not in value, f"{kind} echoes the payload: {value!r}"
        proto = getattr(element, "proto", None)
        assert not getattr(proto, "allow_html", False), f"{kind} allows HTML"


def _unescaped(text: str) -> str:
    return text.replace("\\", "")


def _progress_code() -> str:
    answers = Answers(bank_version=1, form="short", profile="public", responses={})
    return encode_progress_code(answers, 0)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("param", [SHARE_PARAM, PROGRESS_PARAM])
def test_hostile_code_shows_a_clear_message(param: str, payload: str) -> None:
    """A hostile share or progress code gives the error view with the catalogue's message."""
    at = new_app(**{param: payload})
    assert_inert(at, payload)
    assert len(at.error) == 1
    assert _unescaped(at.error[0].value) in CODE_MESSAGES
    assert at.button(key="error_restart")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_language_falls_back_to_german(payload: str) -> None:
    """A hostile lang parameter is ignored: the start page shows in German."""
    at = new_app(lang=payload)
    assert_inert(at, payload)
    assert at.title[0].value == "Selbstcheck IT-Leitung Duisburg"
    assert not at.error


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_background_is_ignored(payload: str) -> None:
    """A hostile bg next to a valid progress code is dropped; the questionnaire opens."""
    at = new_app(**{PROGRESS_PARAM: _progress_code(), "bg": payload, "lang": payload})
    assert_inert(at, payload)
    assert not at.error
    assert at.session_state["flow"].experience is None
    assert any(r.key and r.key.startswith("item_") for r in at.radio)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_share_link_with_valid_code_and_hostile_language(payload: str) -> None:
    """A valid share code with a hostile lang shows the shared result, payload nowhere."""
    bank = load_bank(1)
    responses: dict[str, int | str] = {
        item.id: 3 if item.id.split("_")[-1].startswith("l") else "b"
        for item in bank.form_items("short")
    }
    answers = Answers(bank_version=1, form="short", profile="public", responses=responses)
    from assessment.codes.share import encode_share_code

    at = new_app(**{SHARE_PARAM: encode_share_code(answers), "lang": payload, "bg": payload})
    assert_inert(at, payload)
    assert not at.error


HOSTILE_LINKS = (
    "javascript:alert(1)",
    "http://127.0.0.1:8501/?r=x y<script>",  # whitespace: not one URL
    "data:text/html,<script>alert(1)</script>",
    "http://127.0.0.1:8501/\n/Launch /JavaScript",
    "[click](javascript:alert(1))",
)


@pytest.fixture(scope="module")
def result_and_bank() -> tuple[Any, Any]:
    """A complete short-form result."""
    bank = load_bank(1)
    responses: dict[str, int | str] = {
        item.id: 4 if item.id.split("_")[-1].startswith("l") else "c"
        for item in bank.form_items("short")
    }
    answers = Answers(bank_version=1, form="short", profile="mittelstand", responses=responses)
    return build_result(answers, bank), bank


def _link_annotations(data: bytes) -> list[str]:
    uris = []
    for page in PdfReader(BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                action = action.get_object()
                assert action.get("/S") == "/URI", f"non-URI action: {action}"
                uris.append(str(action.get("/URI")))
    return uris


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_pdf_makes_no_hostile_link_or_action(result_and_bank: tuple[Any, Any], link: str) -> None:
    """A hostile share link is printed as text at most: no annotation, no JavaScript, no launch."""
    from assessment.render.pdf.result import build_pdf

    result, bank = result_and_bank
    data = build_pdf(result, bank, "de", link)
    assert data.startswith(b"%PDF")
    for marker in (b"/JavaScript", b"/JS ", b"/Launch", b"/SubmitForm", b"/ImportData"):
        assert marker not in data, marker
    opening = PdfReader(BytesIO(data)).root_object.get("/OpenAction")
    assert opening is None or isinstance(opening.get_object(), list)  # a view, not an action
    assert _link_annotations(data) == []


def test_pdf_keeps_a_real_share_link_clickable(result_and_bank: tuple[Any, Any]) -> None:
    """The one clickable link in the PDF is the plain http share link it was given."""
    from assessment.render.pdf.result import build_pdf

    result, bank = result_and_bank
    link = "http://127.0.0.1:8501/?r=AQEAAAAA"
    assert _link_annotations(build_pdf(result, bank, "de", link)) == [link]
