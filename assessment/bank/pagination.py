"""How a form is split into pages: statements up to eight a page, then trade-offs, then scenarios
three a page, then knowledge questions (bank v3 on) four a page, then the working-conditions block
(rules with `preferences`) on a page of its own, never mixed with other kinds (a page has one kind
of question, and one intro that explains it)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from assessment.bank.models import Bank, FormId, Item, KnowledgeItem, Scenario, TradeoffItem

MAX_STATEMENTS_PER_PAGE = 8
MAX_SCENARIOS_PER_PAGE = 3
MAX_KNOWLEDGE_PER_PAGE = 4


def _even_chunks(items: Sequence[Item], limit: int) -> list[tuple[Item, ...]]:
    """Split items into the fewest pages of at most limit, as even in size as possible."""
    if not items:
        return []
    count = math.ceil(len(items) / limit)
    size, extra = divmod(len(items), count)
    pages, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        pages.append(tuple(items[start:end]))
        start = end
    return pages


def paginate(bank: Bank, form: FormId) -> tuple[tuple[Item, ...], ...]:
    """Return the pages of a form in order: statements first, then trade-offs, then scenarios,
    then knowledge questions, then the working-conditions block (on a page of its own)."""
    items = bank.form_items(form)
    tradeoffs = [item for item in items if isinstance(item, TradeoffItem)]
    scenarios = [item for item in items if isinstance(item, Scenario)]
    knowledge = [item for item in items if isinstance(item, KnowledgeItem)]
    statements = [
        item for item in items if not isinstance(item, TradeoffItem | Scenario | KnowledgeItem)
    ]
    return (
        *_even_chunks(statements, MAX_STATEMENTS_PER_PAGE),
        *_even_chunks(tradeoffs, MAX_STATEMENTS_PER_PAGE),
        *_even_chunks(scenarios, MAX_SCENARIOS_PER_PAGE),
        *_even_chunks(knowledge, MAX_KNOWLEDGE_PER_PAGE),
        *((bank.asked_preferences(),) if bank.asked_preferences() else ()),
    )


def first_incomplete_page(
    pages: tuple[tuple[Item, ...], ...], responses: Mapping[str, object]
) -> int:
    """Return the index of the first page with an unanswered item, or len(pages) when done."""
    for index, page in enumerate(pages):
        if any(item.id not in responses for item in page):
            return index
    return len(pages)


def numbers_within_kind(bank: Bank, form: FormId) -> dict[str, tuple[int, int]]:
    """Return every scenario's and knowledge question's number among its kind in a form, and
    how many of that kind the form has ("Situation 3 von 12"): the question page and the
    result's review count them the same way (in form order, which is also page order)."""
    numbers: dict[str, tuple[int, int]] = {}
    items = bank.form_items(form)
    for kind in (Scenario, KnowledgeItem):
        of_kind = [item for item in items if isinstance(item, kind)]
        numbers.update({item.id: (n, len(of_kind)) for n, item in enumerate(of_kind, start=1)})
    return numbers
