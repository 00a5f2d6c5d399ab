"""A career starter's result under rules 3 (issue 20): the headline speaks of the distance to a
long-term goal, never of "deutliche Lücken"; Erfahrungsfeld cards never say "unter dem
Zielbereich"; the salary check says that the article has no figure for the next step. Banks v1
and v2 keep their wording."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, PROFILE_IDS, Experience, FormId, ProfileId
from assessment.bank.rules import RULES
from assessment.engine.result import Result, build_result
from assessment.i18n import Language, Viewer
from assessment.messages import msg
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import Summary, summarize
from assessment.render.text import render_text
from tests.banks import PERSONAS, _answers
from tests.unit.render.test_path import _pdf_text

GAPS = {"de": "deutliche Lücken", "en": "clear gaps"}
BELOW = {"de": "unter dem Zielbereich", "en": "below the target range"}
GOAL = {"de": "langfristiges Ziel", "en": "long-term goal"}
NO_FIGURE = {"de": "nennt keine Zahl für Ihren nächsten Schritt", "en": "no figure for your next"}


def _result(
    version: int,
    persona: str,
    background: Experience,
    profile: ProfileId = "public",
    form: FormId = "full",
    salary: int | None = None,
) -> Result:
    bank = load_bank(version)
    answers = _answers(bank, persona, form, profile, background)
    return build_result(answers, bank, background if salary else None, salary)


def _experience_cards(summary: Summary) -> list[str]:
    members = {d for g in summary.groups if g.key == "experience" for d in g.dimensions}
    return [f"{c.band_label} {c.verdict}" for c in summary.cards if c.dimension in members]


def test_only_rules_3_ask_for_the_starter_path() -> None:
    assert [v for v, rules in RULES.items() if rules.starter_path] == [v for v in RULES if v >= 3]


@pytest.mark.parametrize("viewer", ["self", "other"])
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("form", FORM_IDS)
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_a_starters_result_never_speaks_of_clear_gaps_or_below_the_band_on_experience_cards(
    persona: str, form: FormId, lang: Language, viewer: Viewer
) -> None:
    bank = load_bank(3)
    for profile in PROFILE_IDS:
        result = _result(3, persona, "starter", profile, form)
        summary = summarize(result, bank, lang, viewer)
        assert GAPS[lang] not in summary.headline
        assert GAPS[lang] not in summary.overall_text
        assert all(line.level_label != msg("level.gaps", lang) for line in summary.comparison)
        for card in _experience_cards(summary):
            assert BELOW[lang] not in card
        if result.match.level in ("gaps", "partial"):
            assert GOAL[lang] in summary.headline


def test_the_weak_starter_reads_a_long_term_goal_on_every_surface() -> None:
    """The weak persona's level is "gaps": page text, CLI text and PDF say the goal instead."""
    bank = load_bank(3)
    result = _result(3, "weak", "starter", "public", "short")
    assert result.match.level == "gaps"
    summary = summarize(result, bank, "de")
    assert summary.headline.startswith("Die IT-Leitung im Umfeld „Öffentliche Verwaltung“ ist")
    assert _experience_cards(summary)
    text = render_text(result, bank, "de")
    assert GAPS["de"] not in text.split("Vergleich der Umfelder")[0]
    assert GOAL["de"] in text
    pdf = _pdf_text(build_pdf(result, bank, "de", "https://example.org/?r=x"))
    assert "ist für Sie ein langfristiges Ziel" in pdf


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_salary_check_tells_a_starter_the_article_has_no_figure_for_the_next_step(
    lang: Language,
) -> None:
    bank = load_bank(3)
    starter = summarize(_result(3, "middling", "starter", salary=3500), bank, lang)
    assert NO_FIGURE[lang] in starter.salary_lines[0]
    assert any("4.200" in line or "4,200" in line for line in starter.salary_lines)
    changer = summarize(_result(3, "middling", "changer", salary=3500), bank, lang)
    assert all(NO_FIGURE[lang] not in line for line in changer.salary_lines)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_bank_v2_starters_keep_their_wording(lang: Language) -> None:
    """Bank v2 is released: its starter still reads the v2 headline and salary lines."""
    bank = load_bank(2)
    result = _result(2, "weak", "starter", "public", "full", salary=3500)
    summary = summarize(result, bank, lang)
    assert summary.headline == msg(
        f"level.{result.match.level}_headline", lang, profile=summary.profile_name
    ) or summary.headline.startswith(msg("v2.tentative_headline", lang, headline="")[:5])
    assert all(NO_FIGURE[lang] not in line for line in summary.salary_lines)
    assert summary.path is None
    assert all(GOAL[lang] != line.level_label for line in summary.comparison)


def test_a_starters_overall_text_keeps_no_below_the_band_wording() -> None:
    """The level sentences that speak of "unter dem Zielbereich" or development areas are
    replaced, whatever else the overall text holds, for every persona and form."""
    bank = load_bank(3)
    for persona in sorted(PERSONAS):
        for form in FORM_IDS:
            result = _result(3, persona, "starter", "public", form)
            summary = summarize(result, bank, "de")
            assert BELOW["de"] not in summary.overall_text
            assert "Entwicklungsfeldern" not in summary.overall_text


def test_a_strong_starter_with_a_demand_below_reads_it_as_an_area_to_gain_experience() -> None:
    """Level "strong" with a lighter demand below its band: the sentence names it as an
    Erfahrungsfeld, not as a development area below the band (hand-made match)."""
    bank = load_bank(3)
    result = _result(3, "strong", "starter", "public", "full")
    dimension = next(m for m in result.match.dimensions if m.weight < 3)
    match = result.match.model_copy(
        update={"level": "strong", "development": (dimension.dimension,)}
    )
    result = result.model_copy(update={"match": match})
    summary = summarize(result, bank, "de")
    name = bank.dimension(dimension.dimension).name("de")
    assert f"Noch Erfahrungsfelder: {name}" in summary.overall_text
    assert BELOW["de"] not in summary.overall_text
