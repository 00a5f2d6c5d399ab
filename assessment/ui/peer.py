"""Fremdbild views: the invitation on the result page, a colleague's questionnaire and thank-you
page (?view=invite&i=…), the trusted person's page that makes a summary code
(?view=collect&i=…), and the comparison of self and others (?r=CODE&peers=…)."""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from assessment.bank.load import load_bank
from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    LIKERT_VALUES,
    UNSURE,
    Bank,
    FormId,
    LikertItem,
    TradeoffItem,
)
from assessment.bank.pagination import MAX_STATEMENTS_PER_PAGE
from assessment.codes import links
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.errors import CodeError, SelbstcheckError
from assessment.i18n import Language, Viewer
from assessment.peer.codes import (
    MAX_NAME_LENGTH,
    Invitation,
    InvitationError,
    PeerAnswers,
    clean_name,
    decode_invitation,
    decode_peer_code,
    encode_invitation,
    encode_peer_code,
    invitation_id,
    peer_items,
    peer_statement,
    peer_statements,
)
from assessment.peer.compare import MAX_PEERS, MIN_PEERS, Mirror, mirror_codes, summarize_codes
from assessment.peer.summary import MAX_SUMMARY_PEERS, encode_summary
from assessment.peer.text import MirrorText, describe_mirror, summary_lines
from assessment.render.scale import FREQUENCY_CHOICES, frequency_labels, is_frequency
from assessment.ui import shared, state
from assessment.ui.chart_text import ChartText, accessible_chart
from assessment.ui.text import plain, plain_line, t, tv
from assessment.ui.views import render_views

NAME_KEY = "peer_name"
# The name typed, kept while the result is not shown (extra questions): the invitation link
# stays the same when the person comes back (usability pass M3).
NAME_KEPT_KEY = "peer_name_kept"
PASTE_KEY = "peer_paste"
COMPARE_KEY = "peer_compare"
PASTE_ERROR_KEY = "peer_paste_error"
SUBMIT_KEY = "peer_submit"
EDIT_KEY = "peer_edit"
DONE_KEY = "peer_done"
RATINGS_KEY = "peer_ratings"
NONE_RATED_KEY = "peer_none_rated"
RATING_PREFIX = "peer_item_"
PAGE_KEY = "peer_page"
# The colleague's page in the address (1, 2 …): a reload shows the page they were on, and the
# browser's Back the page before (shared.one_entry_per_page keeps one entry per page).
PAGE_PARAM = "page"
BACK_KEY = "peer_back"
NEXT_KEY = "peer_next"
# Statements per page of the colleague's questionnaire (as many as a page of the person's).
PAGE_SIZE = MAX_STATEMENTS_PER_PAGE
# ?view=collect&i=TOKEN: the trusted person's page for the same invitation token.
COLLECT_VIEW = "collect"
COLLECT_PASTE_KEY = "peer_collect_paste"
COLLECT_BUTTON_KEY = "peer_collect_button"
COLLECT_DONE_KEY = "peer_collect_done"
PDF_KEY = "mirror_pdf"
JSON_KEY = "mirror_json"
BACK_TO_OWN_KEY = "mirror_back_to_own"
ADD_KEY = "mirror_add"
ADD_BUTTON_KEY = "mirror_add_button"
ADD_ERROR_KEY = "mirror_add_error"
# Tokens beyond this are not even put into the comparison link (the comparison lists the 13th
# and later ones as left out; the link stays short).
MAX_PASTED_CODES = 2 * MAX_PEERS
VALUES: tuple[int | str, ...] = (*range(LIKERT_MIN, LIKERT_MAX + 1), UNSURE)


def rating_values(item: LikertItem | TradeoffItem) -> tuple[int | str, ...]:
    """Return the ratings a statement offers: 1–5, or 1–4 on a frequency statement (rules 4:
    never … more often), and "Kann ich nicht beurteilen" (UNSURE) last."""
    return FREQUENCY_CHOICES if is_frequency(item) else VALUES


