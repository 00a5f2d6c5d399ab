"""The simulation harness (tests/simulate.py) on bank v3 and the newest bank: the consistency
notice's rates at the engine's constants (issue 19's targets on both banks), the level sentences'
claim over a population, the harness's determinism, and the model of rules 4's statements.

A few hundred people per form keep this quick; `python -m tests.simulate` runs the heavy version
(6,000 honest people and 600 per faker kind, per form) whose figures the methodology cites.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from functools import cache

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, Bank, KnowledgeItem, LikertItem, Scenario
from assessment.bank.rules import rules_for
from assessment.bank.versions import latest_version
from assessment.engine import quality
from assessment.engine.result import build_result
from assessment.engine.scoring import item_value
from assessment.render import din
from tests import simulate
from tests.simulate import (
    FAKER_KINDS,
    MAX_FALSE_ALARMS,
    MAX_FALSE_ALARMS_STARTERS,
    MIN_CAUGHT,
    Outcome,
)

SEED = 19
HONEST = 450
FAKERS = 80


# The rates issue 19 sets as targets are checked on bank v3 and on the newest bank; the rest of
# the harness on v3 (its pinned figures).
NEWEST = latest_version()
VERSIONS = tuple(sorted({3, NEWEST}))


@cache
def _outcomes(version: int) -> list[Outcome]:
    return simulate.simulate(load_bank(version), HONEST, FAKERS, SEED)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(3)


@pytest.fixture(scope="module")
def outcomes(bank: Bank) -> list[Outcome]:
    return _outcomes(3)


def _share(
    outcomes: Sequence[Outcome], kind: str, form: str, background: str | None = None
) -> float:
    chosen = [
        o
        for o in outcomes
        if o.kind == kind and o.form == form and background in (None, o.background)
    ]
    assert chosen, (kind, form, background)
    return sum(o.engine_notice for o in chosen) / len(chosen)


# Targets a bank misses under the documented model, with the measured figure (strict xfail: a
# bank that meets one makes its test fail until the mark goes).
UNMET: dict[tuple[str, int], str] = {
    ("moderate", 3): "issue 19 point 4 asks >= 90 % of moderate fakers; in the documented model"
    " no rule within the false-alarm limits gets there on bank v3: the best linear rule on every"
    " input a faker cannot fake catches about 55-65 %, the engine's about 40-45 %"
    " (tests/simulate.py docstring, 'Moderate fakers'; `python -m tests.simulate --candidates`)",
    ("moderate", 4): "on bank v4 the consistency notice on the traps (plain statements at least"
    " 60 points above the traps) catches 61.0 % (short) / 79.2 % (full) of moderate fakers at 0.5 %"
    " false alarms (`python -m tests.simulate --bank 4`, 6,000 + 600 per form); 55 points"
    " would catch 75.7 % / 87.2 % at 1.1 % false alarms, outside the point of slack; a threshold"
    " that catches 90 % on both forms gives 5 % false alarms (tests/simulate.py docstring 'Bank"
    " v4: the notice on the traps')",
}


def _versions(target: str) -> list[object]:
    return [
        pytest.param(
            version,
            id=f"v{version}",
            marks=[pytest.mark.xfail(reason=UNMET[target, version], strict=True)]
            if (target, version) in UNMET
            else [],
        )
        for version in VERSIONS
    ]


@pytest.mark.parametrize("form", FORM_IDS)
@pytest.mark.parametrize("version", _versions("false alarms"))
def test_false_alarms_on_honest_people_within_the_targets(version: int, form: str) -> None:
    outcomes = _outcomes(version)
    assert _share(outcomes, "honest", form) <= MAX_FALSE_ALARMS
    assert _share(outcomes, "honest", form, "starter") <= MAX_FALSE_ALARMS_STARTERS


@pytest.mark.parametrize("form", FORM_IDS)
@pytest.mark.parametrize("version", _versions("smart"))
def test_smart_fakers_are_caught(version: int, form: str) -> None:
    assert _share(_outcomes(version), "smart", form) >= MIN_CAUGHT


@pytest.mark.parametrize("form", FORM_IDS)
@pytest.mark.parametrize("version", _versions("moderate"))
def test_moderate_fakers_are_caught_as_issue_19_asks(version: int, form: str) -> None:
    assert _share(_outcomes(version), "moderate", form) >= MIN_CAUGHT


@pytest.mark.parametrize("form", FORM_IDS)
def test_the_notice_catches_what_the_simulation_measured(
    outcomes: list[Outcome], form: str
) -> None:
    """The notice at the engine's constants keeps the measured trade-off (heavy run, README
    "Simulation"): a good part of the moderate fakers (45 %), nearly every cue-rule faker, most
    self-enhancers (89 %), and never a coached retake (its evidence is perfect: the revised
    marks say it instead)."""
    assert _share(outcomes, "moderate", form) >= 0.3
    assert _share(outcomes, "cue_rule", form) >= MIN_CAUGHT
    assert _share(outcomes, "self_enhancer", form) >= 0.75
    assert _share(outcomes, "coached_retake", form) == 0
    assert all(o.revised for o in outcomes if o.kind == "coached_retake")


def test_the_replica_agrees_with_the_engine(outcomes: list[Outcome]) -> None:
    """The sweep's own notice (tests.simulate.notice_fires on quality.view_points) fires exactly
    when the engine's does at the engine's constants: thresholds chosen on it are the engine's."""
    ceiling, gap = quality.SELF_CEILING, quality.SELF_GAP
    disagreeing = [o for o in outcomes if o.notice(ceiling, gap) != o.engine_notice]
    assert not disagreeing, disagreeing[:3]
    assert any(o.engine_notice for o in outcomes)


