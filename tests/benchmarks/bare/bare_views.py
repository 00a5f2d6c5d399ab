"""Plain Streamlit views with the same number and kind of elements as the app's pages.

No domain code: fixed texts, no scoring, no URL writes. They are the floor that the app's
rerun cost is compared with. Widget keys match the app's so that one load client drives both.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

LIKERT = (
    "trifft gar nicht zu",
    "trifft eher nicht zu",
    "teils, teils",
    "trifft eher zu",
    "trifft voll zu",
)
CANNOT_JUDGE = "Kann ich (noch) nicht einschätzen"
TRADEOFF = ("klar A", "eher A", "beides gleich", "eher B", "klar B")
PREFERENCE = ("möchte ich", "kann ich mit leben", "würde mich stören")
# The newest bank's short form (bank v4), page by page: the kind of its questions and each
# question's number of options (a statement that presumes experience adds "can't judge yet", a
# knowledge question "can't say"; a frequency statement has 4 counts and "keine Gelegenheit",
# 5 whether or not it presumes experience). tests/unit/test_bench_bare.py checks it against the
# bank.
STATEMENTS = "statements"
TRADEOFFS = "tradeoffs"
SITUATIONS = "situations"
KNOWLEDGE = "knowledge"
PREFERENCES = "preferences"
SHORT_FORM: tuple[tuple[str, tuple[int, ...]], ...] = (
    (STATEMENTS, (6, 6, 6, 5, 5, 5, 5, 6)),
    (STATEMENTS, (5, 6, 5, 5, 5, 5, 5, 6)),
    (STATEMENTS, (5, 5, 5, 6, 5, 6, 5, 5)),
    (STATEMENTS, (5, 5, 6, 5, 6, 5, 5, 5)),
    (STATEMENTS, (5, 6, 6, 5, 5, 5, 5, 5)),
    (TRADEOFFS, (5,) * 6),
    (TRADEOFFS, (5,) * 6),
    (SITUATIONS, (4,) * 3),
    (SITUATIONS, (4,) * 3),
    (SITUATIONS, (4,) * 3),
    (SITUATIONS, (4,) * 3),
    (KNOWLEDGE, (5,) * 4),
    (KNOWLEDGE, (5,) * 4),
    (PREFERENCES, (3,) * 14),
)
PAGES = len(SHORT_FORM)
QUESTIONS = sum(len(options) for _, options in SHORT_FORM)
CARDS = 9
# The app's shared result of a full form of bank v3, counted by element kind in AppTest (with the
# language switch and the footer, which both draw): 842 elements, among them 493 markdown, 142
# captions, 99 collapsed sections, 47 containers and 36 columns. tests/unit/test_bench_bare.py
# recounts both.
RESULT = {
    "info": 3,
    "warning": 1,
    "rows": 17,
    "boxes": 29,
    "captioned boxes": 24,
    "sections": 99,
    "markdown per section": 4,
    "markdown": 51,
    "html": 5,
}
TEXT = (
    "Ein IT-Leiter in Duisburg verbindet Technik, Budget und Führung; dieser Satz steht für "
    "einen Absatz Text von ähnlicher Länge wie in der App."
)
CHART: dict[str, Any] = {
    "data": {
        "values": [
            {"name": f"Dimension {i}", "score": 10 * i, "low": 40, "high": 70} for i in range(CARDS)
        ]
    },
    "layer": [
        {
            "mark": {"type": "bar", "color": "#c5ccd6", "height": 14},
            "encoding": {
                "x": {"field": "low", "type": "quantitative", "scale": {"domain": [0, 100]}},
                "x2": {"field": "high"},
                "y": {"field": "name", "type": "ordinal"},
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 190},
            "encoding": {
                "x": {"field": "score", "type": "quantitative"},
                "y": {"field": "name", "type": "ordinal"},
                "tooltip": [{"field": "name"}, {"field": "score"}],
            },
        },
    ],
}


def language_switch() -> None:
    """The language switch in the top right, as in the app."""
    _, right = st.columns([3, 1], vertical_alignment="center")
    with right:
        st.segmented_control(
            "Sprache",
            ("de", "en"),
            default="de",
            required=True,
            key="lang_switch",
            label_visibility="collapsed",
            width="stretch",
        )


def footer() -> None:
    """Divider, caption, the legal banner and the legal links, as in the app."""
    st.divider()
    st.caption("Selbstcheck IT-Leitung Duisburg · Fragenbank 3")
    st.warning(TEXT)
    st.html(
        '<nav><a href="?legal=imprint">Impressum</a> · <a href="?legal=privacy">Datenschutz</a>'
    )


def _start() -> None:
    st.session_state["started"] = True
    st.session_state["page"] = 0


def start() -> None:
    """The start page: 14 markdown, 2 headings, 3 radios, a number input, a button."""
    st.title("Selbstcheck IT-Leitung Duisburg", anchor=False)
    st.markdown(TEXT)
    with st.container(border=True):
        for _ in range(3):
            st.markdown(TEXT)
    left, right = st.columns(2)
    with left:
        st.markdown("**Für wen**")
        st.markdown(TEXT)
    with right:
        st.markdown("**Dauer**")
        st.markdown(f"- Kurzform: {QUESTIONS} Fragen, etwa 22 Minuten")
        st.markdown("- Langform: 181 Fragen, etwa 59 Minuten")
    st.markdown("**Datenschutz**")
    st.markdown(TEXT)
    st.subheader("Ihre Wahl", anchor=False)
    st.radio("Umfang", ("Kurzform", "Langform"), key="start_form")
    st.radio("Umfeld", ("Öffentlich", "Mittelstand", "Industrie", "Offen"), key="start_profile")
    st.radio(
        "Hintergrund",
        ("Einstieg", "Wechsel", "Erfahren", "Quereinstieg"),
        index=None,
        key="start_background",
        help=TEXT,
    )
    st.number_input(
        "Gehalt", min_value=30_000, max_value=250_000, value=None, step=100, key="start_salary"
    )
    st.caption(TEXT)
    st.button("Check starten", key="start_button", type="primary", on_click=_start)
    st.button("Gruppenauswertung", key="group_link", type="tertiary")


def _answered(key: str) -> None:
    st.session_state.setdefault("answers", {})[key] = st.session_state.get(key)


def _move(step: int) -> None:
    st.session_state["page"] = max(0, min(PAGES, st.session_state.get("page", 0) + step))


def _radio(key: str, label: str, options: tuple[str, ...], **kwargs: Any) -> None:
    st.radio(
        label,
        tuple(range(len(options))),
        index=None,
        format_func=lambda value: options[value],
        key=key,
        on_change=_answered,
        args=(key,),
        **kwargs,
    )


def _question(kind: str, key: str, number: int, options: int) -> None:
    """One question in a box, drawn as the app draws its kind."""
    with st.container(border=True):
        if kind == STATEMENTS:
            labels = LIKERT if options == len(LIKERT) else (*LIKERT, CANNOT_JUDGE)
            with st.container(key=f"unsure_{key}" if options > len(LIKERT) else None):
                _radio(key, f"{number}. {TEXT}", labels, horizontal=True)
        elif kind == TRADEOFFS:
            st.markdown(f"{number}. **A:** {TEXT} **B:** {TEXT}")
            _radio(key, TEXT, TRADEOFF, horizontal=True, label_visibility="collapsed")
        elif kind == SITUATIONS:
            st.markdown(f"**Situation {number}**")
            st.markdown(TEXT + " " + TEXT)
            _radio(key, TEXT, (TEXT,) * options, label_visibility="collapsed")
        elif kind == KNOWLEDGE:
            st.markdown(f"**Wissensfrage {number}**")
            _radio(key, TEXT, (*(TEXT,) * (options - 1), "Kann ich nicht sagen"))
        else:
            _radio(key, f"{number}. {TEXT}", PREFERENCE, horizontal=True)


def questionnaire() -> None:
    """A page of the short form (SHORT_FORM): title, progress, intro, its questions in boxes,
    2 buttons; after the last page, the result."""
    page = st.session_state.get("page", 0)
    if page >= PAGES:
        result(own=True)
        return
    kind, options = SHORT_FORM[page]
    first = sum(len(o) for _, o in SHORT_FORM[:page])
    st.title("Kurzform", anchor=False)
    st.progress((page + 1) / PAGES, text=f"Seite {page + 1} von {PAGES}")
    st.markdown(TEXT)
    for index, count in enumerate(options):
        _question(kind, f"item_p{page}_{index}", first + index + 1, count)
    last = page == PAGES - 1
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        st.button("Zurück", key="nav_back", on_click=_move, args=(-1,), disabled=page == 0)
        st.button(
            "Fertig" if last else "Weiter",
            key="nav_next",
            type="primary",
            on_click=_move,
            args=(1,),
        )


def _section(index: int) -> None:
    """A collapsed section (an expander) as the result draws one: a few paragraphs, a caption."""
    with st.expander(f"Abschnitt {index}"):
        for _ in range(RESULT["markdown per section"]):
            st.markdown(TEXT)
        st.caption(TEXT)


def result(own: bool = False) -> None:
    """A result with as many elements of each kind as the app's shared result of a full form of
    the newest bank (RESULT): headings, alerts, a chart, a toggle, rows in two columns, boxes,
    collapsed sections, a download and a button (on the person's own result: two buttons)."""
    st.title("Ihr Ergebnis" if own else "Geteiltes Ergebnis", anchor=False)
    st.caption(f"Umfeld offen · Langform · {QUESTIONS} von {QUESTIONS} beantwortet")
    st.subheader("Überschrift des Ergebnisses", anchor=False)
    for _ in range(RESULT["info"]):
        st.info(TEXT)
    for _ in range(RESULT["warning"]):
        st.warning(TEXT)
    st.toggle("Alle Abschnitte öffnen", key="result_open_all")
    st.header("Profil", anchor=False)
    st.vega_lite_chart(CHART, width="stretch", theme=None)
    for _ in range(RESULT["rows"]):
        left, right = st.columns(2)
        left.markdown(TEXT)
        right.caption(TEXT)
    for index in range(RESULT["boxes"]):
        with st.container(border=True, key=f"card_{index}"):
            st.markdown(f"**Dimension {index}**")
            if index < RESULT["captioned boxes"]:
                st.caption(TEXT)
    st.header("Einzelheiten", anchor=False)
    for index in range(RESULT["sections"]):
        _section(index)
    for _ in range(RESULT["markdown"]):
        st.markdown(TEXT)
    for _ in range(RESULT["html"]):
        st.html(f"<p>{TEXT}</p>")
    st.divider()
    st.download_button("PDF", data=b"%PDF-1.4", file_name="ergebnis.pdf", key="download_pdf")
    if own:
        with st.container(horizontal=True):
            st.button("Antworten ändern", key="result_edit")
            st.button("Neu beginnen", key="result_restart")
    else:
        st.button("Selbst den Check machen", key="take_check", type="primary")


def router() -> None:
    """Pick the view as the app does: ?r= shows a result, else the session's step."""
    language_switch()
    if "r" in st.query_params:
        result()
    elif not st.session_state.get("started"):
        start()
    else:
        questionnaire()
    footer()
