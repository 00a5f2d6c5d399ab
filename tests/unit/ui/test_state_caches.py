"""Per-bank values the question pages use on every click (issue 24): computed once per bank and
form, read-only, and never holding anything of a person (their keys are bank and form only)."""

from __future__ import annotations

import inspect

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, Bank
from assessment.ui import state


def test_item_numbers_count_the_pages_items_once_per_bank_and_form(released_bank: Bank) -> None:
    for form in FORM_IDS:
        numbers = state.item_numbers(released_bank.version, form)
        items = [item for page in state.pages_of(released_bank.version, form) for item in page]
        assert list(numbers) == [item.id for item in items]
        assert list(numbers.values()) == list(range(1, len(items) + 1))
        assert state.item_numbers(released_bank.version, form) is numbers
        with pytest.raises(TypeError):
            numbers["x"] = 0  # type: ignore[index]


def test_item_numbers_follow_the_loaded_bank(released_bank_version: int) -> None:
    """A cached value belongs to the bank object it was computed for (test banks replace one)."""
    bank = load_bank(released_bank_version)
    state.item_numbers(released_bank_version, "short")
    assert all(cached[0] is bank for key, cached in state._NUMBERS.items() if key[0] == id(bank))


def test_the_caches_are_keyed_by_bank_and_form_only() -> None:
    """Nothing of a session can reach these caches: their functions take a version and a form."""
    assert list(inspect.signature(state.item_numbers).parameters) == ["version", "form"]
    assert list(inspect.signature(state.pages_of).parameters) == ["version", "form"]
