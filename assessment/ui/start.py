"""The start page: what the check is and is not, and the choices that shape it."""

from __future__ import annotations

import streamlit as st

from assessment.bank.choices import (
    EXPERIENCE_LEVELS,
    FORM_IDS,
    MAX_EXPECTED_SALARY,
    MIN_EXPECTED_SALARY,
    SETTING_IDS,
    Experience,
    ProfileId,
)
from assessment.bank.digest import StartDigest, newest_digest
from assessment.bank.digest import covers_other_settings as covers_other_settings
from assessment.i18n import Language
from assessment.ui import money, shared, state
from assessment.ui.text import t

FORM_KEY = "start_form"
PROFILE_KEY = "start_profile"
BACKGROUND_KEY = "start_background"
SALARY_KEY = "start_salary"
START_KEY = "start_button"
GROUP_LINK_KEY = "open_group"
# The concrete settings first, "not decided yet" (the general Duisburg profile) last.
PROFILE_CHOICES: tuple[ProfileId, ...] = (*SETTING_IDS, "duisburg")
SALARY_BOUNDS = (MIN_EXPECTED_SALARY, MAX_EXPECTED_SALARY)


def _backgrounds() -> tuple[Experience, ...]:
    """The backgrounds the newest bank offers (bank v3: four, issue 22)."""
    return newest_digest().backgrounds or EXPERIENCE_LEVELS


def _chosen(lang: Language) -> None:
    """Keep the start page's choices in the flow, as values (callback of each choice).

    The radios are drawn anew after a language switch (state.widget_key) and then show these.
    """
    current = state.flow()
    form = st.session_state.get(state.widget_key(FORM_KEY, lang))
    if form in FORM_IDS:
        current.form = form
    profile = st.session_state.get(state.widget_key(PROFILE_KEY, lang))
    if profile in PROFILE_CHOICES:
        current.profile = profile
    experience = st.session_state.get(state.widget_key(BACKGROUND_KEY, lang))
    if experience in _backgrounds():
        current.experience = experience


def _take_salary(lang: Language) -> money.Reading:
    """Keep a readable amount (or none, for an emptied field) in the flow; anything else keeps
    the amount before and is said under the field."""
    reading = money.take_amount(SALARY_KEY, lang, *SALARY_BOUNDS)
    if reading.problem is None:
        state.flow().salary = reading.amount
    return reading


def _salary_entered(lang: Language) -> None:
    """Take the amount typed (callback of the salary field)."""
    _take_salary(lang)


def _start(lang: Language) -> None:
    """Begin the questionnaire with the chosen options (callback of the start button)."""
    _chosen(lang)
    current = state.flow()
    if current.experience is None:
        current.background_missing = True
        return
    if _take_salary(lang).problem is not None:
        return  # the field says why, under what was typed
    state.start_questionnaire(
        form=current.form,
        profile=current.profile,
        experience=current.experience,
        salary=current.salary,
    )


def render(lang: Language) -> None:
    """Render the start page (from the newest bank's digest: no bank is validated for it)."""
    digest = newest_digest()
    current = state.flow()
    st.title(t("ui.app.title", lang), anchor=False)
    st.markdown(t("ui.start.lead", lang))

    with st.container(border=True):
        st.markdown(f"**{t('ui.start.what_heading', lang)}**")
        st.markdown(t("ui.start.what_is", lang))
        st.markdown(t("ui.start.what_not", lang))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('ui.start.who_heading', lang)}**")
        st.markdown(t("ui.start.who", lang))
    with right:
        st.markdown(f"**{t('ui.start.duration_heading', lang)}**")
        for form_id in FORM_IDS:
            form = digest.forms[form_id]
            st.markdown(
                "- "
                + t(
                    "ui.start.duration",
                    lang,
                    form=form.name(lang),
                    items=form.questions,
                    minutes=form.minutes,
                )
            )
    st.markdown(f"**{t('ui.start.privacy_heading', lang)}**")
    st.markdown(t("ui.start.privacy", lang))
    st.markdown(t("ui.method.start_link", lang, link=shared.method_link(lang)))

    st.header(t("ui.start.choices_heading", lang), anchor=False)
    st.radio(
        t("ui.start.form_label", lang),
        FORM_IDS,
        index=FORM_IDS.index(current.form),
        format_func=lambda f: t(
            "ui.start.form_option",
            lang,
            form=digest.forms[f].name(lang),
            minutes=digest.forms[f].minutes,
        ),
        key=state.widget_key(FORM_KEY, lang),
        on_change=_chosen,
        args=(lang,),
    )
    if digest.covers_other_settings:
        # UX pass: a Mittelstand person met TVöD and OZG questions in the full form unwarned.
        st.caption(t("start.forms.all_settings", lang))
    st.radio(
        t("ui.start.setting_label", lang),
        PROFILE_CHOICES,
        index=PROFILE_CHOICES.index(current.profile),
        format_func=lambda p: (
            t("ui.start.setting_open", lang) if p == "duisburg" else digest.setting_name(p, lang)
        ),
        key=state.widget_key(PROFILE_KEY, lang),
        on_change=_chosen,
        args=(lang,),
    )
    backgrounds = _backgrounds()
    st.radio(
        t("ui.start.background_label", lang),
        backgrounds,
        index=backgrounds.index(current.experience) if current.experience in backgrounds else None,
        format_func=lambda e: t(f"ui.start.bg_{e}", lang),
        key=state.widget_key(BACKGROUND_KEY, lang),
        on_change=_chosen,
        args=(lang,),
        # Four longer labels read better one under the other (bank v3).
        horizontal=len(backgrounds) <= len(EXPERIENCE_LEVELS),
        help=_background_help(digest, lang),
    )
    money.amount_input(
        t("ui.start.salary_label", lang),
        SALARY_KEY,
        lang,
        amount=current.salary,
        bounds=SALARY_BOUNDS,
        on_change=_salary_entered,
    )
    st.caption(f"{t('ui.start.salary_note', lang)} {t('ui.start.salary_reload', lang)}")
    if current.background_missing and current.experience is None:
        st.error(t("ui.start.background_missing", lang))
    st.button(
        t("ui.start.start_button", lang),
        key=START_KEY,
        type="primary",
        on_click=_start,
        args=(lang,),
    )
    st.button(
        t("ui.group.link", lang),
        key=GROUP_LINK_KEY,
        type="tertiary",
        icon=":material/groups:",
        on_click=state.open_group_view,
    )


def _background_help(digest: StartDigest, lang: Language) -> str | None:
    """Return the background's help: what each of the four backgrounds changes (rules 3, UX
    pass #19), the two-sentence help of rules 2, or none without backgrounds."""
    if not digest.has_background:
        return None
    if digest.specialist_background:
        return t("ux.start.background_help", lang)
    return t("ui.start.background_help", lang)
