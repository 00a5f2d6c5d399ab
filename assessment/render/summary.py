"""The result in words, in one language: the texts that the page, the PDF and the CLI all show.

Bank v1 results keep their v1 wording. From rules 2 on, verdicts are verbal and carry their
uncertainty, feedback follows the background, and the comparison names a better fit only when
the evidence allows it.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import SETTING_IDS, Bank, Experience, Scenario, Support, Target
from assessment.bank.pagination import numbers_within_kind
from assessment.bank.rules import RulesField
from assessment.engine.matching import (
    AxisMatch,
    DimensionMatch,
    ProfileMatch,
    demand_marks,
    supporting_answers,
    weighted_gap,
)
from assessment.engine.result import Result
from assessment.engine.salary import format_euro
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.brief import Brief, with_brief
from assessment.render.extra import extra_notes
from assessment.render.fit import FitView, fit_view
from assessment.render.leans import LeanSection, lean_section
from assessment.render.path import PathView
from assessment.render.retake import revised_note
from assessment.render.review import scenario_label
from assessment.render.views import (
    CONSISTENCY_FLAGS,
    KnowledgeReview,
    ViewCell,
    basis_text,
    consistency_notice,
    consistency_tentative,
    knowledge_reviews,
    rests_on,
    self_based_overall,
    view_cells,
    view_labels,
)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class DimensionCard(_Frozen):
    """What the result says about one dimension."""

    dimension: str
    name: str
    definition: str
    band: str
    band_label: str
    score: int | None
    low: int
    high: int
    weight: int
    gap: int
    score_text: str
    verdict: str
    answered_text: str
    anchor_quote: str
    anchor_text: str = Field(description="The quote as shown: German, in en with a rendering")
    why: str
    rationale: str
    competence: str | None
    next_steps: tuple[str, ...]
    strength: str | None
    uncertainty: int | None = None
    support: str | None = Field(default=None, description="What the target band rests on")
    axis_text: str | None = Field(default=None, description="Position on the trade-off axis")
    views: tuple[ViewCell, ...] = Field(
        default=(), description="Rules 3: Selbstbild, Situationsurteil, Wissen (and colleagues)"
    )
    basis: str | None = Field(default=None, description="Rules 3: what the verdict rests on")


def article_quote(quote: str, rendering: str | None, lang: Language) -> str:
    """Return the article's words in quotation marks; on English pages with the bank's English
    rendering beside them, marked as our translation (the quote itself stays German)."""
    if lang == "en" and rendering:
        return msg("quote.translated", lang, quote=quote, translation=rendering)
    return msg("quote.article", lang, quote=quote)


class CardGroup(_Frozen):
    """A heading of the result page and the dimensions shown under it, in order."""

    key: str
    heading: str
    intro: str | None = None
    dimensions: tuple[str, ...]


class OptionReview(_Frozen):
    """One scenario option after the result: its rating and why."""

    option: str
    text: str
    score: int
    rationale: str
    chosen: bool


class ScenarioReview(_Frozen):
    """A scenario with every option's rating and rationale, shown only after the result."""

    item: str
    dimension: str
    situation: str
    options: tuple[OptionReview, ...]
    # "Situation 3 von 12 · Krisenmanagement · Ihre Wahl: b – gut vertretbar (3 von 3)": the
    # number the question page showed, the topic and the rating of the choice (render/review.py).
    label: str


class ComparisonLine(_Frozen):
    """One setting in the comparison across settings."""

    profile: str
    name: str
    met_text: str
    level_label: str
    gaps: tuple[str, ...]
    best: bool


