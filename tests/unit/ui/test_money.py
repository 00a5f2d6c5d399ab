"""The amount field's reading: what people in Duisburg type, the way each language writes it."""

from __future__ import annotations

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from assessment.engine.salary import MAX_EXPECTED_SALARY, MIN_EXPECTED_SALARY
from assessment.i18n import Language
from assessment.messages import msg
from assessment.ui.money import Reading, format_euro, parse_amount, problem_text, read_amount

LOW, HIGH = MIN_EXPECTED_SALARY, MAX_EXPECTED_SALARY
LOCALES: dict[Language, str] = {"de": "de_DE", "en": "en_GB"}
in_range = st.integers(min_value=LOW, max_value=HIGH)
languages = st.sampled_from(["de", "en"])


@pytest.mark.parametrize(
    ("lang", "typed", "amount"),
    [
        ("de", "4.500", 4500),
        ("de", "4500", 4500),
        ("de", "4.500 €", 4500),
        ("de", "4.500\u00a0€", 4500),
        ("de", "4500,50", 4501),
        ("de", "4500,49", 4500),
        ("de", "4 500", 4500),
        ("de", " 4.500 Euro ", 4500),
        ("de", "EUR 4.500", 4500),
        ("en", "4,500", 4500),
        ("en", "4500", 4500),
        ("en", "€4,500", 4500),
        ("en", "€ 4,500.00", 4500),
        ("en", "4500.5", 4501),
    ],
)
def test_amounts_typed_the_local_way_are_read(lang: Language, typed: str, amount: int) -> None:
    """The UX pass's "4.500" and its friends: each reads as the amount meant."""
    assert read_amount(typed, lang, LOW, HIGH) == Reading(amount=amount)


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("de", "4.5"), ("de", "45.00"), ("de", "4500."), ("en", "4,5"), ("en", "45,00")],
)
def test_a_separator_out_of_place_is_not_guessed(lang: Language, typed: str) -> None:
    """Strict reading: "4.5" in German is no amount (not 45, not 4.5), and is said to be."""
    assert read_amount(typed, lang, LOW, HIGH) == Reading(problem="unreadable")


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("de", "4,500"),  # English thousands on the German page: 4,5 €
        ("en", "4.500"),  # German thousands on the English page: €4.50
        ("de", "499"),
        ("de", "50.001"),
        ("en", "50,000.01"),
        ("de", "-4.500"),
        ("de", "0"),
        ("de", "1.000.000"),
    ],
)
def test_amounts_outside_the_bounds_are_refused(lang: Language, typed: str) -> None:
    """Outside 500 to 50,000 euro the reading says so, and has no amount."""
    assert read_amount(typed, lang, LOW, HIGH) == Reading(problem="out_of_range")


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "1E4", "1e4", "vier", "4500€€x", "€", ","])
def test_letters_and_signs_alone_are_no_number(typed: str) -> None:
    """Babel reads "NaN", "Infinity" and "1E4" as numbers; an amount field does not."""
    assert read_amount(typed, "de", LOW, HIGH) == Reading(problem="unreadable")


@pytest.mark.parametrize("typed", [None, "", "   ", "\u00a0"])
def test_an_empty_field_is_no_amount_and_no_problem(typed: str | None) -> None:
    """Clearing the field removes the amount; it is not an error."""
    assert read_amount(typed, "en", LOW, HIGH) == Reading()


def test_the_bounds_themselves_are_allowed() -> None:
    """500 € and 50.000 € are in range, as they were for the number field."""
    assert read_amount("500", "de", LOW, HIGH).amount == LOW
    assert read_amount("50.000 €", "de", LOW, HIGH).amount == HIGH
    assert read_amount("€50,000", "en", LOW, HIGH).amount == HIGH


@given(amount=in_range, lang=languages, grouped=st.booleans())
def test_every_amount_formatted_by_babel_reads_back(
    amount: int, lang: Language, grouped: bool
) -> None:
    """Any amount in range, as Babel writes it in de_DE or en_GB (number or currency), is read
    back as itself."""
    locale = LOCALES[lang]
    for written in (
        format_decimal(amount, locale=locale, group_separator=grouped),
        format_currency(amount, "EUR", locale=locale),
        format_euro(amount, lang),
    ):
        assert read_amount(written, lang, LOW, HIGH) == Reading(amount=amount), written


@given(typed=st.text(), lang=languages)
def test_anything_typed_never_raises(typed: str, lang: Language) -> None:
    """Whatever is typed, the reading is an amount in range, nothing, or a problem."""
    reading = read_amount(typed, lang, LOW, HIGH)
    assert (reading.amount is None) or (reading.problem is None)
    if reading.amount is not None:
        assert LOW <= reading.amount <= HIGH
    parse_amount(typed, lang)


@given(
    typed=st.text(alphabet="0123456789.,-+ €eE\u00a0", max_size=20),
    lang=languages,
)
def test_number_like_garbage_never_raises(typed: str, lang: Language) -> None:
    """Digits and separators in any order: never an exception, never an amount out of range."""
    reading = read_amount(typed, lang, LOW, HIGH)
    if reading.amount is not None:
        assert LOW <= reading.amount <= HIGH


@pytest.mark.parametrize(
    ("lang", "bounds", "kept"),
    [
        ("de", "zwischen 500\u00a0€ und 50.000\u00a0€", "6.100\u00a0€"),
        ("en", "between €500 and €50,000", "€6,100"),
    ],
)
def test_the_problem_names_the_range_and_the_amount_kept_the_local_way(
    lang: Language, bounds: str, kept: str
) -> None:
    """The message under the field: the range formatted the local way, and what still applies."""
    said = problem_text("out_of_range", lang, 6100, (LOW, HIGH))
    assert bounds in said
    assert kept in said
    assert bounds in problem_text("unreadable", lang, None, (LOW, HIGH))
    assert kept not in problem_text("unreadable", lang, None, (LOW, HIGH))
    assert problem_text("unreadable", lang, None, (LOW, HIGH)).endswith(
        msg("ui.money.none_kept", lang)
    )
