"""Personas on the released bank v2: each gets the outcome it should, for the reason it should.

A persona answers from a trait level per demand (1 = low … 5 = high), a lean per trade-off axis,
and a way of handling scenarios, validity statements and statements that presume experience.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    UNSURE,
    Experience,
    FormId,
    Item,
    LikertItem,
    ProfileId,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.engine.answers import Answers
from assessment.engine.result import Result, build_result
from assessment.render.summary import summarize

BANK = load_bank(2)


@dataclass(frozen=True)
class Persona:
    """How a kind of person answers the v2 statements, trade-offs, scenarios and virtues."""

    traits: dict[str, int] = field(default_factory=dict)  # missing demands: 3
    lean: int = 3  # 1 = pole a … 5 = pole b on every axis
    scenario: str = "trait"  # "trait": by level; "longest": the longest option text
    virtues: int = 1
    unsure: bool = False  # "can't judge yet" wherever a statement presumes experience
    answer: Callable[[Item], int | str] | None = None  # overrides everything

    def respond(self, item: Item) -> int | str:
        if self.answer is not None:
            return self.answer(item)
        if self.unsure and getattr(item, "presumes", None):
            return UNSURE
        if isinstance(item, ValidityItem):
            return self.virtues
        if isinstance(item, TradeoffItem):
            return self.lean if item.high == "b" else 6 - self.lean
        level = self.traits.get(str(item.dimension), 3)
        if isinstance(item, Scenario):
            if self.scenario == "longest":
                return max(item.options, key=lambda o: len(o.text("de"))).id
            wanted = round((level - 1) * 3 / 4)
            return min(item.options, key=lambda o: (abs(o.score - wanted), -o.score)).id
        assert isinstance(item, LikertItem)
        return level if item.keying == "plus" else 6 - level


def answers_of(
    persona: Persona,
    form: FormId = "full",
    profile: ProfileId = "duisburg",
    background: Experience = "experienced",
) -> Answers:
    return Answers(
        bank_version=2,
        form=form,
        profile=profile,
        background=background,
        responses={item.id: persona.respond(item) for item in BANK.form_items(form)},
    )


def result_of(persona: Persona, **kwargs: object) -> Result:
    return build_result(answers_of(persona, **kwargs), BANK)  # type: ignore[arg-type]


def bands(result: Result) -> dict[str, str]:
    return {m.dimension: m.band for m in result.match.dimensions}


ALL = dict.fromkeys(BANK.dimension_ids, 5)

MUNICIPAL_HEAD = Persona(traits={**ALL, "courage": 4, "motivation": 4}, lean=4)
FIREFIGHTER = Persona(
    traits={
        **dict.fromkeys(BANK.dimension_ids, 4),
        "crisis": 5,
        "resilience": 5,
        "leadership": 1,
        "learning": 2,
    },
    lean=2,
)
SECURITY_AUDITOR = Persona(
    traits={
        **dict.fromkeys(BANK.dimension_ids, 4),
        "security": 5,
        "foundation": 5,
        "pragmatism": 1,
        "courage": 2,
    },
    lean=4,
)
BUZZWORD_INNOVATOR = Persona(
    traits={
        **dict.fromkeys(BANK.dimension_ids, 4),
        "courage": 5,
        "motivation": 5,
        "pragmatism": 1,
        "legacy": 1,
        "budget": 2,
    },
    lean=1,
)
CAREER_STARTER = Persona(
    traits={
        **dict.fromkeys(BANK.dimension_ids, 3),
        "learning": 5,
        "motivation": 5,
        "foundation": 4,
    },
    unsure=True,
)
LOGISTICS_CHANGER = Persona(
    traits={
        **dict.fromkeys(BANK.dimension_ids, 4),
        "crisis": 5,
        "pragmatism": 5,
        "foundation": 1,
        "security": 2,
    },
)


def _faker(item: Item) -> int | str:
    """Agree with every "good" statement, reject every "bad" one, claim every virtue, and pick
    the longest scenario option."""
    if isinstance(item, LikertItem):
        return 5 if item.keying == "plus" else 1
    if isinstance(item, ValidityItem):
        return 5
    if isinstance(item, Scenario):
        return max(item.options, key=lambda o: len(o.text("de"))).id
    return 3


FAKER = Persona(answer=_faker)
YES_SAYER = Persona(answer=lambda item: "a" if isinstance(item, Scenario) else 5)


def test_seasoned_municipal_head_largely_fits_the_administration() -> None:
    """High on every demand, honest about virtues: largely fits public administration, no notice,
    strengths everywhere."""
    result = result_of(MUNICIPAL_HEAD, profile="public")
    assert result.quality == ()
    assert result.match.level == "strong"
    assert result.match.development == ()


def test_firefighter_sees_leadership_first_whatever_the_crisis_nerves() -> None:
    """Excellent in a crisis, weak at leading a team and learning: those are the development
    areas (leadership first, as the weightier gap), crisis is a strength. Both weigh 2, so they
    do not cap the level, but the overall text names them: strengths do not hide them."""
    result = result_of(FIREFIGHTER, profile="mittelstand")
    found = bands(result)
    assert found["crisis"] == "within"
    assert found["leadership"] == "below"
    assert result.match.development[0] == "leadership"
    overall = summarize(result, BANK, "de").overall_text
    if result.match.level == "strong":
        assert "Unter dem Zielbereich bleiben trotzdem: Führung & Strategie" in overall


def test_security_auditor_is_capped_by_practicality() -> None:
    """Security knowledge does not make up for a lack of practicality, a critical demand: the
    overall statement is at most "partly fits" (non-compensatory)."""
    result = result_of(SECURITY_AUDITOR, profile="industry")
    assert bands(result)["pragmatism"] == "below"
    assert result.match.level != "strong"
    assert result.match.capped or result.match.level == "gaps"


def test_buzzword_innovator_sees_practicality_and_legacy_as_development_areas() -> None:
    """Courage and enthusiasm without practicality and patience for legacy systems: the
    Mittelstand names both as development areas, practicality (critical there) capping."""
    result = result_of(BUZZWORD_INNOVATOR, profile="mittelstand")
    assert {"pragmatism", "legacy"} <= set(result.match.development)
    assert result.match.level != "strong"


def test_career_starter_answering_honestly_is_not_marked_weak_for_inexperience() -> None:
    """ "Can't judge yet" on statements that presume experience: no quality notice, no score
    lowered by it, and feedback framed as areas to gain experience with entry-level steps."""
    honest = answers_of(CAREER_STARTER, background="starter")
    assert any(value == UNSURE for value in honest.responses.values())
    result = build_result(honest, BANK)
    assert result.quality == ()
    without = honest.model_copy(
        update={"responses": {k: v for k, v in honest.responses.items() if v != UNSURE}}
    )
    assert [s.score for s in result.scores] == [s.score for s in build_result(without, BANK).scores]
    summary = summarize(result, BANK, "de")
    headings = [group.heading for group in summary.groups]
    assert "Entwicklungsfelder" not in headings
    for group in summary.groups:
        if group.key == "experience":
            for dimension in group.dimensions:
                steps = BANK.dimension(dimension).entry_steps()
                card = next(c for c in summary.cards if c.dimension == dimension)
                assert card.next_steps == tuple(step("de") for step in steps)


def test_career_changer_from_logistics_fits_the_port_best_or_no_clear_winner() -> None:
    """Strong in crisis and practicality, weak on technical foundation and security: the
    technical foundation is a development area; in the port, where security weighs 3, security
    is one too, and the comparison never names the port as the better fit."""
    result = result_of(LOGISTICS_CHANGER, background="changer")
    assert "foundation" in result.match.development
    assert result.comparison.best != "industry"
    industry = next(m for m in result.comparison.ranking if m.profile == "industry")
    assert "security" in industry.development


def test_faker_gets_a_notice_and_no_best_fit() -> None:
    """Agreeing with every good statement, claiming every unlikely virtue and picking the longest
    options: a quality notice, a tentative verdict, no best fit, and the longest options score
    below the keys."""
    result = result_of(FAKER)
    assert "unlikely_virtues" in [f.kind for f in result.quality]
    assert result.tentative
    assert result.comparison.best is None
    chosen = [
        s.option(str(result.answers.responses[s.id])).score
        for s in BANK.scenarios
        if s.id in result.answers.responses
    ]
    assert sum(chosen) < 3 * len(chosen) * 0.75  # the longest option is rarely the key


def test_yes_sayer_gets_notices_and_no_best_fit() -> None:
    """ "Trifft voll zu" everywhere: agreeing with opposites and straight-lining are noticed."""
    result = result_of(YES_SAYER)
    kinds = {f.kind for f in result.quality}
    assert {"agreed_opposites", "long_string", "unlikely_virtues"} <= kinds
    assert result.comparison.best is None
    assert summarize(result, BANK, "de").headline.startswith("Vorläufig: ")


@pytest.mark.parametrize("form", ["short", "full"])
def test_random_responders_never_get_a_best_fit(form: FormId) -> None:
    """200 random responders per form: almost all get a notice, none a best fit."""
    rng = random.Random(11)  # noqa: S311 - reproducible test data
    noticed = 0
    for _ in range(200):
        responses = {
            item.id: rng.choice("abcd") if isinstance(item, Scenario) else rng.randint(1, 5)
            for item in BANK.form_items(form)
        }
        result = build_result(Answers(bank_version=2, form=form, responses=responses), BANK)
        noticed += bool(result.quality)
        assert result.comparison.best is None
    assert noticed >= 190


def test_no_setting_is_favoured_by_a_middle_of_the_scale_pattern() -> None:
    """ "Teils, teils" everywhere, option b: no best fit, and an overall statement no better
    than "partly" anywhere."""
    result = result_of(Persona(answer=lambda i: "b" if isinstance(i, Scenario) else 3))
    assert result.comparison.best is None
