"""The questionnaire: one page of statements or scenarios at a time, with progress and timing."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assessment.bank.load import load_bank
from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    PREFERENCE_ANSWERS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    Bank,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    PreferenceItem,
    Scenario,
    TradeoffItem,
)
from assessment.bank.pagination import numbers_within_kind
from assessment.i18n import Language
from assessment.operate import warmup
from assessment.render.review import knowledge_number, situation_number
from assessment.render.scale import FREQUENCY_CHOICES, frequency_labels, is_frequency
from assessment.ui import shared, state
from assessment.ui.text import plain, t

LIKERT_VALUES: tuple[int, ...] = tuple(range(LIKERT_MIN, LIKERT_MAX + 1))
# "Kann ich (noch) nicht einschätzen" comes last, after the scale.
UNSURE_VALUES: tuple[int | str, ...] = (*LIKERT_VALUES, UNSURE)
BACK_KEY = "nav_back"
NEXT_KEY = "nav_next"
# The page overview's select box (shown once every question is answered).
JUMP_KEY = "nav_jump"
# Set by "Zurück" and "Weiter" (which run in the page-body fragment): the fragment then asks for
# a whole-page run, which draws the new page's heading and clears it.
PAGE_CHANGED_KEY = "quest_page_changed"
# Situations are long; the missing-answers list quotes their beginning only.
MISSING_TEXT_CHARS = 90


def _answered(item_id: str, key: str, values: tuple[int | str, ...]) -> None:
    """Copy a radio's choice into the flow and the URL (callback).

    Only one of the item's values is taken: anything else (a label the browser kept from
    another language) leaves the answer as it was.
    """
    current = state.flow()
    value = st.session_state.get(key)
    if value is None:
        current.responses.pop(item_id, None)
    elif value in values:
        current.responses[item_id] = value
    else:
        return
    state.write_progress()


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
    current.generation = 0  # the browser holds no radio of this page (see Flow.generation)
    current.show_missing = False
    current.resumed = False
    state.write_progress()
    _page_changed()


def _back() -> None:
    """Go to the previous page; every answer stays (callback)."""
    current = state.flow()
    state.leave_page()
    current.page = max(0, current.page - 1)
    current.generation = 0
    current.show_missing = False
    current.resumed = False
    state.write_progress()
    _page_changed()


def _page_changed() -> None:
    """Ask for a whole-page run: a new page needs its heading, the focus on it and its timing."""
    st.session_state[PAGE_CHANGED_KEY] = True


@dataclass(frozen=True)
class Numbering:
    """How a form's items are numbered: the running number (1, 2, …) of every item across the
    pages, and each situation's and knowledge question's number among its kind."""

    running: dict[str, int]
    within_kind: dict[str, tuple[int, int]]


_NUMBERINGS: dict[tuple[int, FormId], tuple[Bank, Numbering]] = {}


def numbering(version: int, form: FormId) -> Numbering:
    """Return the numbering of a form of a bank version (computed once per bank and form: an
    answer click reruns the page body, which needs it every time)."""
    bank = load_bank(version)
    cached = _NUMBERINGS.get((id(bank), form))
    if cached is None or cached[0] is not bank:
        pages = state.pages_of(version, form)
        within = numbers_within_kind(bank, form)
        # Only the items that show a running number count (UX pass m8): a situation or
        # knowledge question shows its number among its kind, so statements and working
        # conditions run on without a gap ("46." is followed by "47.", not "73.").
        running: dict[str, int] = {}
        shown = 0
        for item in (i for p in pages for i in p):
            shown += item.id not in within
            running[item.id] = within[item.id][0] if item.id in within else shown
        cached = (bank, Numbering(running, within))
        _NUMBERINGS[id(bank), form] = cached
    return cached[1]


def _question_text(item: Item, lang: Language) -> str:
    """Return an item's text for the missing-answers list, long situations shortened."""
    if isinstance(item, Scenario):
        text = item.situation(lang)
    elif isinstance(item, KnowledgeItem):
        text = item.stem(lang)
    elif isinstance(item, TradeoffItem):
        text = f"{item.a(lang)} / {item.b(lang)}"
    else:
        text = item.text(lang)
    if len(text) <= MISSING_TEXT_CHARS:
        return text
    return text[:MISSING_TEXT_CHARS].rsplit(" ", 1)[0] + " …"


