"""The group evaluation for coaches: share codes in, an anonymous overview out; nothing stored.

The pasted text or uploaded file lives only in this session's widgets (at most 1 MB); the
evaluation is held once per process, per input and setting (a few entries, one hour), and shared
by reference, so a session keeps nothing but its input.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
import streamlit as st

from assessment.bank.load import load_bank
from assessment.bank.models import PROFILE_IDS, Bank, LikertItem, ProfileId
from assessment.errors import SelbstcheckError
from assessment.group.itemstats import (
    MAX_TWIN_R,
    MIN_ALPHA,
    MIN_ITEM_TOTAL_R,
    MIN_RESPONSES_FOR_STATS,
    FormStats,
    ItemStatsReport,
    StatFlag,
    format_stat,
    item_statistics,
)
from assessment.group.overview import (
    MARK_COLUMNS,
    GroupError,
    GroupResult,
    InvalidLine,
    VersionGroup,
    duplicates,
    earlier,
    group_table,
    parse_codes,
    score_group,
    text_from_bytes,
)
from assessment.group.preferences import preference_section
from assessment.group.text import (
    development_lines,
    earlier_notes,
    format_score,
    levels_line,
    mark_sections,
    no_development,
)
from assessment.i18n import Language
from assessment.ui import shared, stacked, state
from assessment.ui.chart_text import ChartText, accessible_chart, rows_text
from assessment.ui.text import plain, t

TEXT_KEY = "group_text"
# A colleague's feedback code or a summary code pasted here: said apart from unreadable lines.
PEER_REFUSALS = ("code.peer_code", "code.summary_code")
FILE_KEY = "group_file"
PROFILE_KEY = "group_profile"
PROFILE_VALUE_KEY = "group_profile_value"
EVALUATE_KEY = "group_evaluate"
BACK_KEY = "group_back"
STATS_KEY = "group_stats"
CSV_KEY = "group_csv"
PDF_KEY = "group_pdf"
PEOPLE_TABLE_KEY = "group_people"
INVALID_TABLE_KEY = "group_invalid"
EARLIER_KEY = "group_earlier"
# The general Duisburg profile first: a coach's group has not chosen one setting.
PROFILE_CHOICES: tuple[ProfileId, ...] = PROFILE_IDS
UPLOAD_TYPES = ("txt", "csv")
TEXT_HEIGHT = 170
SETTING_WIDTH = 420
# The documented limit of one paste or upload (README: 10,000 lines and 1 MB).
MAX_INPUT_CHARS = 1_000_000
# Each entry can hold up to 10,000 people; a few inputs per process are plenty.
GROUP_CACHE_ENTRIES = 4
GROUP_CACHE_SECONDS = 3600
WORDING_LENGTH = 60


@dataclass(frozen=True)
class Evaluation:
    """The group overview of one input against one setting, and the lines that were skipped."""

    group: GroupResult
    invalid: tuple[InvalidLine, ...]


@st.cache_resource(max_entries=GROUP_CACHE_ENTRIES, ttl=GROUP_CACHE_SECONDS, show_spinner=False)
def evaluate(text: str, profile: ProfileId) -> Evaluation:
    """Return the evaluation of pasted or uploaded codes (raises GroupError).

    Held once per process and handed out by reference (the models are frozen): no copy per
    rerun and none in the session, and at most GROUP_CACHE_ENTRIES of them at a time.
    """
    answers, invalid = parse_codes(text)
    return Evaluation(score_group(answers, profile), tuple(invalid))


@st.cache_data(max_entries=GROUP_CACHE_ENTRIES, ttl=GROUP_CACHE_SECONDS, show_spinner=False)
def item_stats(text: str) -> ItemStatsReport:
    """Return the item statistics of the codes in text (cached)."""
    answers, _ = parse_codes(text)
    return item_statistics(answers)


@st.cache_data(max_entries=4 * GROUP_CACHE_ENTRIES, ttl=GROUP_CACHE_SECONDS, show_spinner=False)
def chart_spec(
    digest: str, profile: ProfileId, version: int, lang: Language, _section: VersionGroup
) -> dict[str, Any]:
    """Return the Vega-Lite spec of one version's group chart (cached per input and language)."""
    from assessment.group.chart import group_chart

    spec: dict[str, Any] = group_chart(_section, load_bank(version), lang).to_dict()
    return spec


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _evaluation(text: str, profile: ProfileId, lang: Language) -> Evaluation:
    """Return the evaluation (shared by every session with the same input and setting)."""
    with st.spinner(t("ui.group.working", lang)):
        return evaluate(text, profile)


