"""The message catalogue: every key in both languages with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assessment.engine.matching import overall_level
from assessment.i18n import Language
from assessment.messages import OTHER_VOICE, load_catalogue, msg, placeholders


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


PACKAGE = Path(__file__).resolve().parents[2] / "assessment"
# Keys the code builds in a way the static check below cannot see (none at present): list them
# here with the place that builds them.
BUILT_ELSEWHERE: frozenset[str] = frozenset()


def _key_uses() -> tuple[set[str], list[re.Pattern[str]]]:
    """Return every string literal of the package, and a pattern per f-string that starts with
    a literal holding a dot (f"facts.param_{name}"): the ways code names a key."""
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if not (isinstance(head, ast.Constant) and "." in str(head.value)):
                    continue
                parts = [
                    re.escape(str(v.value)) if isinstance(v, ast.Constant) else r"[\w.]*"
                    for v in node.values
                ]
                patterns.append(re.compile("".join(parts)))
    return literals, patterns


def test_every_key_is_used_somewhere() -> None:
    """Every catalogue key is named by the package: as a literal, by an f-string whose literal
    parts match it, or as the third-person variant ("other.…") of a key voiced() reads. A key no
    code reads is a text no one sees (minors22: the catalogue had 19 such keys)."""
    literals, patterns = _key_uses()
    unused = []
    for key in load_catalogue():
        if key in BUILT_ELSEWHERE:
            continue
        names = {key, key.removeprefix(f"{OTHER_VOICE}.")}
        if names & literals or any(p.fullmatch(n) for p in patterns for n in names):
            continue
        unused.append(key)
    assert not unused, unused
