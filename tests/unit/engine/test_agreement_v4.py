"""Rules 4: the agreement check ("agreed_all", "rejected_all"; ux5 pass finding 3).

A person who agrees (or disagrees) with nearly all agreement statements of both keyings gets a
notice of its own; the scatter notice, which would call the same answers random, is left out.
"""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    UNSURE,
    Bank,
    FormId,
    KnowledgeItem,
    LikertItem,
    Scenario,
    ValidityItem,
    answer_values,
)
from assessment.engine import quality
from assessment.engine.answers import Answers
from assessment.engine.quality import agreement_style, check_quality
from assessment.engine.result import build_result
from assessment.group.batch import _form_layout, judge_people
from tests import simulate

BANK = load_bank(4)


def same_answer(
    agree: int, form: FormId = "full", bank: Bank = BANK, frequency: int | str = 4
) -> Answers:
    """Return the answers of someone who clicks the same agreement answer everywhere ("öfter"
    on frequency statements by default), the first option of every situation and knowledge
    question and the middle of every trade-off; unlikely virtues like the statements."""
    responses: dict[str, int | str] = {}
    for item in bank.form_items(form):
        answer: int | str
        if isinstance(item, LikertItem):
            answer = frequency if item.scale == "frequency" else agree
        elif isinstance(item, ValidityItem):
            answer = agree
        elif isinstance(item, Scenario | KnowledgeItem):
            answer = item.options[0].id
        else:
            answer = 3
        responses[item.id] = answer
    return Answers(
        bank_version=bank.version,
        form=form,
        profile="duisburg",
        background="experienced",
        responses=responses,
    )


def _kinds(answers: Answers, bank: Bank = BANK) -> list[str]:
    return [flag.kind for flag in check_quality(answers, bank)]


@pytest.mark.parametrize("form", ["short", "full"])
@pytest.mark.parametrize(("agree", "kind"), [(5, "agreed_all"), (4, "agreed_all")])
def test_a_yes_sayer_gets_the_agreement_notice_not_the_scatter_one(
    form: FormId, agree: int, kind: str
) -> None:
    """ "Trifft voll zu" (or "trifft eher zu") and "öfter" everywhere: the agreement notice, never
    the notice that calls the answers random (they are anything but)."""
    answers = same_answer(agree, form)
    kinds = _kinds(answers)
    assert kind in kinds
    assert "scatter" not in kinds
    if agree == 5:  # without the agreement check these answers would be called scattered
        spread, counted = quality.pooled_spread(answers, BANK)
        assert counted >= quality.SCATTER_MIN_ITEMS
        assert spread >= quality.SCATTER_MIN_SD
    plan = quality.quality_plan(BANK, form)
    flag = next(f for f in check_quality(answers, BANK) if f.kind == kind)
    assert flag.count == len(plan.agree_plus) + len(plan.agree_minus)
    assert build_result(answers, BANK).tentative


@pytest.mark.parametrize("form", ["short", "full"])
@pytest.mark.parametrize("frequency", [1, 4, UNSURE])
def test_a_nay_sayer_gets_the_mirror_notice(form: FormId, frequency: int | str) -> None:
    """ "Trifft gar nicht zu" everywhere (whatever the frequency answers): "rejected_all"."""
    answers = same_answer(1, form, frequency=frequency)
    kinds = _kinds(answers)
    assert "rejected_all" in kinds
    assert "agreed_all" not in kinds
    assert "scatter" not in kinds


def test_the_middle_answer_everywhere_is_neither() -> None:
    """ "Teils, teils" everywhere agrees with nothing and rejects nothing."""
    assert agreement_style(same_answer(3), BANK) is None