def _missing_line(
    item: Item, number: int, within_kind: tuple[int, int] | None, lang: Language
) -> str:
    """Return a line of the missing-answers list, naming the item as its page does."""
    text = plain(_question_text(item, lang))
    if within_kind is None:
        return t("ui.quest.missing_item", lang, number=number, text=text)
    label = (
        situation_number(within_kind, lang)
        if isinstance(item, Scenario)
        else knowledge_number(within_kind, lang)
    )
    return t("nav.missing_labelled", lang, label=label, text=text)


def _index(values: tuple[int | str, ...], chosen: int | str | None) -> int | None:
    """Return the preselected option: the flow's answer (a radio's own state, when it has one,
    wins; a radio drawn anew, after a language switch, shows the flow's answer)."""
    if chosen is None or chosen not in values:
        return None
    return values.index(chosen)


@dataclass(frozen=True)
class Drawn:
    """What an item's box shows: the Markdown above its radio, the radio's label, values and
    their labels, and how the radio is laid out. Bank texts only, never an answer."""

    markdown: tuple[str, ...]
    label: str
    values: tuple[int | str, ...]
    labels: dict[int | str, str]
    horizontal: bool
    collapsed: bool


# The working-conditions answers as stored: 1 want, 2 can live with, 3 would chafe.
PREFERENCE_VALUES: tuple[int | str, ...] = tuple(range(1, len(PREFERENCE_ANSWERS) + 1))
# Drawn items per bank, item, number and language: an answer reruns the page body, which draws
# every item of the page again. Bounded by the banks' items, their numbers and the languages;
# emptied when it is full (it holds no answer, only bank and catalogue texts).
DRAWN_ENTRIES = 4096
_DRAWN: dict[tuple[int, str, int, tuple[int, int] | None, Language, bool], tuple[Bank, Drawn]] = {}


def drawn(
    item: Item,
    number: int,
    within_kind: tuple[int, int] | None,
    bank: Bank,
    lang: Language,
    extra: bool = False,
) -> Drawn:
    """Return what an item's box shows (built once per bank, item, number, language and whether
    it is one of the extra questions)."""
    key = (id(bank), item.id, number, within_kind, lang, extra)
    cached = _DRAWN.get(key)
    if cached is None or cached[0] is not bank:
        if len(_DRAWN) >= DRAWN_ENTRIES:
            _DRAWN.clear()
        cached = (bank, _draw(item, number, within_kind, bank, lang, extra))
        _DRAWN[key] = cached
    return cached[1]


def _five_point_labels(
    labels: list[str], offers_unsure: bool, bank: Bank, lang: Language
) -> tuple[tuple[int | str, ...], dict[int | str, str]]:
    """Return a five-point radio's values and their labels; where offered, "can't judge yet"
    follows after the scale."""
    values = UNSURE_VALUES if offers_unsure else LIKERT_VALUES
    unsure = bank.unsure_label(lang) if bank.unsure_label is not None else ""
    return values, {
        value: unsure if value == UNSURE else labels[int(value) - LIKERT_MIN] for value in values
    }


def _heading(item: Item, which: tuple[int, int], lang: Language, extra: bool) -> str:
    """Return a situation's or knowledge question's heading ("Situation 3 von 12"); an extra
    question is numbered among the extra ones ("Zusatzsituation 1 von 4", UX pass 3, m-8)."""
    if isinstance(item, Scenario):
        if extra:
            return t("ux3.extra.situation_of", lang, number=which[0], total=which[1])
        return situation_number(which, lang)
    if extra:
        return t("ux3.extra.knowledge_of", lang, number=which[0], total=which[1])
    return knowledge_number(which, lang)


