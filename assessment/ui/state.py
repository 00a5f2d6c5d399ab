"""Session and URL state: the questionnaire's progress lives in the session and in `?p=`.

The URL carries the progress code (answers, form, setting, language, page), the language and the
background; the expected salary lives only in the session. When a run starts without any change
of ours pending and the URL's code differs from the one this session last wrote (a reload, the
browser's back button, a pasted link), the URL wins, with one exception: the browser's Back and
Forward buttons within a started questionnaire take the page from the URL but keep the session's
answers (answers_kept). The tab's history holds one entry per page (shared.one_entry_per_page):
an answer replaces the page's entry, another page or language pushes a new one, so Back goes to
the previous page and Forward to the next, and a reload resumes with every answer.

Retake marks (rules 3): once the result page has shown the rationales and explanations, the
session keeps the scenario and knowledge answers it showed them for (`Flow.shown_answers`); any
later change of one of those answers marks its item (`Flow.revised`, `Answers.revised`), whether
made through "Antworten ändern", a question page reached with the browser's Back button, or a code
in the URL. Marks are never taken back. The progress code carries the marks and a bit saying the
rationales were shown, so both survive a reload and a language switch.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import streamlit as st

from assessment.bank.choices import EXPERIENCE_LEVELS, Experience, FormId, ProfileId
from assessment.bank.versions import latest_version
from assessment.codes.links import INVITE_NAME_PARAM, PROGRESS_PARAM, SHARE_PARAM
from assessment.deferred import DeferredModule
from assessment.i18n import (
    DEFAULT_LANGUAGE,
    Language,
    browser_language,
    parse_language,
    stated_language,
)

if TYPE_CHECKING:
    from assessment.bank import load as bank_load
    from assessment.bank import pagination
    from assessment.bank.models import Bank, Item
    from assessment.codes import share
    from assessment.engine import answers as answer_sets
    from assessment.engine.answers import Answers, PageTiming
else:  # pydantic and the validated bank: not imported by the start page (issue 24)
    bank_load = DeferredModule("assessment.bank.load")
    pagination = DeferredModule("assessment.bank.pagination")
    share = DeferredModule("assessment.codes.share")
    answer_sets = DeferredModule("assessment.engine.answers")

LANG_PARAM = "lang"
BACKGROUND_PARAM = "bg"
# ?view=group opens the group evaluation for coaches instead of the questionnaire.
VIEW_PARAM = "view"
# ?x=BEFORE.PAGE.I-I-I: the extra questions' page is open (its items as indices among the form's
# extra candidates, the page shown, the extra answers there were when it opened), so a reload
# stays on it (usability pass m7).
EXTRA_PARAM = "x"
GROUP_VIEW = "group"
# ?view=method opens the methodology page.
METHOD_VIEW = "method"
FLOW_KEY = "flow"
LANG_KEY = "lang"
ITEM_KEY_PREFIX = "item_"
LANGUAGE_KEY_SEPARATOR = "__"
# Marks the key generation of item radios drawn after the URL replaced a session's answers.
GENERATION_KEY_MARK = "__g"


def clock() -> float:
    """Return a monotonic time in seconds (a function so that tests can replace it)."""
    return time.monotonic()


@dataclass(frozen=True)
class Shown:
    """When the current page was first shown, and which of its items had answers then."""

    page: int
    since: float
    answered: frozenset[str]


@dataclass
class Flow:
    """One person's way through the check in this browser session."""

    bank_version: int = 0
    form: FormId = "short"
    profile: ProfileId = "duisburg"
    experience: Experience | None = None
    salary: int | None = None
    responses: dict[str, int | str] = field(default_factory=dict)
    page: int = 0
    started: bool = False
    # The speed check's view of this session: per page, the seconds it was shown and the
    # items answered while it was (not those a reload or a resumed code brought along).
    seconds: dict[int, float] = field(default_factory=dict)
    timed_items: dict[int, int] = field(default_factory=dict)
    shown: Shown | None = None
    synced_code: str | None = None
    show_missing: bool = False
    resumed: bool = False
    background_missing: bool = False
    url_pending: bool = False
    # Bumped whenever the URL replaces the answers of a started session on the page shown
    # (browser Back or Forward, an edited address): the item radios are then drawn under new
    # keys (item_key). Back to 0 on another page, whose radios the browser no longer holds:
    # the plain keys are those a reconnecting tab's radios carry to a new session.
    generation: int = 0
    # Rules 3 (retake marks): the scenario and knowledge answers as the result page first showed
    # their rationales (None: not shown yet), and the items answered differently since.
    shown_answers: dict[str, int | str] | None = None
    revised: set[str] = field(default_factory=set)
    # Extra questions (rules with `extra_questions`): the items the extra page asks (empty: the
    # page is closed), how many extra answers there were when it opened, and whether the result
    # should say what the last round changed.
    extra_items: tuple[str, ...] = ()
    extra_before: int = 0
    extra_done: bool = False
    # The result has been shown in this session: back on the questionnaire, its pages offer a
    # page overview (usability pass m17).
    result_shown: bool = False
    # The extra page shown (0-based), and the EXTRA_PARAM value last written to the URL.
    extra_page: int = 0
    synced_extra: str | None = None


