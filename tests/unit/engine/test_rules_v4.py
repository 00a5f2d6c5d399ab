"""Rules 4 (bank v4, issue 19; questions/drafts/v4/NOTES.md): the self view is compared with each
evidence view on its own, evidence views weigh by the answers they rest on (at most three), the
self view as the lightest of them at most and only up to their 95 % upper bound, a single answer
never sets the self view aside, and a verdict's firm answers are those of every view that agrees
with it. Faking must pay no more than under rules 3 (test_faking_pays_no_more_than_under_rules_3).

Bank v4 is written in parallel, so these tests score bank v3's content under rules 4 (the same
bank with its rules replaced) next to bank v3 as released: each finding holds under rules 3 (the
released behaviour, pinned in test_pinned_v3.py) and is closed under rules 4, but for the lone
"can't say" on the short form, left as rules 3 have it so that faking does not pay more.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.bank.load import load_bank
from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    PROFILE_IDS,
    UNSURE,
    Bank,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    View,
)
from assessment.bank.rules import RULES
from assessment.engine.answers import Answers
from assessment.engine.matching import band_v2, firm_answers, match_profile
from assessment.engine.result import build_result
from assessment.engine.scoring import (
    DISAGREEMENT_Z,
    FULL_VIEW_ANSWERS,
    MIN_OUTVOTING_ANSWERS,
    DimensionScore,
    ViewPoints,
    ViewScore,
    combine_views,
    score_answers,
)
from tests.personas import random_answers

# A person's answer to an item of one demand; None leaves it unanswered.
Chooser = Callable[[Item], int | str | None]


@pytest.fixture(scope="module")
def v3() -> Bank:
    return load_bank(3)


@pytest.fixture(scope="module")
def r4(v3: Bank) -> Bank:
    """Bank v3's content scored by rules 4 (what bank v4 names)."""
    return v3.model_copy(update={"rules": RULES[4]})


def _keyed(item: LikertItem, level: int) -> int:
    return level if item.keying == "plus" else LIKERT_MAX + LIKERT_MIN - level


def _option(item: Scenario, score: int) -> str:
    return next(option.id for option in item.options if option.score == score)


def _wrong(item: KnowledgeItem) -> str:
    return next(option.id for option in item.options if option.id != item.key)


def _demand(levels: tuple[int, ...], situation: int | None, knowledge: str | None) -> Chooser:
    """The statements of one demand at keyed levels in turn, its situations at one option score,
    its knowledge items "right", "wrong" or "unsure" (None: unanswered)."""
    count = {"n": 0}

    def choose(item: Item) -> int | str | None:
        if isinstance(item, LikertItem):
            level = levels[count["n"] % len(levels)]
            count["n"] += 1
            return _keyed(item, level)
        if isinstance(item, Scenario):
            return None if situation is None else _option(item, situation)
        if isinstance(item, KnowledgeItem):
            if knowledge is None:
                return None
            return {"right": item.key, "wrong": _wrong(item), "unsure": UNSURE}[knowledge]
        return 3

    return choose


def _answers(
    bank: Bank,
    dimension: str,
    choose: Chooser,
    form: FormId = "short",
    profile: ProfileId = "duisburg",
) -> Answers:
    """Answers to every item of a form: the demand by `choose`, every other item in the middle
    (statements 3, situations at option score 1, knowledge "can't say")."""
    middle = _demand((3,), 1, "unsure")
    responses: dict[str, int | str] = {}
    for item in bank.form_items(form):
        value = choose(item) if item.dimension == dimension else middle(item)
        if value is not None:
            responses[item.id] = value
    return Answers(bank_version=bank.version, form=form, profile=profile, responses=responses)


def _score(bank: Bank, answers: Answers, dimension: str) -> DimensionScore:
    return next(s for s in score_answers(answers, bank) if s.dimension == dimension)


def _short_demand(bank: Bank, knowledge: bool) -> str:
    """A short-form demand with one situation and one knowledge item (counting for duisburg),
    or with one situation and none."""
    for dimension in bank.dimension_ids:
        items = bank.form_items_of("short", dimension)
        known = [i for i in items if isinstance(i, KnowledgeItem) and i.counts_for("duisburg")]
        situations = [i for i in items if isinstance(i, Scenario)]
        if len(situations) == 1 and len(known) == (1 if knowledge else 0):
            return dimension
    raise AssertionError("no such short-form demand")


# --- the findings of questions/drafts/v4/NOTES.md -------------------------------------------