def _labels(item: LikertItem, bank: Bank, lang: Language) -> dict[int | str, str]:
    """Return each rating's label: the bank's agreement labels or the frequency scale's, and
    "Kann ich nicht beurteilen" for UNSURE (a colleague may not know; no occasion included)."""
    if is_frequency(item):
        labels = frequency_labels(lang)
    else:
        scale = LIKERT_VALUES
        labels = {v: word(lang) for v, word in zip(scale, bank.likert_labels, strict=True)}
    labels[UNSURE] = t("peer.rating_na", lang)
    return labels


# -- on the result page ----------------------------------------------------------------------


def _compare(share_code: str, lang: Language) -> None:
    """Open the comparison of this result with the pasted peer codes (callback)."""
    text = str(st.session_state.get(PASTE_KEY) or "")
    codes = links.codes_from_text(text, MAX_PASTED_CODES)
    if not codes:
        st.session_state[PASTE_ERROR_KEY] = True
        return
    st.session_state[PASTE_ERROR_KEY] = False
    st.query_params.from_dict(
        {links.SHARE_PARAM: share_code, links.PEERS_PARAM: ",".join(codes), state.LANG_PARAM: lang}
    )


def _name_in_address(name: str) -> None:
    """Keep the name typed for the invitation in the address (usability verify pass n1): a
    reload starts a new session and would otherwise lose it, and with it the name in the
    invitation link. Nothing is stored on the server."""
    wanted = name.strip()
    if wanted and st.query_params.get(links.INVITE_NAME_PARAM) != wanted:
        st.query_params[links.INVITE_NAME_PARAM] = wanted
    elif not wanted and links.INVITE_NAME_PARAM in st.query_params:
        del st.query_params[links.INVITE_NAME_PARAM]


def render_ask(
    bank: Bank,
    share_code: str,
    form: FormId,
    lang: Language,
    invitation: str | None = None,
    *,
    starter: bool = False,
) -> None:
    """The section "Fremdbild einholen": the invitation link and the box for peer codes.
    invitation: the invitation's id of the share code's answers, when the caller has it.
    starter: the person starts their career, so whom to ask is named as the next steps do
    (trainer, internship supervisor, lecturer, a side job; UX pass 3, m-11)."""
    st.header(t("ui.peer.ask_heading", lang), anchor=False)
    if not bank.peer:
        st.markdown(t("ui.peer.unavailable", lang))
        return
    st.markdown(t("ux5.peer.starter_intro" if starter else "ui.peer.ask_intro", lang))
    st.markdown(t("ux5.peer.starter_three" if starter else "nav.peer.ask_three", lang))
    # Two colleagues with exactly the same ratings give the same code, which counts once
    # (UX pass 3, m-6): said where the person invites, not only under the comparison.
    st.caption(t("ux5.peer.same_code_once", lang))
    st.info(t("ui.peer.ask_privacy", lang))
    if NAME_KEY not in st.session_state:
        kept = st.session_state.get(NAME_KEPT_KEY)
        if kept is None:  # a new session (a reload): the name is in the address, if any
            kept = st.query_params.get(links.INVITE_NAME_PARAM, "")[:MAX_NAME_LENGTH]
        st.session_state[NAME_KEY] = kept
    name = st.text_input(t("ui.peer.name_label", lang), key=NAME_KEY, max_chars=MAX_NAME_LENGTH)
    st.session_state[NAME_KEPT_KEY] = name
    _name_in_address(name)
    try:
        name_shown = clean_name(name)
        token = encode_invitation(
            Invitation(
                bank_version=bank.version,
                form=form,
                language=lang,
                name=name_shown,
                invitation_id=(
                    invitation
                    if invitation is not None
                    else invitation_id(decode_code(share_code).answers)
                ),
            )
        )
    except InvitationError as error:
        st.error(plain(error.message(lang)))
    else:
        # No language in the link: a colleague reads the invitation in their browser's
        # language, else in the one it carries (state.adopt_link_language; UX pass 3, m-12).
        invite = links.invite_link(shared.base_url(), token)
        st.markdown(t("ui.peer.invite_link_label", lang))
        st.code(invite, language=None, wrap_lines=True)
        st.markdown(t("ui.peer.collect_link_label", lang))
        collect = invite.replace(f"view={links.INVITE_VIEW}", f"view={COLLECT_VIEW}", 1)
        st.code(collect, language=None, wrap_lines=True)
    st.text_area(
        t("ui.peer.paste_label", lang),
        key=PASTE_KEY,
        height=120,
        # No more than codes_from_text reads; the websocket's size limit bounds what arrives.
        max_chars=links.MAX_PASTED_LENGTH,
    )
    if st.session_state.get(PASTE_ERROR_KEY):
        st.error(t("ui.peer.no_codes", lang))
    st.button(
        t("ui.peer.compare_button", lang),
        key=COMPARE_KEY,
        on_click=_compare,
        args=(share_code, lang),
    )


