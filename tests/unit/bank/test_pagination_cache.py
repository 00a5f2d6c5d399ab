"""The numbers within a kind are computed once per bank and form (issue 24: every question page
asked for them on every click); per bank object, read-only, and equal to a fresh count."""

from __future__ import annotations

import pytest

from assessment.bank.models import FORM_IDS, Bank, KnowledgeItem, Scenario
from assessment.bank.pagination import numbers_within_kind


def _counted(bank: Bank, form: str) -> dict[str, tuple[int, int]]:
    numbers: dict[str, tuple[int, int]] = {}
    for kind in (Scenario, KnowledgeItem):
        of_kind = [item for item in bank.form_items(form) if isinstance(item, kind)]  # type: ignore[arg-type]
        for n, item in enumerate(of_kind, start=1):
            numbers[item.id] = (n, len(of_kind))
    return numbers


def test_numbers_within_kind_are_kept_per_bank_and_form(released_bank: Bank) -> None:
    for form in FORM_IDS:
        numbers = numbers_within_kind(released_bank, form)
        assert dict(numbers) == _counted(released_bank, form)
        assert numbers_within_kind(released_bank, form) is numbers
    if released_bank.version >= 3:
        assert numbers_within_kind(released_bank, "short") != numbers_within_kind(
            released_bank, "full"
        )


def test_numbers_within_kind_follow_the_bank_object(released_bank: Bank) -> None:
    """Another bank object with the same version (a bank folder of a test or a deployment) gets
    its own numbers, never those of the bank first asked for."""
    other = released_bank.model_copy()
    assert numbers_within_kind(other, "full") is not numbers_within_kind(released_bank, "full")
    assert dict(numbers_within_kind(other, "full")) == _counted(released_bank, "full")


def test_numbers_within_kind_cannot_be_changed_by_a_caller(released_bank: Bank) -> None:
    numbers = numbers_within_kind(released_bank, "full")
    with pytest.raises(TypeError):
        numbers["x"] = (1, 1)  # type: ignore[index]
