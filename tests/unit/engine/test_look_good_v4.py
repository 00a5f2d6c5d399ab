"""Rules 4: the consistency notice on the traps ("look_good_answers") and the scatter check that
centres each kind of statement (issue 19 point 4, bank v4).

The statistic: the mean keyed points of the form's plain statements minus those of its traps
(statements whose look-good answer scores lower); the notice fires at quality.LOOK_GOOD_GAP.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    UNSURE,
    Bank,
    Experience,
    FormId,
    KnowledgeItem,
    LikertItem,
    Scenario,
    ValidityItem,
    answer_values,
    offers_unsure,
)
from assessment.engine import quality
from assessment.engine.answers import Answers
from assessment.engine.quality import check_quality, look_good_answers, pooled_spread
from assessment.engine.result import build_result
from assessment.engine.scoring import item_value
from assessment.group.batch import _form_layout, judge_people
from tests import simulate

BANK = load_bank(4)


def keyed_answer(item: LikertItem, keyed: float) -> int:
    """Return the answer of a statement whose keyed value is nearest `keyed` (1–5)."""
    return min(answer_values(item), key=lambda value: abs(item_value(item, value) - keyed))


Keyed = Callable[[LikertItem, int], float | str]


def answers_of(
    keyed: Keyed, form: FormId = "full", background: Experience = "experienced", bank: Bank = BANK
) -> Answers:
    """Return answers to every item of a form: statements by `keyed` (the statement and its
    position among the statements → a keyed value, or UNSURE), situations at a middling option,
    knowledge half right, unlikely virtues and trade-offs modest."""
    responses: dict[str, int | str] = {}
    position = 0
    for index, item in enumerate(bank.form_items(form)):
        answer: int | str
        if isinstance(item, LikertItem):
            value = keyed(item, position)
            position += 1
            answer = value if isinstance(value, str) else keyed_answer(item, value)
        elif isinstance(item, Scenario):
            answer = min(item.options, key=lambda o: abs(o.score - 2)).id
        elif isinstance(item, KnowledgeItem):
            wrong = next(o.id for o in item.options if o.id != item.key)
            answer = item.key if index % 2 else wrong
        elif isinstance(item, ValidityItem):
            answer = 2
        else:
            answer = 3
        responses[item.id] = answer
    return Answers(
        bank_version=bank.version,
        form=form,
        profile="duisburg",
        background=background,
        responses=responses,
    )


def looking_good(item: LikertItem, position: int) -> float:
    """The answer that looks good everywhere, alternating one step so no run of equal answers
    forms: plain statements at the key's top, traps at the key's bottom, balanced in the middle."""
    step = position % 2
    if item.wording == "trap":
        return 1 + step
    return 3 if item.wording == "balanced" else 5 - step


def lenient(item: LikertItem, position: int) -> float:
    """An honest, experienced and lenient person: plain statements a step above the middle and
    sometimes the top, traps a step below it (leniency pulls the two kinds apart a little)."""
    if item.wording == "trap":
        return 2 + position % 2
    return 4 + position % 2 if item.wording is None else 3 + position % 2


def _kinds(answers: Answers) -> list[str]:
    return [flag.kind for flag in check_quality(answers, BANK)]


def test_the_statistic_is_plain_minus_trap_points() -> None:
    """The trap gap is the plain statements' mean keyed value minus the traps', on the 0–100
    scale; balanced statements and can't-judge answers count in neither; the traps named are
    those answered below the middle, lowest first, then in the form's order."""
    rng = random.Random(4)  # noqa: S311 - reproducible test data
    chosen: dict[str, int | str] = {}
    for item in BANK.form_items("full"):
        if isinstance(item, LikertItem):
            options: tuple[int | str, ...] = answer_values(item)
            chosen[item.id] = rng.choice((*options, UNSURE) if offers_unsure(item) else options)
    base = answers_of(lenient)
    answers = base.model_copy(update={"responses": {**base.responses, **chosen}})
    statements = [i for i in BANK.form_items("full") if isinstance(i, LikertItem)]
    scored = {i.id: item_value(i, chosen[i.id]) for i in statements if chosen[i.id] != UNSURE}
    plain = [scored[i.id] for i in statements if i.wording is None and i.id in scored]
    traps = [i for i in statements if i.wording == "trap" and i.id in scored]
    expected = (sum(plain) / len(plain) - sum(scored[i.id] for i in traps) / len(traps)) * 25
    found = look_good_answers(answers, BANK)
    assert found is not None
    gap, named = found
    assert gap == pytest.approx(expected)
    low = sorted((scored[i.id], n) for n, i in enumerate(traps) if scored[i.id] < 3)
    assert named == tuple(traps[n].id for _, n in low)


def test_the_notice_fires_on_answers_that_follow_what_looks_good() -> None:
    """Plain statements at the top and traps at the bottom of their key (the look-good answer
    on both): the notice fires with the gap in points, names every trap (lowest first), and the
    result is self-based and provisional; the self view's own notice does not fire."""
    answers = answers_of(looking_good)
    flags = check_quality(answers, BANK)
    assert [flag.kind for flag in flags] == ["look_good_answers"]
    flag = flags[0]
    traps = [
        i for i in BANK.form_items("full") if isinstance(i, LikertItem) and i.wording == "trap"
    ]
    assert flag.count >= quality.LOOK_GOOD_GAP
    assert set(flag.where) == {i.id for i in traps}
    named = [item_value(BANK.item(i), answers.responses[i]) for i in flag.where]
    assert named == sorted(named)
    result = build_result(answers, BANK)
    assert result.self_based
    assert result.tentative
    assert quality.self_above_evidence(answers, BANK) is None


