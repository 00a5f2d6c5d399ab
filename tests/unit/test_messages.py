"""The message catalogue: every key in both languages with the same placeholders."""

from __future__ import annotations

import re

import pytest

from assessment.engine.matching import overall_level
from assessment.i18n import Language
from assessment.messages import load_catalogue, msg, placeholders


def test_every_entry_has_both_languages_and_same_placeholders() -> None:
    """German and English exist for every key and name the same placeholders."""
    catalogue = load_catalogue()
    assert len(catalogue) > 40
    for key, texts in catalogue.items():
        assert texts["de"].strip(), key
        assert texts["en"].strip(), key
        assert placeholders(texts["de"]) == placeholders(texts["en"]), key


def test_keys_built_from_machine_values_exist() -> None:
    """Each band, level, flag and salary position the domain can produce has its text."""
    catalogue = load_catalogue()
    for band in ("below", "within", "above", "unknown"):
        assert f"band.{band}" in catalogue
        assert f"band.{band}_verdict" in catalogue
    for level in ("strong", "partial", "gaps", "insufficient"):
        for suffix in ("", "_headline", "_text"):
            assert f"level.{level}{suffix}" in catalogue
    for kind in ("long_string", "contradictions", "too_fast"):
        assert f"quality.{kind}" in catalogue
    for position in ("below", "within", "above", "far_above"):
        assert f"salary.position_{position}" in catalogue
    assert overall_level(()) == "insufficient"


def test_placeholders_are_filled() -> None:
    """msg fills placeholders and keeps German umlauts intact."""
    assert msg("overall.met", "de", met=6, scored=9) == "6 von 9 Anforderungen erfüllt"
    assert msg("overall.met", "en", met=6, scored=9) == "6 of 9 requirements met"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [("de", 1, "Auf 1 Seite haben"), ("de", 2, "Auf 2 Seiten haben"), ("en", 1, "On 1 page you")],
)
def test_plural_forms_follow_the_language(lang: Language, count: int, expected: str) -> None:
    """A count picks its word by Babel's plural rules: no "Seite(n)" anywhere."""
    assert msg("quality.too_fast", lang, count=count).startswith(expected)


def test_no_catalogue_text_hedges_a_plural() -> None:
    """No message writes "(n)", "(en)" or "(s)" after a word instead of choosing the form."""
    hedged = re.compile(r"\w\((n|en|s)\)")
    found = [
        key
        for key, texts in load_catalogue().items()
        for text in texts.values()
        if hedged.search(text)
    ]
    assert found == []


def test_group_development_names_urgent_only_when_there_are_any() -> None:
    """With nobody's most urgent gap, the sentence leaves the "(… bei 0)" out."""
    assert "dringlichstes" not in msg(
        "group.development_none_urgent", "de", name="X", people=2, total=1
    )
    assert msg("group.version", "de", version=1, people=1).endswith("1 Person")
