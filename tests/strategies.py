"""Hypothesis strategies for answers and codes, built from the real bank."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from hypothesis import strategies as st

from assessment.bank.load import load_bank
from assessment.bank.models import (
    EXPERIENCE_LEVELS,
    FORM_IDS,
    PROFILE_IDS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    FormId,
    LikertItem,
    Scenario,
)
from assessment.engine.answers import Answers
from assessment.i18n import LANGUAGES

if TYPE_CHECKING:
    from assessment.peer.codes import PeerAnswers


def responses_for(
    form: FormId, answered_share: float = 0.0
) -> st.SearchStrategy[dict[str, int | str]]:
    """Return a strategy for responses to a form's items; each item may be left out."""
    bank = load_bank(1)
    fields = {
        item.id: (
            st.integers(min_value=1, max_value=5)
            if isinstance(item, LikertItem)
            else st.sampled_from(SCENARIO_OPTION_IDS)
        )
        for item in bank.form_items(form)
    }
    return st.fixed_dictionaries({}, optional=fields)


@st.composite
def answers(draw: st.DrawFn, form: FormId | None = None, complete: bool = False) -> Answers:
    """Return valid Answers to bank v1, complete or with any items left out."""
    chosen: FormId = form if form is not None else draw(st.sampled_from(FORM_IDS))
    bank = load_bank(1)
    if complete:
        responses: dict[str, int | str] = {
            item.id: (
                draw(st.integers(min_value=1, max_value=5))
                if isinstance(item, LikertItem)
                else draw(st.sampled_from(SCENARIO_OPTION_IDS))
            )
            for item in bank.form_items(chosen)
        }
    else:
        responses = draw(responses_for(chosen))
    return Answers(
        bank_version=1,
        form=chosen,
        profile=draw(st.sampled_from(PROFILE_IDS)),
        language=draw(st.sampled_from(LANGUAGES)),
        responses=responses,
    )


FIXTURE_ROOT = Path(__file__).resolve().parent / "fixtures" / "questions"


def five_point_or_unsure(item: object) -> st.SearchStrategy[int | str]:
    """Return a strategy for one five-point answer; "na" too where the item offers it."""
    values: st.SearchStrategy[int | str] = st.integers(min_value=1, max_value=5)
    if getattr(item, "presumes", None) is not None:
        values = st.one_of(values, st.just(UNSURE))
    return values


@st.composite
def v2_answers(
    draw: st.DrawFn, root: Path = FIXTURE_ROOT, form: FormId | None = None, complete: bool = False
) -> Answers:
    """Return valid Answers to a rules-2 bank (the v2-style fixture by default)."""
    bank = load_bank(2, root)
    chosen: FormId = form if form is not None else draw(st.sampled_from(FORM_IDS))
    fields = {
        item.id: (
            st.sampled_from(SCENARIO_OPTION_IDS)
            if isinstance(item, Scenario)
            else five_point_or_unsure(item)
        )
        for item in bank.form_items(chosen)
    }
    responses = draw(
        st.fixed_dictionaries(fields) if complete else st.fixed_dictionaries({}, optional=fields)
    )
    return Answers(
        bank_version=2,
        form=chosen,
        profile=draw(st.sampled_from(PROFILE_IDS)),
        language=draw(st.sampled_from(LANGUAGES)),
        background=draw(st.sampled_from((None, *EXPERIENCE_LEVELS))),
        responses=responses,
    )


@st.composite
def peer_answers(draw: st.DrawFn, form: FormId | None = None) -> PeerAnswers:
    """Return a colleague's ratings of bank v2 (released), any item rated, "na" or left out:
    today's format 5 (statements, with or without an invitation id) or the first release's
    format 3 (statements and trade-offs, no invitation id)."""
    from assessment.peer.codes import PeerAnswers, peer_items

    bank = load_bank(2)
    chosen: FormId = form if form is not None else draw(st.sampled_from(FORM_IDS))
    code_format: Literal[3, 5] = draw(st.sampled_from((5, 3)))
    value: st.SearchStrategy[int | str] = st.one_of(
        st.integers(min_value=1, max_value=5), st.just(UNSURE)
    )
    fields = {item.id: value for item in peer_items(bank, chosen, code_format)}
    invitation = (
        None if code_format == 3 else draw(st.one_of(st.none(), st.from_regex(r"\A[0-9A-F]{6}\Z")))
    )
    return PeerAnswers(
        bank_version=2,
        form=chosen,
        language=draw(st.sampled_from(LANGUAGES)),
        responses=draw(st.fixed_dictionaries({}, optional=fields)),
        invitation_id=invitation,
        code_format=code_format,
    )


# A display name as a person might type it: printable text, at most 30 characters.
display_names = st.text(
    st.characters(blacklist_categories=("C", "Zl", "Zp")), min_size=1, max_size=30
)
