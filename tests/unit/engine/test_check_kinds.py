"""check_answers looks an item's kind up in a table built once per bank (issue 24: every answer
click checks the whole progress code); the table says what isinstance says, for every item."""

from __future__ import annotations

import pytest

from assessment.bank.models import Bank, KnowledgeItem, LikertItem, PreferenceItem, Scenario
from assessment.engine import answers
from assessment.engine.answers import Answers, check_answers
from assessment.errors import AnswersError


def test_the_kinds_are_those_of_the_items(released_bank: Bank) -> None:
    kinds = answers._check_kinds(released_bank)
    assert set(kinds) == set(released_bank.index.items)
    for item_id, item in released_bank.index.items.items():
        if isinstance(item, PreferenceItem):
            want = answers._Kind.PREFERENCE
        elif isinstance(item, Scenario):
            want = answers._Kind.SCENARIO
        elif isinstance(item, KnowledgeItem):
            want = answers._Kind.KNOWLEDGE
        elif isinstance(item, LikertItem) and item.scale == "frequency":
            want = answers._Kind.FREQUENCY
        elif getattr(item, "presumes", None) is not None:
            want = answers._Kind.OFFERS_UNSURE
        else:
            want = answers._Kind.FIVE_POINT
        assert kinds[item_id] is want, item_id
    assert answers._check_kinds(released_bank) is kinds


def test_the_kinds_follow_the_bank_object(released_bank: Bank) -> None:
    other = released_bank.model_copy()
    assert answers._check_kinds(other) is not answers._check_kinds(released_bank)


def test_every_item_refuses_a_value_of_another_kind(released_bank: Bank) -> None:
    """Each kind still refuses what it refused before the table: an option id on a five-point
    item, a number on a situation, "can't judge yet" where it is not offered, 5 on a frequency
    statement."""
    for form in released_bank.forms:
        for item in released_bank.form_items(form):
            if isinstance(item, Scenario | KnowledgeItem):
                wrong: int | str = 3
            elif isinstance(item, LikertItem) and item.scale == "frequency":
                wrong = 5  # never … more often are 1–4; "no occasion" is always offered
            elif getattr(item, "presumes", None) is None:
                wrong = "na"
            else:
                wrong = "a"
            given = Answers.model_construct(
                bank_version=released_bank.version,
                form=form,
                responses={item.id: wrong},
                revised=(),
                background=None,
            )
            with pytest.raises(AnswersError):
                check_answers(given, released_bank)
