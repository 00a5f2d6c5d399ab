"""The result page, for one's own answers and for a shared link: rendered from the Summary only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st

from assessment.bank.load import load_bank
from assessment.bank.models import Bank
from assessment.codes import links
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.extra import offer_extra
from assessment.engine.quality import speed_flag
from assessment.engine.result import Result, build_result
from assessment.errors import CodeError
from assessment.i18n import Language, Viewer
from assessment.operate import warmup
from assessment.peer.codes import invitation_id
from assessment.render.brief import (
    axis_cards,
    setting_name,
    settings_side_by_side,
    shows_comparison,
)
from assessment.render.chartkey import chart_key
from assessment.render.summary import DimensionCard, Summary, common_gaps, summarize
from assessment.ui import extra, peer, shared, state
from assessment.ui.chart_text import accessible_chart, profile_chart_text
from assessment.ui.fit import render_fit
from assessment.ui.leans import render_leans
from assessment.ui.path import render_path
from assessment.ui.salary import offer_salary_again
from assessment.ui.text import plain, t, tv
from assessment.ui.views import render_views

OWN_RESULT_KEY = "own_result"
EDIT_KEY = "result_edit"
RESTART_KEY = "result_restart"
TAKE_CHECK_KEY = "take_check"
BACK_TO_OWN_KEY = "back_to_own"
PDF_KEY = "download_pdf"
JSON_KEY = "download_json"
SHARED_PDF_KEY = "download_shared_pdf"
# The targeted extra questions' view (issue 22, point 2): its render_offer(summary, lang) is
# called inside the one-screen summary once the module exists.


def _card(card: DimensionCard, lang: Language, viewer: Viewer) -> None:
    with st.container(border=True, key=f"card_{card.dimension}"):
        st.markdown(f"**{plain(card.name)}**")
        symbol = t(f"ui.symbol.{card.band}", lang)
        st.markdown(
            t(
                "ui.result.card_score",
                lang,
                symbol=symbol,
                score=card.score_text,
                band=plain(card.band_label),
            )
            + "  \n"
            + plain(card.verdict)
        )
        render_views(card, lang)
        st.caption(t("ui.result.anchor_label", lang))
        st.markdown(f"{plain(card.anchor_text)} – {plain(card.why)}")
        if card.next_steps:
            st.caption(tv("ui.result.next_steps_label", lang, viewer))
            st.markdown("\n".join(f"- {plain(step)}" for step in card.next_steps))
        if card.strength:
            st.caption(t("ui.result.strength_label", lang))
            st.markdown(plain(card.strength))
        with st.expander(t("ui.result.rationale_label", lang)):
            st.markdown(plain(card.rationale))
            if card.support:
                st.markdown(plain(card.support))
            if card.competence:
                st.caption(f"{t('ui.result.competence_label', lang)}: {plain(card.competence)}")


def _cards(summary: Summary, lang: Language) -> None:
    """One section to open per group of demands, its label naming how many it holds."""
    by_id = {card.dimension: card for card in summary.cards}
    for group in summary.groups:
        label = t("brief.section_group", lang, heading=group.heading, count=len(group.dimensions))
        with st.expander(plain(label), key=f"section_{group.key}"):
            if group.intro:
                st.caption(plain(group.intro))
            for dimension in group.dimensions:
                _card(by_id[dimension], lang, summary.viewer)


def _axes(summary: Summary, lang: Language) -> None:
    """The trade-off axes where the person or the setting leans (render/brief.axis_cards, as
    in the PDF and the text report)."""
    lines = axis_cards(summary)
    if not lines or summary.axes_intro is None:
        return  # no axis where the person or the setting leans: nothing to say
    label = tv("ui.result.axes_heading", lang, summary.viewer)
    with st.expander(label, key="section_axes"):
        st.markdown(plain(summary.axes_intro))
        st.markdown("\n".join(f"- **{plain(c.name)}:** {plain(c.axis_text or '')}" for c in lines))


def _scenarios(summary: Summary, lang: Language) -> None:
    """Every answered scenario with all options rated and explained (after the result only)."""
    if not summary.scenarios:
        return
    with st.expander(t("ui.result.scenarios_heading", lang), key="section_scenarios"):
        _scenario_reviews(summary, lang)


def _scenario_reviews(summary: Summary, lang: Language) -> None:
    st.caption(tv("ui.result.scenarios_intro", lang, summary.viewer))
    for review in summary.scenarios:
        with st.expander(plain(review.label)):
            st.markdown(plain(review.situation))
            for option in review.options:
                chosen = tv("ui.result.scenario_chosen", lang, summary.viewer)
                mark = chosen if option.chosen else ""
                st.markdown(
                    t(
                        "ui.result.scenario_option",
                        lang,
                        option=option.option,
                        text=plain(option.text),
                        score=option.score,
                        chosen=mark,
                    )
                    + "  \n"
                    + plain(option.rationale)
                )


def _knowledge(summary: Summary, lang: Language) -> None:
    """Every answered knowledge question with the person's answer, the right one, the
    explanation and the source (after the result only; a link only where the bank gives one)."""
    if not summary.knowledge:
        return
    with st.expander(t("views.knowledge_heading", lang), key="section_knowledge"):
        _knowledge_reviews(summary, lang)


def _knowledge_reviews(summary: Summary, lang: Language) -> None:
    viewer = summary.viewer
    st.caption(tv("views.knowledge_intro", lang, viewer))
    for review in summary.knowledge:
        with st.expander(plain(review.label)):
            st.markdown(plain(review.question))
            marks = {
                option.option: (t("views.right_mark", lang) if option.right else "")
                + (tv("views.chosen_mark", lang, viewer) if option.chosen else "")
                for option in review.options
            }
            st.markdown(
                "\n".join(
                    f"- {option.option}) {plain(option.text + marks[option.option])}"
                    for option in review.options
                )
            )
            st.markdown(f"**{plain(review.answer_text)}**  \n{plain(review.right_text)}")
            if review.not_counted:
                st.caption(plain(review.not_counted))
            st.markdown(plain(review.explanation))
            source = plain(review.source)
            if review.url:
                url = review.url.replace("(", "%28").replace(")", "%29")
                source += f" [{t('views.link', lang)}]({url})"
            st.caption(source)


def _comparison(summary: Summary, lang: Language, *, open_setting: bool = False) -> None:
    """The settings compared, one stacked block per setting (no table to cut on a phone); left
    out when every setting reads the same, unless the person asked to compare them all – then
    the same rows are said once (render/brief.py, as in the PDF and the text report)."""
    if not shows_comparison(summary):
        return
    with st.expander(t("ui.result.comparison_heading", lang), key="section_comparison"):
        if open_setting:
            st.markdown(t("ui.result.comparison_open", lang))
        st.markdown(plain(summary.comparison_text))
        shared = common_gaps(summary)  # the same open points everywhere: said once, below
        gaps_label = t("ui.result.col_gaps", lang)
        with st.container(key="comparison_rows"):
            if summary.brief is not None and not summary.brief.comparison_differs:
                # Identical rows: said once ("In allen drei Umfeldern dasselbe: …").
                st.markdown(plain("  \n".join(settings_side_by_side(summary))))
            else:
                for line in summary.comparison:
                    name = line.name
                    if line.best:
                        name = t("ui.result.best_marker", lang, name=line.name)
                    text = f"**{plain(name)}**  \n{plain(line.met_text)}"
                    text += f" · {plain(line.level_label)}"
                    if not shared:
                        gaps = ", ".join(line.gaps) or t("ui.result.no_gaps", lang)
                        text += f"  \n{gaps_label}: {plain(gaps)}"
                    st.markdown(text)
        if shared:
            st.markdown(plain(t("ui.result.gaps_everywhere", lang, gaps=", ".join(shared))))
        st.caption(plain(summary.comparison_rule))


def _brief(summary: Summary, lang: Language) -> None:
    """The one-screen summary: the verdict and what it rests on, the strongest demands, the
    most urgent steps with their first action, and where to go from here."""
    brief = summary.brief
    st.header(plain(summary.headline), anchor=False)
    if brief is None:  # pragma: no cover - every summary has one (render/brief.py)
        return
    with st.container(key="brief"):
        st.markdown(plain(brief.rests_on))
        if brief.reading:  # how the combined count follows from the views (UX pass M1)
            st.caption(plain(brief.reading))
        if brief.quality_pointer:  # the notes themselves stand further down (UX pass m5)
            st.markdown(plain(brief.quality_pointer))
        if brief.strongest:
            st.markdown(
                f"**{plain(brief.strongest_heading)}**  \n"
                + "  \n".join(f"{plain(d.name)} – {plain(d.text)}" for d in brief.strongest)
            )
        st.markdown(f"**{plain(brief.steps_heading)}**")
        if brief.steps:
            st.markdown(
                "\n".join(
                    f"{n}. **{plain(d.name)}:** {plain(d.text)}"
                    for n, d in enumerate(brief.steps, start=1)
                )
            )
        else:
            st.markdown(plain(brief.no_steps or ""))
        if brief.settings:
            # "noch offen – alle vergleichen": the settings side by side (UX pass, point 2).
            with st.container(key="brief_settings"):
                st.markdown(
                    f"**{plain(brief.settings_heading or '')}**  \n"
                    + "  \n".join(plain(line) for line in brief.settings)
                )
                st.caption(plain(brief.settings_more or ""))
        if summary.fit is not None:
            # Which Duisburg setting fits the person's wishes (issue 21): one line here, the
            # job preview per setting in its section below.
            st.markdown(f"**{plain(summary.fit.heading)}**  \n{plain(summary.fit.verdict)}")
        st.markdown(f"**{plain(brief.where_heading)}**")
        st.markdown("\n".join(f"- {plain(entry.text)}" for entry in brief.where))
        st.caption(plain(brief.more))


def render_summary(
    summary: Summary,
    share_code: str,
    lang: Language,
    *,
    open_setting: bool,
    salary_offer: Callable[[Language], None] | None = None,
    after_brief: Callable[[], None] | None = None,
    just_updated: bool = False,
    method_back: Mapping[str, str] | None = None,
) -> None:
    """Render a result: the one-screen summary first, then everything else in sections to
    open (no share section); sections with nothing to say are left out. after_brief draws what
    follows the summary directly (the own result's offer of extra questions); just_updated says
    that extra answers were just added (the change note then says so, once)."""
    st.caption(
        t(
            "ui.result.meta",
            lang,
            profile=plain(setting_name(summary)),
            form=summary.form_name,
            answered=summary.answered_text,
        )
    )
    _brief(summary, lang)
    if summary.extra_note:
        # What the extra answers changed: once, under the summary (UX pass), not among the
        # notes on response quality; right after the extra page it says they are included.
        with st.container(key="extra_note"):
            if just_updated:
                st.success(f"{t('extra.ui.updated', lang)}  \n{plain(summary.extra_note)}")
            else:
                st.info(plain(summary.extra_note))
    if after_brief is not None:
        after_brief()
    if summary.consistency:
        with st.container(key="consistency_notice"):
            st.info(f"**{t('views.consistency_heading', lang)}**  \n{plain(summary.consistency)}")
    if summary.quality_notices:
        st.markdown(f"**{t('ui.result.quality_heading', lang)}**")
    for notice in summary.quality_notices:
        st.warning(plain(notice))

    with st.expander(t("brief.section_overall", lang), key="section_overall"):
        st.markdown(f"**{plain(summary.met_text)}.** {plain(summary.overall_text)}")
        st.info(plain(summary.caveat))
    if open_setting:
        _comparison(summary, lang, open_setting=True)
    with st.expander(tv("ui.result.chart_heading", lang, summary.viewer), key="section_chart"):
        accessible_chart(
            shared.chart_spec(share_code, lang), profile_chart_text(summary, lang), "profile", lang
        )
        key = chart_key(summary, lang, summary.viewer, uncertain=summary.rules.honest_verdicts)
        st.caption(plain(key))
    _cards(summary, lang)
    _axes(summary, lang)
    render_leans(summary.leans)
    render_fit(summary.fit, lang)

    if summary.salary_lines or salary_offer is not None:
        # The salary check and, after a reload, the field to enter it again: in one place.
        with st.expander(t("ui.result.salary_heading", lang), key="section_salary"):
            if summary.salary_lines:
                st.markdown("\n".join(f"- {plain(line)}" for line in summary.salary_lines))
            if salary_offer is not None:
                salary_offer(lang)
    if summary.path is not None:
        with st.expander(plain(summary.path.heading), key="section_path"):
            render_path(summary.path, lang, summary.viewer, heading=False)
    if not open_setting:
        _comparison(summary, lang)
    _scenarios(summary, lang)
    _knowledge(summary, lang)
    # The methodology page opens in a new tab: its way back leads to this result (m6).
    link = shared.method_link(lang, method_back)
    st.markdown(t("ui.result.method_link", lang, link=link))


@dataclass(frozen=True)
class OwnPage:
    """What the own result page derives from the result besides the summary: the extra
    questions to offer, the invitation's id and the progress link's parameters (the way back
    from the methodology page). Computed with the result, once per change of the answers."""

    offer: dict[str, tuple[str, ...]]
    invitation: str
    method_back: dict[str, str]


def _own_result(lang: Language) -> tuple[Result, Summary, str, OwnPage]:
    """Return this session's result, summary, share code and the rest the page derives from
    them, computed once per change (kept in the session only, as the answers are)."""
    current = state.flow()
    # Never the session's timings: the result is the one every link and reload shows (UX pass
    # 3, m-1); the speed observation is a hint of its own (_speed_hint).
    answers = state.answers()
    key = (
        answers.model_dump_json(),
        lang,
        current.experience,
        current.salary,
        current.page,
        current.shown_answers is not None,
    )
    cached = st.session_state.get(OWN_RESULT_KEY)
    if cached is not None and cached[0] == key:
        return cached[1], cached[2], cached[3], cached[4]
    bank = load_bank(answers.bank_version)
    result = build_result(answers, bank, current.experience, current.salary)
    summary = summarize(result, bank, lang)
    code = encode_share_code(answers)
    page = OwnPage(
        offer=offer_extra(result.answers, bank, result.match),
        invitation=invitation_id(decode_code(code).answers),
        method_back=state.progress_params(),
    )
    st.session_state[OWN_RESULT_KEY] = (key, result, summary, code, page)
    return result, summary, code, page


def _speed_hint(lang: Language) -> None:
    """Show the speed observation of this session's answer times, labelled as outside the
    result: not a quality note, not provisional-making, not in the link (UX pass 3, m-1)."""
    flag = speed_flag(state.answers(with_timings=True))
    if flag is not None:
        st.info(t("ux3.speed.hint", lang, count=flag.count), icon=":material/timer:")


def _edit() -> None:
    """Go back to the last questionnaire page (callback)."""
    current = state.flow()
    pages = state.pages_of(current.bank_version, current.form)
    current.page = len(pages) - 1
    current.generation = 0  # the browser holds no radio of that page (see Flow.generation)
    state.write_progress()


def _share(result: Result, bank: Bank, share_code: str, lang: Language) -> None:
    link = shared.link_for(share_code)
    st.header(t("ui.share.heading", lang), anchor=False)
    st.markdown(t("ui.share.intro", lang))
    st.code(link, language=None, wrap_lines=True)
    suffix = "_v2" if bank.rules.has_background else ""
    with st.expander(t("brief.section_share", lang), key="section_share"):
        st.markdown(t(f"ui.share.contains{suffix}", lang))
        if bank.rules.retake_marks:
            st.markdown(t("retake.link_contains", lang))
        st.markdown(t(f"ui.share.excludes{suffix}", lang))

    st.header(t("ui.share.downloads_heading", lang), anchor=False)

    def pdf() -> bytes:
        from assessment.render.pdf.result import build_pdf

        warmup.SCHEDULER.before_pdf()
        return build_pdf(result, bank, lang, shared.printed_link_for(share_code))

    def json() -> str:
        from assessment.render.export import result_json

        return result_json(result)

    warmup.SCHEDULER.want()  # the person reads the result before pressing PDF
    shared.download_row(
        [
            shared.Download(
                t("ui.share.pdf", lang),
                pdf,
                t("ui.share.pdf_file", lang),
                "application/pdf",
                PDF_KEY,
                ":material/picture_as_pdf:",
            ),
            shared.Download(
                t("ui.share.json", lang),
                json,
                t("ui.share.json_file", lang),
                "application/json",
                JSON_KEY,
                ":material/data_object:",
            ),
        ]
    )


def render_own(lang: Language) -> None:
    """Render the result of this session's answers, with salary check, sharing and downloads."""
    state.rationales_shown()  # from here on, changed scenario and knowledge answers are marked
    state.flow().result_shown = True
    result, summary, share_code, page = _own_result(lang)
    bank = load_bank(result.bank_version)
    current = state.flow()

    def after_brief() -> None:
        _speed_hint(lang)
        extra.render_offer(result, bank, lang, page.offer)

    shared.scroll_to_top("result", t("ui.result.heading", lang))
    st.title(t("ui.result.heading", lang), anchor=False)
    render_summary(
        summary,
        share_code,
        lang,
        open_setting=result.answers.profile == "duisburg",
        salary_offer=offer_salary_again,
        # Extra questions for demands not yet firm (rules 3): below the summary, so that a phone
        # shows the verdict first (UX pass).
        after_brief=after_brief,
        just_updated=current.extra_done and len(result.extra) > current.extra_before,
        method_back=page.method_back,
    )
    _share(result, bank, share_code, lang)
    peer.render_ask(
        bank,
        share_code,
        result.answers.form,
        lang,
        page.invitation,
        starter=result.answers.background == "starter",
    )
    st.divider()
    if bank.rules.retake_marks:
        st.caption(t("retake.edit_marks", lang))
    with st.container(horizontal=True):
        st.button(t("ui.result.edit_answers", lang), key=EDIT_KEY, on_click=_edit)
        st.button(t("ui.app.restart", lang), key=RESTART_KEY, on_click=state.restart)


def _shared_pdf(share_code: str, lang: Language) -> None:
    """Offer the shared result as a PDF, worded about the person like the page."""

    def pdf() -> bytes:
        from assessment.render.pdf.result import build_pdf

        warmup.SCHEDULER.before_pdf()
        answers = decode_code(share_code).answers
        bank = load_bank(answers.bank_version)
        result = build_result(answers, bank)
        link = shared.printed_link_for(share_code)
        return build_pdf(result, bank, lang, link, viewer="other")

    st.header(t("ui.share.downloads_heading", lang), anchor=False)
    warmup.SCHEDULER.want()  # the person reads the result before pressing PDF
    shared.download_row(
        [
            shared.Download(
                t("ui.share.pdf", lang),
                pdf,
                t("ui.share.pdf_file", lang),
                "application/pdf",
                SHARED_PDF_KEY,
                ":material/picture_as_pdf:",
            )
        ]
    )


def render_shared(code: str) -> tuple[Language, int]:
    """Render a result opened from a share link (read-only, no salary).

    Return the language and the bank version shown (the link's own, not the newest).
    """
    try:
        decoded = decode_code(code)
    except CodeError as error:
        lang = shared.language_switch(state.set_view_language)
        shared.render_code_error(error, lang)
        return lang, state.flow().bank_version
    state.adopt_link_language(decoded.answers.language)
    if PROGRESS_PARAM in st.query_params:
        del st.query_params[PROGRESS_PARAM]
    lang = shared.language_switch(state.set_view_language)
    answers = decoded.answers
    share_code = encode_share_code(answers) if decoded.kind == "progress" else code.strip()
    summary = shared.shared_summary(share_code, lang)
    own = shared.is_own_result(answers)
    st.title(t("ui.result.shared_heading", lang), anchor=False)
    suffix = "_v2" if summary.rules.has_background else ""
    st.markdown(t("ui.result.shared_own_intro" if own else f"ui.result.shared_intro{suffix}", lang))
    render_summary(
        summary,
        share_code,
        lang,
        open_setting=answers.profile == "duisburg",
        method_back={links.SHARE_PARAM: share_code},
    )
    _shared_pdf(share_code, lang)
    # No invitation to colleagues here: the reader is not the person (a mentor, a coach).
    st.divider()
    if own:
        st.button(
            t("ui.result.back_to_own", lang),
            key=BACK_TO_OWN_KEY,
            type="primary",
            on_click=shared.back_to_own_result,
        )
    else:
        st.button(
            t("ui.result.take_check", lang),
            key=TAKE_CHECK_KEY,
            type="primary",
            on_click=state.restart,
        )
    return lang, answers.bank_version