class Summary(_Frozen):
    """The complete result text in one language."""

    language: Language
    viewer: Viewer = Field(default="self", description="Who reads it: the person or someone else")
    profile_name: str
    form_name: str
    headline: str
    met_text: str
    overall_text: str
    caveat: str
    answered_text: str
    cards: tuple[DimensionCard, ...]
    development: tuple[str, ...]
    strengths: tuple[str, ...]
    quality_notices: tuple[str, ...]
    salary_lines: tuple[str, ...]
    comparison_text: str
    comparison: tuple[ComparisonLine, ...]
    comparison_rule: str = Field(description="How a row's assessment follows from its weights")
    path: PathView | None = Field(default=None, description="Stationen bis zur IT-Leitung")
    bank_version: int
    rules: RulesField = Field(description="The rules the result was scored and worded by")
    tentative: bool = False
    groups: tuple[CardGroup, ...] = ()
    axes_intro: str | None = None
    scenarios: tuple[ScenarioReview, ...] = ()
    view_labels: tuple[str, ...] = Field(default=(), description="Rules 3: the views' headings")
    rests_on: str | None = Field(default=None, description="Rules 3: what the verdict rests on")
    consistency: str | None = Field(default=None, description="Rules 3: the consistency notice")
    knowledge: tuple[KnowledgeReview, ...] = Field(
        default=(), description="Rules 3: the knowledge questions with answers and sources"
    )
    leans: LeanSection | None = Field(
        default=None, description="Rules 3: the clear leans, in place of the axes' lines"
    )
    brief: Brief | None = Field(default=None, description="The one-screen summary (issue 22)")
    fit: FitView | None = Field(
        default=None, description="Rules with preferences: the setting fit (render/fit.py)"
    )
    extra_note: str | None = Field(
        default=None,
        description="How many extra answers the result includes and what they changed; said "
        "once under the summary on every surface, not among the notes on response quality",
    )


def _card(
    match: DimensionMatch,
    answered: int,
    total: int,
    bank: Bank,
    profile: str,
    lang: Language,
    viewer: Viewer,
) -> DimensionCard:
    dimension = bank.dimension(match.dimension)
    target = bank.profiles[profile].targets[match.dimension]  # type: ignore[index]
    band_text = {
        "below": msg("band.below_verdict", lang, gap=match.gap, low=match.low, high=match.high),
        "within": msg("band.within_verdict", lang, low=match.low, high=match.high),
        "above": msg("band.above_verdict", lang, gap=match.gap, low=match.low, high=match.high),
        "unknown": msg("band.unknown_verdict", lang, answered=answered, total=total),
    }[match.band]
    return DimensionCard(
        dimension=match.dimension,
        name=dimension.name(lang),
        definition=about_the_role(dimension.definition(lang), lang, viewer),
        band=match.band,
        band_label=msg(f"band.{match.band}", lang),
        score=match.score,
        low=match.low,
        high=match.high,
        weight=match.weight,
        gap=match.gap,
        score_text=(
            msg("score.value", lang, score=match.score)
            if match.score is not None
            else msg("score.none", lang)
        ),
        verdict=band_text,
        answered_text=msg("score.answered", lang, answered=answered, total=total),
        anchor_quote=dimension.anchor.quote,
        anchor_text=article_quote(dimension.anchor.quote, dimension.anchor.quote_en, lang),
        why=about_the_role(dimension.anchor.implication(lang), lang, viewer),
        rationale=about_the_role(target.rationale(lang), lang, viewer),
        competence=(
            f"e-CF {dimension.ecf.code} {dimension.ecf.name(lang)}" if dimension.ecf else None
        ),
        next_steps=(
            tuple(step(lang) for step in dimension.next_steps)
            if match.band in ("below", "unknown")
            else ()
        ),
        strength=_strength(dimension.strength(lang), match.met, viewer),
    )


# Second-person words: formal German "Sie/Ihr…" (the bank writes to the person formally and uses
# "man" for anyone), English "you". A sentence of the bank's prose about the role that holds one
# speaks to the person ("Ob Sie dabei viel abgeben …"); someone else reading a shared result is
# shown the text without it. The bank is released and stays as it is: this is a rendering.
# No role text of banks v1/v2 opens a sentence with "Sie" for "they"; tests/unit/test_viewer.py
# lists every sentence left out, so a new one is looked at, not lost silently.
SECOND_PERSON: dict[Language, re.Pattern[str]] = {
    "de": re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b"),
    "en": re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE),
}
# English phrases of the banks' role texts in which "you" means "one" (German says "man" there):
# they speak to nobody in particular and stay, so that no sentence about the role is lost.
GENERIC_YOU = (
    "blow up in your face",
    "risks yourself",
    "weeks in which you mostly put out fires",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][“”\"])\s+")