# -- a colleague's questionnaire -------------------------------------------------------------


def _rating_key(item_id: str, lang: Language) -> str:
    """Return the key of a rating's radio drawn in a language (see state.widget_key)."""
    return state.widget_key(f"{RATING_PREFIX}{item_id}", lang)


def _ratings_code(invitation: Invitation, ratings: dict[str, int | str]) -> str:
    """Return the peer code of a colleague's ratings (so far) for an invitation."""
    answers = PeerAnswers.model_validate(
        {
            "bank_version": invitation.bank_version,
            "form": invitation.form,
            "language": state.language(),
            "responses": ratings,
            "invitation_id": invitation.invitation_id,
        }
    )
    return encode_peer_code(answers)


def _store(token: str, invitation: Invitation, ratings: dict[str, int | str]) -> None:
    """Keep a colleague's ratings so far in the session and, as a peer code, in the URL
    (`?rated=`), so that a language switch redraws them and a reload resumes with them."""
    st.session_state[RATINGS_KEY] = (token, ratings)
    if ratings:
        st.query_params[links.RATED_PARAM] = _ratings_code(invitation, ratings)
    elif links.RATED_PARAM in st.query_params:
        del st.query_params[links.RATED_PARAM]


def _rate(
    token: str,
    invitation: Invitation,
    item_id: str,
    lang: Language,
    values: tuple[int | str, ...] = VALUES,
) -> None:
    """Keep one rating as it is clicked (callback); there is no form that could lose it."""
    ratings = dict(_saved(token))
    value = st.session_state.get(_rating_key(item_id, lang))
    if value in values:
        ratings[item_id] = value
    else:
        ratings.pop(item_id, None)
    _store(token, invitation, ratings)


def _resume(token: str, invitation: Invitation) -> None:
    """A session without ratings for this invitation takes those in the URL (a reload, a
    bookmarked page); a code of another invitation, bank or form, or a damaged one, is dropped."""
    saved = st.session_state.get(RATINGS_KEY)
    if isinstance(saved, tuple) and saved[0] == token:
        return
    code = st.query_params.get(links.RATED_PARAM)
    if not code:
        return
    try:
        answers = decode_peer_code(code)
    except SelbstcheckError:
        answers = None
    if answers is None or (answers.bank_version, answers.form, answers.invitation_id) != (
        invitation.bank_version,
        invitation.form,
        invitation.invitation_id,
    ):
        del st.query_params[links.RATED_PARAM]
        return
    st.session_state[RATINGS_KEY] = (token, dict(answers.responses))


def _submit(token: str, invitation: Invitation, lang: Language) -> None:
    """Turn the ratings into a peer code (callback); none rated: ask for one."""
    bank = load_bank(invitation.bank_version)
    saved = _saved(token)
    responses: dict[str, int | str] = {}
    for item in peer_items(bank, invitation.form):
        # A radio clicked in the same run as the button: its callback may not have run yet.
        key = _rating_key(item.id, lang)
        value = st.session_state[key] if key in st.session_state else saved.get(item.id)
        if value in rating_values(item):
            responses[item.id] = value
    _store(token, invitation, responses)
    if not responses:
        st.session_state[NONE_RATED_KEY] = True
        return
    st.session_state[NONE_RATED_KEY] = False
    st.session_state[DONE_KEY] = (token, _ratings_code(invitation, responses))