def _draw(
    item: Item,
    number: int,
    within_kind: tuple[int, int] | None,
    bank: Bank,
    lang: Language,
    extra: bool,
) -> Drawn:
    if isinstance(item, Scenario):
        # A situation with four single actions; the ratings stay hidden until the result.
        situation = plain(item.situation(lang))
        return Drawn(
            (f"**{_heading(item, within_kind or (number, number), lang, extra)}**", situation),
            situation,
            SCENARIO_OPTION_IDS,
            {option.id: plain(option.text(lang)) for option in item.options},
            horizontal=False,
            collapsed=True,
        )
    if isinstance(item, KnowledgeItem):
        # A question with one right answer, and "can't say"; the key stays hidden until the
        # result.
        options: dict[int | str, str] = {
            option.id: plain(option.text(lang)) for option in item.options
        }
        options[UNSURE] = t("ui.quest.cannot_say", lang)
        return Drawn(
            (f"**{_heading(item, within_kind or (number, number), lang, extra)}**",),
            plain(item.stem(lang)),
            (*SCENARIO_OPTION_IDS, UNSURE),
            options,
            horizontal=False,
            collapsed=False,
        )
    if isinstance(item, TradeoffItem):
        # Two respectable statements, a five-point scale between them.
        a, b = plain(item.a(lang)), plain(item.b(lang))
        values, labels = _five_point_labels(
            [t(f"ui.quest.tradeoff_{n}", lang) for n in LIKERT_VALUES],
            item.presumes is not None and bank.unsure_label is not None,
            bank,
            lang,
        )
        return Drawn(
            (t("ui.quest.tradeoff_poles", lang, number=number, a=a, b=b),),
            t("ui.quest.tradeoff_label", lang, number=number, a=a, b=b),
            values,
            labels,
            horizontal=True,
            collapsed=True,
        )
    label = t("ui.quest.item_label", lang, number=number, text=plain(item.text(lang)))
    if isinstance(item, PreferenceItem):
        # A working condition: want it, can live with it, or it would chafe (three answers).
        block = bank.preferences
        return Drawn(
            (),
            label,
            PREFERENCE_VALUES,
            {
                value: block.labels.of(answer)(lang) if block is not None else answer
                for value, answer in zip(PREFERENCE_VALUES, PREFERENCE_ANSWERS, strict=True)
            },
            horizontal=True,
            collapsed=False,
        )
    if is_frequency(item):
        # How often it happened (rules 4): never … more often, and "no occasion" on every one.
        return Drawn(
            (), label, FREQUENCY_CHOICES, frequency_labels(lang), horizontal=True, collapsed=False
        )
    # A five-point statement; one that presumes experience also offers "can't judge yet".
    presumes = item.presumes if isinstance(item, LikertItem) else None
    values, labels = _five_point_labels(
        [word(lang) for word in bank.likert_labels],
        presumes is not None and bank.unsure_label is not None,
        bank,
        lang,
    )
    return Drawn((), label, values, labels, horizontal=True, collapsed=False)


def item_widget(
    item: Item,
    number: int,
    within_kind: tuple[int, int] | None,
    bank: Bank,
    lang: Language,
    current: state.Flow | None = None,
    *,
    extra: bool = False,
) -> None:
    """Draw one item's question and radio in a box, preselected from the flow; a choice goes
    into the flow and the URL (also used by the extra questions, assessment/ui/extra.py).
    number counts all items; within_kind a situation's or knowledge question's number among its
    kind ("Situation 3 von 12", bank/pagination.numbers_within_kind); extra: one of the extra
    questions, numbered among them ("Zusatzsituation 1 von 4", UX pass 3, m-8). current is this
    session's flow, when the caller has it at hand."""
    current = current or state.flow()
    key = state.item_key(item.id, lang, current.generation)
    shown = drawn(item, number, within_kind, bank, lang, extra)
    with st.container(border=True):
        for text in shown.markdown:
            st.markdown(text)
        value = st.radio(
            shown.label,
            shown.values,
            index=_index(shown.values, current.responses.get(item.id)),
            format_func=shown.labels.__getitem__,
            key=key,
            horizontal=shown.horizontal,
            on_change=_answered,
            args=(item.id, key, shown.values),
            label_visibility="collapsed" if shown.collapsed else "visible",
        )
    state.adopt_widget_answer(item.id, value, current)


