"""A career starter's result in the words of a long-term goal (rules with starter_path, issue 20).

The numbers stay as the engine computed them; only what a starter reads changes: the headline
speaks of the distance to a long-term goal (never of "deutliche Lücken"), an Erfahrungsfeld card
never says "unter dem Zielbereich", and the salary check says that the article gives no figure
for the next step (its 4,200–4,800 € are for a first post as head of IT).
"""

from __future__ import annotations

from assessment.bank.models import Bank
from assessment.engine.result import Result
from assessment.engine.salary import format_euro
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.path import career_path
from assessment.render.summary import DimensionCard, Summary

# The levels whose headline and text a starter reads as the distance to a long-term goal.
GOAL_LEVELS = ("gaps", "partial")
# The bands of an Erfahrungsfeld card that get the goal wording (the band itself is unchanged).
GOAL_BANDS = ("below", "borderline")


def for_starter(summary: Summary, result: Result, bank: Bank) -> Summary:
    """Return the summary with the stations to heading IT and, for a starter, as a starter reads
    it, under rules with starter_path; else unchanged."""
    if not bank.rules.starter_path:
        return summary
    lang, viewer = summary.language, summary.viewer
    update: dict[str, object] = {"path": career_path(result, bank, lang, viewer)}
    if result.answers.background != "starter":
        return summary.model_copy(update=update)
    match = result.match
    if match.level in GOAL_LEVELS:
        headline = voiced(
            f"path.starter_{match.level}_headline", lang, viewer, profile=summary.profile_name
        )
        if summary.tentative:
            headline = msg("v2.tentative_headline", lang, headline=headline)
        update["headline"] = headline
        # Only the level's own sentences change; whatever else the overall text says stays.
        overall = summary.overall_text.replace(
            voiced(f"v2.level_{match.level}_text", lang, viewer),
            voiced(f"path.starter_{match.level}_text", lang, viewer),
        )
        update["overall_text"] = overall.replace(
            msg("v2.level_capped", lang), msg("path.starter_capped", lang)
        )
    elif match.level == "strong" and match.development:
        names = ", ".join(bank.dimension(d).name(lang) for d in match.development)
        update["overall_text"] = summary.overall_text.replace(
            voiced("v2.level_strong_but", lang, viewer, names=names),
            msg("path.starter_strong_but", lang, names=names),
        )
    experience = {d for g in summary.groups if g.key == "experience" for d in g.dimensions}
    update["cards"] = tuple(
        _goal_card(card, lang, viewer) if card.dimension in experience else card
        for card in summary.cards
    )
    update["comparison"] = tuple(
        line.model_copy(update={"level_label": msg("path.starter_level_gaps", lang)})
        if line.level_label == msg("level.gaps", lang)
        else line
        for line in summary.comparison
    )
    check = result.salary
    if check is not None and summary.salary_lines:
        lines = list(summary.salary_lines)
        if check.expected is not None and check.position is not None:
            # The article's entry range is for a first post as head of IT: a starter's own
            # expectation is not compared with it (UX pass: "below the range" read as advice).
            position = msg(
                f"v2.salary_position_{check.position}",
                lang,
                expected=format_euro(check.expected, lang),
                low=format_euro(check.low, lang),
                high=format_euro(check.high, lang),
            )
            lines = [
                msg(
                    "path.starter_salary_expected", lang, expected=format_euro(check.expected, lang)
                )
                if line == position
                else line
                for line in lines
            ]
        update["salary_lines"] = (msg("path.starter_salary", lang), *lines)
    return summary.model_copy(update=update)


def _goal_card(card: DimensionCard, lang: Language, viewer: Viewer) -> DimensionCard:
    if card.band not in GOAL_BANDS:
        return card
    return card.model_copy(
        update={
            "band_label": msg("v2.band_experience", lang),
            "verdict": voiced(
                "path.starter_verdict",
                lang,
                viewer,
                low=card.low,
                high=card.high,
                error=card.uncertainty or 0,
            ),
        }
    )