def _edit() -> None:
    """Back from the thank-you page to the ratings (callback)."""
    st.session_state.pop(DONE_KEY, None)


def _saved(token: str) -> dict[str, int | str]:
    saved = st.session_state.get(RATINGS_KEY)
    if isinstance(saved, tuple) and saved[0] == token:
        ratings: dict[str, int | str] = saved[1]
        return ratings
    return {}


def _radio(
    item: LikertItem,
    label: str,
    labels: dict[int | str, str],
    rated: tuple[str, Invitation, dict[str, int | str]],
    lang: Language,
) -> None:
    token, invitation, saved = rated
    item_id = item.id
    key = _rating_key(item_id, lang)
    values = rating_values(item)
    # Preselected from the session's ratings (never the radio's own state): a radio drawn anew
    # in another language, or after a reload, shows them.
    value = saved.get(item_id)
    shown = st.radio(
        label,
        values,
        index=values.index(value) if value in values else None,
        format_func=labels.__getitem__,
        key=key,
        horizontal=True,
        on_change=_rate,
        args=(token, invitation, item_id, lang, values),
    )
    if shown in values and shown != value:
        # A click whose callback did not run (a tab that reconnected to a new session).
        _store(token, invitation, {**saved, item_id: shown})


def peer_pages(bank: Bank, form: FormId) -> tuple[tuple[LikertItem, ...], ...]:
    """Return the colleague's questionnaire in pages of up to PAGE_SIZE statements."""
    statements = peer_statements(bank, form)
    return tuple(
        statements[start : start + PAGE_SIZE] for start in range(0, len(statements), PAGE_SIZE)
    )


def _page_in_address(pages: int) -> int | None:
    """Return the page the address names (`?page=3` is the third), or None without a valid one."""
    value = st.query_params.get(PAGE_PARAM, "")
    if value.isdigit() and 1 <= int(value) <= pages:
        return int(value) - 1
    return None


def _page(token: str, pages: tuple[tuple[LikertItem, ...], ...]) -> int:
    """Return the page shown: the one in the address (a reload, the browser's Back), else the
    session's; a session new to this invitation without one resumes at the first page with a
    statement not yet rated (an invitation link opened again)."""
    current = st.session_state.get(PAGE_KEY)
    addressed = _page_in_address(len(pages))
    if addressed is not None:
        page = addressed
    elif isinstance(current, tuple) and current[0] == token:
        page = current[1]
    else:
        saved = _saved(token)
        page = next(
            (n for n, items in enumerate(pages) if any(i.id not in saved for i in items)),
            len(pages) - 1,
        )
    _turn(token, page)
    return page


def _turn(token: str, page: int) -> None:
    """Go to another page of the colleague's questionnaire (callback), also in the address."""
    st.session_state[PAGE_KEY] = (token, page)
    if st.query_params.get(PAGE_PARAM) != str(page + 1):
        st.query_params[PAGE_PARAM] = str(page + 1)


def _progress(
    bank: Bank, invitation: Invitation, saved: dict[str, int | str], page: tuple[int, int]
) -> None:
    """The progress line: the page, the statements rated and about how long the rest takes (at
    the pace the start page's estimate of the person's form assumes)."""
    number, pages = page
    lang = state.language()
    statements = peer_statements(bank, invitation.form)
    rated = sum(item.id in saved for item in statements)
    per_item = bank.forms[invitation.form].minutes * 60 / len(bank.form_items(invitation.form))
    minutes = max(1, math.ceil((len(statements) - rated) * per_item / 60))
    st.progress(
        (number + 1) / pages,
        text=t(
            "ui.peer.progress",
            lang,
            page=number + 1,
            pages=pages,
            rated=rated,
            total=len(statements),
            minutes=minutes,
        ),
    )