@st.fragment
def _page_body(lang: Language) -> None:
    """The progress line, the page's items, the missing-answers list and the buttons: an
    st.fragment.

    An answer reruns only this fragment, not the whole page (measured in
    tests/benchmarks/bench_click.py), so the fragment writes the progress code into the URL
    itself. A click that reaches a new session after a server restart or a failover names a
    fragment that session does not know; the launcher runs it as a whole-page rerun with the
    same widget states (assessment.ui.launcher.rerun_unknown_fragments_in_full), so no answer is
    lost (tests/e2e/test_crash_recovery.py).

    "Zurück" and "Weiter" are inside too: a page change then reruns this fragment, which asks
    for a whole-page run (the new heading, the focus on it) in the same script thread. A click
    outside the fragment would start a whole-page run in a second thread while the fragment
    run of the answer just given may still be running, and the browser then kept the previous
    page's elements outside the fragment (heading script, buttons; tests/e2e/test_keyboard.py).
    """
    if st.session_state.get(PAGE_CHANGED_KEY):
        st.rerun(scope="app")
    warmup.SCHEDULER.run_started()  # a fragment run is a script run for the PDF warm-up too
    try:
        _buttons(lang, _draw_page_body(lang))
        state.flush_url()  # a fragment run does not reach the end of main.render
    finally:
        warmup.SCHEDULER.run_ended()


def _draw_page_body(lang: Language) -> state.Flow:
    """Draw the progress line, the page overview, the page's items and the missing-answers
    list; return the session's flow."""
    current = state.flow()
    bank = load_bank(current.bank_version)
    pages = state.pages_of(current.bank_version, current.form)
    page = pages[current.page]
    numbered = numbering(current.bank_version, current.form)
    numbers, within_kind = numbered.running, numbered.within_kind
    total = len(numbers)
    answered = len(numbers.keys() & current.responses.keys())
    # Extra questions answered after the short form are not the form's: named beside its count,
    # as the result names them (usability verify pass n3).
    extra = len(current.responses) - answered
    st.progress(
        (current.page + 1) / len(pages),
        text=t(
            "minors22.count.progress_extra" if extra > 0 else "ui.quest.progress",
            lang,
            page=current.page + 1,
            pages=len(pages),
            answered=answered,
            total=total,
            extra=extra,
        ),
    )
    _page_jump(lang, current)
    if current.resumed:
        st.info(t("ui.quest.resumed", lang))

    if isinstance(page[0], PreferenceItem) and bank.preferences is not None:
        intro = ""
        st.markdown(plain(bank.preferences.intro(lang)))
    elif isinstance(page[0], Scenario):
        intro = "ui.quest.scenarios_intro"
    elif isinstance(page[0], KnowledgeItem):
        intro = "ui.quest.knowledge_intro"
    elif isinstance(page[0], TradeoffItem):
        intro = "ui.quest.tradeoffs_intro"
    else:
        intro = "ui.quest.statements_intro"
    if intro:
        st.markdown(t(intro, lang))
    if any(is_frequency(item) for item in page):
        st.markdown(t("frequency.page_intro", lang))
    for item in page:
        item_widget(item, numbers[item.id], within_kind.get(item.id), bank, lang, current)

    missing = [item for item in page if item.id not in current.responses]
    if current.show_missing and missing:
        lines = [t("ui.quest.missing", lang)]
        lines.extend(
            "- " + _missing_line(item, numbers[item.id], within_kind.get(item.id), lang)
            for item in missing
        )
        st.error("\n".join(lines))
    return current