def _css_string(text: str) -> str:
    """Return text as a quoted CSS string (for `content:`), safe inside a style element."""
    escaped = "".join(c if c.isalnum() or c in " .,–·•()/-" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def _upload_box_style(lang: Language) -> str:
    """Put the page's language on the upload box, whose own texts Streamlit has only in English.

    The button's and the limit's English texts are hidden, and CSS content shows the catalogue's
    texts in their place (screen readers read CSS content as part of the button's name).
    """
    button = _css_string(t("ui.group.upload_button", lang))
    limit = _css_string(
        t(
            "ui.group.upload_limit",
            lang,
            limit_mb=st.get_option("server.maxUploadSize"),
            types=", ".join(kind.upper() for kind in UPLOAD_TYPES),
        )
    )
    box = f".st-key-{FILE_KEY} [data-testid='stFileUploaderDropzone']"
    return (
        "<style>"
        f"{box} button [data-testid='stMarkdownContainer'] p {{ display: none; }}"
        f"{box} button [data-testid='stMarkdownContainer']::after {{ content: {button}; }}"
        f"{box} [data-testid='stFileUploaderDropzoneInstructions'] span {{ display: none; }}"
        f"{box} [data-testid='stFileUploaderDropzoneInstructions'] div::after "
        f"{{ content: {limit}; font-size: 0.875rem; }}"
        "</style>"
    )


def _upload_button_name(lang: Language) -> str:
    """Name the upload button in the page's language for screen readers (axe does not count
    the CSS content above as its name); kept when Streamlit redraws the box.

    One observer per tab (a language switch runs the script again and only hands it the new
    name), and it looks at what a change added or renamed, not at the whole page (issue 24)."""
    name = json.dumps(t("ui.group.upload_button", lang))
    zone = json.dumps(f".st-key-{FILE_KEY} [data-testid='stFileUploaderDropzone']")
    return (
        "<script>(() => {"
        "const doc = document.querySelector('[data-testid=\"stMain\"]') ? document"
        " : window.parent.document;"
        "const view = doc.defaultView;"
        f"view.__selbstcheckUploadName = {name};"
        f"const button = {zone} + ' button';"
        "const nameIn = (root) => {"
        " const found = [...root.querySelectorAll(button)];"
        " if (root.matches && root.matches(button)) { found.push(root); }"
        " found.forEach((b) => {"
        "  const wanted = view.__selbstcheckUploadName;"
        "  if (b.getAttribute('aria-label') !== wanted) { b.setAttribute('aria-label', wanted); }"
        " });"
        "};"
        "if (!view.__selbstcheckUploadObserver) {"
        " view.__selbstcheckUploadObserver = new MutationObserver((records) => {"
        "  for (const record of records) {"
        f"   const box = record.target.closest && record.target.closest({zone});"
        "   if (box) { nameIn(box); }"
        "   record.addedNodes.forEach((node) => { if (node.nodeType === 1) { nameIn(node); } });"
        "  }"
        " });"
        " view.__selbstcheckUploadObserver.observe(doc.body, {childList: true, subtree: true,"
        "  attributes: true, attributeFilter: ['aria-label']});"
        "}"
        "nameIn(doc);"
        "})();</script>"
    )


def _stat(value: float | None, lang: Language) -> str:
    """Return a statistic for a table cell; a value that could not be computed is "–"."""
    return t("ui.group.none", lang) if value is None else format_stat(value, lang)


# -- input -------------------------------------------------------------------------------------


def _profile() -> ProfileId:
    """Return the setting chosen for the comparison (a value; the select box shows its name)."""
    chosen = st.session_state.get(PROFILE_VALUE_KEY)
    return chosen if chosen in PROFILE_CHOICES else PROFILE_CHOICES[0]


def _profile_chosen(lang: Language) -> None:
    """Keep the chosen setting as a value (callback): a language switch draws a new select box
    (state.widget_key), which shows it."""
    chosen = st.session_state.get(state.widget_key(PROFILE_KEY, lang))
    if chosen in PROFILE_CHOICES:
        st.session_state[PROFILE_VALUE_KEY] = chosen


def _input(lang: Language) -> str | None:
    """Render the inputs; return the text to evaluate (the file wins), or None when empty.

    Raises GroupError when an uploaded file is no text file or too large.
    """
    pasted = st.text_area(
        t("ui.group.text_label", lang),
        key=TEXT_KEY,
        height=TEXT_HEIGHT,
        placeholder=t("ui.group.text_placeholder", lang),
        # One character more than allowed: the browser and the server cut a longer paste there,
        # and the page says it is too large instead of evaluating a silently shortened copy.
        max_chars=MAX_INPUT_CHARS + 1,
    )
    uploaded = st.file_uploader(t("ui.group.file_label", lang), type=UPLOAD_TYPES, key=FILE_KEY)
    st.html(_upload_box_style(lang))
    st.html(_upload_button_name(lang), unsafe_allow_javascript=True, width="content")
    bank = state.newest_bank()
    st.selectbox(
        t("ui.group.setting_label", lang),
        PROFILE_CHOICES,
        index=PROFILE_CHOICES.index(_profile()),
        format_func=lambda p: bank.profiles[p].name(lang),
        key=state.widget_key(PROFILE_KEY, lang),
        on_change=_profile_chosen,
        args=(lang,),
        width=SETTING_WIDTH,
    )
    st.caption(t("ux.group_counts.setting_note", lang))
    st.button(t("ui.group.evaluate", lang), key=EVALUATE_KEY, type="primary")
    if uploaded is not None:
        if pasted and pasted.strip():
            st.caption(t("ui.group.file_wins", lang))
        _check_input_size(uploaded.size)
        return text_from_bytes(uploaded.getvalue())
    if pasted:
        _check_input_size(len(pasted))
    return pasted if pasted and pasted.strip() else None


def _check_input_size(size: int) -> None:
    """Raise GroupError when a paste or upload is larger than the documented 1 MB."""
    if size > MAX_INPUT_CHARS:
        raise GroupError("group.too_large", limit_mb=MAX_INPUT_CHARS // 1_000_000)


# -- the overview -------------------------------------------------------------------------------


def _invalid_lines(invalid: tuple[InvalidLine, ...], lang: Language) -> None:
    """List every skipped line with its number, a shortened copy and why (plain table cells)."""
    title = t("group.invalid_title", lang)
    st.markdown(f"**{title}**")
    with st.container(key=INVALID_TABLE_KEY):
        stacked.table(
            pd.DataFrame(
                {
                    t("ui.group.col_line", lang): [line.line for line in invalid],
                    t("ui.group.col_text", lang): [line.text for line in invalid],
                    t("ui.group.col_reason", lang): [line.message(lang) for line in invalid],
                }
            ),
            INVALID_TABLE_KEY,
            lang,
            caption=title,
            title=lambda row: t("ux.stacked.line", lang, number=row[0]),
            rows_only=True,  # the reasons in full, at every width (UX pass 3, m-2)
            hide_index=True,
        )


def _demands(section: VersionGroup, lang: Language) -> pd.DataFrame:
    bank = load_bank(section.bank_version)
    none = t("ui.group.none", lang)
    rows = []
    for dimension in section.dimensions:
        spread = dimension.distribution
        rows.append(
            {
                t("ui.group.col_dimension", lang): bank.dimension(dimension.dimension).name(lang),
                t("ui.group.col_target", lang): t(
                    "ui.group.range", lang, low=dimension.low, high=dimension.high
                ),
                t("ui.group.col_median", lang): (
                    format_score(spread.median, lang) if spread else none
                ),
                t("ui.group.col_middle", lang): (
                    t(
                        "ui.group.range",
                        lang,
                        low=format_score(spread.q1, lang),
                        high=format_score(spread.q3, lang),
                    )
                    if spread
                    else none
                ),
                t("ui.group.col_meets", lang): dimension.meets,
                t("ui.group.col_below", lang): dimension.below,
                t("ui.group.col_unscored", lang): dimension.unscored,
            }
        )
        if bank.rules.honest_verdicts:  # every person counted once, as their own result shows
            unscored = rows[-1].pop(t("ui.group.col_unscored", lang))
            rows[-1][t("ui.group.col_borderline", lang)] = dimension.borderline
            rows[-1][t("ui.group.col_experience", lang)] = dimension.experience
            if bank.rules.min_firm_answers:  # rules 3: too few scored answers is "vorläufig"
                rows[-1][t("ux.group_counts.col_provisional", lang)] = dimension.provisional
            rows[-1][t("ui.group.col_unscored", lang)] = unscored
    return pd.DataFrame(rows)


def _version(section: VersionGroup, digest: str, profile: ProfileId, lang: Language) -> None:
    """One bank version's chart, demands, overall levels and development areas."""
    bank = load_bank(section.bank_version)
    spec = chart_spec(digest, profile, section.bank_version, lang, section)
    demands = _demands(section, lang)
    text = ChartText(
        name=t("a11y.group_chart_name", lang),
        description=t("a11y.group_chart_description", lang),
        caption=t("ui.group.demands_heading", lang),
        header=tuple(str(column) for column in demands.columns),
        rows=rows_text(demands.itertuples(index=False)),
    )
    accessible_chart(spec, text, f"group_v{section.bank_version}", lang)
    st.caption(t("ui.group.chart_caption", lang))
    st.markdown(f"**{t('ui.group.demands_heading', lang)}**")
    stacked.table(
        demands,
        f"group_demands_v{section.bank_version}",
        lang,
        caption=t("ui.group.demands_heading", lang),
        # Seven to ten columns: more than the page's column holds even at 1280 px (six showed,
        # the rest behind a sideways scroll), so every count shows as "column: value" at every
        # width (UX pass 3, m-2).
        rows_only=True,
        hide_index=True,
    )
    if bank.rules.honest_verdicts:  # "Erfüllt" defined once: firmly (UX pass 3)
        st.caption(t("ux.group_counts.firm", lang) + " " + t("ux3.group.unscored", lang))
    else:
        st.caption(t("ui.group.demands_caption", lang))
    st.markdown(plain(levels_line(section.levels, lang)))
    if section.revised:
        st.warning(t("group.revised_people", lang, count=section.revised, people=section.people))
    st.markdown(f"**{t('group.development_title', lang)}**")
    if not section.development:
        st.markdown(no_development(section, lang))
    lines = development_lines(section, bank, lang)
    if lines:
        st.markdown("\n".join(f"- {plain(line)}" for line in lines))
    for title, marked in mark_sections(section, bank, lang):
        st.markdown(f"**{title}**")
        st.markdown("\n".join(f"- {plain(line)}" for line in marked))
    _preferences(section, bank, lang)


def _preferences(section: VersionGroup, bank: Bank, lang: Language) -> None:
    """The group's working-conditions wishes per setting and per condition (rules with
    preferences); nothing for older banks or when nobody answered (as in the PDF)."""
    shown = preference_section(section.preferences, bank, lang)
    if shown is None:
        return
    heading, lines = shown
    with st.container(key=f"group_prefs_v{section.bank_version}"):
        st.markdown(f"**{plain(heading)}**")
        st.markdown(plain(lines[0]))
        st.markdown("\n".join(f"- {plain(line)}" for line in lines[1:]))


def _people(group: GroupResult, lang: Language) -> None:
    """The sortable anonymous table: #1, #2 … in input order, one column per dimension."""
    header, rows = group_table(group, state.newest_bank(), lang)
    frame = pd.DataFrame(rows, columns=header)
    person, version = header[0], header[1]
    dimensions = header[3 : -3 - MARK_COLUMNS - (1 if group.retake_column else 0)]
    for column in dimensions:
        frame[column] = frame[column].astype("Int64")
    config: dict[str, Any] = {person: st.column_config.NumberColumn(format="#%d", pinned=True)}
    order = [c for c in header if c != version or group.mixed_versions]
    st.header(t("ui.group.table_heading", lang), anchor=False)
    st.caption(t("ui.group.table_caption", lang))
    with st.container(key=PEOPLE_TABLE_KEY):
        stacked.table(
            frame,
            PEOPLE_TABLE_KEY,
            lang,
            caption=t("ui.group.table_heading", lang),
            title=lambda row: t("ux.stacked.person", lang, number=row[0]),
            more=t("ux.stacked.grid_cut_people", lang),
            hide_index=True,
            column_config=config,
            column_order=order,
            placeholder=t("ui.group.none", lang),
        )


def _downloads(evaluation: Evaluation, lang: Language) -> None:
    group = evaluation.group

    def csv() -> bytes:
        from assessment.group.overview import group_csv_bytes

        return group_csv_bytes(group, state.newest_bank(), lang)

    def pdf() -> bytes:
        from assessment.group.pdf import build_group_pdf

        notes = earlier_notes(evaluation.invalid, lang)
        return build_group_pdf(group, len(evaluation.invalid), lang, notes=notes)

    st.header(t("ui.group.downloads_heading", lang), anchor=False)
    shared.download_row(
        [
            shared.Download(
                t("ui.group.pdf", lang),
                pdf,
                t("ui.group.pdf_file", lang),
                "application/pdf",
                PDF_KEY,
                ":material/picture_as_pdf:",
            ),
            shared.Download(
                t("ui.group.csv", lang),
                csv,
                t("ui.group.csv_file", lang),
                "text/csv; charset=utf-8",
                CSV_KEY,
                ":material/table:",
            ),
        ]
    )


# -- item statistics ---------------------------------------------------------------------------


def _flag_text(flag: StatFlag, section: FormStats, lang: Language) -> str:
    subject = flag.subject
    if flag.kind == "low_alpha":
        subject = load_bank(section.bank_version).dimension(flag.subject).name(lang)
    text = t("ui.group.flag", lang, subject=subject, reason=flag.reason(lang))
    if flag.tentative:
        text += " " + t("ui.group.tentative", lang, minimum=MIN_RESPONSES_FOR_STATS)
    return text


def _stats_section(section: FormStats, lang: Language) -> None:
    bank = load_bank(section.bank_version)
    heading = t(
        "group.stats_section",
        lang,
        version=section.bank_version,
        form=bank.forms[section.form].name(lang),
        people=section.people,
    )
    st.markdown(f"**{plain(heading)}**")
    few = [dimension.n for dimension in section.dimensions if dimension.too_few]
    if few:
        st.warning(t("group.too_few", lang, n=min(few), minimum=MIN_RESPONSES_FOR_STATS))
    dimension_rows, item_rows, pair_rows = [], [], []
    for dimension in section.dimensions:
        name = bank.dimension(dimension.dimension).name(lang)
        ci = (
            t(
                "ui.group.ci",
                lang,
                low=format_stat(dimension.alpha_ci[0], lang),
                high=format_stat(dimension.alpha_ci[1], lang),
            )
            if dimension.alpha_ci is not None
            else t("ui.group.none", lang)
        )
        dimension_rows.append(
            {
                t("ui.group.col_dimension", lang): name,
                t("ui.group.col_n", lang): dimension.n,
                t("ui.group.col_alpha", lang): _stat(dimension.alpha, lang),
                t("ui.group.col_ci", lang): ci,
            }
        )
        if any(d.unsure for d in section.dimensions):
            dimension_rows[-1][t("ui.group.col_unsure", lang)] = dimension.unsure
        for stat in dimension.items:
            item = bank.item(stat.item)
            wording = item.text(lang) if isinstance(item, LikertItem) else ""
            if len(wording) > WORDING_LENGTH:
                wording = wording[: WORDING_LENGTH - 1] + "…"
            item_rows.append(
                {
                    t("ui.group.col_item", lang): stat.item,
                    t("ui.group.col_dimension", lang): name,
                    t("ui.group.col_wording", lang): wording,
                    t("ui.group.col_keying", lang): t(f"ui.group.keying_{stat.keying}", lang),
                    t("ui.group.col_mean", lang): _stat(stat.mean, lang),
                    t("ui.group.col_sd", lang): _stat(stat.sd, lang),
                    t("ui.group.col_item_total", lang): _stat(stat.item_total_r, lang),
                }
            )
        for pair in dimension.pairs:
            pair_rows.append(
                {
                    t("ui.group.col_pair", lang): f"{pair.plus} / {pair.minus}",
                    t("ui.group.col_responses", lang): pair.n,
                    t("ui.group.col_r", lang): _stat(pair.r, lang),
                }
            )
    key = f"group_stats_v{section.bank_version}_{section.form}"
    tables = [
        ("ui.group.dimensions_label", dimension_rows, "dimensions"),
        ("ui.group.items_label", item_rows, "items"),
        ("ui.group.pairs_label", pair_rows, "pairs"),
    ]
    for label, rows, part in tables:
        if rows:
            st.caption(t(label, lang))
            stacked.table(
                pd.DataFrame(rows),
                f"{key}_{part}",
                lang,
                caption=t(label, lang),
                hide_index=True,
            )
    flags = [flag for dimension in section.dimensions for flag in dimension.flags]
    st.markdown(f"**{t('group.flags_title', lang)}**")
    if flags:
        st.markdown("\n".join(f"- {plain(_flag_text(flag, section, lang))}" for flag in flags))
    else:
        st.markdown(t("group.no_flags", lang))


def _statistics(text: str, lang: Language) -> None:
    """The maintainers' expander; the statistics are computed only while it is open."""
    expander = st.expander(
        t("ui.group.stats_expander", lang),
        key=STATS_KEY,
        on_change="rerun",
        icon=":material/query_stats:",
    )
    with expander:
        if not expander.open:
            return
        st.markdown(
            t(
                "ui.group.stats_intro",
                lang,
                alpha=format_stat(MIN_ALPHA, lang),
                item_total=format_stat(MIN_ITEM_TOTAL_R, lang),
                twin=format_stat(MAX_TWIN_R, lang),
            )
        )
        with st.spinner(t("ui.group.stats_working", lang)):
            report = item_stats(text)
        for section in report.sections:
            _stats_section(section, lang)


# -- the page ----------------------------------------------------------------------------------


def _results(text: str, lang: Language) -> None:
    profile = _profile()
    try:
        evaluation = _evaluation(text, profile, lang)
    except SelbstcheckError as error:
        st.error(plain(error.message(lang)))
        return
    group, invalid = evaluation.group, evaluation.invalid
    peer_lines = sum(line.key in PEER_REFUSALS for line in invalid)
    if group.people == 0:
        st.error(t("group.no_valid_codes", lang, count=len(invalid)))
        if peer_lines:
            st.warning(t("ui.group.peer_intro", lang, count=peer_lines))
        if invalid:
            _invalid_lines(invalid, lang)
        return
    bank = state.newest_bank()
    st.header(t("ui.group.overview_heading", lang), anchor=False)
    st.markdown(f"**{t('group.counts', lang, people=group.people, invalid=len(invalid))}**")
    st.caption(t("ui.group.compared", lang, profile=bank.profiles[group.profile].name(lang)))
    # A duplicate line is readable (its answers are counted once): only the others are unreadable.
    doubled = duplicates(invalid)
    if doubled:
        st.info(t("group.duplicates_dropped", lang, count=doubled))
    # One person's code from before and from after more extra questions: the later one counts.
    notes = earlier_notes(invalid, lang)
    if notes:
        with st.container(key=EARLIER_KEY):
            st.info("\n".join(f"- {plain(note)}" for note in notes) if len(notes) > 1 else notes[0])
    not_evaluated = peer_lines + len(earlier(invalid))  # readable, named above, not counted
    readable = doubled + not_evaluated
    if peer_lines:
        st.warning(t("ui.group.peer_intro", lang, count=peer_lines))
    if len(invalid) > readable:
        # Earlier versions and colleagues' codes were not evaluated either: say so. (A
        # duplicate's answers are evaluated, once, with the line it repeats.)
        intro = "fixnew.group.invalid_intro_others" if not_evaluated else "ui.group.invalid_intro"
        st.warning(t(intro, lang, count=len(invalid) - readable))
    if invalid:
        _invalid_lines(invalid, lang)
    if group.mixed_versions:
        st.info(t("group.mixed_versions", lang, count=len(group.versions)))
    digest = _digest(text)
    for section in group.versions:
        if group.mixed_versions:
            heading = t("group.version", lang, version=section.bank_version, people=section.people)
            st.header(heading, anchor=False)
        _version(section, digest, group.profile, lang)
    _people(group, lang)
    _downloads(evaluation, lang)
    _statistics(text, lang)


def render() -> Language:
    """Render the group evaluation page; return its language."""
    lang = shared.language_switch(state.set_view_language)
    st.button(
        t("ui.group.back", lang),
        key=BACK_KEY,
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=state.close_group_view,
    )
    st.title(t("ui.group.title", lang), anchor=False)
    st.markdown(t("ui.group.lead", lang))
    st.caption(t("ui.group.privacy", lang))
    try:
        text = _input(lang)
    except GroupError as error:
        st.error(plain(error.message(lang)))
        return lang
    if text is None:
        st.caption(t("ui.group.empty_hint", lang))
        return lang
    _results(text, lang)
    return lang
