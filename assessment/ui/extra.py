"""Targeted extra questions on the own result (rules with `extra_questions`): the offer, the page.

When demands of a short-form result are borderline or provisional, the result page offers the
extra questions `offer_extra` chooses for exactly those demands (`render_offer`, one call from
assessment/ui/result.py). The page (`render_page`, routed by assessment/ui/main.py while
`Flow.extra_items` is set) draws them with the questionnaire's widgets; every answer goes into the
flow and the progress code at once, so a reload keeps it (and lands on the result). Back on the
result, the summary's change note says what the answers changed (assessment/ui/result.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from assessment.bank.load import load_bank
from assessment.bank.models import Bank, Item, KnowledgeItem, Scenario
from assessment.engine.answers import extra_answered
from assessment.engine.extra import offer_extra
from assessment.engine.result import Result
from assessment.i18n import Language
from assessment.ui import shared, state
from assessment.ui.questionnaire import item_widget
from assessment.ui.text import plain, t

OFFER_KEY = "extra_offer"
OPEN_KEY = "extra_open"
DONE_KEY = "extra_done"
CHANGES_KEY = "extra_changes"
# Minutes per extra question for the offer's estimate: mostly situations and knowledge questions,
# longer than a statement (the short form's 72 items take about 12 minutes).
MINUTES_PER_ITEM = 0.3


def _open(items: tuple[str, ...]) -> None:
    """Open the extra questions' page with these items (callback)."""
    current = state.flow()
    bank = load_bank(current.bank_version)
    current.extra_items = items
    current.extra_before = len(extra_answered(state.answers(), bank))
    current.extra_done = False


def _close() -> None:
    """Back to the result, which says what the extra answers changed (callback)."""
    current = state.flow()
    current.extra_items = ()
    current.extra_done = True
    state.write_progress()


def numbers_on_page(items: Sequence[Item]) -> dict[str, tuple[int, int]]:
    """Return each situation's and knowledge question's number among its kind on the extra
    page, and how many of that kind the page asks."""
    numbers: dict[str, tuple[int, int]] = {}
    for kind in (Scenario, KnowledgeItem):
        of_kind = [item for item in items if isinstance(item, kind)]
        numbers.update({item.id: (n, len(of_kind)) for n, item in enumerate(of_kind, start=1)})
    return numbers


def render_offer(result: Result, bank: Bank, lang: Language) -> None:
    """Say when the last round of extra questions added no answer, and offer extra questions
    for the demands still borderline or provisional (nothing for banks whose rules offer none)."""
    current = state.flow()
    if current.extra_done and len(result.extra) <= current.extra_before:
        # (Answers added: the summary's change note says so, once; assessment/ui/result.py.)
        with st.container(key=CHANGES_KEY):
            st.info(t("extra.ui.none_answered", lang))
    offer = offer_extra(result.answers, bank, result.match)
    if not offer:
        return
    items = tuple(item_id for ids in offer.values() for item_id in ids)
    with st.container(border=True, key=OFFER_KEY):
        st.subheader(t("extra.ui.offer_heading", lang), anchor=False)
        # Compact (UX pass): the demands are named once, in the summary's "Wie es weitergeht".
        st.markdown(
            t(
                "extra.compact.offer",
                lang,
                count=len(offer),
                items=len(items),
                minutes=max(1, round(len(items) * MINUTES_PER_ITEM)),
            )
        )
        st.button(
            t("extra.ui.offer_button", lang),
            key=OPEN_KEY,
            type="primary",
            on_click=_open,
            args=(items,),
        )


def render_page(lang: Language) -> None:
    """Render the extra questions, grouped by demand, with the questionnaire's widgets."""
    current = state.flow()
    bank = load_bank(current.bank_version)
    items = [bank.index.items[item_id] for item_id in current.extra_items]
    title = t("extra.ui.page_heading", lang)
    shared.scroll_to_top("extra", title)
    st.title(title, anchor=False)
    answered = sum(item.id in current.responses for item in items)
    st.progress(
        answered / len(items),
        text=t("extra.ui.progress", lang, answered=answered, total=len(items)),
    )
    st.markdown(t("extra.ui.page_intro", lang))
    # Numbered within this page ("Situation 2 von 5"), as its progress line counts them.
    within_kind = numbers_on_page(items)
    number = 0
    for dimension_id in dict.fromkeys(str(item.dimension) for item in items):
        name = bank.dimension(dimension_id).name(lang)
        st.subheader(t("extra.ui.demand_heading", lang, name=plain(name)), anchor=False)
        for item in items:
            if item.dimension == dimension_id:
                number += 1
                item_widget(item, number, within_kind.get(item.id), bank, lang)
    st.button(t("extra.ui.done", lang), key=DONE_KEY, type="primary", on_click=_close)
