"""The group view's batch path (assessment/group/batch.py) equals the per-person path: every
person's scores, bands, level, marks and quality verdict, and the group's overview, for random
answers of every released bank."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from assessment.bank.load import available_versions, load_bank
from assessment.bank.models import PROFILE_IDS, ProfileId
from assessment.codes.share import preference_items
from assessment.engine.answers import Answers, PageTiming
from assessment.engine.matching import match_profile
from assessment.engine.quality import check_quality
from assessment.engine.scoring import score_answers
from assessment.group import batch, overview
from assessment.group.batch import (
    Judged,
    judge_people,
    judge_person,
    preference_group_many,
)
from assessment.group.overview import score_group
from assessment.group.preferences import preference_group
from tests.personas import random_answers
from tests.strategies import released_answers

RELEASED = available_versions()


def test_every_released_bank_is_covered() -> None:
    """The property tests below draw from banks 1, 2 and 3 (and any later one)."""
    assert set(RELEASED) >= {1, 2, 3}


@pytest.mark.parametrize("version", RELEASED)
@settings(max_examples=60)
@given(data=st.data())
def test_batch_judges_every_person_as_the_person_path(version: int, data: st.DataObject) -> None:
    """A random group of one bank: each person's figures from the arrays equal judge_person's,
    against every setting."""
    people = data.draw(st.lists(released_answers(version), min_size=1, max_size=8))
    profile: ProfileId = data.draw(st.sampled_from(PROFILE_IDS))
    bank = load_bank(version)
    expected = [judge_person(person, bank, bank.profiles[profile]) for person in people]
    assert judge_people(people, bank, bank.profiles[profile]) == expected


@pytest.mark.parametrize("version", RELEASED)
def test_batch_equals_person_path_on_many_people(version: int) -> None:
    """Three hundred random people per bank, every setting: the same figures, and among them
    several levels, bands and both quality verdicts (so the comparison means something)."""
    bank = load_bank(version)
    people = random_answers(bank, 200, seed=version, answered_share=0.8) + random_answers(
        bank, 100, seed=version + 10, answered_share=0.4
    )
    levels: set[str] = set()
    bands: set[str] = set()
    tentative: set[bool] = set()
    for profile in PROFILE_IDS:
        found = judge_people(people, bank, bank.profiles[profile])
        assert found == [judge_person(p, bank, bank.profiles[profile]) for p in people]
        levels |= {j.level for j in found}
        bands |= {band for j in found for band in j.bands}
        tentative |= {j.tentative for j in found}
    assert {"gaps", "insufficient"} <= levels
    assert {"below", "within", "unknown"} <= bands
    if bank.rules.tentative_on_quality:
        assert tentative == {True, False}
    if bank.rules.honest_verdicts:
        assert {"borderline", "experience"} <= bands


@pytest.mark.parametrize(
    "edge",
    [
        "long_string",
        "agreed_opposites",
        "unlikely_virtues",
        "scatter",
        "self_above_evidence",
        "experience",
        "provisional",
        "borderline",
        "uncertain",
        "knocked_out",
        "starter_below",
        "extra",
        "revised",
        "preferences",
    ],
)
def test_drawn_answers_reach_the_rules_edges(edge: str) -> None:
    """The strategy the properties draw from makes each rare verdict of rules 3 happen (a
    quality notice, an Erfahrungsfeld, a provisional, borderline or knocked-out demand, a
    starter's gap, extra answers, retake marks, preferences), so the comparison covers it."""
    bank = load_bank(3)
    profile = bank.profiles["duisburg"]
    preferences = {item.id for item in preference_items(bank)}

    def reaches(person: Answers) -> bool:
        if edge in ("extra", "revised", "preferences"):
            outside = set(person.responses) - bank.index.form_item_ids[person.form]
            return {
                "extra": bool(outside - preferences),
                "revised": bool(person.revised),
                "preferences": bool(outside & preferences),
            }[edge]
        judged = judge_person(person, bank, profile)
        chosen = person.model_copy(update={"profile": profile.id})
        match = match_profile(score_answers(chosen, bank), profile, bank.rules)
        return {
            "experience": "experience" in judged.bands,
            "provisional": "provisional" in judged.bands,
            "borderline": "borderline" in judged.bands,
            "uncertain": judged.level == "uncertain",
            "knocked_out": bool(match.knocked_out),
            "starter_below": person.background == "starter" and bool(match.development),
        }.get(edge, edge in {flag.kind for flag in check_quality(person, bank)})

    find(released_answers(3), reaches, settings=settings(max_examples=3000, database=None))


def test_people_outside_the_arrays_are_judged_one_by_one() -> None:
    """Page timings (which the speed check reads) send a person down the per-person path; the
    figures still equal it, in input order."""
    bank = load_bank(3)
    people = random_answers(bank, 6, seed=2, answered_share=0.9)
    timed = people[2].model_copy(update={"page_seconds": (PageTiming(items=8, seconds=1.0),)})
    group = [*people[:2], timed, *people[3:]]
    profile = bank.profiles["public"]
    found = judge_people(group, bank, profile)
    assert found == [judge_person(p, bank, profile) for p in group]
    assert found[2].tentative  # the speed notice fired, which only the per-person path sees


def test_squares_are_pythons() -> None:
    """_square gives Python's x ** 2 bit for bit (numpy's x ** 2 multiplies and differs in the
    last bit for some values): the uncertainty rounds at the same half points."""
    values = np.random.default_rng(1).uniform(-5, 5, 200_000)
    assert batch._square(values).tolist() == [v**2 for v in values.tolist()]


@settings(max_examples=40)
@given(people=st.lists(released_answers(3), min_size=1, max_size=12))
def test_preference_tallies_equal_the_person_path(people: list[Answers]) -> None:
    """The group's working-conditions tallies from the arrays equal preference_group's."""
    bank = load_bank(3)
    assert preference_group_many(people, bank) == preference_group(people, bank)


def test_preference_tallies_name_settings() -> None:
    """Groups whose preferences name a setting, fall short, or name none: equal tallies."""
    bank = load_bank(3)
    assert bank.preferences is not None
    items = bank.preferences.items
    rng = random.Random(8)  # noqa: S311 - test data
    people = []
    for person in random_answers(bank, 120, seed=9, answered_share=0.5):
        liked = rng.randint(1, 3)
        count = rng.choice((0, 3, 7, len(items)))
        chosen = rng.sample(items, count)
        responses = dict(person.responses) | {
            item.id: liked if rng.random() < 0.8 else rng.randint(1, 3) for item in chosen
        }
        people.append(person.model_copy(update={"responses": responses}))
    group = preference_group_many(people, bank)
    assert group == preference_group(people, bank)
    assert group is not None
    assert group.too_few
    assert group.no_clear
    assert any(tally.named for tally in group.settings)


def _per_person(people: list[Answers], bank: object, profile: object) -> list[Judged]:
    return [judge_person(p, bank, profile) for p in people]  # type: ignore[arg-type]


@settings(max_examples=25)
@given(
    people=st.lists(released_answers(), min_size=1, max_size=15),
    profile=st.sampled_from(PROFILE_IDS),
)
def test_group_overview_equals_the_person_path(people: list[Answers], profile: ProfileId) -> None:
    """A group of mixed bank versions: the whole overview (rows, counts, distributions,
    preferences) equals the one built person by person."""
    fast = score_group(people, profile)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(overview, "judge_people", _per_person)
        patched.setattr(overview, "preference_group_many", preference_group)
        slow = score_group(people, profile)
    assert fast == slow
    assert fast.people == len(people)
    assert math.isclose(sum(v.people for v in fast.versions), len(people))


def test_overview_holds_python_values_only() -> None:
    """The rows built without a second validation hold plain Python values (int, str, bool,
    None), never numpy scalars: the CSV, the JSON of the command line and the PDF read them."""
    bank = load_bank(3)
    group = score_group(random_answers(bank, 60, seed=4, answered_share=0.7), "public")
    seen: set[type] = set()
    for section in group.versions:
        for row in section.persons:
            seen |= {type(v) for v in (*row.scores, row.met, row.scored, row.tentative)}
            seen |= {type(v) for v in (row.level, *row.development, *row.borderline)}
        for dimension in section.dimensions:
            seen |= {type(v) for v in dimension.scores}
    assert seen <= {int, str, bool, type(None)}
    assert {int, str, bool} <= seen
    assert group.model_dump_json().startswith('{"profile":"public"')