def _intro(invitation: Invitation, page: int, lang: Language) -> None:
    """The invitation's title and intro: in full on the first page; on later pages one line
    and the intro with the privacy note in a closed expander (usability pass m2: the first
    question on a phone was about 1,260 px down on every page)."""
    st.title(t("ui.peer.invite_title", lang), anchor=False)
    name = plain_line(invitation.name) if invitation.name else None
    if page > 0:
        if name:
            st.markdown(t("ux22b.peer.reminder_named", lang, name=name))
        else:
            st.markdown(t("ux22b.peer.reminder_anonymous", lang))
        with st.expander(t("ux22b.peer.intro_again", lang)):
            st.markdown(t("ui.peer.invite_why", lang))
            st.info(t("ui.peer.invite_privacy", lang))
        return
    if name:
        st.markdown(t("ui.peer.invite_from", lang, name=name))
    else:
        st.markdown(t("ui.peer.invite_from_anonymous", lang))
    st.markdown(t("ui.peer.invite_why", lang))
    st.info(t("ui.peer.invite_privacy", lang))


def _questionnaire(token: str, invitation: Invitation, bank: Bank, lang: Language) -> None:
    _resume(token, invitation)
    # Statements only: the trade-offs ask what matters to the person, which colleagues cannot
    # know and the comparison never used; less to answer for colleagues.
    pages = peer_pages(bank, invitation.form)
    page = _page(token, pages)
    _intro(invitation, page, lang)
    shared.scroll_to_top(f"peer-page-{page}", t("ui.peer.invite_title", lang))
    _progress(bank, invitation, _saved(token), (page, len(pages)))
    if invitation.name:
        heading = t("nav.peer.statements_named", lang, name=plain_line(invitation.name))
    else:
        heading = t("ui.peer.statements_heading", lang)
    st.header(heading, anchor=False)
    first = sum(len(items) for items in pages[:page]) + 1
    for number, item in enumerate(pages[page], start=first):
        text = plain(peer_statement(item, lang, invitation.name))
        with st.container(key=f"item_{item.id}"):
            _radio(
                item,
                t("ui.quest.item_label", lang, number=number, text=text),
                _labels(item, bank, lang),
                (token, invitation, _saved(token)),
                lang,
            )
    last = page == len(pages) - 1
    if last and st.session_state.get(NONE_RATED_KEY):
        st.error(t("ui.peer.none_rated", lang))
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        st.button(
            t("ui.quest.back", lang),
            key=BACK_KEY,
            on_click=_turn,
            args=(token, page - 1),
            disabled=page == 0,
        )
        if last:
            st.button(
                t("ui.peer.submit", lang),
                key=SUBMIT_KEY,
                type="primary",
                on_click=_submit,
                args=(token, invitation, lang),
            )
        else:
            st.button(
                t("ui.quest.next", lang),
                key=NEXT_KEY,
                type="primary",
                on_click=_turn,
                args=(token, page + 1),
            )


def _thanks(code: str, invitation: Invitation, lang: Language) -> None:
    shared.scroll_to_top("peer_thanks", t("ui.peer.thanks_title", lang))
    st.title(t("ui.peer.thanks_title", lang), anchor=False)
    name = plain_line(invitation.name) if invitation.name else t("ui.peer.thanks_someone", lang)
    st.markdown(t("ui.peer.thanks_code", lang, name=name))
    st.code(code, language=None, wrap_lines=True)
    # The code stays in the address (?rated=): a reload resumes with the ratings (usability
    # pass m3: say so, not "gone once closed").
    st.markdown(t("ux22b.peer.thanks_contains", lang))
    st.markdown(t("ui.peer.thanks_trusted", lang))
    st.button(t("ui.peer.thanks_edit", lang), key=EDIT_KEY, on_click=_edit)


