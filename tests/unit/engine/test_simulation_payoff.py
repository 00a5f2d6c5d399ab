"""Does faking pay, and what would catch it (tests/simulate.py, `--payoff` and `--length`).

Properties the harness and the rules guarantee, on a small seeded population: an honest person's
twin is the person (payoff zero); a faker's twin shares every draw the kind does not fake; no
faker of any kind gets a demand into "met" while its own situations and knowledge alone lie firmly
below the range (a verdict never rests on self-description the other views contradict); when the
consistency notice fires, every demand faking moved to "an der Grenze" against firm evidence is
named as resting on self-description; and the length curve at +0 items is the engine's notice,
its added items are the bank's own parameters, and its limit is what many of them converge to.
"""

from __future__ import annotations

import random

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    FORM_IDS,
    PROFILE_IDS,
    Bank,
    KnowledgeItem,
    LikertItem,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.engine import quality
from assessment.engine.result import build_result
from tests import simulate
from tests.simulate import Payoff

SEED = 31
PEOPLE = 14  # per kind and form; every one in each of the four settings


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(3)


@pytest.fixture(scope="module")
def payoffs(bank: Bank) -> list[Payoff]:
    return simulate.payoff_population(bank, PEOPLE, SEED, honest=50)


def test_an_honest_twin_is_the_person(payoffs: list[Payoff]) -> None:
    """The control: an honest person against their twin gains and loses nothing, anywhere."""
    honest = [p for p in payoffs if p.kind == "honest"]
    assert len(honest) == PEOPLE * len(FORM_IDS) * len(PROFILE_IDS)
    for p in honest:
        assert p.level == p.twin_level
        assert not p.better
        assert not p.worse
        assert p.improved == p.worsened == p.lifted == p.to_provisional == ()


def test_a_twin_shares_every_draw_the_kind_does_not_fake(bank: Bank) -> None:
    """The twin is the same person with the same item noise: the answers a kind leaves honest
    are the twin's, item by item (moderate fakers and self-enhancers fake only the statements,
    naive fakers the statements and unlikely virtues, a coached retake only what it revised)."""
    untouched: dict[simulate.FakerKind, tuple[type, ...]] = {
        "moderate": (Scenario, KnowledgeItem, ValidityItem, TradeoffItem),
        "self_enhancer": (Scenario, KnowledgeItem, ValidityItem, TradeoffItem),
        "naive": (Scenario, KnowledgeItem, TradeoffItem),
        "smart": (TradeoffItem,),
        "cue_rule": (TradeoffItem,),
        "coached_retake": (LikertItem, ValidityItem, TradeoffItem),
    }
    for index in range(6):
        person = simulate.draw_person(bank, SEED, index)
        for form in FORM_IDS:
            twin = simulate.honest_twin(person, bank, form, SEED).responses
            for kind, kinds in untouched.items():
                faked = simulate.respond(kind, person, bank, form, SEED)
                for item in bank.form_items(form):
                    if isinstance(item, kinds) and item.id not in faked.revised:
                        assert faked.responses[item.id] == twin[item.id], (kind, item.id)
                    if isinstance(item, KnowledgeItem) and twin[item.id] == item.key:
                        assert faked.responses[item.id] == item.key  # knowing is not faked


def test_no_demand_is_met_against_firm_evidence(payoffs: list[Payoff]) -> None:
    """A verdict never rests on self-description the other views contradict: whatever a faker
    does, no demand it lifts into "met" stands firmly below its range on the faker's own
    situations and knowledge alone. Faking does lift demands, and it does lift some whose
    evidence is firmly below — only as far as "an der Grenze" or "vorläufig"."""
    fakers = [p for p in payoffs if p.kind != "honest"]
    lifted = [(p, d) for p in fakers for d in p.lifted]
    assert lifted
    assert not [(p.kind, p.form, p.setting, d) for p, d in lifted if p.evidence[d] == "below"]
    assert any(p.improved_on("below") for p in fakers)