def test_one_situation_no_longer_outvotes_three_statements(v3: Bank, r4: Bank) -> None:
    """Self 75 on three statements, one situation at 0: rules 3 read the demand 0 (the
    situation alone); rules 4 keep the self view, but it weighs as the lone situation does and
    counts only up to the situation's 95 % upper bound (0 + 1.96 × 25 = 49): (49 + 0) / 2."""
    dimension = _short_demand(v3, knowledge=False)
    answers = _answers(v3, dimension, _demand((4,), 0, None))
    before, after = _score(v3, answers, dimension), _score(r4, answers, dimension)
    assert (before.view("self").score, before.view("situation").score) == (75, 0)  # type: ignore[union-attr]
    assert (before.score, before.basis) == (0, "evidence")
    assert after.basis == "combined"
    assert after.score == 25  # (min(75, 0 + 1.96 × 25) + 0) / 2 = 24.5, half up
    assert after.scored_answers == 4


def test_a_self_view_equal_to_the_situations_is_kept(v3: Bank, r4: Bank) -> None:
    """Self 100, situation 100, one knowledge item wrong: rules 3 drop the self view against the
    mean (50) and read 50; under rules 4 the situation agrees with the self view, so it counts –
    as one view among three, and only up to the evidence's 95 % upper bound (50 + 1.96 × 17.7 =
    84.6), so that a self-description at the ceiling does not buy the verdict: 62."""
    dimension = _short_demand(v3, knowledge=True)
    answers = _answers(v3, dimension, _demand((5,), 3, "wrong"))
    before, after = _score(v3, answers, dimension), _score(r4, answers, dimension)
    assert (before.score, before.basis) == (50, "evidence")
    assert after.basis == "combined"
    assert after.differing == ("knowledge",)
    bound = 50 + DISAGREEMENT_Z * (25**2 + 25**2) ** 0.5 / 2
    assert after.score == round((bound + 100 + 0) / 3)  # 62


def test_a_single_cant_say_weighs_as_in_rules_3_on_the_short_form(v3: Bank, r4: Bank) -> None:
    """Left open on purpose (faking resistance first): self 67, situation 67, one knowledge item
    "Kann ich nicht sagen" (scored 0, as invited) read 44 under both rules on the short form.
    Weighing the lone item less than the three statements would let the statements outweigh the
    situation and the knowledge item again, and on the short form faking then pays about twice
    as often (questions/drafts/v4/NOTES.md "Rules 4: the combine rule chosen"). Under rules 4
    the self view weighs as the lightest evidence view at most, so here all three weigh alike."""
    dimension = _short_demand(v3, knowledge=True)
    answers = _answers(v3, dimension, _demand((4, 4, 3), 2, "unsure"))
    before, after = _score(v3, answers, dimension), _score(r4, answers, dimension)
    assert [v.score for v in before.views] == [67, 67, 0]
    assert before.score == after.score == 44
    assert after.basis == "combined"


def test_a_lone_knowledge_item_moves_a_full_form_requirement_less(v3: Bank, r4: Bank) -> None:
    """Full form, three situations and a single knowledge item answered "can't say": rules 3
    weigh the item as a third of the requirement, rules 4 as a fifth (situations 3, self view 1
    as the lightest evidence view, the item 1)."""
    dimension = next(
        d
        for d in v3.dimension_ids
        if sum(
            isinstance(i, KnowledgeItem) and i.counts_for("duisburg")
            for i in v3.form_items_of("full", d)
        )
        == 1
    )
    answers = _answers(v3, dimension, _demand((4, 4, 3), 2, "unsure"), form="full")
    without = _answers(v3, dimension, _demand((4, 4, 3), 2, None), form="full")
    after = _score(r4, answers, dimension)
    own, situation, knowledge = (after.view(v) for v in ("self", "situation", "knowledge"))
    assert own is not None
    assert situation is not None
    assert knowledge is not None
    assert (knowledge.score, knowledge.scored, situation.scored) == (0, 1, 3)
    assert after.basis == "combined"
    assert after.score == round((own.score + 3 * situation.score) / 5)  # type: ignore[operator]
    moved = {
        rules: (_score(bank, without, dimension).score or 0)
        - (_score(bank, answers, dimension).score or 0)
        for rules, bank in ((3, v3), (4, r4))
    }
    assert 0 < moved[4] < moved[3]