def render_invite() -> tuple[Language, int]:
    """Render a colleague's questionnaire (or the thank-you page) from an invitation link.

    Return the language and the bank version shown."""
    token = st.query_params.get(links.INVITE_PARAM, "")
    try:
        invitation = decode_invitation(token)
    except SelbstcheckError as error:
        lang = shared.language_switch(state.set_view_language)
        st.title(t("ui.peer.invite_error_title", lang), anchor=False)
        st.error(plain(error.message(lang)))
        return lang, state.flow().bank_version
    state.adopt_link_language(invitation.language)
    lang = shared.language_switch(state.set_view_language)
    bank = load_bank(invitation.bank_version)
    if st.query_params.get(state.VIEW_PARAM) == COLLECT_VIEW:
        _collect(token, invitation, bank, lang)
        return lang, bank.version
    done = st.session_state.get(DONE_KEY)
    if isinstance(done, tuple) and done[0] == token:
        _thanks(done[1], invitation, lang)
        return lang, bank.version
    _questionnaire(token, invitation, bank, lang)
    return lang, bank.version


# -- the trusted person's summary code -------------------------------------------------------


def _summarize(token: str, invitation: Invitation) -> None:
    """Turn the pasted peer codes into a summary code (callback); kept in the session only."""
    text = str(st.session_state.get(COLLECT_PASTE_KEY) or "")
    codes = links.codes_from_text(text, MAX_SUMMARY_PEERS + 1)
    bank = load_bank(invitation.bank_version)
    summary, selection = summarize_codes(codes, bank, invitation.form, invitation.invitation_id)
    st.session_state[COLLECT_DONE_KEY] = (token, len(codes), summary, selection)


def _collect(token: str, invitation: Invitation, bank: Bank, lang: Language) -> None:
    """The trusted person's page: paste at least three peer codes, get one summary code."""
    st.title(t("ui.peer.collect_title", lang), anchor=False)
    if invitation.name and invitation.invitation_id:
        st.markdown(
            t("ui.peer.collect_for", lang, name=plain(invitation.name), id=invitation.invitation_id)
        )
    elif invitation.invitation_id:
        st.markdown(t("ui.peer.collect_for_anonymous", lang, id=invitation.invitation_id))
    st.markdown(t("ui.peer.collect_intro", lang))
    st.caption(t("peer.not_signatures", lang))
    st.text_area(
        t("ui.peer.collect_paste_label", lang),
        key=COLLECT_PASTE_KEY,
        height=160,
        max_chars=links.MAX_PASTED_LENGTH,
    )
    st.button(
        t("ui.peer.collect_button", lang),
        key=COLLECT_BUTTON_KEY,
        type="primary",
        on_click=_summarize,
        args=(token, invitation),
    )
    done = st.session_state.get(COLLECT_DONE_KEY)
    if not (isinstance(done, tuple) and done[0] == token):
        return
    _, given, summary, selection = done
    if selection.refused:
        st.warning(
            f"**{t('peer.refused_heading', lang)}**  \n"
            + "  \n".join(
                plain(
                    t(
                        "peer.refused_line",
                        lang,
                        number=refused.number,
                        reason=t(refused.key, lang, **dict(refused.params)),
                    )
                )
                for refused in selection.refused
            )
        )
    if summary is None:
        st.error(t("peer.summary_too_few", lang, minimum=MIN_PEERS, count=len(selection.peers)))
        return
    st.markdown(t("peer.summary_made", lang, used=len(selection.peers), given=given))
    st.markdown(t("ui.peer.collect_result", lang))
    st.code(encode_summary(summary), language=None, wrap_lines=True)
    st.markdown(t("ui.peer.collect_contents", lang))
    st.markdown("\n".join(f"- {plain(line)}" for line in summary_lines(summary, bank, lang)))


# -- the comparison --------------------------------------------------------------------------


def _chart_text(text: MirrorText, lang: Language) -> ChartText:
    return ChartText(
        name=text.chart_name,
        description=text.chart_description,
        caption=t("peer.table_heading", lang),
        header=(
            t("peer.col_demand", lang),
            text.self_heading,
            t("peer.col_median", lang),
            t("peer.col_range", lang),
            t("peer.col_count", lang),
            t("peer.col_difference", lang),
        ),
        rows=tuple(
            (r.name, r.self_text, r.median_text, r.range_text, r.count_text, r.verdict)
            for r in text.rows
        ),
    )


