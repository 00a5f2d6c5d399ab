"""Personas: a trait level per dimension turned into the answers such a person would give."""

from __future__ import annotations

import random

from assessment.bank.load import load_bank
from assessment.bank.models import (
    EXPERIENCE_LEVELS,
    FORM_IDS,
    PROFILE_IDS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    Bank,
    FormId,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    answer_values,
    offers_unsure,
)
from assessment.engine.answers import Answers

Traits = dict[str, int]
# Random answers say "can't judge yet" this often where a statement offers it.
UNSURE_SHARE = 0.2

# A calm, pragmatic firefighter from a Mittelstand company: steady under fire, at home with
# old systems and small budgets, not much for buzzwords; communicates decently.
FIREFIGHTER: Traits = {
    "crisis": 5,
    "communication": 4,
    "budget": 5,
    "legacy": 5,
    "security": 4,
    "learning": 3,
    "leadership": 4,
    "resilience": 5,
    "pragmatism": 5,
}
# A cloud-only modernizer: learns fast and loves new platforms, dislikes old systems, wants
# budget for the new thing, and talks in trends rather than operating reality.
MODERNIZER: Traits = {
    "crisis": 3,
    "communication": 4,
    "budget": 2,
    "legacy": 1,
    "security": 3,
    "learning": 5,
    "leadership": 3,
    "resilience": 3,
    "pragmatism": 2,
}
# A conflict-averse technician: technically careful and secure, but avoids the board room,
# dislikes conflict and criticism, and would rather not lead.
TECHNICIAN: Traits = {
    "crisis": 3,
    "communication": 1,
    "budget": 3,
    "legacy": 4,
    "security": 5,
    "learning": 4,
    "leadership": 1,
    "resilience": 1,
    "pragmatism": 4,
}


def persona_answers(
    traits: Traits, form: FormId = "full", profile: ProfileId = "duisburg"
) -> Answers:
    """Return the answers of a person with these trait levels (1–5) to every item of a form."""
    bank = load_bank(1)
    responses: dict[str, int | str] = {}
    for item in bank.form_items(form):
        if isinstance(item, LikertItem):
            level = traits[item.dimension]
            responses[item.id] = level if item.keying == "plus" else 6 - level
        elif isinstance(item, Scenario):
            level = traits[item.dimension]
            wanted = round((level - 1) * 3 / 4)
            responses[item.id] = min(item.options, key=lambda o: abs(o.score - wanted)).id
    return Answers(bank_version=1, form=form, profile=profile, responses=responses)


def random_answers(
    bank: Bank, count: int, seed: int, answered_share: float = 0.9, form: FormId | None = None
) -> list[Answers]:
    """Return answers with random choices, both forms, some items (or whole dimensions) left out."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    people: list[Answers] = []
    for _ in range(count):
        chosen = form if form is not None else rng.choice(FORM_IDS)
        responses: dict[str, int | str] = {
            item.id: (
                rng.choice(SCENARIO_OPTION_IDS)
                if isinstance(item, Scenario)
                else rng.choice((*SCENARIO_OPTION_IDS, UNSURE))
                if isinstance(item, KnowledgeItem)
                else (
                    UNSURE
                    if offers_unsure(item) and rng.random() < UNSURE_SHARE
                    else rng.randint(1, max(answer_values(item)))
                )
            )
            for item in bank.form_items(chosen)
            if rng.random() < answered_share
        }
        if answered_share >= 1.0:
            # A complete questionnaire includes the working-conditions page (rules with
            # preferences); drawn without the random stream, so other banks' answers stay.
            responses |= {
                item.id: 1 + (index + len(people)) % 3
                for index, item in enumerate(bank.asked_preferences())
            }
        people.append(
            Answers(
                bank_version=bank.version,
                form=chosen,
                profile=rng.choice(PROFILE_IDS),
                background=rng.choice(EXPERIENCE_LEVELS) if bank.rules.has_background else None,
                responses=responses,
            )
        )
    return people