def addresses_the_person(text: str, lang: Language) -> bool:
    """Return whether a text speaks to the person ("Sie", "you"), generic "you" aside."""
    if lang == "en":
        for phrase in GENERIC_YOU:
            text = text.replace(phrase, "")
    return SECOND_PERSON[lang].search(text) is not None


def about_the_role(text: str, lang: Language, viewer: Viewer) -> str:
    """Return a bank text about the role as its reader needs it: whole for the person, without
    the sentences that speak to the person for anyone else."""
    if viewer == "self":
        return text
    sentences = _SENTENCE_END.split(text)
    return " ".join(s for s in sentences if not addresses_the_person(s, lang))


def _strength(text: str, met: bool, viewer: Viewer) -> str | None:
    """Return a met demand's strength text; the bank words it to the person, so someone else
    reading a shared result sees the demand under "Stärken" without it."""
    return text if met and viewer == "self" else None


def common_gaps(summary: Summary) -> tuple[str, ...] | None:
    """Return the open points when every setting of the comparison has the same ones (then a
    surface says them once, not once per setting), else None."""
    gaps = {line.gaps for line in summary.comparison}
    if len(summary.comparison) < 2 or len(gaps) != 1:
        return None
    shared = next(iter(gaps))
    return shared or None


def open_points(match: ProfileMatch, bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return what keeps a setting from fitting fully: dimensions below the band, most urgent
    first, then those above a band that is capped because too much of it is a risk there."""
    above = sorted(
        (m for m in match.dimensions if m.band == "above"), key=lambda m: (-m.priority, m.dimension)
    )
    return (
        *(bank.dimension(d).name(lang) for d in match.development),
        *(f"{bank.dimension(m.dimension).name(lang)} ({msg('band.above', lang)})" for m in above),
        *(
            f"{bank.dimension(d).name(lang)} ({msg('v2.band_borderline', lang)})"
            for d in match.borderline
        ),
    )


def _comparison_line(match: ProfileMatch, bank: Bank, best: bool, lang: Language) -> ComparisonLine:
    return ComparisonLine(
        profile=match.profile,
        name=bank.profiles[match.profile].name(lang),
        met_text=msg("overall.met", lang, met=match.met, scored=match.scored),
        level_label=msg(f"level.{match.level}", lang),
        gaps=open_points(match, bank, lang),
        best=best,
    )


def _answered_text(result: Result, bank: Bank, lang: Language) -> str:
    """Return "72 of 72 questions answered", with the working conditions answered beside the
    scored questions where the bank asks them (the start page counts both: 86 = 72 + 14), and
    the extra questions answered after the short form beside them, not inside the form's count
    (the questionnaire counts the form's questions; usability verify pass n3)."""
    extra = len(result.extra)
    answered, total = result.answered - extra, result.total - extra
    conditions = sum(item.id in result.answers.responses for item in bank.asked_preferences())
    if conditions and extra:
        return msg(
            "minors22.count.with_conditions_and_extra",
            lang,
            answered=answered,
            total=total,
            count=conditions,
            extra=extra,
        )
    if extra:
        return msg("minors22.count.with_extra", lang, answered=answered, total=total, extra=extra)
    if conditions:
        return msg(
            "answered.with_conditions", lang, answered=answered, total=total, count=conditions
        )
    return msg("overall.answered", lang, answered=answered, total=total)


def summarize(result: Result, bank: Bank, lang: Language, viewer: Viewer = "self") -> Summary:
    """Return the result's texts in one language, for the person themselves ("self") or for
    someone they shared it with ("other": about the person, in the third person), with the
    one-screen summary on top (render/brief.py)."""
    if viewer == "other":
        result = result.model_copy(update={"salary": None})  # never shown to anyone else
    return with_brief(_summarize(result, bank, lang, viewer), result, bank)


def _summarize(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> Summary:
    if viewer == "other":
        result = result.model_copy(update={"salary": None})  # never shown to anyone else
    if bank.rules.honest_verdicts:
        from assessment.render.starter import for_starter

        return for_starter(_summarize_v2(result, bank, lang, viewer), result, bank)
    match = result.match
    profile = bank.profiles[match.profile]
    counts = {s.dimension: (s.answered, s.total) for s in result.scores}
    by_id = {m.dimension: m for m in match.dimensions}
    order = [
        *match.development,
        *match.strengths,
        *(m.dimension for m in match.dimensions if m.band == "unknown"),
    ]
    cards = tuple(
        _card(by_id[d], *counts[d], bank=bank, profile=match.profile, lang=lang, viewer=viewer)
        for d in order
    )
    comparison = result.comparison
    if comparison.best is None:
        comparison_text = msg("comparison.none", lang)
    else:
        best = next(m for m in comparison.ranking if m.profile == comparison.best)
        names = [bank.profiles[p].name(lang) for p in (comparison.best, *comparison.tied)]
        key = "comparison.tied" if comparison.tied else "comparison.best"
        comparison_text = voiced(
            key,
            lang,
            viewer,
            names=" / ".join(names),
            met=best.met,
            scored=best.scored,
            gaps=", ".join(open_points(best, bank, lang)) or msg("comparison.no_gaps", lang),
        )
    salary_lines: list[str] = []
    if result.salary is not None:
        check = result.salary
        salary_lines.append(
            msg(
                f"salary.range_{'experienced' if check.experience == 'experienced' else 'entry'}",
                lang,
                low=format_euro(check.low, lang),
                high=format_euro(check.high, lang),
            )
        )
        if check.expected is not None and check.position is not None:
            salary_lines.append(
                msg(
                    f"salary.position_{check.position}",
                    lang,
                    expected=format_euro(check.expected, lang),
                )
            )
        salary_lines.append(bank.salary.sector_notes[check.profile](lang))
    return Summary(
        language=lang,
        viewer=viewer,
        profile_name=profile.name(lang),
        form_name=bank.forms[result.answers.form].name(lang),
        headline=voiced(f"level.{match.level}_headline", lang, viewer, profile=profile.name(lang)),
        met_text=msg("overall.met", lang, met=match.met, scored=match.scored),
        overall_text=voiced(f"level.{match.level}_text", lang, viewer),
        caveat=voiced("caveat", lang, viewer),
        answered_text=_answered_text(result, bank, lang),
        cards=cards,
        development=tuple(bank.dimension(d).name(lang) for d in match.development),
        strengths=tuple(bank.dimension(d).name(lang) for d in match.strengths),
        quality_notices=tuple(
            voiced(f"quality.{flag.kind}", lang, viewer, count=flag.count)
            for flag in result.quality
        ),
        salary_lines=tuple(salary_lines),
        comparison_text=comparison_text,
        comparison_rule=msg("comparison.rule", lang),
        comparison=tuple(
            _comparison_line(m, bank, m.profile == comparison.best, lang)
            for m in comparison.ranking
        ),
        bank_version=result.bank_version,
        rules=bank.rules,
        groups=_groups_v1(cards, lang),
        scenarios=scenario_reviews(result, bank, lang, viewer),
        view_labels=view_labels(lang) if bank.rules.views_apart else (),
        rests_on=rests_on(result, bank, lang, viewer),
        consistency=consistency_notice(result, bank, lang, viewer),
        knowledge=knowledge_reviews(result, bank, lang, viewer)
        if bank.rules.knowledge_part
        else (),
        leans=lean_section(result, bank, lang, viewer),
        fit=fit_view(result, bank, lang, viewer),
    )


def _groups_v1(cards: tuple[DimensionCard, ...], lang: Language) -> tuple[CardGroup, ...]:
    groups = (
        ("development", "ui.result.development_heading", ("below",)),
        ("strengths", "ui.result.strengths_heading", ("within", "above")),
        ("unscored", "ui.result.unscored_heading", ("unknown",)),
    )
    return tuple(
        CardGroup(key=key, heading=msg(heading, lang), dimensions=members)
        for key, heading, bands in groups
        if (members := tuple(c.dimension for c in cards if c.band in bands))
    )


def scenario_reviews(
    result: Result, bank: Bank, lang: Language, viewer: Viewer = "self"
) -> tuple[ScenarioReview, ...]:
    """Return every answered scenario with all options rated and explained (after the result)."""
    reviews = []
    numbers = numbers_within_kind(bank, result.answers.form)
    for item in bank.form_items(result.answers.form):
        if not isinstance(item, Scenario) or item.id not in result.answers.responses:
            continue
        chosen = result.answers.responses[item.id]
        reviews.append(
            ScenarioReview(
                item=item.id,
                dimension=item.dimension,
                situation=item.situation(lang),
                label=scenario_label(item, str(chosen), numbers[item.id], bank, lang, viewer),
                options=tuple(
                    OptionReview(
                        option=option.id,
                        text=option.text(lang),
                        score=option.score,
                        rationale=option.rationale(lang),
                        chosen=option.id == chosen,
                    )
                    for option in item.options
                ),
            )
        )
    return tuple(reviews)


# --- rules 2 -------------------------------------------------------------------------------


def support_text(support: Support | None, lang: Language) -> str | None:
    """Return what a profile figure rests on, in words: the article's words or a named source."""
    if support is None:
        return None
    note = f" {support.note(lang)}" if support.note else ""
    if support.source is not None:
        return msg("v2.support_source", lang, source=support.source.cite()) + note
    quote = article_quote(support.quote or "", support.quote_en, lang)
    return msg("v2.support_quote", lang, quote=quote) + note


def _lean(position: int, error: int, poles: tuple[str, str], lang: Language) -> str:
    if position + error < 50:
        return msg("v2.axis_lean", lang, pole=poles[0])
    if position - error > 50:
        return msg("v2.axis_lean", lang, pole=poles[1])
    return msg("v2.axis_between", lang, a=poles[0], b=poles[1])


def _axis_text(
    axis: AxisMatch | None, bank: Bank, profile_id: str, lang: Language, viewer: Viewer
) -> str | None:
    """Return where the person stands on the dimension's axis and what the setting prefers."""
    if axis is None or axis.position is None:
        return None
    dimension = bank.dimension(axis.dimension)
    if dimension.axis is None:  # pragma: no cover - a position exists only where the axis does
        return None
    poles = (dimension.axis.a(lang), dimension.axis.b(lang))
    text = voiced(
        "v2.axis_position",
        lang,
        viewer,
        lean=_lean(axis.position, axis.uncertainty or 0, poles, lang),
        position=axis.position,
        error=axis.uncertainty or 0,
    )
    target = bank.profiles[profile_id].axes.get(axis.dimension)  # type: ignore[index]
    if target is not None:
        preferred = _lean((target.low + target.high) // 2, 0, poles, lang)
        text += " " + voiced(
            f"v2.axis_fit_{axis.fit}",
            lang,
            viewer,
            preferred=preferred,
            why=about_the_role(target.rationale(lang), lang, viewer),
            support=support_text(target.support, lang) or "",
        )
    elif profile_id == "duisburg":
        others = [
            bank.profiles[pid].name(lang)
            for pid in SETTING_IDS
            if axis.dimension in bank.profiles[pid].axes
        ]
        if others:
            text += " " + msg("v2.axis_settings_differ", lang, settings=", ".join(others))
    else:
        text += " " + msg("v2.axis_open", lang)
    return text


def verdict_range(score: int, uncertainty: int, z: float) -> tuple[int, int]:
    """Return the range the band decision used (score ± z standard errors, matching.band_v2),
    rounded inwards so that it crosses a band edge exactly when the decision says it does."""
    error = z * uncertainty
    return max(0, math.ceil(score - error)), min(100, math.floor(score + error))


def _verdict_v2(
    match: DimensionMatch,
    answered: int,
    unsure: int,
    total: int,
    lang: Language,
    viewer: Viewer,
    z: float = 1.0,
) -> str:
    error = match.uncertainty or 0
    if match.band == "experience":
        return voiced("v2.verdict_experience", lang, viewer, unsure=unsure, total=total)
    if match.band == "unknown":
        return msg("band.unknown_verdict", lang, answered=answered, total=total)
    if z != 1.0 and match.score is not None:
        # Rules 3 decide on the 95 % range (z = 1.96), not on the "±" of the score (one standard
        # error): the sentence names that range, so a reader can check it against the edge.
        lower, upper = verdict_range(match.score, error, z)
        return voiced(
            f"v3.verdict_{match.band}",
            lang,
            viewer,
            low=match.low,
            high=match.high,
            lower=lower,
            upper=upper,
        )
    return voiced(
        f"v2.verdict_{match.band}", lang, viewer, low=match.low, high=match.high, error=error
    )


def _steps_v2(
    match: DimensionMatch, bank: Bank, background: Experience | None, lang: Language
) -> tuple[str, ...]:
    dimension = bank.dimension(match.dimension)
    if match.band == "experience":
        return tuple(step(lang) for step in dimension.entry_steps())
    if match.band in ("below", "borderline", "provisional", "unknown"):
        return tuple(step(lang) for step in dimension.steps_for(background))
    return ()


def _card_v2(
    match: DimensionMatch,
    result: Result,
    axis: AxisMatch | None,
    bank: Bank,
    profile_id: str,
    lang: Language,
    viewer: Viewer,
) -> DimensionCard:
    dimension = bank.dimension(match.dimension)
    score = next(s for s in result.scores if s.dimension == match.dimension)
    target: Target = bank.profiles[profile_id].targets[match.dimension]  # type: ignore[index]
    return DimensionCard(
        dimension=match.dimension,
        name=dimension.name(lang),
        definition=about_the_role(dimension.definition(lang), lang, viewer),
        band=match.band,
        band_label=msg(f"v2.band_{match.band}", lang),
        score=match.score,
        low=match.low,
        high=match.high,
        weight=match.weight,
        gap=match.gap,
        score_text=(
            msg("v2.score_value", lang, score=match.score, error=match.uncertainty or 0)
            if match.score is not None
            else msg("score.none", lang)
        ),
        verdict=(
            voiced(
                "rules4.basis.verdict_provisional"
                if bank.rules.per_view_disagreement
                else "v2.verdict_provisional",
                lang,
                viewer,
                scored=supporting_answers(score, target, bank.rules),
                minimum=bank.rules.min_firm_answers,
                low=match.low,
                high=match.high,
            )
            if match.band == "provisional"
            else _verdict_v2(
                match,
                score.answered,
                score.unsure,
                score.total,
                lang,
                viewer,
                bank.rules.borderline_z,
            )
        ),
        answered_text=msg(
            "v2.score_answered",
            lang,
            scored=score.answered - score.unsure,
            unsure=score.unsure,
            total=score.total,
        ),
        anchor_quote=dimension.anchor.quote,
        anchor_text=article_quote(dimension.anchor.quote, dimension.anchor.quote_en, lang),
        why=about_the_role(dimension.anchor.implication(lang), lang, viewer),
        rationale=about_the_role(target.rationale(lang), lang, viewer),
        competence=(
            f"e-CF {dimension.ecf.code} {dimension.ecf.name(lang)}" if dimension.ecf else None
        ),
        next_steps=_steps_v2(match, bank, result.answers.background, lang),
        strength=_strength(dimension.strength(lang), match.met, viewer),
        uncertainty=match.uncertainty,
        support=support_text(target.support, lang),
        axis_text=None
        if bank.rules.lean_texts
        else _axis_text(axis, bank, profile_id, lang, viewer),
        views=view_cells(score, lang) if bank.rules.views_apart else (),
        basis=(
            basis_text(score, lang, viewer, bank.rules.per_view_disagreement)
            if bank.rules.views_apart
            else None
        ),
    )


def _groups_v2(
    match: ProfileMatch, background: Experience | None, bank: Bank, lang: Language, viewer: Viewer
) -> tuple[CardGroup, ...]:
    """Return the result's sections: starters see areas to gain experience, others development."""
    marks = demand_marks(match, background, bank.rules)
    groups = (
        ("development", marks.development),
        ("experience", marks.experience),
        ("borderline", marks.borderline),
        ("provisional", marks.provisional),
        ("strengths", marks.strengths),
        ("unscored", marks.unscored),
    )
    suffix = "_starter" if background == "starter" else ""
    # Issue 22: people experienced in IT but not yet leading read the development steps as steps
    # they can take from their present post.
    own = {"experience": suffix}
    if bank.rules.specialist_background and background == "specialist":
        own["development"] = "_specialist"
    intros = {key: f"v2.group_{key}_intro{own.get(key, '')}" for key, _ in groups}
    if bank.rules.per_view_disagreement:  # rules 4: too few answers point the verdict's way
        intros["provisional"] = "rules4.basis.group_provisional_intro"
    return tuple(
        CardGroup(
            key=key,
            heading=msg(f"v2.group_{key}", lang),
            intro=voiced(intros[key], lang, viewer),
            dimensions=tuple(members),
        )
        for key, members in groups
        if members
    )


def _met_text_v2(match: ProfileMatch, lang: Language) -> str:
    parts = [msg("overall.met", lang, met=match.met, scored=match.scored)]
    if match.borderline:
        parts.append(msg("v2.met_borderline", lang, count=len(match.borderline)))
    if match.experience:
        parts.append(msg("v2.met_experience", lang, count=len(match.experience)))
    return ", ".join(parts)


def _quality_notices_v2(result: Result, lang: Language, viewer: Viewer) -> tuple[str, ...]:
    """Return the quality notices; unlikely virtues beside scattered answers are read as a sign
    of careless answering, never as "a very favourable picture". The consistency notice (rules
    3) is not about the quality of the answers: the summary says it on its own."""
    scattered = any(flag.kind == "scatter" for flag in result.quality)
    return tuple(
        voiced(
            "quality.unlikely_virtues_scattered"
            if scattered and flag.kind == "unlikely_virtues"
            else f"quality.{flag.kind}",
            lang,
            viewer,
            count=flag.count,
        )
        for flag in result.quality
        if flag.kind not in CONSISTENCY_FLAGS
    )


def _retake_notes(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> tuple[str, ...]:
    """Return the retake notice (rules 3), among the notes on the answers on every surface."""
    note = revised_note(result, bank, lang, viewer)
    return () if note is None else (note,)


def distances_identical(result: Result, bank: Bank) -> bool:
    """Return whether the scores lie exactly equally far from every setting's bands."""
    gaps = {
        weighted_gap(result.scores, bank.profiles[m.profile]) for m in result.comparison.ranking
    }
    return len(gaps) == 1


def _comparison_text_v2(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> str:
    comparison = result.comparison
    head = comparison.ranking[0]
    if comparison.tentative:
        return msg("v2.comparison_tentative", lang)
    if head.level in ("insufficient", "experience"):
        return msg("comparison.none", lang)
    if all(m.level == "uncertain" for m in comparison.ranking):
        return voiced("v2.comparison_uncertain", lang, viewer)
    differences = ", ".join(bank.dimension(d).name(lang) for d in comparison.differences)
    if comparison.best is None:
        return voiced(
            "v2.comparison_identical"
            if distances_identical(result, bank)
            else "v2.comparison_unclear",
            lang,
            viewer,
            differences=differences or msg("comparison.no_gaps", lang),
        )
    best = next(m for m in comparison.ranking if m.profile == comparison.best)
    return voiced(
        "v2.comparison_best",
        lang,
        viewer,
        name=bank.profiles[comparison.best].name(lang),
        gaps=", ".join(open_points(best, bank, lang)) or msg("comparison.no_gaps", lang),
    )


def _salary_lines_v2(result: Result, bank: Bank, lang: Language) -> tuple[str, ...]:
    check = result.salary
    if check is None:
        return ()
    kind = "experienced" if check.experience == "experienced" else "entry"
    span = bank.salary.experienced if kind == "experienced" else bank.salary.entry
    quote = article_quote(span.quote, span.quote_en, lang)
    lines = [msg(f"v2.salary_range_{kind}", lang, quote=quote), msg("v2.salary_reading", lang)]
    if bank.rules.specialist_background and check.experience in ("changer", "specialist"):
        # Issue 22: a first lead role after another field or after years in IT, in words.
        lines.append(msg(f"v2.salary_{check.experience}", lang))
    if check.expected is not None and check.position is not None:
        lines.append(
            msg(
                f"v2.salary_position_{check.position}",
                lang,
                expected=format_euro(check.expected, lang),
                low=format_euro(check.low, lang),
                high=format_euro(check.high, lang),
            )
        )
    lines.append(bank.salary.sector_notes[check.profile](lang))
    return tuple(lines)


def _summarize_v2(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> Summary:
    match = result.match
    profile = bank.profiles[match.profile]
    axes = {a.dimension: a for a in match.axes}
    by_id = {m.dimension: m for m in match.dimensions}
    background = result.answers.background
    groups = _groups_v2(match, background, bank, lang, viewer)
    order = [d for group in groups for d in group.dimensions]
    cards = tuple(
        _card_v2(by_id[d], result, axes.get(d), bank, match.profile, lang, viewer) for d in order
    )
    comparison = result.comparison
    headline = voiced(f"level.{match.level}_headline", lang, viewer, profile=profile.name(lang))
    overall = voiced(f"v2.level_{match.level}_text", lang, viewer)
    if match.level == "strong" and match.development:
        names = ", ".join(bank.dimension(d).name(lang) for d in match.development)
        overall += " " + voiced("v2.level_strong_but", lang, viewer, names=names)
    if match.capped:
        overall += " " + msg("v2.level_capped", lang)
    if result.tentative:
        headline = msg("v2.tentative_headline", lang, headline=headline)
        # Only the consistency notice (rules 3): not a note on response quality.
        only_consistency = all(flag.kind in CONSISTENCY_FLAGS for flag in result.quality)
        overall += " " + (
            consistency_tentative(result, lang, viewer)
            if only_consistency
            else msg("v2.tentative_text", lang)
        )
        carried = self_based_overall(result, bank, lang, viewer)
        if carried:
            overall += " " + carried
    return Summary(
        language=lang,
        viewer=viewer,
        profile_name=profile.name(lang),
        form_name=bank.forms[result.answers.form].name(lang),
        headline=headline,
        met_text=_met_text_v2(match, lang),
        overall_text=overall,
        caveat=voiced("v2.caveat", lang, viewer),
        answered_text=_answered_text(result, bank, lang),
        cards=cards,
        development=tuple(bank.dimension(d).name(lang) for d in match.development),
        strengths=tuple(bank.dimension(d).name(lang) for d in match.strengths),
        quality_notices=_quality_notices_v2(result, lang, viewer)
        + _retake_notes(result, bank, lang, viewer),
        extra_note=next(iter(extra_notes(result, bank, lang)), None),
        salary_lines=_salary_lines_v2(result, bank, lang),
        comparison_text=_comparison_text_v2(result, bank, lang, viewer),
        comparison_rule=msg("comparison.rule", lang),
        comparison=tuple(
            ComparisonLine(
                profile=m.profile,
                name=bank.profiles[m.profile].name(lang),
                met_text=_met_text_v2(m, lang),
                level_label=msg(f"level.{m.level}", lang),
                gaps=open_points(m, bank, lang),
                best=m.profile == comparison.best,
            )
            for m in comparison.ranking
        ),
        bank_version=result.bank_version,
        rules=bank.rules,
        tentative=result.tentative,
        groups=groups,
        axes_intro=voiced("v2.axes_intro", lang, viewer)
        if match.axes and not bank.rules.lean_texts
        else None,
        scenarios=scenario_reviews(result, bank, lang, viewer),
        view_labels=view_labels(lang) if bank.rules.views_apart else (),
        rests_on=rests_on(result, bank, lang, viewer),
        consistency=consistency_notice(result, bank, lang, viewer),
        knowledge=knowledge_reviews(result, bank, lang, viewer)
        if bank.rules.knowledge_part
        else (),
        leans=lean_section(result, bank, lang, viewer),
        fit=fit_view(result, bank, lang, viewer),
    )