def page_topic(items: tuple[Item, ...], numbered: Numbering, lang: Language) -> str:
    """Return what a page asks, for the page overview: "Aussagen 12 bis 18", "Situationen 3 bis
    4", "Arbeitsbedingungen" (the numbers the page shows)."""
    first = items[0]
    if isinstance(first, PreferenceItem):
        return t("ux22b.quest.preferences", lang)
    if isinstance(first, Scenario | KnowledgeItem):
        kind = Scenario if isinstance(first, Scenario) else KnowledgeItem
        numbers = [numbered.within_kind[i.id][0] for i in items if isinstance(i, kind)]
        if len(numbers) == 1:
            single = "ui.quest.situation_label" if kind is Scenario else "ui.quest.question_label"
            return t(single, lang, number=numbers[0])
        several = "ux22b.quest.situations" if kind is Scenario else "ux22b.quest.knowledge"
        return t(several, lang, first=numbers[0], last=numbers[-1])
    running = [numbered.running[i.id] for i in items]
    one, several = (
        ("ux22b.quest.tradeoff", "ux22b.quest.tradeoffs")
        if isinstance(first, TradeoffItem)
        else ("ux22b.quest.statement", "ux22b.quest.statements")
    )
    if len(running) == 1:
        return t(one, lang, number=running[0])
    return t(several, lang, first=min(running), last=max(running))


def _jump(key: str) -> None:
    """Open the page chosen in the page overview (callback); every answer stays."""
    current = state.flow()
    target = st.session_state.get(key)
    if not isinstance(target, int) or target == current.page:
        return
    state.leave_page()
    current.page = target
    current.generation = 0
    current.show_missing = False
    current.resumed = False
    state.write_progress()
    _page_changed()


def _page_jump(lang: Language, current: state.Flow) -> None:
    """A compact page overview once the result has been shown and every question is answered
    (back with "Antworten ändern", usability pass m17): a select box of the pages with their
    topics."""
    pages = state.pages_of(current.bank_version, current.form)
    # Not during the first pass (it would appear with the last answer); a reload on a page
    # after the result knows the result was seen from the code (rules 3) or not at all.
    if not (current.result_shown or current.shown_answers is not None):
        return
    if any(item.id not in current.responses for page in pages for item in page):
        return
    numbered = numbering(current.bank_version, current.form)
    labels = [
        t("ux22b.quest.jump_page", lang, page=n + 1, topic=page_topic(page, numbered, lang))
        for n, page in enumerate(pages)
    ]
    # One widget per page shown (its value is that page) and language (state.widget_key).
    key = state.widget_key(f"{JUMP_KEY}_{current.page}", lang)
    st.selectbox(
        t("ux22b.quest.jump_label", lang),
        range(len(pages)),
        index=current.page,
        format_func=labels.__getitem__,
        key=key,
        help=t("ux22b.quest.jump_help", lang),
        on_change=_jump,
        args=(key,),
    )


def _buttons(lang: Language, current: state.Flow) -> None:
    """ "Zurück" and "Weiter" (or "Auswerten" on the last page)."""
    last = current.page == len(state.pages_of(current.bank_version, current.form)) - 1
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


def render(lang: Language) -> None:
    """Render the current questionnaire page."""
    current = state.flow()
    bank = load_bank(current.bank_version)
    state.mark_page_shown()
    st.session_state.pop(PAGE_CHANGED_KEY, None)  # this whole-page run draws the new page
    title = bank.forms[current.form].name(lang)
    shared.scroll_to_top(f"page-{current.page}", title)

    st.title(title, anchor=False)
    _page_body(lang)
    # The person reads for seconds between clicks: the PDF warm-up runs in those pauses, step by
    # step, so the path is warm when the result comes (never after the start page: issue 24).
    warmup.SCHEDULER.want()
