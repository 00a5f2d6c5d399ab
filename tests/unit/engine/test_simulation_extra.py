"""Targeted extra questions on the simulated population (tests/simulate.py, `--extra`): the
default number per demand resolves a substantial share of the short form's borderline and
provisional verdicts, and more items never resolve fewer on the same people."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.engine.extra import EXTRA_PER_DEMAND
from tests.simulate import ExtraOutcome, extra_outcomes

SEED = 22
HONEST = 120
# A substantial share: at least one in ten unfirm verdicts resolved, and "keine klare Aussage"
# at least five points rarer (measured on 2,000 people: see tests/simulate.py's docstring).
MIN_RESOLVED_SHARE = 0.10
MIN_FEWER_UNCERTAIN = 0.05


@pytest.fixture(scope="module")
def outcomes() -> list[ExtraOutcome]:
    return extra_outcomes(load_bank(3), HONEST, SEED, (1, EXTRA_PER_DEMAND))


def _chosen(outcomes: list[ExtraOutcome], k: int) -> list[ExtraOutcome]:
    return [o for o in outcomes if o.per_demand == k]


def test_the_default_resolves_a_substantial_share_of_unfirm_verdicts(
    outcomes: list[ExtraOutcome],
) -> None:
    """With EXTRA_PER_DEMAND items per unfirm demand, answered honestly, a substantial share of
    borderline and provisional demands gets a firm band, and fewer results stay unclear."""
    chosen = _chosen(outcomes, EXTRA_PER_DEMAND)
    unfirm = sum(o.unfirm for o in chosen)
    assert unfirm > HONEST  # the short form leaves many demands unfirm: the premise
    assert sum(o.resolved for o in chosen) / unfirm >= MIN_RESOLVED_SHARE
    before = sum(o.uncertain_before for o in chosen) / len(chosen)
    after = sum(o.uncertain_after for o in chosen) / len(chosen)
    assert after <= before - MIN_FEWER_UNCERTAIN


def test_items_are_asked_only_for_people_with_unfirm_demands(
    outcomes: list[ExtraOutcome],
) -> None:
    """No one without a borderline or provisional demand is asked anything; no one is asked more
    than k per unfirm demand."""
    for outcome in outcomes:
        assert outcome.asked <= outcome.per_demand * outcome.unfirm
        assert outcome.resolved <= outcome.unfirm
        if not outcome.unfirm:
            assert outcome.asked == 0


def test_more_items_per_demand_resolve_at_least_as_many_in_the_population(
    outcomes: list[ExtraOutcome],
) -> None:
    """The curve rises: k = EXTRA_PER_DEMAND resolves no fewer than k = 1 over the population."""
    if EXTRA_PER_DEMAND == 1:
        pytest.skip("the default is one item per demand")
    one = sum(o.resolved for o in _chosen(outcomes, 1))
    default = sum(o.resolved for o in _chosen(outcomes, EXTRA_PER_DEMAND))
    assert default >= one
