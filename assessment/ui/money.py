"""An amount of euro typed the way people write it, read with Babel in the page's language.

The browser's number field read "4.500" as 4.5 and refused it with an English tooltip (UX pass):
the amount field is a text field instead. German reads "4.500", "4500", "4.500 €", "4500,50",
"4 500"; English "4,500", "4500", "€4,500". Babel's strict parsing refuses a group separator in
the wrong place ("4.5" in German), so a mistyped amount is never read as something else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import streamlit as st

from assessment.i18n import LOCALES, Language
from assessment.i18n import format_euro as format_euro
from assessment.ui import state
from assessment.ui.text import t

# What may surround the number: the currency as a sign or a word, and blanks of any kind.
_CURRENCY_WORDS = ("eur", "euro", "€")
EXAMPLE_AMOUNT = 4_500
AMOUNT_WIDTH = 320
# Room for "EUR 50.000,00" and blanks; the browser stops typing there.
AMOUNT_MAX_CHARS = 24

Problem = Literal["unreadable", "out_of_range"]


@dataclass(frozen=True)
class Reading:
    """What a typed amount says: an amount in whole euro, nothing (empty), or a problem."""

    amount: int | None = None
    problem: Problem | None = None


def parse_amount(text: str, lang: Language) -> Decimal | None:
    """Return the number in text as the language writes it, or None when it is not one.

    The currency (€, EUR, Euro) and blanks may stand anywhere ("4 500", "€4,500"); letters
    (also "NaN", "1E5") and separators out of place ("4.5" in German) make it no number.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    bare = "".join(text.split()).lower()
    for word in sorted(_CURRENCY_WORDS, key=len, reverse=True):
        bare = bare.replace(word, "")
    if not bare or any(c.isalpha() for c in bare):
        return None
    try:
        number = parse_decimal(bare, locale=LOCALES[lang], strict=True)
    except (NumberFormatError, ArithmeticError, ValueError):
        return None
    return number if number.is_finite() else None


def read_amount(text: str | None, lang: Language, low: int, high: int) -> Reading:
    """Return what text says as a whole-euro amount between low and high (cents rounded)."""
    if text is None or not text.strip():
        return Reading()
    number = parse_amount(text, lang)
    if number is None:
        return Reading(problem="unreadable")
    if not low <= number <= high:
        return Reading(problem="out_of_range")
    return Reading(amount=int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def take_amount(base_key: str, lang: Language, low: int, high: int) -> Reading:
    """Read the amount field drawn in lang (callback part); a readable amount is shown again
    the local way ("4500" becomes "4.500 €"), anything else stays as typed."""
    key = state.widget_key(base_key, lang)
    reading = read_amount(st.session_state.get(key), lang, low, high)
    if reading.amount is not None:
        st.session_state[key] = format_euro(reading.amount, lang)
    return reading


def amount_input(
    label: str,
    base_key: str,
    lang: Language,
    *,
    amount: int | None,
    bounds: tuple[int, int],
    on_change: Callable[[Language], None],
) -> None:
    """Draw the amount field in lang, with the problem of what was typed right under it.

    The key names the language (state.widget_key): after a switch the field is drawn anew and
    shows the amount kept (the caller's, never the field's own text) in the new language's way.
    """
    key = state.widget_key(base_key, lang)
    if key not in st.session_state:
        st.session_state[key] = format_euro(amount, lang) if amount is not None else ""
    low, high = bounds
    st.text_input(
        label,
        key=key,
        max_chars=AMOUNT_MAX_CHARS,
        # Phones show their number pad ("phone" is the input type tel); nothing to autofill.
        type="phone",
        icon=":material/euro:",
        autocomplete="off",
        placeholder=t("ui.money.placeholder", lang, example=format_euro(EXAMPLE_AMOUNT, lang)),
        on_change=on_change,
        args=(lang,),
        width=AMOUNT_WIDTH,
    )
    problem = read_amount(st.session_state.get(key), lang, low, high).problem
    if problem is not None:
        st.error(problem_text(problem, lang, amount, bounds), icon=":material/error:")


def problem_text(
    problem: Problem, lang: Language, kept: int | None, bounds: tuple[int, int]
) -> str:
    """Return what to say under a field whose text is no amount in range: the range the local
    way, and which amount still applies."""
    low, high = bounds
    said = t(
        f"ui.money.{problem}",
        lang,
        low=format_euro(low, lang),
        high=format_euro(high, lang),
        example=format_euro(EXAMPLE_AMOUNT, lang),
    )
    if kept is None:
        return f"{said} {t('ui.money.none_kept', lang)}"
    return f"{said} {t('ui.money.kept', lang, amount=format_euro(kept, lang))}"