def widget_key(base: str, lang: Language) -> str:
    """Return the key of a widget whose options are labelled in a language.

    Streamlit 1.67 sends a radio's or select box's value between browser and server as the
    label of the option chosen. After a language switch the browser would keep sending the old
    label, which the widget drawn in the new language cannot read (the form "Kurzform" became
    a KeyError, an answer became the text "does not apply at all"). So the key names the
    language: a switch draws new widgets, preselected from the session's values (never from
    the widget's own state). German keeps the plain key (the links' and tests' selectors).
    """
    return base if lang == DEFAULT_LANGUAGE else f"{base}{LANGUAGE_KEY_SEPARATOR}{lang}"


def item_key(item_id: str, lang: Language = DEFAULT_LANGUAGE, generation: int = 0) -> str:
    """Return the widget key of an item's radio drawn in a language, in a key generation.

    Streamlit 1.67 identifies a keyed radio by its key alone, and the browser keeps showing the
    option it last showed for an id unless the server sets a value. When the URL replaces a
    session's answers (the browser's Back button brings an older code), deleting the radios'
    state is not enough: the browser would still show the answers the code lacks. A new
    generation draws new radios, preselected from the flow's answers. Generation 0 keeps the
    plain key (the links' and tests' selectors, and a reconnecting tab's radio values).
    """
    generation_mark = f"{GENERATION_KEY_MARK}{generation}" if generation > 0 else ""
    return widget_key(f"{ITEM_KEY_PREFIX}{item_id}{generation_mark}", lang)


def item_of_key(key: str) -> str:
    """Return the item id of an item radio's widget key (any language, any generation)."""
    return key.removeprefix(ITEM_KEY_PREFIX).split(LANGUAGE_KEY_SEPARATOR, 1)[0]


def newest_bank() -> Bank:
    """Return the bank that new questionnaires use (the newest version)."""
    return bank_load.load_bank(latest_version())


_PAGES: dict[tuple[int, FormId], tuple[Bank, tuple[tuple[Item, ...], ...]]] = {}


def pages_of(version: int, form: FormId) -> tuple[tuple[Item, ...], ...]:
    """Return the questionnaire pages of a form of a bank version (computed once per bank)."""
    bank = bank_load.load_bank(version)
    cached = _PAGES.get((id(bank), form))
    if cached is None or cached[0] is not bank:
        cached = (bank, pagination.paginate(bank, form))
        _PAGES[id(bank), form] = cached
    return cached[1]


def flow() -> Flow:
    """Return this session's flow, creating it on first use."""
    current: Flow | None = st.session_state.get(FLOW_KEY)  # one look-up: called often a run
    if current is None:
        current = Flow(bank_version=latest_version())
        st.session_state[FLOW_KEY] = current
    return current


def language() -> Language:
    """Return the language of this session (German until chosen otherwise)."""
    value: Language = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return value


def adopt_url_language() -> Language:
    """Take the language from the URL when it names one; return the session's language.

    Without one, a session's first run follows the browser (Accept-Language, else its locale);
    after that the session keeps the language it has (a switch, a link's `?lang=`).
    """
    if LANG_PARAM in st.query_params:
        st.session_state[LANG_KEY] = parse_language(st.query_params[LANG_PARAM])
    elif LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = browser_language(accept_language(), st.context.locale)
    return language()


def adopt_link_language(sent: Language) -> None:
    """Choose the language of a link someone sent (a shared result, a comparison, an invitation):
    the viewer's browser where it asks for German or English, else the sender's (sent, the
    language the code or invitation carries) – unless the address names one (`?lang=`: this
    tab's own switch, so a reload keeps it; UX pass 3, m-12)."""
    if LANG_PARAM not in st.query_params:
        st.session_state[LANG_KEY] = stated_language(accept_language(), st.context.locale) or sent