@st.cache_data(
    max_entries=shared.CHART_CACHE_ENTRIES, ttl=shared.CHART_CACHE_SECONDS, show_spinner=False
)
def _mirror_chart_spec(share_code: str, peers: tuple[str, ...], lang: Language) -> dict[str, Any]:
    from assessment.peer.chart import mirror_chart_spec

    answers = decode_code(share_code).answers
    bank = load_bank(answers.bank_version)
    return mirror_chart_spec(mirror_codes(answers, list(peers)), bank, lang)


def _downloads(
    mirror: Mirror, bank: Bank, codes: tuple[str, list[str]], lang: Language, viewer: Viewer
) -> None:
    """Offer the comparison's link (on the page's address), its PDF (the link it prints is
    made from the codes on the configured address, never the browser's) and its JSON."""
    share_code, peer_codes = codes
    st.header(t("ui.peer.share_heading", lang), anchor=False)
    intro = "ui.peer.share_intro_summary" if mirror.source == "summary" else "ui.peer.share_intro"
    st.markdown(tv(intro, lang, viewer))
    st.code(
        # No language in the link (UX pass 3, m-12): it opens in the reader's browser language,
        # else in the share code's (state.adopt_link_language).
        links.mirror_link(shared.base_url(), share_code, peer_codes),
        language=None,
        wrap_lines=True,
    )

    def pdf() -> bytes:
        from assessment.peer.pdf import build_mirror_pdf

        printed = shared.printed_mirror_link_for(share_code, peer_codes)
        return build_mirror_pdf(mirror, bank, lang, printed, viewer=viewer)

    def json() -> str:
        from assessment.peer.text import mirror_json

        return mirror_json(mirror, bank, lang, viewer)

    shared.download_row(
        [
            shared.Download(
                t("ui.peer.pdf", lang),
                pdf,
                t("ui.peer.pdf_file", lang),
                "application/pdf",
                PDF_KEY,
                ":material/picture_as_pdf:",
            ),
            shared.Download(
                t("ui.peer.json", lang),
                json,
                t("ui.peer.json_file", lang),
                "application/json",
                JSON_KEY,
                ":material/data_object:",
            ),
        ]
    )


def _views_with_peers(
    mirror: Mirror, answers: Answers, bank: Bank, lang: Language, viewer: Viewer
) -> None:
    """Rules 3: each demand's three views with the colleagues' view as a fourth column."""
    if not bank.rules.views_apart or not mirror.enough:
        return
    from assessment.engine.result import build_result
    from assessment.render.summary import summarize
    from assessment.render.views import with_peers

    summary = with_peers(summarize(build_result(answers, bank), bank, lang, viewer), mirror)
    st.header(t("views.heading_peers", lang), anchor=False)
    for card in sorted(summary.cards, key=lambda c: bank.dimension_ids.index(c.dimension)):
        st.markdown(f"**{plain(card.name)}** · {plain(card.score_text)} · {plain(card.band_label)}")
        render_views(card, lang, key_prefix="mirror_views")


def _add(share_code: str, peer_codes: list[str], lang: Language) -> None:
    """Add the pasted codes to the comparison's (callback): the link names them all."""
    pasted = links.codes_from_text(str(st.session_state.get(ADD_KEY) or ""), MAX_PASTED_CODES)
    new = [code for code in dict.fromkeys(pasted) if code not in peer_codes]
    if not new:
        st.session_state[ADD_ERROR_KEY] = True
        return
    st.session_state[ADD_ERROR_KEY] = False
    st.session_state[ADD_KEY] = ""
    codes = (peer_codes + new)[:MAX_PASTED_CODES]
    st.query_params.from_dict(
        {links.SHARE_PARAM: share_code, links.PEERS_PARAM: ",".join(codes), state.LANG_PARAM: lang}
    )


