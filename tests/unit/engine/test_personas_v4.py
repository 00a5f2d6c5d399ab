"""Personas on bank v4 (rules 4): the personas of bank v3 (tests/unit/engine/test_personas_v3.py,
reused, not copied) answering v4's rewritten statements in character.

Honest people answer what is true of them: a statement at their keyed level whatever its wording
(a trap or a balanced statement does not move someone who is not trying to look good), a frequency
statement with the count that level stands for (`frequency_at`), and "keine Gelegenheit" where a
starter would say "Kann ich (noch) nicht einschätzen". People who describe themselves to look good
(the smart, cue-rule and naive fakers, the overconfident starter, the yes-sayer) answer as
tests/simulate.py models them: at the pole that *looks* desirable — against the key on a trap,
the middle on a balanced statement, where nothing looks better (`looking_good`).

Every persona picks items by kind, demand, keying, wording, scale, option score and pole, never by
id.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    UNSURE,
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.engine import quality
from assessment.engine.answers import Answers
from assessment.engine.result import Result, build_result
from assessment.engine.scoring import item_value
from assessment.render.summary import summarize
from tests import simulate
from tests.unit.engine import test_personas_v3 as v3
from tests.unit.engine.test_personas_v3 import (
    CAREER_STARTER,
    FACT_FIRST_EXPERT,
    FAST_EXPERT,
    FIREFIGHTER,
    LOGISTICS_CHANGER,
    MODEST_EXPERT,
    MUNICIPAL_HEAD,
    OVERCONFIDENT_STARTER,
    SECURITY_AUDITOR,
    Persona,
)

BANK = load_bank(4)
DEMANDS = BANK.dimension_ids
Answer = Callable[[Item], int | str]

# Occasions in the twelve months a frequency statement asks about, for a persona: four (the
# model's experienced person's mean), so a keyed level 1–5 stands for acting on 0–4 of them.
OCCASIONS = 4


def frequency_at(item: LikertItem, level: int) -> int | str:
    """Return the frequency answer a keyed level stands for: acting in the keyed way on
    level − 1 of OCCASIONS occasions (the other way for a minus-keyed statement), answered as
    never / once / 2–3 times / more often (tests/simulate.py's FREQUENCY_FROM)."""
    count = level - 1 if item.keying == "plus" else OCCASIONS - (level - 1)
    category = max(i for i, start in enumerate(simulate.FREQUENCY_FROM) if count >= start)
    return simulate.frequency_responses()[category]


def at_level(item: LikertItem, level: int) -> int | str:
    """Return a statement's answer at a keyed level on its own scale."""
    return frequency_at(item, level) if item.scale == "frequency" else v3._keyed(item, level)


def honest(persona: Persona) -> Answer:
    """The persona's own answers (test_personas_v3), a frequency statement as a count."""

    def answer(item: Item) -> int | str:
        if isinstance(item, LikertItem) and not (persona.unsure and item.presumes):
            return at_level(item, persona.says.get(item.dimension, 3))
        return persona.respond(item)

    return answer


def looking_good(base: Answer) -> Answer:
    """Every statement at the pole that looks desirable (against the key on a trap, the middle
    of the scale on a balanced statement: tests/simulate.py's apparent_pole); the rest as `base`."""

    def answer(item: Item) -> int | str:
        if isinstance(item, LikertItem):
            pole = simulate.apparent_pole(item)
            return at_level(item, 3) if pole is None else pole
        return base(item)

    return answer


def answers_of(
    answer: Answer,
    form: FormId = "full",
    profile: ProfileId = "duisburg",
    background: Experience = "experienced",
) -> Answers:
    return Answers(
        bank_version=BANK.version,
        form=form,
        profile=profile,
        background=background,
        responses={item.id: answer(item) for item in BANK.form_items(form)},
    )


def result_of(
    answer: Answer,
    form: FormId = "full",
    profile: ProfileId = "duisburg",
    background: Experience = "experienced",
) -> Result:
    return build_result(answers_of(answer, form, profile, background), BANK)


def bands(result: Result) -> dict[str, str]:
    return {m.dimension: m.band for m in result.match.dimensions}


def flags(result: Result) -> set[str]:
    return {flag.kind for flag in result.quality}


def basis(result: Result) -> dict[str, str | None]:
    return {s.dimension: s.basis for s in result.scores}


def view(result: Result, demand: str, which: str) -> int | None:
    score = next(s for s in result.scores if s.dimension == demand)
    found = score.view(which)  # type: ignore[arg-type]
    return None if found is None else found.score


SMART = looking_good(v3._smart)
CUE = looking_good(v3._cue)
OVERCONFIDENT = looking_good(honest(OVERCONFIDENT_STARTER))


def _naive(item: Item) -> int | str:
    """ "Trifft voll zu" (and "more often") on every statement and virtue; else middling."""
    return simulate.top_answer(item) if isinstance(item, LikertItem) else v3._naive(item)


def _yes(item: Item) -> int | str:
    if isinstance(item, LikertItem):
        return simulate.top_answer(item)
    return "a" if isinstance(item, Scenario | KnowledgeItem) else 5


def _middle(item: Item) -> int | str:
    if isinstance(item, LikertItem) and item.scale == "frequency":
        return simulate.frequency_responses()[1]
    return "b" if isinstance(item, Scenario | KnowledgeItem) else 3


def test_the_bank_has_what_the_personas_answer_in_character() -> None:
    """Bank v4 has traps, balanced and frequency statements in both forms, so the personas below
    answer each kind; an honest persona's frequency answer rises with its level."""
    for form in ("short", "full"):
        statements = [i for i in BANK.form_items(form) if isinstance(i, LikertItem)]
        assert {i.wording for i in statements} == {None, "trap", "balanced"}
        assert any(i.scale == "frequency" for i in statements)
    item = next(i for i in BANK.likert if i.scale == "frequency")
    values = [item_value(item, frequency_at(item, level)) for level in range(1, 6)]
    assert values == sorted(values)
    assert values[0] < values[-1]


# --- people who answer honestly ----------------------------------------------------------------


@pytest.mark.parametrize("form", ["short", "full"])
def test_seasoned_municipal_head_largely_fits_the_administration(form: FormId) -> None:
    """High in every view, honest on traps (answered at the top of the key, as is true of them)
    and on the frequency statements: "passt weitgehend" for the public administration, no
    notice, no development area, no knock-out."""
    result = result_of(honest(MUNICIPAL_HEAD), form, "public")
    assert result.quality == ()
    assert not result.self_based
    assert not result.tentative
    assert result.match.level == "strong"
    assert result.match.development == ()
    assert result.match.knocked_out == ()


def test_firefighter_sees_leadership_and_learning_whatever_the_crisis_nerves() -> None:
    result = result_of(honest(FIREFIGHTER), profile="mittelstand")
    assert bands(result)["crisis"] in ("within", "above")
    assert bands(result)["leadership"] == "below"
    assert "leadership" in result.match.development
    assert "learning" in result.match.development
    assert result.quality == ()


@pytest.mark.parametrize("profile", ["industry", "public", "mittelstand", "duisburg"])
def test_security_auditor_is_capped_by_practicality(profile: ProfileId) -> None:
    result = result_of(honest(SECURITY_AUDITOR), profile=profile)
    assert bands(result)["pragmatism"] == "below"
    assert "pragmatism" in result.match.open_heavy
    assert result.match.level != "strong"
    assert bands(result)["security"] in ("within", "above")
    assert result.quality == ()


def test_buzzword_innovator_rests_on_the_evidence_where_it_contradicts_the_statements() -> None:
    """The statements claim practicality and patience with old systems, the situations and the
    knowledge part say otherwise: practicality is not met and the level is no better than
    "passt teilweise"; no consistency notice (the self view overall is no ceiling)."""
    result = result_of(honest(v3.BUZZWORD_INNOVATOR), profile="public")
    assert view(result, "pragmatism", "situation") == 0
    assert bands(result)["pragmatism"] not in ("within", "above")
    assert "pragmatism" in result.match.open_heavy
    assert result.match.level in ("partial", "gaps")
    assert not result.self_based


@pytest.mark.parametrize("form", ["short", "full"])
def test_career_starter_is_not_marked_weak_for_being_new(form: FormId) -> None:
    """ "Kann ich (noch) nicht einschätzen" and "keine Gelegenheit" where a statement presumes
    experience, "can't say" on knowledge: no notice, no development area; those answers never
    score."""
    answers = answers_of(honest(CAREER_STARTER), form, background="starter")
    frequency = [
        i
        for i in BANK.form_items(form)
        if isinstance(i, LikertItem) and i.scale == "frequency" and i.presumes
    ]
    assert frequency
    assert all(answers.responses[i.id] == UNSURE for i in frequency)
    result = build_result(answers, BANK)
    assert result.quality == ()
    assert not result.self_based
    assert "development" not in {group.key for group in summarize(result, BANK, "de").groups}
    without = answers.model_copy(
        update={
            "responses": {
                k: v
                for k, v in answers.responses.items()
                if not (v == UNSURE and isinstance(BANK.item(k), LikertItem))
            }
        }
    )
    assert [s.score for s in result.scores] == [s.score for s in build_result(without, BANK).scores]


def test_logistics_changer_is_knocked_out_where_the_technique_floor_is_high() -> None:
    result = result_of(honest(LOGISTICS_CHANGER), profile="mittelstand", background="changer")
    assert "foundation" in result.match.knocked_out
    assert result.match.level == "gaps"


# --- experts who describe themselves modestly or decide their own way --------------------------


def test_modest_expert_outscores_the_smart_faker() -> None:
    """A real expert who rates themselves "trifft eher nicht zu" (and did the behaviour once)
    scores above the smart faker in every demand: the traps cost the faker the self view it
    sought, and its situations and knowledge are those of a guesser."""
    modest = result_of(honest(MODEST_EXPERT))
    faker = result_of(SMART)
    assert modest.match.development == ()
    order = ("gaps", "uncertain", "partial", "strong")
    assert order.index(modest.match.level) >= order.index(faker.match.level)
    for own, other in zip(modest.scores, faker.scores, strict=True):
        assert (own.score or 0) > (other.score or 0), own.dimension


@pytest.mark.parametrize("expert", [FACT_FIRST_EXPERT, FAST_EXPERT], ids=["fact-first", "fast"])
def test_both_crisis_poles_can_meet_crisis_resilience(expert: Persona) -> None:
    result = result_of(honest(expert))
    for match in result.comparison.ranking:
        crisis = next(m for m in match.dimensions if m.dimension == "crisis")
        assert crisis.met, match.profile


# --- people who describe themselves to look good -----------------------------------------------


def _trap_points(result: Result) -> float:
    """The keyed mean (0–100) of the trap statements a result's answers give."""
    traps = [
        i
        for i in BANK.form_items(result.answers.form)
        if isinstance(i, LikertItem) and i.wording == "trap"
    ]
    values = [item_value(i, result.answers.responses[i.id]) for i in traps]
    return (sum(values) / len(values) - 1) / 4 * 100


@pytest.mark.parametrize("form", ["short", "full"])
def test_fakers_fall_into_the_traps(form: FormId) -> None:
    """Whoever answers to look good scores the traps at the bottom of the key (0) while an
    honest expert scores them at their level; so on v4 a demand with a trap never gets the
    faker's self view to 100, and its self view overall stays below the consistency notice's
    ceiling that v3's smart faker reached (100)."""
    trapped = {
        i.dimension
        for i in BANK.form_items(form)
        if isinstance(i, LikertItem) and i.wording == "trap"
    }
    assert trapped
    for answer in (SMART, CUE, OVERCONFIDENT):
        result = result_of(answer, form)
        assert _trap_points(result) == 0
        assert all((view(result, d, "self") or 0) < 100 for d in trapped)
        own, _, _ = quality.view_points(result.answers, BANK)
        assert own is not None
        assert own < quality.SELF_CEILING
    assert _trap_points(result_of(honest(MUNICIPAL_HEAD), form)) >= 75


@pytest.mark.parametrize("form", ["short", "full"])
def test_smart_faker_never_reaches_a_good_verdict_and_is_noticed(form: FormId) -> None:
    """The look-good pole on every statement, modest on the virtues, the longest option, guessed
    knowledge: no best fit, never "passt weitgehend", and the result is marked for careful
    reading (a quality notice: its statements contradict each other within a demand)."""
    result = result_of(SMART, form)
    assert result.quality
    assert result.tentative
    assert result.comparison.best is None
    assert result.match.level not in ("strong", "partial")


@pytest.mark.parametrize("form", ["short", "full"])
def test_cue_rule_faker_is_no_better_off_than_by_chance(form: FormId) -> None:
    result = result_of(CUE, form)
    scores = [
        s.option(str(result.answers.responses[s.id])).score
        for s in BANK.form_items(form)
        if isinstance(s, Scenario)
    ]
    assert sum(scores) / len(scores) < 2
    assert result.tentative
    assert result.match.level != "strong"
    assert result.comparison.best is None


@pytest.mark.parametrize("form", ["short", "full"])
def test_overconfident_starter_never_gets_a_good_verdict(form: FormId) -> None:
    """A starter who describes themselves to look good (no "can't judge yet"), decides poorly
    and guesses wrong: never "passt weitgehend" or "passt teilweise", no best fit, and as a
    starter Erfahrungsfelder rather than development areas."""
    result = result_of(OVERCONFIDENT, form, background="starter")
    assert result.match.level not in ("strong", "partial")
    assert result.comparison.best is None
    summary = summarize(result, BANK, "de")
    assert "Entwicklungsfelder" not in [group.heading for group in summary.groups]


def test_naive_faker_is_caught_by_the_validity_checks() -> None:
    result = result_of(_naive)
    assert "unlikely_virtues" in flags(result)
    assert result.tentative
    assert result.comparison.best is None


def test_yes_sayer_gets_notices_and_a_tentative_headline() -> None:
    result = result_of(_yes)
    assert {"long_string", "unlikely_virtues"} <= flags(result)
    assert result.comparison.best is None
    assert summarize(result, BANK, "de").headline.startswith("Vorläufig: ")


@pytest.mark.parametrize("form", ["short", "full"])
def test_random_responders_never_get_a_best_fit(form: FormId) -> None:
    """100 random responders per form, each answer within its item's scale: almost all get a
    notice, none a best fit, none "passt weitgehend"."""
    rng = random.Random(19)  # noqa: S311 - reproducible test data
    noticed = 0
    for _ in range(100):
        responses: dict[str, int | str] = {}
        for item in BANK.form_items(form):
            if isinstance(item, Scenario | KnowledgeItem):
                responses[item.id] = rng.choice("abcd")
            elif isinstance(item, LikertItem) and item.scale == "frequency":
                responses[item.id] = rng.choice(simulate.frequency_responses())
            elif isinstance(item, LikertItem | TradeoffItem | ValidityItem):
                responses[item.id] = rng.randint(1, 5)
        result = build_result(
            Answers(bank_version=4, form=form, background="changer", responses=responses), BANK
        )
        noticed += bool(result.quality)
        assert result.comparison.best is None
        assert result.match.level != "strong"
    assert noticed >= 90


def test_middle_of_the_scale_favours_no_setting() -> None:
    result = result_of(_middle)
    assert result.comparison.best is None
    assert result.match.level != "strong"
    assert not result.self_based