def test_a_set_aside_self_view_that_agrees_keeps_below_firm(v3: Bank, r4: Bank) -> None:
    """Short form, self 58 (below the range from 60), the situation and the knowledge item at 0:
    both rules set the self view aside; rules 3 then count the two evidence answers only and
    read "vorläufig"; rules 4 count the self view's three answers too, since it agrees that the
    demand lies below its range, and read "below"."""
    dimension = _short_demand(v3, knowledge=True)
    target = v3.profiles["duisburg"].targets[dimension]
    answers = _answers(v3, dimension, _demand((3, 3, 4), 0, "wrong"))
    before, after = _score(v3, answers, dimension), _score(r4, answers, dimension)
    assert before.view("self").score == 58 < target.low  # type: ignore[union-attr]
    assert before.basis == after.basis == "evidence"
    bands = {
        rules: next(
            m.band
            for m in match_profile(
                score_answers(answers, bank), bank.profiles["duisburg"], bank.rules
            ).dimensions
            if m.dimension == dimension
        )
        for rules, bank in ((3, v3), (4, r4))
    }
    assert bands == {3: "provisional", 4: "below"}
    assert firm_answers(after, target, "below") == 5


def test_a_verdict_counts_only_the_views_on_its_side(r4: Bank) -> None:
    """A score within the range from a self view below it (three answers) and a lone situation
    within it (one answer) rests firmly on one answer only: "vorläufig", though the score rests
    on four (rules 3 would call it within)."""
    target = r4.profiles["duisburg"].targets["crisis"]
    score = DimensionScore(
        dimension="crisis",
        score=70,
        uncertainty=5,
        answered=4,
        total=4,
        basis="combined",
        scored_answers=4,
        views=(_shown("self", 40, 3), _shown("situation", 100, 1)),
    )
    assert target.low <= 70 <= target.high
    assert target.low > 40
    assert firm_answers(score, target, "within") == 1
    assert firm_answers(score, target, "below") == 3
    assert band_v2(score, target, 1.96, 4) == ("within", 0)  # rules 3
    assert band_v2(score, target, 1.96, 4, agreeing=True) == ("provisional", 0)


def _shown(view: View, score: int, scored: int) -> ViewScore:
    return ViewScore(
        view=view, score=score, uncertainty=10, answered=scored, total=scored, scored=scored
    )


def test_the_full_form_weighs_views_of_three_answers_or_more_alike(v3: Bank, r4: Bank) -> None:
    """On the full form every view of three answers or more weighs alike, as in rules 3: a demand
    whose views agree reads the same under both rules."""
    dimension = next(
        d
        for d in v3.dimension_ids
        if sum(
            isinstance(i, KnowledgeItem) and i.counts_for("duisburg")
            for i in v3.form_items_of("full", d)
        )
        >= FULL_VIEW_ANSWERS
    )
    answers = _answers(v3, dimension, _demand((4, 3), 2, "right"), form="full")
    before, after = _score(v3, answers, dimension), _score(r4, answers, dimension)
    assert before.basis == after.basis == "combined"
    assert (before.score, before.uncertainty) == (after.score, after.uncertainty)


def test_rules_3_stay_as_released(v3: Bank) -> None:
    """Bank v3 names rules 3, and rules 3 combine as released (no per-view comparison)."""
    assert v3.rules is RULES[3]
    assert not RULES[3].per_view_disagreement
    assert RULES[4].per_view_disagreement


# --- properties -------------------------------------------------------------------------------


@st.composite
def _views(draw: st.DrawFn) -> list[ViewPoints]:
    """A demand's views that count: a self view (mostly) and up to two evidence views, each with
    a score, a standard error no smaller than the assumed spread gives, and 1–8 answers."""
    views = []
    for view in ("self", "situation", "knowledge"):
        if not draw(st.booleans()) and view != "self":
            continue
        if view == "self" and draw(st.integers(0, 9)) == 0:
            continue
        count = draw(st.integers(1, 8))
        floor = 25 / count**0.5
        views.append(
            ViewPoints(
                view=view,
                points=draw(st.floats(0, 100)),
                error=draw(st.floats(floor, 60)),
                count=count,
                given=count,
                unsure=0,
                total=count,
            )
        )
    return views


@settings(max_examples=400)
@given(views=_views())
def test_the_score_lies_between_the_lowest_and_highest_counting_view(
    views: list[ViewPoints],
) -> None:
    combined = combine_views(views, per_view=True)
    if not views:
        assert combined is None
        return
    assert combined is not None
    points = [v.points or 0.0 for v in views]
    assert min(points) - 1e-9 <= combined[0] <= max(points) + 1e-9


