"""Every released bank and sample answer sets for each, in one place.

The released banks are the version folders under questions/ (v1, v2 and any later one), so a new
bank joins every surface test without an edit here. Each bank gets answer sets that together
cover its item kinds (statements, scenarios and, where the bank has them, "can't judge yet",
trade-offs, unlikely virtues and the background question), both forms and every profile.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from assessment.bank.load import available_versions, load_bank
from assessment.bank.models import (
    EXPERIENCE_LEVELS,
    FORM_IDS,
    PROFILE_IDS,
    UNSURE,
    Bank,
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    TradeoffItem,
    ValidityItem,
    answer_values,
)
from assessment.engine.answers import Answers

# Read once per process from the product's questions folder (not from QUESTIONS_ENV overrides).
RELEASED: tuple[int, ...] = available_versions()

# A persona's answer to an item (at its index in the form); None leaves it unanswered.
Persona = Callable[[Item, int, frozenset[str]], int | str | None]


def _strong(item: Item, index: int, presuming: frozenset[str]) -> int | str | None:
    """The best answer everywhere; middle of every trade-off; no unlikely virtue."""
    if isinstance(item, LikertItem):
        return 5 if item.keying == "plus" else 1
    if isinstance(item, Scenario):
        return max(item.options, key=lambda option: option.score).id
    if isinstance(item, KnowledgeItem):
        return item.key
    return 1 if isinstance(item, ValidityItem) else 3


def _weak(item: Item, index: int, presuming: frozenset[str]) -> int | str | None:
    """The lowest answer everywhere; trade-offs at pole a; no unlikely virtue."""
    if isinstance(item, LikertItem):
        return 1 if item.keying == "plus" else 5
    if isinstance(item, Scenario):
        return min(item.options, key=lambda option: option.score).id
    if isinstance(item, KnowledgeItem):
        return next(option.id for option in item.options if option.id != item.key)
    return 1


def _mixed(item: Item, index: int, presuming: frozenset[str]) -> int | str | None:
    """Every statement that offers it answered "can't judge yet" and the other statements of
    such a dimension left out (an area to gain experience for a starter); the rest spread over
    the scale, trade-offs over both poles, every unlikely virtue claimed, scenario options in
    turn."""
    if isinstance(item, ValidityItem):
        return 5
    if isinstance(item, LikertItem | Scenario | KnowledgeItem) and item.dimension in presuming:
        # Left out here; _experience_fill answers just too few of them for a score (rules 3:
        # no situation or knowledge answer either, or the demand is scored on those views).
        return UNSURE if isinstance(item, LikertItem) and item.presumes is not None else None
    if isinstance(item, KnowledgeItem):
        return UNSURE if index % 2 else item.options[index % len(item.options)].id
    if isinstance(item, Scenario):
        return item.options[index % len(item.options)].id
    if isinstance(item, TradeoffItem) and item.presumes is not None:
        return UNSURE
    return 1 + index % 5


def _middling(item: Item, index: int, presuming: frozenset[str]) -> int | str | None:
    """ "Trifft eher zu" on statements (scores near a band edge), option b, trade-off middle."""
    if isinstance(item, LikertItem):
        return 4 if item.keying == "plus" else 2
    if isinstance(item, Scenario | KnowledgeItem):
        return "b"
    return 3 if isinstance(item, TradeoffItem) else 2


def _self_above(item: Item, index: int, presuming: frozenset[str]) -> int | str | None:
    """Rules 3: the self-description at the ceiling (best pole on every statement), the weakest
    option in every situation, knowledge questions wrong or "can't say" in turn, no unlikely
    virtue, trade-offs in the middle: the self view far above the situations and knowledge."""
    if isinstance(item, LikertItem):
        return 5 if item.keying == "plus" else 1
    if isinstance(item, Scenario):
        return min(item.options, key=lambda option: option.score).id
    if isinstance(item, KnowledgeItem):
        wrong = next(option.id for option in item.options if option.id != item.key)
        return UNSURE if index % 2 else wrong
    return 1 if isinstance(item, ValidityItem) else 3


PERSONAS: dict[str, Persona] = {
    "strong": _strong,
    "weak": _weak,
    "mixed": _mixed,
    "middling": _middling,
}
# Personas for banks with views apart only (not cycled through the profiles of every bank, so
# that the answer sets of banks v1 and v2 stay as they are).
VIEW_PERSONAS: dict[str, Persona] = {"selfabove": _self_above}


@dataclass(frozen=True)
class AnswerSet:
    """One person's answers to a bank, named for test ids."""

    name: str
    answers: Answers

    @property
    def version(self) -> int:
        return self.answers.bank_version


