"""The checkable rules of the style guide (assessment/STYLE_DE.md) over every user text: the
message catalogue in both languages and the texts of the newest bank (questions/v3)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment.bank.load import QUESTIONS_DIR
from assessment.i18n import LANGUAGES, Language
from assessment.messages import load_catalogue, msg

V3 = QUESTIONS_DIR / "v3"
# Keys whose values are not prose: verbatim article quotes (German, checked against the article)
# and sources (citations with their own titles).
_NOT_PROSE = frozenset({"quote", "source", "sources", "url"})

# German gender forms the style guide refuses: slash ("Kolleg/innen", "Einsteiger/in",
# "Administrator/-in"), star, colon, underscore and the capital I inside a word.
_SLASH_FORMS = re.compile(r"\w/-?in(?:nen)?\b|\w[*:_]in(?:nen)?\b|[a-zäöü]Innen\b")
_BANK = re.compile(r"\bBank\b|Fragenbank")
# A file or path name in running text (the names of downloaded files are no running text).
_FILE_NAME = re.compile(r"\b[\w./-]+\.(?:md|py|toml|json|txt|csv|yml|yaml)\b")
_DOWNLOAD_NAME = re.compile(r"^[\w.-]+\.(?:pdf|json|csv)$")
# English terms the guide replaced by one term each (requirement, target range, provisional,
# area to grow into, tendency).
_ENGLISH_DISCARDED = re.compile(
    r"\bdemands?\b|\btarget bands?\b|\btentative(?:ly)?\b|to gain experience"
    r"|\b(?:your|their|a|no clear|person's) lean\b",
    re.IGNORECASE,
)


def _texts(node: object, where: str) -> Iterator[tuple[str, Language, str]]:
    """Yield (where, language, text) for every de/en text in a parsed TOML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _NOT_PROSE:
                continue
            here = f"{where}.{key}"
            if key in ("de", "en") and isinstance(value, str):
                yield here, key, value
            elif key == "quote_en" and isinstance(value, str):
                yield here, "en", value
            else:
                yield from _texts(value, here)
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from _texts(value, f"{where}[{number}]")


def _catalogue() -> list[tuple[str, Language, str]]:
    return [
        (key, lang, texts[lang])
        for key, texts in load_catalogue().items()
        for lang in LANGUAGES
        if not _DOWNLOAD_NAME.match(texts[lang])
    ]


def _bank_v3() -> list[tuple[str, Language, str]]:
    files = sorted(V3.glob("*.toml")) + sorted((V3 / "items").glob("*.toml"))
    found: list[tuple[str, Language, str]] = []
    for path in files:
        name = str(path.relative_to(QUESTIONS_DIR))
        found.extend(_texts(tomllib.loads(path.read_text(encoding="utf-8")), name))
    return found


SOURCES = {"messages": _catalogue, "bank_v3": _bank_v3}


def _offences(source: str, check: re.Pattern[str], lang: Language) -> list[str]:
    return [
        f"{where}: …{text[max(0, m.start() - 30) : m.end() + 30]}…"
        for where, language, text in SOURCES[source]()
        if language == lang
        for m in [check.search(text)]
        if m is not None
    ]


def test_the_style_guide_is_linked_from_the_readme() -> None:
    readme = (QUESTIONS_DIR.parent / "README.md").read_text(encoding="utf-8")
    assert "assessment/STYLE_DE.md" in readme
    assert (QUESTIONS_DIR.parent / "assessment" / "STYLE_DE.md").is_file()


def test_both_sources_hold_texts() -> None:
    """The walk finds the texts (a broken walk would make every check below pass)."""
    for source, texts in SOURCES.items():
        assert {lang for _, lang, _ in texts()} == {"de", "en"}, source
        assert len(texts()) > 500, source


@pytest.mark.parametrize("source", SOURCES)
def test_no_slash_or_star_gender_forms_in_german(source: str) -> None:
    assert _offences(source, _SLASH_FORMS, "de") == []


@pytest.mark.parametrize("source", SOURCES)
def test_fragenkatalog_not_bank_in_german(source: str) -> None:
    assert _offences(source, _BANK, "de") == []


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_file_names_in_user_texts(source: str, lang: Language) -> None:
    assert _offences(source, _FILE_NAME, lang) == []


@pytest.mark.parametrize("source", SOURCES)
def test_german_quotes_in_german(source: str) -> None:
    """„…“ only: no straight double quotes, no English closing quote, pairs balanced."""
    wrong = [
        f"{where}: {text[:80]}"
        for where, lang, text in SOURCES[source]()
        if lang == "de" and ('"' in text or "”" in text or text.count("„") != text.count("“"))
    ]
    assert wrong == []


@pytest.mark.parametrize("source", SOURCES)
def test_english_quotes_in_english(source: str) -> None:
    """“…” only: no German opening quote, no straight double quotes, pairs balanced."""
    wrong = [
        f"{where}: {text[:80]}"
        for where, lang, text in SOURCES[source]()
        if lang == "en" and ("„" in text or '"' in text or text.count("“") != text.count("”"))
    ]
    assert wrong == []


@pytest.mark.parametrize("source", SOURCES)
def test_english_uses_one_term_each(source: str) -> None:
    """requirement, target range, provisional, area to grow into, tendency – everywhere."""
    assert _offences(source, _ENGLISH_DISCARDED, "en") == []


