"""The message catalogue: every user-facing sentence of the product, in German and English.

A placeholder can choose a word by the plural rules of the language (Babel's CLDR rules):
`{count} {count:one=Seite|other=Seiten}` gives "1 Seite", "2 Seiten"; a decimal number chooses
by the number as written (1.15 → "Seiten").
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from assessment.i18n import Language, Viewer

CATALOGUE_PATH = Path(__file__).with_name("messages.toml")
# The third-person variants of texts that speak to the person, for someone else reading them.
OTHER_VOICE = "other"


@cache
def load_catalogue() -> dict[str, dict[str, str]]:
    """Return the catalogue as flat keys ("code.truncated") mapped to their de/en texts."""
    with CATALOGUE_PATH.open("rb") as handle:
        raw = tomllib.load(handle)
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict[str, object]) -> None:
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict) and set(value) == {"de", "en"}:
                flat[name] = {"de": str(value["de"]), "en": str(value["en"])}
            elif isinstance(value, dict):
                walk(name, value)
            else:
                raise ValueError(f"{CATALOGUE_PATH.name}: {name} needs both 'de' and 'en'")

    walk("", raw)
    return flat


def placeholders(template: str) -> set[str]:
    """Return the names of the {placeholders} in a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def _plural_rule(language: Language) -> Callable[[float], str]:
    from babel.core import Locale

    rule: Callable[[float], str] = Locale.parse(language).plural_form
    return rule


def plural_forms(spec: str) -> dict[str, str]:
    """Return the words of a plural spec ("one=Seite|other=Seiten") by CLDR category."""
    return dict(part.split("=", 1) for part in spec.split("|"))


class _Formatter(string.Formatter):
    """str.format, plus plural choices for integer placeholders."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def format_field(self, value: object, format_spec: str) -> str:
        if "=" in format_spec and isinstance(value, int | float):
            forms = plural_forms(format_spec)
            return forms.get(_plural_rule(self.language)(value), forms["other"])
        return str(super().format_field(value, format_spec))


def msg(key: str, language: Language, /, **params: object) -> str:
    """Return the catalogue text for key in language, with its placeholders filled."""
    template = load_catalogue()[key][language]
    if not params:
        return template
    if _has_plural(template):
        return _Formatter(language).format(template, **params)
    return template.format(**params)


def voiced(key: str, language: Language, viewer: Viewer, /, **params: object) -> str:
    """Return the text for key as its reader needs it: addressed to the person ("self"), or
    about them for someone they shared the result with ("other": the key under [other])."""
    return msg(key if viewer == "self" else f"{OTHER_VOICE}.{key}", language, **params)


@cache
def _has_plural(template: str) -> bool:
    return any(spec and "=" in spec for _, _, spec, _ in string.Formatter().parse(template))