def accept_language() -> str | None:
    """Return the Accept-Language header of the request that opened this session, if any."""
    headers = st.context.headers
    return headers.get("Accept-Language") if headers else None


def set_view_language(lang: Language) -> None:
    """Switch the language of a view without a questionnaire (shared result, group view)."""
    st.session_state[LANG_KEY] = lang
    st.query_params[LANG_PARAM] = lang


def set_language(lang: Language) -> None:
    """Switch the language; the URL follows, and so does an open questionnaire's code."""
    st.session_state[LANG_KEY] = lang
    st.query_params[LANG_PARAM] = lang
    # "Willkommen zurück" greets the first view after resuming, not the page in a new language.
    flow().resumed = False
    if flow().started:
        write_progress()  # the code carries the language too


def answers(with_timings: bool = False) -> Answers:
    """Return the session's answers as the domain's Answers."""
    current = flow()
    return answer_sets.Answers(
        bank_version=current.bank_version,
        form=current.form,
        profile=current.profile,
        language=language(),
        background=(
            current.experience
            if current.experience in bank_load.load_bank(current.bank_version).backgrounds
            else None
        ),
        responses=dict(current.responses),
        page_seconds=timings(current) if with_timings else (),
        revised=tuple(sorted(current.revised)),
    )


def _markable_ids(version: int, form: FormId) -> frozenset[str]:
    """Return the items of a form whose changed answers are marked (none without retake marks)."""
    bank = bank_load.load_bank(version)
    if not bank.rules.retake_marks:
        return frozenset()
    return frozenset(item.id for item in bank.form_items(form) if share.markable(item))


def rationales_shown() -> None:
    """Note that the result page shows the rationales for the session's answers (rules 3): from
    now on a changed scenario or knowledge answer is marked. The URL learns it too."""
    current = flow()
    if current.shown_answers is not None:
        return
    ids = _markable_ids(current.bank_version, current.form)
    if ids:
        current.shown_answers = {i: v for i, v in current.responses.items() if i in ids}
        write_progress()


def note_revisions() -> None:
    """Mark every scenario and knowledge item whose answer differs from the one the rationales
    were shown for (an item unanswered then counts as changed once answered)."""
    current = flow()
    shown = current.shown_answers
    if shown is None:
        return
    ids = _markable_ids(current.bank_version, current.form)
    current.revised.update(
        item_id
        for item_id, value in current.responses.items()
        if item_id in ids and shown.get(item_id) != value
    )


def timings(current: Flow) -> tuple[PageTiming, ...]:
    """Return the speed check's timings of a flow: only what was timed, the items answered while
    their page was shown in this session; each names its page (pages without any are left out)."""
    pages = pages_of(current.bank_version, current.form)
    return tuple(
        answer_sets.PageTiming(items=current.timed_items[index], seconds=seconds, page=index + 1)
        for index, seconds in sorted(current.seconds.items())
        if index < len(pages) and current.timed_items.get(index, 0) > 0
    )


def write_progress() -> None:
    """Ask for the progress code, language and background to be put into the URL.

    The URL is written once, at the end of the run (flush_url), after the page has been drawn:
    when the address changes, what it describes is already on screen.
    """
    note_revisions()
    flow().url_pending = True


def progress_params() -> dict[str, str]:
    """Return the progress code of the session's answers and page, with the background."""
    current = flow()
    code = share.encode_progress_code(
        answers(), current.page, seen=current.shown_answers is not None
    )
    params = {PROGRESS_PARAM: code}
    if current.experience is not None:
        params[BACKGROUND_PARAM] = current.experience
    return params


def leave_method_view() -> None:
    """Leave the methodology page (callback): back to the result it was opened from (its link
    carries `p` and `bg`, or `r`; usability pass m6), else to the start page."""
    params: dict[str, str] = {LANG_PARAM: language()}
    for name in (PROGRESS_PARAM, BACKGROUND_PARAM, SHARE_PARAM):
        if name in st.query_params:
            params[name] = st.query_params[name]
    st.query_params.from_dict(params)


def flush_url() -> None:
    """Write the pending progress code, language and background into the URL."""
    current = flow()
    if not current.url_pending or not current.started:
        return
    progress = progress_params()
    code = progress.pop(PROGRESS_PARAM)
    params = {PROGRESS_PARAM: code, LANG_PARAM: language(), **progress}
    extra = extra_param(current)
    if extra is not None:
        params[EXTRA_PARAM] = extra
    if INVITE_NAME_PARAM in st.query_params:  # the invitation's name stays (assessment/ui/peer)
        params[INVITE_NAME_PARAM] = st.query_params[INVITE_NAME_PARAM]
    st.query_params.from_dict(params)
    current.synced_code = code
    current.synced_extra = extra
    current.url_pending = False


