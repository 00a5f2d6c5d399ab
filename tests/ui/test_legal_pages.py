"""Legal pages and footer through AppTest: links on every view, pages from the operator file,
the private-use banner without one, a clear message for a broken one."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.codes.share import encode_progress_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg
from assessment.operate.legal import LEGAL_PAGES, LegalPageId, build_legal_page, legal_title
from assessment.operate.operator import OPERATOR_FILE_ENV, load_operator_file
from assessment.ui.footer import log_operator_hint
from tests.ui.conftest import EXAMPLE_OPERATOR, complete, new_app, start, texts

FRESH = Answers(bank_version=1, form="short", profile="public")


def _html(at: AppTest) -> str:
    return "\n".join(element.value for element in at.html)


def _views() -> dict[str, AppTest]:
    """Every kind of view, each run once."""
    own = complete(start(new_app()))
    return {
        "start": new_app(),
        "question": new_app(p=encode_progress_code(FRESH, 0), lang="en"),
        "own_result": own,
        "shared": new_app(r=encode_share_code(FRESH), lang="de"),
        "group": new_app(view="group"),
        "error": new_app(p="kaputt"),
        "legal": new_app(view="impressum", lang="en"),
        "method": new_app(view="method"),
    }


def test_every_view_links_the_three_legal_pages_in_its_language() -> None:
    """The footer of every view is a navigation landmark with the three legal links."""
    for name, at in _views().items():
        assert not at.exception, name
        lang: Language = "en" if name in ("question", "legal") else "de"
        footer = _html(at)
        label = msg("legal.footer_nav", lang)
        assert f'<nav class="legal-links" aria-label="{label}">' in footer, name
        for page in LEGAL_PAGES:
            assert f'href="?view={page}&amp;lang={lang}"' in footer, (name, page)
            assert legal_title(page, lang) in footer, (name, page)
        assert msg("legal.banner", lang) not in [w.value for w in at.warning], name


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", LEGAL_PAGES)
def test_legal_page_shows_every_section_of_the_operators_text(
    page: LegalPageId, lang: Language
) -> None:
    """?view=<page> shows the title as h1 and every section heading and line, escaped."""
    at = new_app(view=page, lang=lang)
    assert not at.exception
    expected = build_legal_page(page, load_operator_file(EXAMPLE_OPERATOR), lang)
    assert at.title[0].value == expected.title
    headings = [h.value for h in at.header]
    assert headings == [s.heading for s in expected.sections if s.heading]
    shown = texts(at)
    for section in expected.sections:
        for block in section.blocks:
            for line in block.lines:
                assert line.replace("\\", "") in shown


def test_without_operator_file_every_view_shows_the_banner(monkeypatch: pytest.MonkeyPatch) -> None:
    """No operator file: the private-use banner instead of the legal links, also on ?view=…"""
    monkeypatch.delenv(OPERATOR_FILE_ENV)
    views: list[tuple[Language, AppTest]] = [
        ("de", new_app()),
        ("de", new_app(view="impressum")),
        ("en", new_app(p="kaputt", lang="en")),
    ]
    for lang, at in views:
        assert not at.exception
        assert msg("legal.banner", lang) in [w.value for w in at.warning]
        assert "<nav" not in _html(at)


def test_legal_page_without_operator_file_shows_no_operator_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """?view=impressum without a file: its title and the banner, no invented details."""
    monkeypatch.delenv(OPERATOR_FILE_ENV)
    at = new_app(view="datenschutz", lang="de")
    assert at.title[0].value == "Datenschutzerklärung"
    assert "Musterstadt" not in texts(at)
    assert not at.header


def test_broken_operator_file_gives_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A faulty operator file: the legal page says so; the check itself still works."""
    broken = tmp_path / "operator.toml"
    broken.write_text("[provider]\nname = 'x'\n", encoding="utf-8")
    monkeypatch.setenv(OPERATOR_FILE_ENV, str(broken))
    at = new_app(view="impressum", lang="en")
    assert not at.exception
    assert [e.value for e in at.error] == [msg("legal.broken", "en")]
    assert msg("legal.banner", "en") in [w.value for w in at.warning]
    assert not new_app().exception


def test_back_button_leaves_the_legal_page_in_its_language() -> None:
    """The back button goes to the start page and keeps the language."""
    at = new_app(view="barrierefreiheit", lang="en")
    at.button(key="legal_back").click().run()
    assert not at.exception
    assert "view" not in at.query_params
    assert at.title[0].value == msg("ui.app.title", "en")


def test_language_switch_on_a_legal_page() -> None:
    """Switching the language re-renders the legal page in the other language."""
    at = new_app(view="impressum", lang="de")
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == legal_title("impressum", "en")


def test_page_language_follows_the_choice() -> None:
    """Every view sets the document's lang attribute to the language in use."""
    for lang in LANGUAGES:
        at = new_app(lang=lang)
        assert f'const lang = "{lang}";' in _html(at)


def test_private_use_notice_speaks_to_the_reader_and_the_hint_goes_to_the_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """No operator file: the page names no file, README or set-up step (issue 22, English
    review A12); the operator finds the how-to in the server log."""
    monkeypatch.delenv(OPERATOR_FILE_ENV)
    log_operator_hint.cache_clear()
    with caplog.at_level(logging.WARNING, logger="assessment.ui.footer"):
        for lang in LANGUAGES:
            at = new_app(lang=lang)
            shown = [c.value for c in at.caption]
            assert msg("legal.banner_detail", lang) in shown
            for text in [msg("legal.banner", lang), msg("legal.banner_detail", lang)]:
                for word in ("README", "operator file", "Betreiberdatei", "Betrieb in"):
                    assert word not in text, (lang, word)
    hints = [r.getMessage() for r in caplog.records if r.name == "assessment.ui.footer"]
    assert len(hints) == 1
    assert OPERATOR_FILE_ENV in hints[0]
    assert "README" in hints[0]