def _add_codes(share_code: str, peer_codes: list[str], lang: Language, viewer: Viewer) -> None:
    """The box for further feedback codes: with too few codes the comparison is not a dead end,
    and a later colleague's code joins the others."""
    st.header(t("nav.peer.add_heading", lang), anchor=False)
    st.markdown(tv("nav.peer.add_intro", lang, viewer))
    st.text_area(
        t("nav.peer.add_label", lang), key=ADD_KEY, height=100, max_chars=links.MAX_PASTED_LENGTH
    )
    if st.session_state.get(ADD_ERROR_KEY):
        st.error(t("nav.peer.add_none", lang))
    st.button(
        t("nav.peer.add_button", lang),
        key=ADD_BUTTON_KEY,
        on_click=_add,
        args=(share_code, peer_codes, lang),
    )


def render_mirror(code: str, peers_param: str) -> tuple[Language, int]:
    """Render the comparison of a share code with the peer codes in the link.

    Return the language and the bank version shown."""
    try:
        decoded = decode_code(code)
    except CodeError as error:
        lang = shared.language_switch(state.set_view_language)
        shared.render_code_error(error, lang)
        return lang, state.flow().bank_version
    answers = decoded.answers
    share_code = encode_share_code(answers) if decoded.kind == "progress" else code.strip()
    state.adopt_link_language(answers.language)
    lang = shared.language_switch(state.set_view_language)
    peer_codes = links.codes_from_text(peers_param, MAX_PASTED_CODES)
    bank = load_bank(answers.bank_version)
    try:
        mirror = mirror_codes(answers, peer_codes)
    except CodeError as error:
        shared.render_code_error(error, lang)
        return lang, answers.bank_version
    # A page with its own link reads the same for whoever opens it, as the shared result
    # (?r=) does: about the person. The person's own session gets a line saying so (UX pass:
    # the page said "Ihr Ergebnis", the same link reopened later "das Ergebnis der Person").
    own = shared.is_own_result(answers)
    viewer: Viewer = "other"
    text = describe_mirror(mirror, bank, lang, viewer)
    shared.scroll_to_top("mirror", text.title)
    st.title(text.title, anchor=False)
    if own:
        st.markdown(t("peer.own_view.intro", lang))
    st.markdown(tv("ui.peer.mirror_intro", lang, viewer))
    st.markdown(f"**{plain(text.counts)}**")
    if text.refusals:
        st.warning(
            f"**{t('peer.refused_heading', lang)}**  \n"
            + "  \n".join(plain(line) for line in text.refusals)
        )
    for note in text.notes:
        st.info(plain(note))
    if text.too_few is not None:
        st.info(f"**{plain(text.too_few)}**  \n{plain(text.too_few_why or '')}")
    else:
        st.header(t("peer.differences_heading", lang), anchor=False)
        st.markdown("\n".join(f"- {plain(line)}" for line in text.differences))
        st.header(t("peer.table_heading", lang), anchor=False)
        accessible_chart(
            _mirror_chart_spec(share_code, tuple(peer_codes), lang),
            _chart_text(text, lang),
            "mirror",
            lang,
        )
        st.caption(plain(text.rule))
        st.caption(plain(text.statements_only))
        _views_with_peers(mirror, answers, bank, lang, viewer)
    _add_codes(share_code, peer_codes, lang, viewer)
    st.info(plain(text.caveat))
    st.caption(plain(text.not_signatures))
    _downloads(mirror, bank, (share_code, peer_codes), lang, viewer)
    st.divider()
    if own:
        st.button(
            t("ui.peer.back_to_result", lang),
            key=BACK_TO_OWN_KEY,
            on_click=shared.back_to_own_result,
        )
    else:
        result = f"?{links.SHARE_PARAM}={share_code}&{state.LANG_PARAM}={lang}"
        st.markdown(f"[{tv('ui.peer.back_to_result', lang, viewer)}]({result})")
    return lang, answers.bank_version