@pytest.mark.parametrize("form", ["short", "full"])
def test_not_on_an_honest_lenient_experienced_person(form: FormId) -> None:
    answers = answers_of(lenient, form)
    found = look_good_answers(answers, BANK)
    assert found is not None
    assert 0 < found[0] < quality.LOOK_GOOD_GAP
    assert "look_good_answers" not in _kinds(answers)
    assert not build_result(answers, BANK).self_based


def test_not_on_a_starter_answering_cant_judge() -> None:
    """A starter who says "can't judge yet" (or "no occasion") wherever a statement offers it and
    answers the rest leniently gets no notice; with fewer than LOOK_GOOD_MIN_TRAPS traps
    answered there is no verdict at all, however the rest look."""

    def starter(item: LikertItem, position: int) -> float | str:
        return UNSURE if offers_unsure(item) else lenient(item, position)

    answers = answers_of(starter, background="starter")
    assert any(value == UNSURE for value in answers.responses.values())
    assert "look_good_answers" not in _kinds(answers)
    traps = [
        i for i in BANK.form_items("full") if isinstance(i, LikertItem) and i.wording == "trap"
    ]
    kept = {i.id for i in traps[: quality.LOOK_GOOD_MIN_TRAPS - 1]}
    few = answers_of(looking_good, background="starter")
    few = few.model_copy(
        update={
            "responses": {
                k: v
                for k, v in few.responses.items()
                if k in kept or k not in {i.id for i in traps}
            }
        }
    )
    assert look_good_answers(few, BANK) is None
    assert "look_good_answers" not in _kinds(few)


def test_simulated_honest_people_rarely_get_it_and_pole_fakers_always() -> None:
    """On the harness's people (its model, a small sample): no more than a few honest
    experienced people or starters get the notice; every smart faker does."""
    for background in ("experienced", "starter"):
        fired = sum(
            "look_good_answers"
            in _kinds(
                simulate.respond(
                    "honest",
                    simulate.draw_person(BANK, 7, index, background=background),
                    BANK,
                    "full",
                    7,
                )
            )
            for index in range(150)
        )
        assert fired <= 3, background
    for index in range(20):
        faker = simulate.respond("smart", simulate.draw_person(BANK, 7, index), BANK, "short", 7)
        assert "look_good_answers" in _kinds(faker)


def test_rules_3_never_read_the_traps() -> None:
    """Bank v3 has no traps and rules 3 no such notice: the released results stay as they are."""
    v3 = load_bank(3)
    assert not v3.rules.look_good_notice
    assert not v3.rules.scatter_centres_kinds
    answers = answers_of(looking_good, bank=v3)
    assert look_good_answers(answers, v3) is None
    assert "look_good_answers" not in [f.kind for f in check_quality(answers, v3)]


def test_the_scatter_check_centres_each_kind_of_statement() -> None:
    """A lenient person's traps sit below their plain statements by design: under rules 4 the
    spread is taken around each kind's own mean, so the pattern adds nothing to it; uniformly
    random answers still spread as widely as ever and get the scatter notice."""
    answers = answers_of(lenient)
    spread, counted = pooled_spread(answers, BANK)
    assert counted >= quality.SCATTER_MIN_ITEMS
    assert spread < 0.75
    means = quality.kind_means(answers, BANK)
    statements = [i for i in BANK.form_items("full") if isinstance(i, LikertItem)]
    traps = [means[i.id] for i in statements if i.wording == "trap"]
    plain = [means[i.id] for i in statements if i.wording is None and i.scale == "agree"]
    assert len(set(traps)) <= 2  # one mean per kind (and scale)
    assert len(set(plain)) == 1
    rng = random.Random(19)  # noqa: S311 - reproducible test data
    fired = 0
    for _ in range(40):
        noise = answers_of(lambda item, _: item_value(item, rng.choice(answer_values(item))))
        fired += "scatter" in _kinds(noise)
    assert fired >= 36


def test_the_group_view_counts_the_notice_as_the_engine_does() -> None:
    """The group view's batch (assessment/group/batch.py) marks exactly the people whose
    result the engine makes provisional, for the notice on the traps and the centred scatter."""
    people = [
        answers_of(looking_good),
        answers_of(lenient),
        answers_of(lenient, "short"),
        answers_of(looking_good, "short"),
    ]
    rng = random.Random(5)  # noqa: S311 - reproducible test data
    people += [
        answers_of(lambda item, _: item_value(item, rng.choice(answer_values(item))))
        for _ in range(4)
    ]
    for index in range(30):
        person = simulate.draw_person(BANK, 11, index)
        for kind in ("honest", "moderate"):
            people.append(simulate.respond(kind, person, BANK, "full", 11))
    profile = BANK.profiles["duisburg"]
    for form in ("short", "full"):
        _, covered = _form_layout(BANK, form).digits([a for a in people if a.form == form])
        assert all(covered)  # the batch computes them all (no per-person fallback)
    judged = judge_people(people, BANK, profile)
    expected = [bool(check_quality(a, BANK)) for a in people]
    assert [j.tentative for j in judged] == expected
    assert True in expected
    assert False in expected
    assert any("look_good_answers" in _kinds(a) for a in people)
