"""plain() escapes exactly as the four substitutions it replaces (issue 24: a result page
escapes ~1,200 texts on every rerun, so it skips the steps that cannot match)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.bank.load import available_versions, load_bank
from assessment.ui.text import plain

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:@&])")
_INNER_DOT = re.compile(r"(?<=\S)\.(?=\S)")
_LINE_INDENT = re.compile(r"^[ \t]+", re.M)
_LINE_MARKER = re.compile(r"^([-=])|^([0-9]+)\.", re.M)


def reference(text: str) -> str:
    """plain() as it was written before issue 24: four substitutions, always."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _INNER_DOT.sub(r"\\.", escaped)
    escaped = _LINE_INDENT.sub("", escaped)
    return _LINE_MARKER.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.", escaped)


# Characters that matter to one of the steps, and a few that do not.
_ALPHABET = st.sampled_from(list("\\`*_{}[]<>()#+!|~$:@&.-=019 \t\n\r\x0bxyzäß"))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=40))
def test_plain_is_the_four_substitutions(text: str) -> None:
    assert plain(text) == reference(text)


def test_plain_of_every_bank_text() -> None:
    """Every text of every bank, in both languages, escapes as before."""
    texts = 0
    for version in available_versions():
        bank = load_bank(version)
        for item in bank.index.items.values():
            for lang in ("de", "en"):
                for name in ("text", "situation", "stem", "a", "b"):
                    method = getattr(item, name, None)
                    if callable(method):
                        value = method(lang)
                        assert plain(value) == reference(value)
                        texts += 1
    assert texts > 300


def test_examples() -> None:
    assert plain("1. Punkt") == "1\\. Punkt"
    assert plain("  - eingerückt\n=== x.y") == "\\- eingerückt\n\\=== x\\.y"
    assert plain("Ende.") == "Ende."
    assert plain("a_b (c)") == "a\\_b \\(c\\)"
