"""The result on one screen (issue 22): the verdict and what it rests on, the strongest demands,
the most urgent next steps with a first action each, and where to go from here.

Read from the Summary (render/summary.py builds it last, after the starter wording), so the page,
the PDF's page 1 and the CLI show the same picks. It also says which of the result's sections
have something to say: trade-off axes where neither the person nor the setting leans, and a
comparison whose settings all read the same, are left out of the page instead of repeating
"ohne klare Richtung".
"""

from __future__ import annotations

from statistics import NormalDist
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import SETTING_IDS, Bank
from assessment.engine.extra import offer_extra, unfirm_demands
from assessment.engine.result import Result
from assessment.i18n import Language
from assessment.messages import msg, voiced

if TYPE_CHECKING:  # pragma: no cover - imported for the type only
    from assessment.render.summary import DimensionCard, Summary

# At most this many strongest demands and urgent steps on the one screen.
MAX_STRONGEST = 3
MAX_STEPS = 3

WhereKey = Literal["full_form", "extra", "peers", "career"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class BriefDemand(_Frozen):
    """A demand named on the one screen: a strength or an urgent step with its first action."""

    dimension: str
    name: str
    text: str = Field(description="A strength's band and score, or a step's first action")


class WhereNext(_Frozen):
    """One way to go on from the result."""

    key: WhereKey
    text: str


class Brief(_Frozen):
    """The one-screen summary at the top of the result, and which sections have content."""

    heading: str
    verdict: str
    rests_on: str
    reading: str | None = Field(
        default=None,
        description="Rules 3: how the combined count follows from the views (UX pass M1)",
    )
    quality_pointer: str | None = Field(
        default=None, description="Where the notes on response quality stand (UX pass m5)"
    )
    strongest_heading: str
    strongest: tuple[BriefDemand, ...]
    steps_heading: str
    steps: tuple[BriefDemand, ...]
    no_steps: str | None = Field(description="Said instead of steps when there are none")
    where_heading: str
    where: tuple[WhereNext, ...]
    more: str
    telling_axes: tuple[str, ...] = Field(
        default=(), description="Trade-off axes where the person or the setting leans"
    )
    comparison_differs: bool = Field(
        default=True, description="Whether the settings' rows of the comparison differ at all"
    )
    settings_heading: str | None = Field(
        default=None, description="Where the person left the setting open: the settings' heading"
    )
    settings: tuple[str, ...] = Field(
        default=(), description="The settings side by side, one line each (one if all the same)"
    )
    settings_more: str | None = Field(
        default=None, description="Where the comparison of settings says more"
    )
    setting_label: str | None = Field(
        default=None,
        description="Where the person left the setting open: the setting as the result names it",
    )


def strongest_demands(result: Result, summary: Summary) -> tuple[BriefDemand, ...]:
    """Return up to MAX_STRONGEST met demands: the heaviest weight first, then the widest margin
    above the band's lower end, then the engine's order."""
    cards = {card.dimension: card for card in summary.cards}
    met = [m for m in result.match.dimensions if m.met and m.score is not None]
    order = {d: n for n, d in enumerate(result.match.strengths)}
    met.sort(key=lambda m: (-m.weight, -((m.score or 0) - m.low), order.get(m.dimension, 0)))
    picked = []
    for match in met[:MAX_STRONGEST]:
        card = cards[match.dimension]
        text = msg(
            "brief.strength_item", summary.language, band=card.band_label, score=card.score_text
        )
        picked.append(BriefDemand(dimension=card.dimension, name=card.name, text=text))
    return tuple(picked)


def first_action(steps: tuple[str, ...], lang: Language) -> str:
    """Return a card's first step as the summary's first action, standing alone: a step that
    points on to the card's next one ("für sie passt die nächste Übung besser", a released
    bank's wording) is followed by that step, so the reference is not left dangling."""
    first = steps[0]
    if msg("brief.steps.refers_on", lang) in first and len(steps) > 1:
        return f"{first} {msg('brief.steps.then', lang, step=steps[1])}"
    return first


def urgent_steps(summary: Summary) -> tuple[BriefDemand, ...]:
    """Return the first step of up to MAX_STEPS demands in the result's order of urgency (the
    cards' order: below the band, Erfahrungsfelder, at the border, provisional, unscored)."""
    return tuple(
        BriefDemand(
            dimension=card.dimension,
            name=card.name,
            text=first_action(card.next_steps, summary.language),
        )
        for card in summary.cards
        if card.next_steps
    )[:MAX_STEPS]


def offers_extra(result: Result, bank: Bank) -> dict[str, tuple[str, ...]]:
    """Return the targeted extra questions offered for this result, per demand (none where the
    rules offer none or every demand is firm; assessment/engine/extra.py)."""
    return offer_extra(result.answers, bank, result.match)


def where_next(result: Result, bank: Bank, summary: Summary) -> tuple[WhereNext, ...]:
    """Return the ways on from the result: the full form after the short one (most useful when
    demands are at the border), the targeted extra questions where offered, a Fremdbild where
    the bank has a colleague questionnaire, and a conversation with a career service."""
    lang, viewer = summary.language, summary.viewer
    # The full form and the extra questions name the same demands: those at the border or
    # provisional (UX pass: "an der Grenze (9)" beside "an der Grenze (12)", 3 provisional).
    unfirm = unfirm_demands(result.match)
    names = ", ".join(bank.dimension(d).name(lang) for d in unfirm)
    provisional = set(unfirm) - set(result.match.borderline)
    entries: list[WhereNext] = []
    full_form = result.answers.form == "short" and "full" in bank.forms
    if full_form:
        key = "brief.where_full_form"
        if names:
            key = "brief.unfirm.full_form" if provisional else "brief.where_full_form_border"
        entries.append(WhereNext(key="full_form", text=voiced(key, lang, viewer, names=names)))
    extra = offers_extra(result, bank) if viewer == "self" else {}
    if extra:
        if full_form and names and set(extra) == set(unfirm):  # named just above: not again
            text = msg("brief.unfirm.extra_same", lang)
        else:
            offered = ", ".join(bank.dimension(d).name(lang) for d in extra)
            text = voiced("brief.where_extra", lang, viewer, names=offered)
        entries.append(WhereNext(key="extra", text=text))
    if bank.peer:
        entries.append(WhereNext(key="peers", text=voiced("brief.where_peers", lang, viewer)))
    entries.append(WhereNext(key="career", text=voiced("brief.where_career", lang, viewer)))
    return tuple(entries)


def telling_axes(result: Result, bank: Bank) -> tuple[str, ...]:
    """Return the trade-off axes with something to say: the person leans beyond the uncertainty,
    the setting prefers a range, or (for Duisburg) other settings do."""
    profile = result.match.profile
    telling = []
    for axis in result.match.axes:
        if axis.position is None:
            continue
        error = axis.uncertainty or 0
        leans = axis.position + error < 50 or axis.position - error > 50
        preferred = axis.dimension in bank.profiles[profile].axes
        others = profile == "duisburg" and any(
            axis.dimension in bank.profiles[p].axes for p in SETTING_IDS
        )
        if leans or preferred or others:
            telling.append(axis.dimension)
    return tuple(telling)


def comparison_differs(summary: Summary) -> bool:
    """Return whether the comparison's rows differ (identical rows compare nothing)."""
    rows = {(line.met_text, line.level_label, line.gaps) for line in summary.comparison}
    return len(rows) > 1


def axis_cards(summary: Summary) -> tuple[DimensionCard, ...]:
    """Return the cards whose trade-off line a surface shows: those with an axis text whose axis
    has something to say (telling_axes); none when the summary has no axes section."""
    if summary.axes_intro is None:
        return ()
    telling = summary.brief.telling_axes if summary.brief is not None else None
    return tuple(
        card
        for card in summary.cards
        if card.axis_text and (telling is None or card.dimension in telling)
    )


def shows_leans(summary: Summary) -> bool:
    """Return whether "Arbeitsweise zwischen zwei Polen" (rules 3) has a clear lean to show; a
    section of "no clear lean" lines only is left out on every surface."""
    return summary.leans is not None and bool(summary.leans.leans)


def shows_comparison(summary: Summary) -> bool:
    """Return whether a surface shows the comparison of settings: always when the person left
    the setting open ("alle vergleichen" – then the comparison is the answer they asked for),
    otherwise only when the settings' rows differ."""
    brief = summary.brief
    return brief is None or brief.comparison_differs or brief.settings_heading is not None


def settings_side_by_side(summary: Summary) -> tuple[str, ...]:
    """Return the comparison of settings in one line per setting (with the best fit marked),
    or in one line when every setting reads the same."""
    lang = summary.language
    rows = summary.comparison
    if not rows:
        return ()
    if not comparison_differs(summary):
        first = rows[0]
        return (msg("brief.settings.same", lang, met=first.met_text, level=first.level_label),)
    return tuple(
        msg(
            "brief.settings.line",
            lang,
            name=msg("ui.result.best_marker", lang, name=line.name) if line.best else line.name,
            met=line.met_text,
            level=line.level_label,
        )
        for line in rows
    )


def range_percent(z: float) -> int:
    """Return the share of a normal distribution within ± z standard errors, in whole percent
    (1.96 → 95): the uncertainty range the bands of rules 3 decide on."""
    return round(100 * (2 * NormalDist().cdf(z) - 1))


def reaching_unsure(result: Result) -> int:
    """Return how many borderline demands already reach their target range with their score
    (as the views' counts reach it: at or above the lower edge) without being firm."""
    return sum(
        1
        for m in result.match.dimensions
        if m.band == "borderline" and m.score is not None and m.score >= m.low
    )


def combined_reading(result: Result, bank: Bank, lang: Language) -> str | None:
    """Return the sentence under the counts that says how "alle Sichten zusammen" follows from
    the views, as the engine applies it (engine/scoring.combine_views, matching.band_v2): the
    mean of the views with enough answers (the evidence views alone where the self view differs
    from their mean beyond the uncertainty), met only when the uncertainty range lies within or
    above the target range, borderline when it touches or crosses an edge; with the borderline
    demands whose score already reaches the range. Rules 4 (`per_view_disagreement`) say their
    rule in plain words (UX pass 5, finding 1): the self view weighs no more than situations or
    knowledge and is capped by what they allow with their uncertainty, and "erfüllt" means safely
    within the range; the exact rule is on the methodology page (rules4.basis.method). Firm on
    the answers of the views that agree. None where the views are not shown apart (rules 1
    and 2)."""
    if not bank.rules.views_apart:
        return None
    evidence = any(s.basis == "evidence" for s in result.scores)
    per_view = bank.rules.per_view_disagreement  # rules 4: weighted, each view on its own
    if per_view:  # in plain words; the exact rule is on the methodology page (UX pass 5)
        parts = [msg("reading4.reading", lang)]
    else:
        key = "ux3.basis.reading_evidence" if evidence else "ux.reading.rule"
        parts = [msg(key, lang, percent=range_percent(bank.rules.borderline_z))]
    if any(m.band == "provisional" for m in result.match.dimensions):
        parts.append(
            msg(
                "rules4.basis.provisional" if per_view else "ux.reading.provisional",
                lang,
                minimum=bank.rules.min_firm_answers,
            )
        )
    border = len(result.match.borderline)
    reaching = reaching_unsure(result)
    if reaching:
        key = (
            "reaching_one" if border == 1 else "reaching_all" if reaching == border else "reaching"
        )
        parts.append(msg(f"ux.reading.{key}", lang, count=reaching, border=border))
    return " ".join(parts)


def quality_pointer(summary: Summary) -> str | None:
    """Return the line under the verdict that points to the notes on response quality (the
    reason a verdict is provisional), where there are any; the notes stay where they are."""
    if not summary.quality_notices:
        return None
    key = "ux.reading.quality_why" if summary.tentative else "ux.reading.quality_pointer"
    return voiced(key, summary.language, summary.viewer, count=len(summary.quality_notices))


def brief(result: Result, bank: Bank, summary: Summary) -> Brief:
    """Return the one-screen summary of a result's summary."""
    lang, viewer = summary.language, summary.viewer
    steps = urgent_steps(summary)
    # "noch offen – alle vergleichen": the settings side by side on the one screen (UX pass).
    open_setting = result.answers.profile == "duisburg"
    return Brief(
        heading=voiced("brief.heading", lang, viewer),
        verdict=summary.headline,
        # The combined count first (what the verdict uses), then what each view says (rules 3).
        rests_on=(
            msg("brief.combined", lang, met=summary.met_text) + " " + summary.rests_on
            if summary.rests_on
            else voiced("brief.rests_met", lang, viewer, met=summary.met_text)
        ),
        reading=combined_reading(result, bank, lang),
        quality_pointer=quality_pointer(summary),
        strongest_heading=voiced("brief.strongest_heading", lang, viewer),
        strongest=strongest_demands(result, summary),
        # Someone else reads the steps as the person's, addressed to them (UX pass).
        steps_heading=voiced("brief.steps.heading", lang, viewer),
        steps=steps,
        no_steps=None if steps else voiced("pdf.what_now_no_steps", lang, viewer),
        where_heading=msg("brief.where_heading", lang),
        where=where_next(result, bank, summary),
        # "… die Umfelder …" only where the comparison of settings is shown (shows_comparison).
        more=msg(
            "brief.more"
            if open_setting or comparison_differs(summary)
            else "brief.settings.more_without",
            lang,
        ),
        telling_axes=telling_axes(result, bank),
        comparison_differs=comparison_differs(summary),
        settings_heading=msg("brief.settings.heading", lang) if open_setting else None,
        settings=settings_side_by_side(summary) if open_setting else (),
        settings_more=msg("brief.settings.more", lang) if open_setting else None,
        # "noch offen – alle vergleichen" is not "Allgemeines Duisburg-Profil" (UX pass m4).
        setting_label=(
            msg("ux.setting.open", lang, profile=summary.profile_name) if open_setting else None
        ),
    )


def setting_name(summary: Summary) -> str:
    """Return the setting as the head of every surface names it: the chosen one, or for a
    person who left it open, that it is open with the profile the verdict is read against."""
    brief = summary.brief
    return brief.setting_label if brief and brief.setting_label else summary.profile_name


def with_brief(summary: Summary, result: Result, bank: Bank) -> Summary:
    """Return the summary with its one-screen summary."""
    return summary.model_copy(update={"brief": brief(result, bank, summary)})
