"""The questionnaire: one page of statements or scenarios at a time, with progress and timing."""

from __future__ import annotations

import streamlit as st

from assessment.bank import load_bank
from assessment.i18n import Language
from assessment.models import LIKERT_MAX, LIKERT_MIN, SCENARIO_OPTION_IDS, Item, LikertItem
from assessment.ui import shared, state
from assessment.ui.text import plain, t

LIKERT_VALUES = tuple(range(LIKERT_MIN, LIKERT_MAX + 1))
BACK_KEY = "nav_back"
NEXT_KEY = "nav_next"
ANSWERED_KEY = "quest_answered"
# Situations are long; the missing-answers list quotes their beginning only.
MISSING_TEXT_CHARS = 90


def _answered(item_id: str) -> None:
    """Copy a radio's choice into the flow and the URL (callback)."""
    current = state.flow()
    value = st.session_state.get(state.item_key(item_id))
    if value is None:
        current.responses.pop(item_id, None)
    else:
        current.responses[item_id] = value
    state.write_progress()
    st.session_state[ANSWERED_KEY] = True  # the fragment writes the URL (no whole-page run)


def _next() -> None:
    """Go on when the page is complete; otherwise stay and name what is missing (callback)."""
    current = state.flow()
    pages = state.pages_of(current.bank_version, current.form)
    page = pages[current.page]
    if any(item.id not in current.responses for item in page):
        current.show_missing = True
        return
    state.leave_page()
    current.page += 1
    current.show_missing = False
    current.resumed = False
    state.write_progress()


def _back() -> None:
    """Go to the previous page; every answer stays (callback)."""
    current = state.flow()
    state.leave_page()
    current.page = max(0, current.page - 1)
    current.show_missing = False
    current.resumed = False
    state.write_progress()


def _numbers(pages: tuple[tuple[Item, ...], ...]) -> dict[str, int]:
    """Return the running number (1, 2, …) of every item across the pages."""
    return {item.id: n for n, item in enumerate((i for p in pages for i in p), start=1)}


def _question_text(item: Item, lang: Language) -> str:
    """Return an item's text for the missing-answers list, long situations shortened."""
    text = item.text(lang) if isinstance(item, LikertItem) else item.situation(lang)
    if len(text) <= MISSING_TEXT_CHARS:
        return text
    return text[:MISSING_TEXT_CHARS].rsplit(" ", 1)[0] + " …"


def _statement(item: Item, number: int, labels: list[str], lang: Language) -> None:
    """Render one statement or situation with its radio (the answer goes to the flow)."""
    current = state.flow()
    key = state.item_key(item.id)
    chosen = current.responses.get(item.id)
    if isinstance(item, LikertItem):
        index = (
            LIKERT_VALUES.index(int(chosen))
            if chosen is not None and key not in st.session_state
            else None
        )
        with st.container(border=True):
            st.radio(
                t("ui.quest.item_label", lang, number=number, text=plain(item.text(lang))),
                LIKERT_VALUES,
                index=index,
                format_func=lambda value: labels[value - LIKERT_MIN],
                key=key,
                horizontal=True,
                on_change=_answered,
                args=(item.id,),
            )
    else:
        index = (
            SCENARIO_OPTION_IDS.index(str(chosen))
            if chosen is not None and key not in st.session_state
            else None
        )
        options = {option.id: plain(option.text(lang)) for option in item.options}
        with st.container(border=True):
            st.markdown(f"**{t('ui.quest.situation_label', lang, number=number)}**")
            st.markdown(plain(item.situation(lang)))
            st.radio(
                plain(item.situation(lang)),
                SCENARIO_OPTION_IDS,
                index=index,
                format_func=lambda option_id: options[option_id],
                key=key,
                on_change=_answered,
                args=(item.id,),
                label_visibility="collapsed",
            )


@st.fragment
def _page_body(lang: Language) -> None:
    """The progress line, the page's items and the missing-answers list.

    An answer reruns only this fragment, not the whole page; the fragment then writes the
    progress code into the URL itself, as the end of a whole-page run would.
    """
    current = state.flow()
    bank = load_bank(current.bank_version)
    pages = state.pages_of(current.bank_version, current.form)
    page = pages[current.page]
    numbers = _numbers(pages)
    total = len(numbers)
    answered = sum(item_id in current.responses for item_id in numbers)
    st.progress(
        (current.page + 1) / len(pages),
        text=t(
            "ui.quest.progress",
            lang,
            page=current.page + 1,
            pages=len(pages),
            answered=answered,
            total=total,
        ),
    )
    if current.resumed:
        st.info(t("ui.quest.resumed", lang))

    labels = [label(lang) for label in bank.likert_labels]
    is_statements = isinstance(page[0], LikertItem)
    st.markdown(
        t("ui.quest.statements_intro" if is_statements else "ui.quest.scenarios_intro", lang)
    )
    for item in page:
        _statement(item, numbers[item.id], labels, lang)

    missing = [item for item in page if item.id not in current.responses]
    if current.show_missing and missing:
        lines = [t("ui.quest.missing", lang)]
        lines.extend(
            "- "
            + t(
                "ui.quest.missing_item",
                lang,
                number=numbers[item.id],
                text=plain(_question_text(item, lang)),
            )
            for item in missing
        )
        st.error("\n".join(lines))
    if st.session_state.pop(ANSWERED_KEY, False):
        state.flush_url()


def render(lang: Language) -> None:
    """Render the current questionnaire page."""
    current = state.flow()
    bank = load_bank(current.bank_version)
    pages = state.pages_of(current.bank_version, current.form)
    state.mark_page_shown()
    shared.scroll_to_top(f"page-{current.page}")

    st.title(bank.forms[current.form].name(lang), anchor=False)
    _page_body(lang)

    last = current.page == len(pages) - 1
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        st.button(
            t("ui.quest.back", lang), key=BACK_KEY, on_click=_back, disabled=current.page == 0
        )
        st.button(
            t("ui.quest.finish" if last else "ui.quest.next", lang),
            key=NEXT_KEY,
            type="primary",
            on_click=_next,
        )
