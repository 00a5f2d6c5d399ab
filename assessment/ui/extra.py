"""Targeted extra questions on the own result (rules with `extra_questions`): the offer, the page.

When demands of a short-form result are borderline or provisional, the result page offers the
extra questions `offer_extra` chooses for exactly those demands (`render_offer`, one call from
assessment/ui/result.py). The page (`render_page`, routed by assessment/ui/main.py while
`Flow.extra_items` is set) draws them with the questionnaire's widgets; every answer goes into the
flow and the progress code at once, and the page shown is in the URL (state.EXTRA_PARAM), so a
reload stays on it with every answer. Back on the
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
BACK_KEY = "extra_back"
PREVIOUS_KEY = "extra_previous"
NEXT_KEY = "extra_next"
# The way back to the extra answers given earlier (usability verify pass n2), like "Antworten
# ändern" for the questionnaire's own answers.
REVIEW_KEY = "extra_review"
# Questions per page: mostly situations and knowledge questions, longer than a statement.
PAGE_ITEMS = 6
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
    current.extra_page = 0
    state.write_progress()


def reviewing(current: state.Flow, bank: Bank) -> bool:
    """Return whether the extra page shows the extra answers given earlier (every one of its
    questions was answered when it opened, and none has been added since) rather than new
    questions; read from the flow, so it holds after a reload on the page too."""
    answered = extra_answered(state.answers(), bank)
    return len(answered) == current.extra_before and set(current.extra_items) <= set(answered)


def _close() -> None:
    """Back to the result, which says what the extra answers changed (callback); after a
    review of earlier extra answers there is nothing new to report."""
    current = state.flow()
    current.extra_done = not reviewing(current, load_bank(current.bank_version))
    current.extra_items = ()
    state.write_progress()


def extra_pages(items: Sequence[Item]) -> tuple[tuple[Item, ...], ...]:
    """Return the extra questions in pages of at most PAGE_ITEMS, grouped by demand in the order
    of the offer; a demand starts a new page where its questions would not fit on the current
    one (and fills pages of its own where it has more than PAGE_ITEMS)."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(str(item.dimension), []).append(item)
    pages: list[list[Item]] = []
    for group in groups.values():
        if pages and len(pages[-1]) + len(group) <= PAGE_ITEMS:
            pages[-1].extend(group)
            continue
        for start in range(0, len(group), PAGE_ITEMS):
            pages.append(group[start : start + PAGE_ITEMS])
    return tuple(tuple(page) for page in pages)


def _page(pages: int) -> int:
    """Return the page of the extra questions shown (the first for a new offer; kept in the
    URL, state.EXTRA_PARAM)."""
    page = state.flow().extra_page
    return page if 0 <= page < pages else 0


def _turn(page: int) -> None:
    """Show another page of the extra questions (callback); every answer is already kept."""
    state.flow().extra_page = page
    state.write_progress()


def numbers_on_page(items: Sequence[Item]) -> dict[str, tuple[int, int]]:
    """Return each situation's and knowledge question's number among its kind on the extra
    page, and how many of that kind the page asks."""
    numbers: dict[str, tuple[int, int]] = {}
    for kind in (Scenario, KnowledgeItem):
        of_kind = [item for item in items if isinstance(item, kind)]
        numbers.update({item.id: (n, len(of_kind)) for n, item in enumerate(of_kind, start=1)})
    return numbers


def render_offer(
    result: Result,
    bank: Bank,
    lang: Language,
    offer: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Say when the last round of extra questions added no answer, and offer extra questions
    for the demands still borderline or provisional (nothing for banks whose rules offer none).
    offer: offer_extra's answer for this result, when the caller has it already."""
    current = state.flow()
    if current.extra_done and len(result.extra) <= current.extra_before:
        # (Answers added: the summary's change note says so, once; assessment/ui/result.py.)
        with st.container(key=CHANGES_KEY):
            st.info(t("extra.ui.none_answered", lang))
    if result.extra:
        st.button(
            t("minors22.extra.review_button", lang, count=len(result.extra)),
            key=REVIEW_KEY,
            on_click=_open,
            args=(result.extra,),
        )
    if offer is None:
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
    """Render the extra questions in pages, grouped by demand, with the questionnaire's widgets:
    a way back to the result at the top (every answer given is kept and counts), a progress
    line with the page and the questions answered, Back and Next between the pages."""
    current = state.flow()
    bank = load_bank(current.bank_version)
    items = [bank.index.items[item_id] for item_id in current.extra_items]
    pages = extra_pages(items)
    page = _page(len(pages))
    title = t("extra.ui.page_heading", lang)
    shared.scroll_to_top(f"extra-{page}", title)
    st.button(
        t("ux.extra.back", lang),
        key=BACK_KEY,
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=_close,
    )
    st.title(title, anchor=False)
    answered = sum(item.id in current.responses for item in items)
    st.progress(
        (page + 1) / len(pages),
        text=t(
            "ux.extra.progress",
            lang,
            page=page + 1,
            pages=len(pages),
            answered=answered,
            total=len(items),
        ),
    )
    if page == 0:
        if reviewing(current, bank):
            st.markdown(t("minors22.extra.review_intro", lang))
        else:
            st.markdown(t("extra.ui.page_intro", lang))
        st.caption(t("ux.extra.back_help", lang))
    # Numbered among the extra questions ("Zusatzsituation 2 von 5"), as the progress line counts.
    within_kind = numbers_on_page(items)
    number = sum(len(shown) for shown in pages[:page])
    for dimension_id in dict.fromkeys(str(item.dimension) for item in pages[page]):
        name = bank.dimension(dimension_id).name(lang)
        st.subheader(t("extra.ui.demand_heading", lang, name=plain(name)), anchor=False)
        for item in pages[page]:
            if item.dimension == dimension_id:
                number += 1
                item_widget(item, number, within_kind.get(item.id), bank, lang, extra=True)
    last = page == len(pages) - 1
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        st.button(
            t("ui.quest.back", lang),
            key=PREVIOUS_KEY,
            on_click=_turn,
            args=(page - 1,),
            disabled=page == 0,
        )
        if last:
            st.button(t("extra.ui.done", lang), key=DONE_KEY, type="primary", on_click=_close)
        else:
            st.button(
                t("ui.quest.next", lang),
                key=NEXT_KEY,
                type="primary",
                on_click=_turn,
                args=(page + 1,),
            )