def start_questionnaire(
    form: FormId, profile: ProfileId, experience: Experience, salary: int | None
) -> None:
    """Begin a fresh questionnaire with the start page's choices."""
    st.session_state[FLOW_KEY] = Flow(
        bank_version=latest_version(),
        form=form,
        profile=profile,
        experience=experience,
        salary=salary,
        started=True,
    )
    forget_item_widgets()
    write_progress()


def group_view_requested() -> bool:
    """Return whether the URL asks for the group evaluation."""
    return st.query_params.get(VIEW_PARAM) == GROUP_VIEW


def method_view_requested() -> bool:
    """Return whether the URL asks for the methodology page."""
    return st.query_params.get(VIEW_PARAM) == METHOD_VIEW


def open_group_view() -> None:
    """Go to the group evaluation (callback of the start page's link); the language stays."""
    st.query_params.from_dict({VIEW_PARAM: GROUP_VIEW, LANG_PARAM: language()})


def close_group_view() -> None:
    """Leave the group evaluation for the start page (its input stays in the session)."""
    st.query_params.from_dict({LANG_PARAM: language()})


def restart() -> None:
    """Forget the questionnaire and go to a fresh start page (the language stays)."""
    lang = language()
    st.session_state[FLOW_KEY] = Flow(bank_version=latest_version())
    forget_item_widgets()
    st.query_params.from_dict({LANG_PARAM: lang})


def forget_item_widgets() -> None:
    """Drop the radios' own state so they show the flow's answers again."""
    for key in [k for k in st.session_state if str(k).startswith(ITEM_KEY_PREFIX)]:
        del st.session_state[key]


def restore_from_code(code: str) -> None:
    """Resume from a progress code (a share code resumes at its first unanswered page).

    Raises CodeError when the code cannot be read; the session then stays as it was.
    """
    decoded = share.decode_code(code)
    given = decoded.answers
    previous = flow()
    responses = dict(given.responses)
    if previous.started and (previous.bank_version, previous.form) == (
        given.bank_version,
        given.form,
    ):
        # Back and Forward: the address of an older history entry moves the session to its page
        # but lacks the answers given since it was written; they stay (answers_kept).
        responses = answers_kept(given.responses, previous.responses)
    pages = pages_of(given.bank_version, given.form)
    done = pagination.first_incomplete_page(pages, responses)
    page = min(decoded.page, done) if decoded.kind == "progress" else done
    background = st.query_params.get(BACKGROUND_PARAM)
    # Banks without a background in their answers (v1) still ask for one, for the salary check.
    offered = bank_load.load_bank(given.bank_version).backgrounds or EXPERIENCE_LEVELS
    # The session's own memory of the rationales shown (and its marks) outlives an older code in
    # the URL of the same questionnaire (the browser's Back button): it only ever adds marks.
    same = (previous.bank_version, previous.form) == (given.bank_version, given.form)
    shown = previous.shown_answers if same else None
    if shown is None and decoded.seen:
        ids = _markable_ids(given.bank_version, given.form)
        shown = {i: v for i, v in given.responses.items() if i in ids}
    st.session_state[FLOW_KEY] = Flow(
        bank_version=given.bank_version,
        form=given.form,
        profile=given.profile,
        experience=given.background or next((e for e in offered if e == background), None),
        salary=previous.salary if previous.started else None,
        responses=responses,
        page=page,
        started=True,
        resumed=not previous.started and 0 < page < len(pages),
        generation=_next_generation(previous, given.bank_version, given.form, page),
        shown_answers=shown,
        revised=set(given.revised) | (previous.revised if same else set()),
    )
    note_revisions()
    knows_more = (flow().shown_answers is not None) != decoded.seen or tuple(
        sorted(flow().revised)
    ) != tuple(given.revised)
    if LANG_PARAM not in st.query_params:
        st.session_state[LANG_KEY] = given.language
    if previous.started:
        # Drop the old generation's radio state (the new generation's radios show the code's
        # answers). A new session keeps it: its only radio values are those that a reconnecting tab
        # just sent (after a server restart or a failover), the click included.
        forget_item_widgets()
    if (
        page != decoded.page
        or decoded.kind != "progress"
        or LANG_PARAM not in st.query_params
        or knows_more
        or responses != dict(given.responses)
    ):
        write_progress()
    else:
        flow().synced_code = code


