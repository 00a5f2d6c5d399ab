"""The one page of the app: picks the view from the URL and the session, then renders it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assessment.codes.links import INVITE_VIEW, PEERS_PARAM, SHARE_PARAM
from assessment.deferred import DeferredModule
from assessment.errors import CodeError
from assessment.operate import warmup
from assessment.ui import legal, preload, shared, start, state

if TYPE_CHECKING:
    from assessment.ui import questionnaire
else:  # with pydantic and the validated bank (assessment.deferred)
    questionnaire = DeferredModule("assessment.ui.questionnaire")

# The start page is imported with this module, and needs neither pydantic nor a validated bank
# (it shows the newest bank's digest, assessment.bank.digest). The questionnaire is imported on
# first use, or in the background while the first start page is read (assessment.ui.preload); the
# other views (result, peer, method, group) on their first use.


def render() -> None:
    """Render the view that the URL and this session ask for, telling the warm-up it ran."""
    warmup.SCHEDULER.run_started()
    try:
        _render_view()
    finally:
        warmup.SCHEDULER.run_ended()


def _render_view() -> None:
    shared.page_style()
    state.adopt_url_language()
    legal_page = legal.requested_page()
    if legal_page is not None:
        lang = legal.render(legal_page)
        shared.footer(lang, state.flow().bank_version)
        return
    if state.group_view_requested():
        warmup.import_once("pandas", "altair", "assessment.ui.group")
        from assessment.ui import group  # pandas: imported for the group view only

        lang = group.render()
        shared.footer(lang, state.flow().bank_version)
        return
    if state.method_view_requested():
        from assessment.ui import method

        lang, version = method.render()
        shared.footer(lang, version)
        return
    view = st.query_params.get(state.VIEW_PARAM)
    if view is not None:
        from assessment.ui import peer

        if view in (INVITE_VIEW, peer.COLLECT_VIEW):
            lang, version = peer.render_invite()
            shared.footer(lang, version)
            return
    code = st.query_params.get(SHARE_PARAM)
    peers = st.query_params.get(PEERS_PARAM)
    if code is not None and peers is not None:
        warmup.import_once("altair", "assessment.ui.peer")
        from assessment.ui import peer

        lang, version = peer.render_mirror(code, peers)
        shared.footer(lang, version)
        return
    if code is not None:
        warmup.import_once("altair", "assessment.ui.result")
        from assessment.ui import result

        lang, version = result.render_shared(code)
        shared.footer(lang, version)
        return
    lang = shared.language_switch()
    try:
        state.follow_url()
    except CodeError as error:
        shared.render_code_error(error, lang, "progress")  # the person's own progress link
        shared.footer(lang, state.flow().bank_version)
        return
    current = state.flow()
    if not current.started:
        start.render(lang)
        preload.start_preload()  # what "Check starten" needs, while the page is read
    elif current.page >= len(state.pages_of(current.bank_version, current.form)):
        warmup.import_once("altair", "assessment.ui.result")
        if current.extra_items:
            from assessment.ui import extra

            extra.render_page(lang)
        else:
            from assessment.ui import result

            result.render_own(lang)
    else:
        questionnaire.render(lang)
    shared.footer(lang, current.bank_version)
    state.flush_url()