def test_the_engine_constants_are_the_recommended_ones(outcomes: list[Outcome]) -> None:
    """On this smaller population the engine's pair is still within the false-alarm limits and
    among the best trade-offs of the grid: its catch rate is within two standard errors of the
    difference between two rates on FAKERS people per form (the full run of `python -m
    tests.simulate --sweep` chose the pair; this sample only has to agree within its noise)."""
    points = simulate.sweep(outcomes, range(70, 101, 5), range(10, 41, 5))
    engine = next(
        p for p in points if (p.ceiling, p.gap) == (quality.SELF_CEILING, quality.SELF_GAP)
    )
    best = simulate.best_thresholds(points)
    assert engine.false_alarms <= MAX_FALSE_ALARMS
    assert engine.false_alarms_starters <= MAX_FALSE_ALARMS_STARTERS
    worse_caught = min(engine.caught[kind] for kind in simulate.MUST_CATCH)
    noise = 2 * math.sqrt(2 * 0.25 / FAKERS)
    assert worse_caught >= min(best.caught[kind] for kind in simulate.MUST_CATCH) - noise


def test_strong_never_while_a_heavy_demand_is_open(outcomes: list[Outcome]) -> None:
    """Level sentences: "strong" claims every weight-3 demand met; over the whole population
    (honest and fakers, both forms, every setting) no weight-3 demand is borderline,
    provisional, below or unscored under a "strong" level — and "strong" does occur."""
    assert not [o for o in outcomes if "strong: every weight-3 demand met" in o.broken_claims]
    assert any(o.level == "strong" for o in outcomes if o.kind == "honest")


def test_every_level_sentence_is_true_of_its_numbers(outcomes: list[Outcome]) -> None:
    """Each level's claim (tests.simulate.broken_level_claims) holds for every result and
    setting of the population, and each of the four verdict levels occurs in it."""
    broken = [(o.kind, o.form, o.broken_claims) for o in outcomes if o.broken_claims]
    assert not broken, broken[:5]
    assert {"strong", "partial", "gaps", "uncertain"} <= {o.level for o in outcomes}


def test_the_claims_check_sees_a_false_sentence(bank: Bank) -> None:
    """A "strong" level with an open weight-3 demand, or a wrong open_heavy, is reported."""
    person = simulate.draw_person(bank, SEED, 1)
    match = build_result(simulate.respond("honest", person, bank, "full", SEED), bank).match
    heavy = next(m for m in match.dimensions if m.weight >= 3)
    opened = tuple(
        m.model_copy(update={"band": "borderline"}) if m is heavy else m for m in match.dimensions
    )
    false_strong = match.model_copy(update={"level": "strong", "dimensions": opened})
    assert "strong: every weight-3 demand met" in simulate.broken_level_claims(false_strong)
    wrong_names = match.model_copy(update={"open_heavy": ("nonexistent",)})
    assert "open_heavy names the weight-3 demands not met" in simulate.broken_level_claims(
        wrong_names
    )