def answers_kept(
    coded: Mapping[str, int | str], session: Mapping[str, int | str]
) -> dict[str, int | str]:
    """Return the answers of a questionnaire after its address changed within the session (the
    browser's Back or Forward button): the session's answers, and the address's for items the
    session has none for. Every history entry of a question page holds the answers given up to
    when it was left; the session holds those given since, on any page (tests/ui/test_paths.py).
    """
    return {**coded, **session}


def _next_generation(previous: Flow, version: int, form: FormId, page: int) -> int:
    """Return the key generation of the radios after the URL replaced a flow's answers.

    The radios on screen show the old answers: the same items get new keys, drawn with the
    code's answers. Another page of the same questionnaire holds none of those items.
    """
    if not previous.started:
        return previous.generation
    if (previous.bank_version, previous.form) == (version, form) and previous.page != page:
        return 0
    return previous.generation + 1


def follow_url() -> None:
    """Make the session follow the URL when the URL's progress code is not the one last written.

    Raises CodeError for an unreadable code.
    """
    current = flow()
    if current.url_pending:
        # A callback of this run changed the answers: the session is newer than the URL, which
        # may still be the one the browser had before our last write reached it.
        return
    code = st.query_params.get(PROGRESS_PARAM)
    if code is None:
        if current.started and current.synced_code is not None:
            current.started = False  # the URL went back to the start page
            current.synced_code = None
        return
    if code != current.synced_code:
        restore_from_code(code)
    follow_extra_param()


def extra_param(current: Flow) -> str | None:
    """Return the EXTRA_PARAM value of the extra page shown (None: the page is closed)."""
    if not current.extra_items:
        return None
    index = {
        item.id: n
        for n, item in enumerate(
            answer_sets.extra_candidates(bank_load.load_bank(current.bank_version), current.form)
        )
    }
    items = "-".join(str(index[item_id]) for item_id in current.extra_items)
    return f"{current.extra_before}.{current.extra_page}.{items}"


def follow_extra_param() -> None:
    """Open or close the extra page as the URL says, when it says something else than the
    session last wrote (a reload on the extra page, the browser's Back or Forward button); an
    unreadable value closes the page and is dropped from the URL."""
    current = flow()
    wanted = st.query_params.get(EXTRA_PARAM)
    if not current.started or wanted == current.synced_extra:
        return
    current.synced_extra = wanted
    current.extra_items, current.extra_page, current.extra_done = (), 0, False
    if wanted is None:
        return
    candidates = answer_sets.extra_candidates(
        bank_load.load_bank(current.bank_version), current.form
    )
    try:
        before, page, indices = wanted.split(".", 2)
        items = tuple(candidates[int(n)].id for n in indices.split("-"))
        current.extra_before, current.extra_page = int(before), int(page)
    except (ValueError, IndexError):
        write_progress()
        return
    if current.extra_before < 0 or current.extra_page < 0 or len(set(items)) != len(items):
        write_progress()
        return
    current.extra_items = items


def adopt_widget_answer(item_id: str, value: int | str | None, current: Flow | None = None) -> None:
    """Record an answer that a radio shows but the flow lacks; the radio's value wins.

    Its callback has not run when a new session's first run carries the click (the tab
    reconnected to a restarted server or another replica): the click is still kept. current is
    this session's flow, when the caller has it at hand.
    """
    current = current or flow()
    if value is not None and current.responses.get(item_id) != value:
        current.responses[item_id] = value
        write_progress()


def leave_page() -> None:
    """Add the time spent on the current page, and the items answered in it, to its totals."""
    current = flow()
    shown = current.shown
    if shown is not None and shown.page == current.page:
        elapsed = max(0.0, clock() - shown.since)
        current.seconds[current.page] = current.seconds.get(current.page, 0.0) + elapsed
        answered = len(_answered_on(current.page) - shown.answered)
        current.timed_items[current.page] = current.timed_items.get(current.page, 0) + answered
    current.shown = None


def mark_page_shown() -> None:
    """Note when the current page was first shown (reruns on the same page keep the time) and
    which of its items were answered already (a reload, a resumed code, a visit before)."""
    current = flow()
    if current.shown is None or current.shown.page != current.page:
        current.shown = Shown(current.page, clock(), _answered_on(current.page))


def _answered_on(page: int) -> frozenset[str]:
    """Return the ids of the items on a page of the current questionnaire that have answers."""
    current = flow()
    pages = pages_of(current.bank_version, current.form)
    items = pages[page] if 0 <= page < len(pages) else ()
    return frozenset(item.id for item in items if item.id in current.responses)
