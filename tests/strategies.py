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


@st.composite
def released_answers(draw: st.DrawFn, version: int | None = None) -> Answers:
    """Return valid Answers to a released bank (v1, v2, v3 under questions/): either form, any
    background the bank offers, items answered or left out, can't-judge-yet and can't-say
    answers, and where the rules have them extra answers (short form), retake marks and
    preference answers. Item choices follow a drawn style (a favourite answer repeated,
    knowledge mostly right or wrong, much or little left out), so that straight runs, agreed
    opposites, unlikely virtues, scattered answers and a self-description above the evidence
    all occur; the choices are drawn from a seeded stream for speed."""
    import random

    from assessment.bank.load import available_versions
    from assessment.bank.models import KnowledgeItem, answer_values, offers_unsure
    from assessment.codes.share import markable, preference_items
    from assessment.engine.answers import extra_candidates

    chosen_version = version if version is not None else draw(st.sampled_from(available_versions()))
    bank = load_bank(chosen_version)
    form: FormId = draw(st.sampled_from(FORM_IDS))
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))  # noqa: S311 - test data
    answered = draw(st.sampled_from((0.0, 0.3, 0.6, 0.9, 1.0)))
    favourite = draw(st.integers(min_value=1, max_value=5))
    loyal = draw(st.sampled_from((0.0, 0.5, 0.9, 1.0)))
    unsure = draw(st.sampled_from((0.0, 0.2, 0.8)))
    right = draw(st.sampled_from((0.0, 0.5, 1.0)))
    # Statements answered as the ideal head of IT would (the self-description at the ceiling).
    ideal = draw(st.sampled_from((0.0, 0.0, 0.9, 1.0)))

    def choice(item: object) -> int | str:
        if isinstance(item, Scenario):
            return rng.choice(SCENARIO_OPTION_IDS)
        if isinstance(item, KnowledgeItem):
            if rng.random() < unsure:
                return UNSURE
            return item.key if rng.random() < right else rng.choice(SCENARIO_OPTION_IDS)
        if offers_unsure(item) and rng.random() < unsure:  # type: ignore[arg-type]
            return UNSURE
        top = max(answer_values(item))  # type: ignore[arg-type]  # 4 on a frequency statement
        if isinstance(item, LikertItem) and rng.random() < ideal:
            return top if item.keying == "plus" else 1
        return min(favourite, top) if rng.random() < loyal else rng.randint(1, top)

    responses: dict[str, int | str] = {
        item.id: choice(item) for item in bank.form_items(form) if rng.random() < answered
    }
    extra = extra_candidates(bank, form)
    with_extra: bool = draw(st.booleans())
    if extra and with_extra:
        share = draw(st.sampled_from((0.05, 0.5, 1.0)))
        responses |= {item.id: choice(item) for item in extra if rng.random() < share}
    prefs = preference_items(bank)
    with_prefs: bool = draw(st.booleans())
    if prefs and with_prefs:
        share = draw(st.sampled_from((0.3, 0.6, 1.0)))
        liked = draw(st.integers(min_value=1, max_value=3))
        responses |= {
            item.id: liked if rng.random() < loyal else rng.randint(1, 3)
            for item in prefs
            if rng.random() < share
        }
    marked = [item.id for item in bank.form_items(form) if markable(item)]
    revised: tuple[str, ...] = ()
    if bank.rules.retake_marks and marked and draw(st.booleans()):
        revised = tuple(item_id for item_id in marked if rng.random() < 0.2)
    return Answers(
        bank_version=chosen_version,
        form=form,
        profile=draw(st.sampled_from(PROFILE_IDS)),
        language=draw(st.sampled_from(LANGUAGES)),
        background=draw(st.sampled_from((None, *bank.backgrounds))),
        responses=responses,
        revised=revised,
    )
