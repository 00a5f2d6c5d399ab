"""The group view's batch path under rules 4 (assessment/group/batch.py `_combine_v4`,
`_agreeing_answers`) equals the per-person path: bank v3's content under rules 4 stands in for
bank v4 until it exists (then test_batch.py covers it as a released bank too)."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, PROFILE_IDS, Bank, ProfileId
from assessment.bank.rules import RULES
from assessment.group.batch import judge_people, judge_person
from tests.personas import random_answers
from tests.simulate import draw_person, respond


@pytest.fixture(scope="module")
def r4() -> Bank:
    return load_bank(3).model_copy(update={"rules": RULES[4]})


def test_batch_equals_person_path_under_rules_4(r4: Bank) -> None:
    """Three hundred random people, every setting: the same figures, with both bases among them
    and bands that rules 4's firm answers decide (provisional and below both occur)."""
    people = random_answers(r4, 200, seed=4, answered_share=0.8) + random_answers(
        r4, 100, seed=14, answered_share=0.4
    )
    bands: set[str] = set()
    for profile in PROFILE_IDS:
        found = judge_people(people, r4, r4.profiles[profile])
        assert found == [judge_person(p, r4, r4.profiles[profile]) for p in people]
        bands |= {band for judged in found for band in judged.bands}
    assert {"provisional", "below", "within", "borderline"} <= bands


def test_batch_differs_from_rules_3_where_rules_4_do(r4: Bank) -> None:
    """The arrays do apply rules 4: some people's bands differ from bank v3's (rules 3)."""
    v3 = load_bank(3)
    people = random_answers(r4, 200, seed=5, answered_share=0.9)
    profile: ProfileId = "duisburg"
    under_4 = judge_people(people, r4, r4.profiles[profile])
    under_3 = judge_people(people, v3, v3.profiles[profile])
    assert any(a.bands != b.bands for a, b in zip(under_4, under_3, strict=True))


def test_batch_equals_person_path_for_fakers_under_rules_4(r4: Bank) -> None:
    """Simulated fakers (self view far above the evidence: the self view's weight and its cap at
    the evidence's 95 % upper bound decide their scores): the arrays give the same figures."""
    v3 = load_bank(3)
    people = [
        respond(kind, draw_person(v3, 2026, index), v3, form, 2026)
        for kind in ("smart", "moderate", "self_enhancer")
        for form in FORM_IDS
        for index in range(15)
    ]
    for profile in PROFILE_IDS:
        chosen = [p.model_copy(update={"profile": profile}) for p in people]
        found = judge_people(chosen, r4, r4.profiles[profile])
        assert found == [judge_person(p, r4, r4.profiles[profile]) for p in chosen]
