"""Issue 15, point 7: a setting's level reads the same in the headline and in its comparison row,
and the overall texts say where things are on the page truthfully."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import SETTING_IDS
from assessment.engine.result import build_result
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg
from assessment.render.summary import summarize
from tests.personas import random_answers

FIT_LEVELS = ("strong", "partial", "gaps")


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_headline_and_comparison_row_agree_for_each_setting(version: int, lang: Language) -> None:
    """Chosen as the setting, its headline is the level of its own comparison row, and a fit
    level's headline uses the row's very words ("passt teilweise", "deutliche Lücken")."""
    bank = load_bank(version)
    seen = set()
    for answers in random_answers(bank, 25, seed=70, answered_share=1.0):
        for setting in SETTING_IDS:
            chosen = answers.model_copy(update={"profile": setting})
            result = build_result(chosen, bank)
            summary = summarize(result, bank, lang)
            row = next(line for line in summary.comparison if line.profile == setting)
            level = result.match.level
            assert row.level_label == msg(f"level.{level}", lang)
            name = bank.profiles[setting].name(lang)
            assert msg(f"level.{level}_headline", lang, profile=name) in summary.headline
            if level in FIT_LEVELS:
                assert row.level_label in summary.headline
            assert row.met_text.startswith(summary.met_text.split(",")[0])
            seen.add(level)
    assert len(seen & set(FIT_LEVELS)) >= 2


def test_comparison_states_its_one_rule_where_counts_alone_would_mislead() -> None:
    """Same count of demands met, different levels across settings: the comparison says why."""
    bank = load_bank(1)
    for answers in random_answers(bank, 60, seed=71, answered_share=1.0):
        result = build_result(answers, bank)
        rows = result.comparison.ranking
        pairs = [(a, b) for a in rows for b in rows if a.met == b.met and a.level != b.level]
        if pairs:
            summary = summarize(result, bank, "de")
            assert summary.comparison_rule == msg("comparison.rule", "de")
            assert "nach ihrem Gewicht" in summary.comparison_rule
            return
    pytest.fail("no answers with equal counts but different levels")


def test_no_overall_text_claims_the_development_areas_come_first() -> None:
    """The chart (and, with the setting open, the comparison) come before the cards: no level
    text says the development areas stand at the top."""
    for key in ("level.partial_text", "other.level.partial_text"):
        assert "oben" not in msg(key, "de")
        assert "come first" not in msg(key, "en")
        assert "unten" in msg(key, "de")
        assert "below" in msg(key, "en")