def _answers(
    bank: Bank,
    persona: str,
    form: FormId,
    profile: ProfileId,
    background: Experience | None,
    answered_share: float = 1.0,
) -> Answers:
    items = bank.form_items(form)
    kept = round(len(items) * answered_share)
    presuming = frozenset(
        item.dimension
        for item in items
        if isinstance(item, LikertItem | TradeoffItem) and item.presumes is not None
    )
    chosen = (
        (item, on_scale(item, (PERSONAS | VIEW_PERSONAS)[persona](item, index, presuming)))
        for index, item in enumerate(items[:kept])
    )
    return Answers(
        bank_version=bank.version,
        form=form,
        profile=profile,
        background=background if bank.rules.has_background else None,
        responses={
            **{item.id: value for item, value in chosen if value is not None},
            **(_experience_fill(bank, form, presuming) if persona == "mixed" else {}),
            **(_preferences(bank) if answered_share == 1.0 else {}),
        },
    )


def on_scale(item: Item, value: int | str | None) -> int | str | None:
    """Return an answer given on the agreement scale (1–5) on the item's own scale: on a
    frequency statement (rules 4, 1–4) the step nearest in points (1 → 1, 2 → 2, 3 → 3, 4 → 3,
    5 → 4: 0, 33, 67, 67, 100 points for 0, 25, 50, 75, 100); every other answer as it is."""
    if isinstance(value, int) and isinstance(item, LikertItem):
        top = max(answer_values(item))
        return math.floor((value - 1) * (top - 1) / 4 + 0.5) + 1
    return value


def _preferences(bank: Bank) -> dict[str, int | str]:
    """Answer the working-conditions block (rules with preferences) with all three answers in
    turn: want, can live with, would chafe."""
    return {item.id: 1 + index % 3 for index, item in enumerate(bank.asked_preferences())}


def _experience_fill(bank: Bank, form: FormId, presuming: frozenset[str]) -> dict[str, int | str]:
    """Answer, in each dimension with "can't judge yet" statements, as many of its other scored
    items as bring it to half answered but fewer than half scored (status "experience"); with
    the views apart (rules 3) that is its statements, the self view."""
    filled: dict[str, int | str] = {}
    for dimension in presuming:
        scored = [
            item
            for item in bank.form_items_of(form, dimension)
            if isinstance(item, LikertItem)
            or (isinstance(item, Scenario) and not bank.rules.views_apart)
        ]
        unsure = sum(isinstance(item, LikertItem) and item.presumes is not None for item in scored)
        others = [item for item in scored if not (isinstance(item, LikertItem) and item.presumes)]
        for item in others[: max(0, math.ceil(len(scored) / 2) - unsure)]:
            filled[item.id] = "a" if isinstance(item, Scenario) else 3
    return filled


def answer_sets(version: int) -> tuple[AnswerSet, ...]:
    """Return the sample answer sets of a released bank: every profile, both forms, all four
    personas (strong, weak, "can't judge yet" and spread, middling) and one half-answered form."""
    bank = load_bank(version)
    sets = []
    for index, profile in enumerate(PROFILE_IDS):
        persona = tuple(PERSONAS)[index % len(PERSONAS)]
        form = FORM_IDS[(index + 1) % len(FORM_IDS)]
        background = EXPERIENCE_LEVELS[(2 - index) % len(EXPERIENCE_LEVELS)]
        sets.append(
            AnswerSet(
                f"v{version}-{persona}-{form}-{profile}",
                _answers(bank, persona, form, profile, background),
            )
        )
    sets.append(
        AnswerSet(
            f"v{version}-half-short-duisburg",
            _answers(bank, "middling", "short", "duisburg", "starter", answered_share=0.5),
        )
    )
    if bank.rules.views_apart:
        sets.append(
            AnswerSet(
                f"v{version}-selfabove-full-duisburg",
                _answers(bank, "selfabove", "full", "duisburg", "changer"),
            )
        )
    return tuple(sets)


def bank_params() -> list[object]:
    """pytest params over the released bank versions, with ids v1, v2 …"""
    return [pytest.param(version, id=f"v{version}") for version in RELEASED]


def answer_set_params(
    marks: Callable[[AnswerSet], tuple[pytest.MarkDecorator, ...]] | None = None,
) -> list[object]:
    """pytest params over every answer set of every released bank, marked as the caller says."""
    return [
        pytest.param(answer_set, id=answer_set.name, marks=marks(answer_set) if marks else ())
        for version in RELEASED
        for answer_set in answer_sets(version)
    ]


def first_set_params() -> list[object]:
    """pytest params over one answer set per bank (for slow surfaces: AppTest, PDF per viewer)."""
    return [
        pytest.param(answer_sets(version)[0], id=answer_sets(version)[0].name)
        for version in RELEASED
    ]