@settings(max_examples=400)
@given(views=_views())
def test_no_single_item_sets_the_self_view_aside(views: list[ViewPoints]) -> None:
    """Where the self view is set aside, every evidence view lies beyond the uncertainty on one
    side of it and they rest on two answers or more together; a lone answer never does it."""
    combined = combine_views(views, per_view=True)
    if combined is None or combined[2] != "evidence":
        return
    own = next(v for v in views if v.view == "self")
    evidence = [v for v in views if v.view != "self"]
    assert sum(v.count for v in evidence) >= MIN_OUTVOTING_ANSWERS >= 2
    sides = set()
    for view in evidence:
        difference = (view.points or 0.0) - (own.points or 0.0)
        joint = ((own.error or 0.0) ** 2 + (view.error or 0.0) ** 2) ** 0.5
        assert abs(difference) > DISAGREEMENT_Z * joint
        sides.add(difference > 0)
    assert len(sides) == 1


@settings(max_examples=200)
@given(
    own=st.floats(0, 100),
    own_count=st.integers(1, 8),
    other=st.floats(0, 100),
    view=st.sampled_from(["situation", "knowledge"]),
)
def test_a_lone_answer_never_outvotes_the_self_view(
    own: float, own_count: int, other: float, view: View
) -> None:
    """One evidence view of one answer, however far from the self view, never sets it aside."""
    views = [
        ViewPoints("self", own, 25 / own_count**0.5, own_count, own_count, 0, own_count),
        ViewPoints(view, other, 25.0, 1, 1, 0, 1),
    ]
    combined = combine_views(views, per_view=True)
    assert combined is not None
    assert combined[2] == "combined"


@pytest.mark.parametrize("form", ["short", "full"])
def test_scored_people_lie_between_their_views(r4: Bank, form: FormId) -> None:
    """Three hundred random people of each setting: every demand's score under rules 4 lies
    between the lowest and the highest of its views that count, and no demand is set aside by
    evidence resting on a single answer."""
    people = [
        p.model_copy(update={"profile": profile})
        for profile in PROFILE_IDS
        for p in random_answers(r4, 75, seed=4, answered_share=0.9, form=form)
    ]
    assert people
    for person in people:
        for score in score_answers(person, r4):
            shown = [v.score for v in score.views if v.score is not None]
            if score.score is None:
                continue
            assert min(shown) <= score.score <= max(shown)
            if score.basis == "evidence":
                assert sum(v.scored for v in score.views if v.view != "self") >= 2


def test_results_build_under_rules_4(r4: Bank) -> None:
    """A whole result under rules 4: every demand's band is firm only on agreeing answers."""
    for person in random_answers(r4, 40, seed=44, answered_share=0.9):
        result = build_result(person, r4)
        targets = r4.profiles[person.profile].targets
        for match, score in zip(result.match.dimensions, result.scores, strict=True):
            if match.band in ("below", "within", "above"):
                assert firm_answers(score, targets[score.dimension], match.band) >= (
                    r4.rules.min_firm_answers
                )


# --- faking resistance: rules 4 pay no more for faking than rules 3 -------------------------

# Faker kinds and forms guarded, people per kind and form, and the slack in percentage points (a
# sample this small: the 600-per-kind run in questions/drafts/v4/NOTES.md is the measurement).
GUARDED_KINDS = ("smart", "moderate", "cue_rule", "self_enhancer")
GUARD_PEOPLE = 30
GUARD_SLACK = 5.0


def _better_share(bank: Bank, kind: str, form: FormId) -> float:
    """Return the share (%) of a kind's fakers whose overall verdict beats their honest twin's,
    every setting (tests.simulate.twin_payoffs, the people of seed 2026)."""
    from tests.simulate import draw_person, twin_payoffs

    payoffs = [
        payoff
        for index in range(7000, 7000 + GUARD_PEOPLE)
        for payoff in twin_payoffs(
            kind,  # type: ignore[arg-type]
            draw_person(bank, 2026, index),
            bank,
            form,
            2026,
        )
    ]
    return 100 * sum(p.better for p in payoffs) / len(payoffs)


@pytest.mark.parametrize("form", ["short", "full"])
@pytest.mark.parametrize("kind", GUARDED_KINDS)
def test_faking_pays_no_more_than_under_rules_3(
    v3: Bank, r4: Bank, kind: str, form: FormId
) -> None:
    """Issue 19's point: describing oneself well must not buy the verdict. On the same simulated
    fakers and their honest twins, rules 4 give a better verdict than the twin's no more often
    than rules 3 do (a few points of slack for the small sample). Rules 4 as first built – the
    self view weighing by its three statements – failed this for smart fakers on the short form
    (about 67 % against 11 %)."""
    assert _better_share(r4, kind, form) <= _better_share(v3, kind, form) + GUARD_SLACK