# Terms settled by the English review of issue 22 (messages only: the released banks keep their
# wording; their findings wait in questions/drafts/v4/english.md). The trade-off position is a
# "tendency", never a "lean"; the overall result is the "overall assessment" – "verdict" only
# where the text says the result is *not* one; the person's two pictures are "self-view" and
# "colleagues' view"; the steps to the role are "stages"; the knowledge answers are "correct".
_ENGLISH_SETTLED = re.compile(
    r"\blean(?:s|ing)?\b|overall (?:statement|verdict)|no clear statement"
    r"|(?<!not a )(?<!not as a )\bverdicts?\b|self-description|peer[ -]view"
    r"|(?<!\{)\bstations?\b(?!\})"
    r"|\bfrom (?:three|\{minimum\}|question bank|version)\b[^.;:]{0,35}? on\b"
    r"|are no (?:signatures|norms)|\bMittelstand\b|\bscenarios?\b|– (?:not )?right\.",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\{\w+\}")  # {lean}, {station}: names for the code, not words
# Count words that need a plural message ("1 complete responses" on the group page).
_COUNTED = ("group.too_few", "group.stats_alpha", "group.stats_alpha_none", "group.pair")


def test_english_messages_use_the_settled_terms() -> None:
    """tendency, overall assessment, self-view, colleagues' view, stages, “once there are at
    least three”, correct – in every English message (issue 22, English review)."""
    found = [
        f"{key}: {text[:80]}"
        for key, lang, text in _catalogue()
        if lang == "en" and _ENGLISH_SETTLED.search(_PLACEHOLDER.sub("{}", text))
    ]
    assert found == []


def test_english_percent_has_no_space() -> None:
    """English writes “95%”, German “95 %” (English review A16)."""
    assert _offences("messages", re.compile(r"(?:\d|\})[ \u00a0]%(?![-\w])"), "en") == []


def test_marks_after_an_answer_start_with_their_space() -> None:
    """The marks appended to an option (“ · your choice”, “ ✓ correct”) carry their own space;
    the page must keep it (review D1: “available· your choice”)."""
    for key in ("views.right_mark", "views.chosen_mark", "ui.result.scenario_chosen"):
        for lang in LANGUAGES:
            text = load_catalogue()[key][lang]
            assert text.startswith(" "), (key, lang)
            assert not text.startswith("  "), (key, lang)


@pytest.mark.parametrize("key", _COUNTED)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_counts_agree_with_their_number(key: str, lang: Language) -> None:
    """One response is singular, two are plural, in both languages (English review L1)."""
    params = {"name": "X", "alpha": "0.5", "low": "0.1", "high": "0.9", "minimum": 30, "r": "0.4"}
    params |= {"plus": "a", "minus": "b"}
    one, two = msg(key, lang, n=1, **params), msg(key, lang, n=2, **params)
    singular = {"de": "1 vollständige Antwort", "en": "1 complete response"}[lang]
    if key == "group.pair":
        singular = {"de": "(1 Antwort)", "en": "(1 response)"}[lang]
    assert singular in one
    assert singular + "en" not in one
    assert singular + "s" not in one
    assert "2 " in two
    assert one != two.replace("2 ", "1 ", 1)


def test_the_checks_catch_what_they_refuse() -> None:
    """Each pattern refuses the forms issue 22 found (and lets the right ones pass)."""
    assert _SLASH_FORMS.search("Kolleg/innen")
    assert _SLASH_FORMS.search("Einsteiger/in")
    assert _SLASH_FORMS.search("Administrator/-in")
    assert _SLASH_FORMS.search("Kolleg*innen")
    assert not _SLASH_FORMS.search("Kolleginnen und Kollegen, Ein-/Ausgabe und/oder")
    assert _BANK.search("die Bank v3")
    assert not _BANK.search("keine Datenbank")
    assert _FILE_NAME.search("siehe REVIEW.md")
    assert _FILE_NAME.search("(tests/simulate.py)")
    assert not _FILE_NAME.search("Version 3.1 von 2026, z. B. heute")
    assert _ENGLISH_DISCARDED.search("the target band")
    assert _ENGLISH_DISCARDED.search("Demands")
    assert not _ENGLISH_DISCARDED.search("a demanding role, leaning towards “a”")
    assert _ENGLISH_SETTLED.search("Clear lean towards “a”")
    assert _ENGLISH_SETTLED.search("the overall verdict")
    assert _ENGLISH_SETTLED.search("The verdict on this requirement")
    assert _ENGLISH_SETTLED.search("from three codes on")
    assert _ENGLISH_SETTLED.search("Stations on the way")
    assert _ENGLISH_SETTLED.search("Your answer: b) x – right.")
    assert not _ENGLISH_SETTLED.search("That is not a verdict on you, but use it not as a verdict")
    assert not _ENGLISH_SETTLED.search("a clear tendency; the overall assessment; borderline")


def test_catalogue_files_are_valid_toml() -> None:
    """The catalogue this test reads is the file the app reads."""
    path = Path(__file__).resolve().parents[2] / "assessment" / "messages.toml"
    assert tomllib.loads(path.read_text(encoding="utf-8"))


# One name per form (UX pass m4): the bank names them "Kurzform" and "Vollständige Form" ("Short
# form", "Full form"), so no text calls the full form "Langform" or "long form".
_OTHER_FORM_NAMES = {"de": re.compile(r"Langform"), "en": re.compile(r"\blong form\b", re.I)}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_one_name_for_the_full_form(source: str, lang: Language) -> None:
    assert _offences(source, _OTHER_FORM_NAMES[lang], lang) == []