def test_the_harness_is_deterministic(bank: Bank) -> None:
    first = simulate.simulate(bank, 12, 3, SEED, forms=("short",))
    again = simulate.simulate(bank, 12, 3, SEED, forms=("short",))
    other = simulate.simulate(bank, 12, 3, SEED + 1, forms=("short",))
    assert first == again
    assert first != other
    person = simulate.draw_person(bank, SEED, 5)
    assert simulate.respond("smart", person, bank, "full", SEED) == simulate.respond(
        "smart", person, bank, "full", SEED
    )


def test_the_population_follows_its_model(bank: Bank, outcomes: list[Outcome]) -> None:
    """Backgrounds differ as the model says (experienced above changers above starters on every
    view), starters say "can't judge yet" on presuming statements, and every person answers every
    item of the form."""
    honest = [o for o in outcomes if o.kind == "honest" and o.form == "full"]

    def mean(view: str, background: str) -> float:
        values: list[float] = [getattr(o, view) for o in honest if o.background == background]
        return sum(values) / len(values)

    for view in ("self_view", "situation", "knowledge"):
        assert mean(view, "starter") < mean(view, "changer") < mean(view, "experienced")
    presuming = [i for i in bank.likert if i.presumes and i.id in bank.forms["full"].items]
    unsure = total = 0
    for index in range(150):
        person = simulate.draw_person(bank, SEED, index, background="starter")
        answers = simulate.respond("honest", person, bank, "full", SEED)
        assert set(answers.responses) == set(bank.forms["full"].items)
        unsure += sum(answers.responses[i.id] == "na" for i in presuming)
        total += len(presuming)
    assert 0.45 < unsure / total < 0.75


def test_the_fakers_answer_as_documented(bank: Bank) -> None:
    person = simulate.draw_person(bank, SEED, 3)
    honest = simulate.respond("honest", person, bank, "full", SEED).responses
    smart = simulate.respond("smart", person, bank, "full", SEED).responses
    naive = simulate.respond("naive", person, bank, "full", SEED).responses
    enhancer = simulate.respond("self_enhancer", person, bank, "full", SEED).responses
    retake = simulate.respond("coached_retake", person, bank, "full", SEED)
    moderate = simulate.respond("moderate", person, bank, "full", SEED).responses
    lifted = 0
    for item in bank.form_items("full"):
        if isinstance(item, LikertItem) and honest[item.id] != "na":
            own, faked = (item_value(item, r[item.id]) for r in (honest, moderate))
            assert faked >= own
            lifted += faked > own
        if isinstance(item, LikertItem):
            assert smart[item.id] == (5 if item.keying == "plus" else 1)
            assert enhancer[item.id] == smart[item.id]
            assert naive[item.id] == 5
        elif isinstance(item, Scenario):
            longest = max(item.options, key=lambda o: len(o.text(person.language)))
            assert smart[item.id] == longest.id
            assert enhancer[item.id] == honest[item.id]
            best = max(item.options, key=lambda o: o.score)
            assert retake.responses[item.id] == best.id
            assert (item.id in retake.revised) == (honest[item.id] != best.id)
        elif isinstance(item, KnowledgeItem):
            assert smart[item.id] != "na"
            assert retake.responses[item.id] == item.key
    in_form = [i for i in bank.form_items("full") if isinstance(i, LikertItem)]
    assert lifted > len(in_form) / 3  # the rest were at the top already
    assert any(value == "na" for value in honest.values())
    statements = {item.id for item in bank.likert}
    assert {k: v for k, v in moderate.items() if k not in statements} == {
        k: v for k, v in honest.items() if k not in statements
    }


def test_the_cue_rule_reads_the_verbs(bank: Bank) -> None:
    assert simulate.cue_hits("Sie fragen zuerst die Fachabteilung und prüfen die Logs.", "de") == 3
    assert simulate.cue_hits("Escalate to the mayor, then check the logs first.", "en") == 4
    assert simulate.cue_hits("Sie spielen das Backup sofort zurück.", "de") == 0
    rng = random.Random(SEED)  # noqa: S311 - reproducible test data
    for scenario in bank.scenarios:
        for language in ("de", "en"):
            matched = simulate.cue_matches(scenario, language)
            choice = simulate.cue_choice(scenario, language, rng)
            assert choice in (matched or {o.id for o in scenario.options})


def test_the_table_cites_every_kind_and_form(outcomes: list[Outcome]) -> None:
    text = simulate.table(outcomes, quality.SELF_CEILING, quality.SELF_GAP)
    for kind in ("honest", *FAKER_KINDS):
        for form in FORM_IDS:
            assert any(line.startswith(f"{kind:<15} {form:<6} all") for line in text.splitlines())


