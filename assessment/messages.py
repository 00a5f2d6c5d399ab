"""The message catalogue: every user-facing sentence of the product, in German and English."""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path

from assessment.i18n import Language

CATALOGUE_PATH = Path(__file__).with_name("messages.toml")


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


def msg(key: str, language: Language, /, **params: object) -> str:
    """Return the catalogue text for key in language, with its placeholders filled."""
    template = load_catalogue()[key][language]
    return template.format(**params) if params else template