def test_the_notice_names_demands_faking_moved_to_the_edge(payoffs: list[Payoff]) -> None:
    """When the consistency notice fires, every demand the faking moved up to "an der Grenze"
    while its evidence alone is firmly below is named as resting mainly on self-description
    (Result.self_carried); and smart fakers' better verdicts all carry the notice or a quality
    notice (the released thresholds: every statement at the desirable pole is at the ceiling)."""
    cases = 0
    for p in payoffs:
        if not p.notice:
            continue
        for d in p.improved:
            if p.evidence[d] == "below" and d not in p.to_provisional:
                cases += 1
                assert d in p.named, (p.kind, p.form, p.setting, d)
    assert cases
    assert all(p.marked for p in payoffs if p.kind == "smart" and p.better)


def test_the_payoff_table_cites_every_kind_and_form(payoffs: list[Payoff]) -> None:
    text = simulate.payoff_table(payoffs)
    for kind in simulate.KINDS:
        for form in FORM_IDS:
            assert any(line.startswith(f"{kind:<15} {form:<6}") for line in text.splitlines())


def test_added_items_are_copies_of_the_demands_own(bank: Bank) -> None:
    """Each demand gets exactly the asked number of new items, each a copy of one of its own
    situations or knowledge items of the form (same options, ratings, poles, key and setting)
    under an id no bank item has."""
    added = simulate.added_items(bank, "full", 5)
    ids = [item.id for items in added.values() for item in items]
    assert len(ids) == len(set(ids)) == 5 * len(bank.dimension_ids)
    assert not set(ids) & set(bank.index.items)
    for dimension, items in added.items():
        pool = {item.id: item for item in simulate.evidence_pool(bank, "full", dimension)}
        for item in items:
            source = pool[item.id.split("+")[0]]
            assert item.model_copy(update={"id": source.id}) == source


def test_plus_zero_items_is_the_engines_notice(bank: Bank) -> None:
    """At +0 added items the curve's inputs are the engine's: the evidence is the mean of
    quality.view_points' situation and knowledge views, and the notice at the released
    thresholds fires exactly when build_result's does."""
    ceiling, gap = quality.SELF_CEILING, quality.SELF_GAP
    fired = 0
    for kind in ("honest", "moderate", "smart"):
        for index in range(12):
            person = simulate.draw_person(bank, SEED, index)
            found = simulate.lengthened(kind, person, bank, SEED, steps=(0, 2))
            answers = simulate.respond(kind, person, bank, "full", SEED)
            own, situation, knowledge = quality.view_points(answers, bank)
            assert found.self_view == own
            assert found.evidence[0] == pytest.approx(simulate.evidence_of(situation, knowledge))
            engine = build_result(answers, bank).self_based
            assert simulate.notice_fires(found.self_view, found.evidence[0], ceiling, gap) == engine
            fired += engine
    assert fired


def test_the_limit_is_what_many_added_items_converge_to(bank: Bank) -> None:
    """The limit row's expected values are the model's: many honest answers to copies of a
    situation and of a knowledge question average to expected_points (each knowledge copy at a
    difficulty of its own), and the honest evidence comes nearer the limit with more items."""
    person = simulate.draw_person(bank, SEED, 2)
    scenario = next(
        i for i in simulate.evidence_pool(bank, "full", "crisis") if isinstance(i, Scenario)
    )
    question = next(
        i for i in simulate.evidence_pool(bank, "full", "crisis") if isinstance(i, KnowledgeItem)
    )
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data
    for item in (scenario, question):
        copies = [item.model_copy(update={"id": f"{item.id}+{j}"}) for j in range(3000)]
        drawn = [
            simulate.evidence_points(c, simulate.added_answer("honest", person, c, rng, rng))
            for c in copies
        ]
        assert sum(drawn) / len(drawn) == pytest.approx(
            simulate.expected_points("honest", person, item), abs=3.0
        )
    near = far = 0.0
    for index in range(30):
        found = simulate.lengthened("honest", simulate.draw_person(bank, SEED, index), bank, SEED)
        first, last, limit = found.evidence[0], found.evidence[-2], found.evidence[-1]
        assert first is not None
        assert last is not None
        assert limit is not None
        far += abs(first - limit)
        near += abs(last - limit)
    assert near < far