def test_no_rule_on_the_evidence_catches_90_percent_of_moderate_fakers(bank: Bank) -> None:
    """Issue 19 point 3 measured: every candidate rule (tests.simulate.candidate_rules, fitted on
    another seed) at its threshold keeps the false alarms inside the limits on this sample, and
    none — not even the linear discriminant fitted to find moderate fakers, at the limits
    themselves — catches 90 % of them, while the engine's rule still catches the smart fakers."""
    kinds: tuple[simulate.Kind, ...] = ("honest", "smart", "moderate")
    fit = simulate.population_features(bank, 300, 60, SEED + 1, kinds)
    people = simulate.population_features(bank, 300, 60, SEED, kinds)
    candidates = simulate.candidate_rules(fit)
    for candidate in candidates:
        measured = simulate.measure(candidate, people)
        assert measured.false_alarms <= MAX_FALSE_ALARMS - simulate.FALSE_ALARM_MARGIN
        assert measured.false_alarms_starters <= (
            MAX_FALSE_ALARMS_STARTERS - simulate.FALSE_ALARM_MARGIN
        )
        assert measured.caught["moderate"] < MIN_CAUGHT, candidate.name
    bound = simulate.measure(candidates[-1], people, margin=0.0)
    assert bound.caught["moderate"] < MIN_CAUGHT
    engine = simulate.measure(candidates[0], people)
    assert engine.caught["smart"] >= MIN_CAUGHT
    assert bound.caught["moderate"] >= engine.caught["moderate"]


# --- bank v4's statements: traps, balanced wording, frequency answers (rules 4) ---------------


def marked_bank(bank: Bank) -> Bank:
    """Return a bank with the given bank's items under rules 4, every sixth statement a trap,
    every sixth from the fourth balanced and every fifth from the second a frequency statement:
    the statement kinds of bank v4 on items whose answers the model already knows."""
    likert = []
    for index, item in enumerate(bank.likert):
        wording = {0: "trap", 3: "balanced"}.get(index % 6)
        likert.append(
            item.model_copy(
                update={
                    "wording": wording,
                    "wording_note": "fixture" if wording else None,
                    "scale": "frequency" if index % 5 == 1 else "agree",
                }
            )
        )
    fields = {name: getattr(bank, name) for name in Bank.model_fields}
    return Bank(**{**fields, "likert": tuple(likert), "rules": rules_for(4)})


@pytest.fixture(scope="module")
def marked() -> Bank:
    return marked_bank(load_bank(3))


def _keyed(item: LikertItem, answer: int | str) -> float:
    return item_value(item, answer)


def test_fakers_push_toward_the_answer_that_looks_desirable(marked: Bank) -> None:
    """Smart fakers and self-enhancers answer a plain statement at the key's pole and a trap at
    its look-good pole (against the key), and a balanced one as they honestly would; the naive
    faker agrees fully with every statement; the moderate faker lifts plain statements, lowers
    traps and leaves balanced ones alone (keyed, against the honest twin)."""
    top = simulate.frequency_responses()[-1]
    seen: set[tuple[str | None, str]] = set()
    for index in range(8):
        person = simulate.draw_person(marked, SEED, index)
        honest = simulate.respond("honest", person, marked, "full", SEED).responses
        smart = simulate.respond("smart", person, marked, "full", SEED).responses
        enhancer = simulate.respond("self_enhancer", person, marked, "full", SEED).responses
        naive = simulate.respond("naive", person, marked, "full", SEED).responses
        moderate = simulate.respond("moderate", person, marked, "full", SEED).responses
        for item in marked.form_items("full"):
            if not isinstance(item, LikertItem):
                continue
            seen.add((item.wording, item.scale))
            assert enhancer[item.id] == smart[item.id]
            assert naive[item.id] == (top if item.scale == "frequency" else 5)
            if item.wording == "balanced":
                assert smart[item.id] == honest[item.id]
                assert moderate[item.id] == honest[item.id]
                continue
            pole = 5.0 if item.wording is None else 1.0
            assert _keyed(item, smart[item.id]) == pole, item.id
            if honest[item.id] != "na":
                own, faked = _keyed(item, honest[item.id]), _keyed(item, moderate[item.id])
                assert (faked >= own) if item.wording is None else (faked <= own), item.id
    assert {(None, "agree"), ("trap", "agree"), ("balanced", "agree")} <= seen
    assert {(None, "frequency"), ("trap", "frequency")} & seen