def test_the_threshold_is_a_share_of_each_keying() -> None:
    """Agreeing with all plus-keyed statements but too few minus-keyed ones is a consistent
    (favourable) self-description, not agreement in every direction; at the share it fires."""
    plan = quality.quality_plan(BANK, "full")
    minus = plan.agree_minus
    needed = -(-quality.AGREEMENT_SHARE * len(minus) // 1)  # ceil
    for agreed, fires in ((int(needed) - 1, False), (int(needed), True)):
        responses = dict(same_answer(5).responses)
        for position, item_id in enumerate(minus):
            responses[item_id] = 5 if position < agreed else 2
        answers = same_answer(5).model_copy(update={"responses": responses})
        assert (agreement_style(answers, BANK) is not None) is fires


def test_too_few_answered_statements_of_one_keying_say_nothing() -> None:
    """With fewer than AGREEMENT_MIN_EACH minus-keyed statements answered (the rest "can't judge
    yet" or unanswered) the check stays silent."""
    plan = quality.quality_plan(BANK, "full")
    responses = dict(same_answer(5).responses)
    for item_id in plan.agree_minus[quality.AGREEMENT_MIN_EACH - 1 :]:
        del responses[item_id]
    answers = same_answer(5).model_copy(update={"responses": responses})
    assert agreement_style(answers, BANK) is None


@pytest.mark.parametrize("form", ["short", "full"])
def test_simulated_honest_people_rarely_get_it(form: FormId) -> None:
    """The simulation's honest people (with its acquiescence and extreme responders) get the
    notice within the limit of 1 % overall and for starters (measured: at most 0.3 %)."""
    people = [simulate.draw_person(BANK, 2026, index) for index in range(800)]
    answers = [simulate.respond("honest", person, BANK, form, 2026) for person in people]
    fired = [agreement_style(a, BANK) is not None for a in answers]
    starters = [f for f, p in zip(fired, people, strict=True) if p.background == "starter"]
    assert sum(fired) <= 0.01 * len(fired)
    assert sum(starters) <= max(1, 0.01 * len(starters))
    yes_sayers = [simulate.respond("yes_sayer", p, BANK, form, 2026) for p in people[:50]]
    assert all(agreement_style(a, BANK) == ("agreed_all", _count(a)) for a in yes_sayers)


def _count(answers: Answers) -> int:
    plan = quality.quality_plan(BANK, answers.form)
    return sum(
        isinstance(answers.responses.get(i), int) for i in (*plan.agree_plus, *plan.agree_minus)
    )


def test_rules_3_have_no_agreement_check() -> None:
    """Bank v3 (rules 3) never reads it: the yes-sayer keeps the rules-3 notices."""
    v3 = load_bank(3)
    assert not v3.rules.agreement_check
    kinds = _kinds(same_answer(5, bank=v3), v3)
    assert "agreed_all" not in kinds
    assert "rejected_all" not in kinds
    assert "agreed_all" not in _kinds(same_answer(1, bank=v3), v3)


def test_the_group_view_counts_it_as_the_engine_does() -> None:
    """The group view's batch marks exactly the people the engine makes provisional: yes- and
    nay-sayers on both forms, honest simulated people and their yes-saying twins."""
    people = [same_answer(a, form) for a in (1, 3, 4, 5) for form in ("short", "full")]
    plan = quality.quality_plan(BANK, "full")
    assert plan.agree_plus
    # only the agreement check fires (no run, no virtues): alternate 4 and 5, virtues low
    responses: dict[str, int | str] = dict(same_answer(5).responses)
    statements = [i for i in BANK.form_items("full") if isinstance(i, LikertItem)]
    for position, item in enumerate(statements):
        responses[item.id] = (3 if item.scale == "frequency" else 4) + position % 2
    for item_id, _ in plan.virtues:
        responses[item_id] = 1
    knowledge = [i for i in BANK.form_items("full") if isinstance(i, KnowledgeItem)]
    for position, question in enumerate(knowledge):
        responses[question.id] = question.options[position % 2].id
    alone = same_answer(5).model_copy(update={"responses": responses})
    assert {f.kind for f in check_quality(alone, BANK)} == {"agreed_all"}
    people.append(alone)
    for index in range(20):
        person = simulate.draw_person(BANK, 11, index)
        for kind in ("honest", "yes_sayer"):
            people.append(simulate.respond(kind, person, BANK, "full", 11))
    profile = BANK.profiles["duisburg"]
    for form in ("short", "full"):
        _, covered = _form_layout(BANK, form).digits([a for a in people if a.form == form])
        assert all(covered)
    judged = judge_people(people, BANK, profile)
    assert [j.tentative for j in judged] == [bool(check_quality(a, BANK)) for a in people]


def test_every_agreement_statement_is_counted_once() -> None:
    """The check reads agreement statements only: never a frequency statement or a virtue."""
    for form in ("short", "full"):
        plan = quality.quality_plan(BANK, form)
        ids = (*plan.agree_plus, *plan.agree_minus)
        assert len(set(ids)) == len(ids)
        for item_id in ids:
            item = BANK.item(item_id)
            assert isinstance(item, LikertItem)
            assert item.scale == "agree"
            assert answer_values(item) == (1, 2, 3, 4, 5)
