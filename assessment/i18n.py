"""Languages: the one place that knows German comes first (plain Python: every page imports it)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
DEFAULT_LANGUAGE: Language = "de"
# Who reads a result: the person themselves, or someone they shared it with (coach, colleague).
Viewer = Literal["self", "other"]


# Babel's locale of each language (numbers, currency, dates).
LOCALES: dict[Language, str] = {"de": "de_DE", "en": "en_GB"}


def format_euro(amount: int, lang: Language) -> str:
    """Return a whole-euro amount the local way (4.500 € / €4,500); Babel is imported on use."""
    from babel.numbers import format_currency

    return format_currency(
        amount,
        "EUR",
        locale=LOCALES[lang],
        format_type="standard",
        currency_digits=False,
        format="#,##0\u00a0¤" if lang == "de" else "¤#,##0",
    )


def format_day(day: dt.date, lang: Language) -> str:
    """Return a date written out for the language (28. November 2026 / 28 November 2026)."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=LOCALES[lang])


def parse_language(value: object) -> Language:
    """Return a supported language for any outside value, German when it is not one."""
    if isinstance(value, str) and value.strip().lower() in LANGUAGES:
        return "en" if value.strip().lower() == "en" else "de"
    return DEFAULT_LANGUAGE


def _quality(parameters: list[str]) -> float | None:
    """Return the q-value of an Accept-Language entry (1 when absent, None when malformed)."""
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                return None
            return quality if 0.0 <= quality <= 1.0 else None
    return 1.0


def accepted_language(header: str | None) -> Language | None:
    """Return the language a browser's Accept-Language header prefers, or None without one.

    Each of our languages gets the highest q-value of the header's ranges that match it
    ("en", "en-GB", … or "*" for a language the header does not name); English only when it
    ranks strictly above German (German wins a tie), never when its q-value is 0. A malformed
    entry is skipped (RFC 9110, section 12.5.4).
    """
    if not header or not header.strip():
        return None
    named: dict[str, float] = {}
    wildcard = 0.0
    for entry in header.split(","):
        tag, *parameters = entry.split(";")
        primary = tag.strip().lower().split("-", 1)[0]
        quality = _quality(parameters)
        if not primary or quality is None:
            continue
        if primary == "*":
            wildcard = max(wildcard, quality)
        else:
            named[primary] = max(named.get(primary, 0.0), quality)
    german = named.get("de", wildcard)
    english = named.get("en", wildcard)
    return "en" if english > german else DEFAULT_LANGUAGE


def stated_language(accept_language: str | None, locale: str | None) -> Language | None:
    """Return the language of ours a browser asks for, or None when it names neither (a French
    browser, no header and no locale): the Accept-Language header's choice where it names German,
    English or "*"; without a header, the locale (navigator.language)."""
    if accept_language and accept_language.strip():
        primaries = {
            tag.split(";", 1)[0].strip().lower().split("-", 1)[0]
            for tag in accept_language.split(",")
        }
        if primaries & {"de", "en", "*"}:
            return accepted_language(accept_language)
        return None
    primary = (locale or "").strip().lower().split("-", 1)[0]
    if primary == "en":
        return "en"
    return "de" if primary == "de" else None


def browser_language(accept_language: str | None, locale: str | None) -> Language:
    """Return the language for a first visit: the Accept-Language header's choice; without a
    header, the browser's locale (navigator.language); German otherwise."""
    accepted = accepted_language(accept_language)
    if accepted is not None:
        return accepted
    if locale and locale.strip().lower().split("-", 1)[0] == "en":
        return "en"
    return DEFAULT_LANGUAGE
