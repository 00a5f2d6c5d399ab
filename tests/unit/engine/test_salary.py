"""The salary reality check against the article's ranges, formatted with Babel."""

from __future__ import annotations

import pytest

from assessment.bank.models import Bank
from assessment.engine.salary import FAR_ABOVE_FACTOR, check_salary, format_euro


def test_article_ranges(bank: Bank) -> None:
    """Entry 4,200–4,800 €, experienced 5,500–7,300 €, as the article says."""
    assert (bank.salary.entry.low, bank.salary.entry.high) == (4200, 4800)
    assert (bank.salary.experienced.low, bank.salary.experienced.high) == (5500, 7300)


@pytest.mark.parametrize(
    ("experience", "expected", "position"),
    [
        ("starter", 4199, "below"),
        ("starter", 4200, "within"),
        ("changer", 4800, "within"),
        ("changer", 4801, "above"),
        ("starter", int(4800 * FAR_ABOVE_FACTOR), "above"),
        ("starter", int(4800 * FAR_ABOVE_FACTOR) + 1, "far_above"),
        ("experienced", 5499, "below"),
        ("experienced", 7300, "within"),
        ("experienced", 9200, "far_above"),
    ],
)
def test_position_at_the_edges(bank: Bank, experience: str, expected: int, position: str) -> None:
    """The range edges belong to the range; starters and changers compare with entry pay."""
    check = check_salary(bank, experience, "mittelstand", expected)  # type: ignore[arg-type]
    assert check.position == position


def test_no_expectation_gives_range_only(bank: Bank) -> None:
    """Without an expected salary only the range is given, and public pay is tariff-bound."""
    check = check_salary(bank, "experienced", "public")
    assert check.position is None
    assert (check.low, check.high) == (5500, 7300)
    assert check.tariff_bound is True
    assert check_salary(bank, "experienced", "industry").tariff_bound is False


def test_babel_formats_euro_per_language() -> None:
    """German puts the euro sign after a dot-grouped number; English before a comma-grouped one."""
    assert format_euro(4200, "de") == "4.200\u00a0€"
    assert format_euro(7300, "en") == "€7,300"