def test_honest_leniency_follows_the_apparent_direction(marked: Bank) -> None:
    """The same statement as a trap draws the same noise and sits twice the person's leniency
    lower on the key (leniency pulls toward the look-good answer); balanced, one leniency lower;
    on bank v3 every statement is plain, so its figures are those of before."""
    person = simulate.draw_person(marked, SEED, 4)
    item = next(i for i in marked.likert if i.wording is None)
    plain = simulate.keyed_self(person, item, random.Random(1))  # noqa: S311 - test data
    for wording, factor in (("trap", 2), ("balanced", 1)):
        copy = item.model_copy(update={"wording": wording})
        shifted = simulate.keyed_self(person, copy, random.Random(1))  # noqa: S311
        assert shifted == pytest.approx(plain - factor * person.leniency)
    assert all(simulate.apparent(i) == 1 for i in load_bank(3).likert)


def test_frequency_answers_rise_with_the_trait_and_the_occasions(marked: Bank) -> None:
    """Frequency statements are answered from the scale's four answers, "keine Gelegenheit"
    only where the statement presumes experience (as often as the background's can't-judge
    share), and the count rises with the trait: experienced people report more than starters."""
    answers = set(simulate.frequency_responses())
    frequency = [i for i in marked.form_items("full") if isinstance(i, LikertItem)]
    frequency = [i for i in frequency if i.scale == "frequency"]
    assert frequency
    means: dict[str, float] = {}
    for background in ("starter", "experienced"):
        values: list[float] = []
        for index in range(120):
            person = simulate.draw_person(marked, SEED, index, background=background)
            given = simulate.respond("honest", person, marked, "full", SEED).responses
            for item in frequency:
                if given[item.id] == "na":
                    assert item.presumes
                    continue
                assert given[item.id] in answers
                values.append(_keyed(item, given[item.id]))
        means[background] = sum(values) / len(values)
    assert means["starter"] < means["experienced"]


def test_a_coin_per_person_sends_fakers_to_one_pole_of_every_balanced_statement(
    marked: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sensitivity run BALANCED_COIN = 1: a smart faker agrees (or disagrees) at the pole
    with every balanced statement, by one coin per person; both sides of the coin occur."""
    monkeypatch.setattr(simulate, "BALANCED_COIN", 1)
    sides = set()
    for index in range(12):
        person = simulate.draw_person(marked, SEED, index)
        smart = simulate.respond("smart", person, marked, "full", SEED).responses
        balanced = [i for i in marked.form_items("full") if isinstance(i, LikertItem) and i.wording]
        agreed = {
            smart[i.id] in (5, simulate.frequency_responses()[-1])
            for i in balanced
            if i.wording == "balanced"
        }
        assert len(agreed) == 1
        sides |= agreed
    assert sides == {True, False}


# The page's figure per harness group: (kind, background).
PAGE_GROUPS = {
    "honest": ("honest", None),
    "starters": ("honest", "starter"),
    "smart": ("smart", None),
    "self_enhancer": ("self_enhancer", None),
    "moderate": ("moderate", None),
}


@pytest.mark.parametrize("version", sorted(din.SIMULATED))
def test_the_methodology_pages_figures_agree_with_the_harness(
    version: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bank's figures on the methodology page (assessment/render/din.py, measured with
    `python -m tests.simulate --bank N` on 6,000 + 600 people) agree with this smaller run of the
    same harness on that bank, at the thresholds they were measured at, within three standard
    errors of the smaller sample (plus a point): the page cites the harness, bank by bank."""
    for name, value in din.SIMULATED_AT[version].items():
        monkeypatch.setattr(quality, name, value, raising=False)
    ceiling, gap = din.SIMULATED_AT[version]["SELF_CEILING"], din.SIMULATED_AT[version]["SELF_GAP"]
    outcomes = _outcomes(version)
    for figure, (kind, background) in PAGE_GROUPS.items():
        for form, cited in zip(FORM_IDS, din.SIMULATED[version][figure], strict=True):
            chosen = [
                o
                for o in outcomes
                if o.kind == kind and o.form == form and background in (None, o.background)
            ]
            measured, n = simulate.rate(chosen, ceiling, gap)
            p = cited / 100
            noise = 3 * math.sqrt(max(p * (1 - p), 0.01) / n) + 0.01
            assert abs(measured - p) <= noise, (version, figure, form, measured, cited)
