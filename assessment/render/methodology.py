"""The methodology page's content: how the check is built, scores and where its limits lie.

Generated from the bank and the rules' named constants, so that the page never disagrees with
what the code does. Structured after the documentation points of DIN 33430 that apply to a
self-assessment: purpose and intended use, construction, scoring, quality checks, limits,
sources and versions.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel, ConfigDict

from assessment.bank.models import (
    SCENARIO_SCORE_MAX,
    SETTING_IDS,
    Bank,
    Item,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    Source,
    TradeoffItem,
)
from assessment.engine import matching, quality, scoring
from assessment.engine.extra import EXTRA_PER_DEMAND
from assessment.i18n import LOCALES, Language
from assessment.messages import msg
from assessment.render import din
from assessment.render.fit import method_paragraphs


class Section(BaseModel):
    """One section of the methodology page: a heading and its paragraphs (plain text)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    heading: str
    paragraphs: tuple[str, ...]


def outside_sources(bank: Bank) -> tuple[Source, ...]:
    """Return every named outside source the bank's profiles rest on, once each, in order."""
    found: list[Source] = []
    for profile in bank.profiles.values():
        supports = [t.support for t in profile.targets.values()]
        supports += [a.support for a in profile.axes.values()]
        for support in supports:
            if support is not None and support.source is not None and support.source not in found:
                found.append(support.source)
    return tuple(found)


def _number(value: float, lang: Language) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=LOCALES[lang]))


def _plural_value(value: float) -> int | float:
    """Return a number as it is written, for choosing its noun's plural form (1.0 → 1)."""
    return int(value) if float(value).is_integer() else value


# Outside sources the bank's question and rationale texts name, by a pattern that finds them in
# either language, each with its entry in the catalogue (method.cited_<key>), in listing order.
CITED_SOURCES: tuple[tuple[str, str], ...] = (
    ("dlf", r"Deutschlandfunk"),
    ("bsi", r"\bBSI\b(?![- ]Gesetz| Act)|IT-Grundschutz"),
    ("bsig", r"BSI-Gesetz|BSI Act|\bBSIG\b"),
    ("nis2", r"\bNIS-?2\b"),
    ("betrvg", r"\bBetrVG\b|Betriebsverfassung|Works Constitution"),
    ("lpvg", r"\bLPVG\b|Personalvertretungsgesetz"),
    ("go", r"\bGO NRW\b|Gemeindeordnung|\bKomHVO\b|Kommunalhaushaltsverordnung|\bNKF\b"),
    ("din", r"DIN SPEC 27076|CyberRisikoCheck"),
    ("kgst", r"\bKGSt\b|\bKDN\b"),
    ("dsgvo", r"\bDSGVO\b|\bGDPR\b|Datenschutz-Grundverordnung"),
    ("ozg", r"\bOZG\b|Onlinezugangsgesetz"),
    ("fitko", r"\bFITKO\b"),
    ("ecf", r"\be-CF\b|e-Competence Framework"),
)


def bank_texts(bank: Bank) -> tuple[str, ...]:
    """Return every text of the bank a person reads (both languages): demands with their
    competence references, settings, questions and the scenarios' rationales."""
    parts = (
        *bank.dimensions,
        *bank.profiles.values(),
        *bank.likert,
        *bank.scenarios,
        *bank.tradeoffs,
        *bank.virtues,
    )
    cards = tuple(f"e-CF {d.ecf.code}" for d in bank.dimensions if d.ecf is not None)
    return tuple(part.model_dump_json() for part in parts) + cards


# Quotation marks by language: German „…“, English “…”.
QUOTES: dict[Language, tuple[str, str]] = {"de": ("„", "“"), "en": ("“", "”")}
# In an English citation of German sources: "und" between two references (after a number or a
# closing bracket, before a section, article, paragraph, annex, number or a law's name) and
# German quotation marks (review: "(§ 82) und Kommunalhaushaltsverordnung" on the English page).
# Names keep theirs ("Zwischen Pioniergeist und Spagat", "Informations- und …").
_REFERENCE_AND = re.compile(r"(?<=[\d)]) und (?=§|Art\.|Abs\.|Anlage|\d|[A-ZÄÖÜ])")
_GERMAN_QUOTE = re.compile(r"„([^“”]*)“")


def citation(text: str, lang: Language) -> str:
    """Return a citation for a page in lang: in English with "and" between references and
    English quotation marks; German unchanged."""
    if lang == "de":
        return text
    return _GERMAN_QUOTE.sub(r"“\1”", _REFERENCE_AND.sub(" and ", text))


def cited_sources(bank: Bank) -> tuple[str, ...]:
    """Return the keys of the outside sources named anywhere in the bank's item texts."""
    import re

    text = "\n".join(bank_texts(bank))
    return tuple(key for key, pattern in CITED_SOURCES if re.search(pattern, text))


def identical_settings(bank: Bank) -> tuple[tuple[ProfileId, ProfileId], ...]:
    """Return the pairs of settings whose target bands, weights and axis ranges are identical."""

    def figures(pid: ProfileId) -> tuple[object, ...]:
        profile = bank.profiles[pid]
        targets = tuple((d, t.low, t.high, t.weight) for d, t in sorted(profile.targets.items()))
        axes = tuple((d, a.low, a.high) for d, a in sorted(profile.axes.items()))
        return targets, axes

    ids = [pid for pid in SETTING_IDS if pid in bank.profiles]
    return tuple(
        (first, second)
        for n, first in enumerate(ids)
        for second in ids[n + 1 :]
        if figures(first) == figures(second)
    )


def _axes_paragraphs(bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return what trade-offs are (rules 2), and from rules 3 on exactly what they influence and
    what not, with the number of axes a setting has a supported preferred range on."""
    if not bank.rules.lean_texts:
        return (msg("method.axes", lang),)
    ranged = {d for profile in bank.profiles.values() for d in profile.axes}
    ranges = (
        msg("leans.method_ranges_some", lang, count=len(ranged))
        if ranged
        else msg("leans.method_ranges_none", lang)
    )
    z = _number(bank.rules.borderline_z, lang)
    return (msg("method.axes", lang), msg("leans.method", lang, z=z, ranges=ranges))


def _identical_settings(bank: Bank, lang: Language) -> tuple[str, ...]:
    pairs = identical_settings(bank)
    if not pairs:
        return ()
    names = [
        msg(
            "method.identical_pair",
            lang,
            first=bank.profiles[a].name(lang),
            second=bank.profiles[b].name(lang),
        )
        for a, b in pairs
    ]
    return (msg("method.identical", lang, pairs="; ".join(names), count=len(pairs)),)


def experience_reach(bank: Bank) -> tuple[int, int, int]:
    """Return how many statements offer "can't judge yet", the most per demand, and in how many
    demands that answer alone can leave too few scored answers (in any form)."""
    full = bank.form_items("full")
    presuming = [i for i in full if isinstance(i, LikertItem) and i.presumes is not None]
    most = max((sum(i.dimension == d for i in presuming) for d in bank.dimension_ids), default=0)
    possible = set()
    for form in bank.forms:
        for dimension_id in bank.dimension_ids:
            items = bank.form_items_of(form, dimension_id)
            scored = [i for i in items if isinstance(i, Scenario | LikertItem)]
            unsure = sum(isinstance(i, LikertItem) and i.presumes is not None for i in scored)
            if scored and len(scored) - unsure < scoring.MIN_ANSWERED_SHARE * len(scored):
                possible.add(dimension_id)
    return len(presuming), most, len(possible)


def _experience_reach(bank: Bank, lang: Language) -> tuple[str, ...]:
    """Say how rarely the Erfahrungsfeld can arise, unless every demand can become one."""
    presuming, most, possible = experience_reach(bank)
    if possible == len(bank.dimensions):
        return ()
    return (
        msg(
            "method.experience_rare",
            lang,
            presuming=presuming,
            most=most,
            share=round(scoring.MIN_ANSWERED_SHARE * 100),
            reach=msg(
                "construction.experience_reach"
                if possible
                else "construction.experience_reach_none",
                lang,
                possible=possible,
                dimensions=len(bank.dimensions),
            ),
        ),
    )


def _views_section(bank: Bank, lang: Language) -> Section:
    """The three views of a demand and how they combine (rules 3), from engine/scoring.py's
    constants as its module docstring states the rule."""
    full = bank.form_items("full")
    paragraphs = [
        msg(
            "method.views",
            lang,
            knowledge=sum(isinstance(i, KnowledgeItem) for i in full),
            situation_points=", ".join(
                str(round(score * 100 / SCENARIO_SCORE_MAX))
                for score in range(SCENARIO_SCORE_MAX + 1)
            ),
        ),
        msg(
            "method.views_count",
            lang,
            share=round(scoring.MIN_ANSWERED_SHARE * 100),
            sd=_number(scoring.ASSUMED_ITEM_SD, lang),
            sd_value=_plural_value(scoring.ASSUMED_ITEM_SD),
        ),
        *_views_combine(bank, lang),
        msg(
            "method.views_consistency",
            lang,
            ceiling=quality.SELF_CEILING,
            gap=quality.SELF_GAP,
            statements=quality.SELF_MIN_STATEMENTS,
            evidence=quality.EVIDENCE_MIN_ANSWERS,
        ),
        msg("method.views_shown", lang),
    ]
    if bank.rules.look_good_notice:
        traps = [i for i in full if isinstance(i, LikertItem) and i.wording == "trap"]
        paragraphs.insert(
            -1,
            msg(
                "rules4.look_good.method",
                lang,
                traps=len(traps),
                gap=quality.LOOK_GOOD_GAP,
                plain=quality.LOOK_GOOD_MIN_PLAIN,
                minimum=quality.LOOK_GOOD_MIN_TRAPS,
            ),
        )
    if bank.rules.extra_questions:
        paragraphs.append(msg("extra.method", lang, per_demand=EXTRA_PER_DEMAND))
    return Section(heading=msg("method.views_heading", lang), paragraphs=tuple(paragraphs))


def _views_combine(bank: Bank, lang: Language) -> tuple[str, ...]:
    """How the views combine into a demand's score: rules 3's mean and its comparison with the
    mean of situations and knowledge, or rules 4's weights and comparison with each view."""
    z = scoring.DISAGREEMENT_Z
    if not bank.rules.per_view_disagreement:
        return (msg("method.views_combine", lang, z=_number(z, lang), level=_coverage(z)),)
    # The plain-words version first (UX pass 5, finding 5), then the exact rule.
    return (
        msg("reading4.method_plain", lang),
        msg(
            "rules4.basis.method",
            lang,
            z=_number(z, lang),
            level=_coverage(z),
            cap=scoring.FULL_VIEW_ANSWERS,
            minimum=scoring.MIN_OUTVOTING_ANSWERS,
            firm=bank.rules.min_firm_answers,
        ),
    )


def _coverage(z: float) -> int:
    """Return the two-sided coverage in percent of ± z standard errors of a normal variable."""
    return round(math.erf(z / math.sqrt(2)) * 100)


def _construction_parts(bank: Bank, full: tuple[Item, ...], lang: Language) -> str:
    """Return what the full form consists of, each kind with its count – only the kinds the
    bank has (no "0 trade-off statements"), so that the parts add up to the form's total."""
    statements = sum(isinstance(i, LikertItem) for i in full)
    presuming = sum(isinstance(i, LikertItem) and i.presumes is not None for i in full)
    counts = {
        "statements": statements,
        "tradeoffs": sum(isinstance(i, TradeoffItem) for i in full),
        "scenarios": sum(isinstance(i, Scenario) for i in full),
        "knowledge": sum(isinstance(i, KnowledgeItem) for i in full),
        "virtues": len(bank.virtues),
        "conditions": len(bank.asked_preferences()),
    }
    parts = [msg(f"construction.{kind}", lang, count=n) for kind, n in counts.items() if n]
    if statements and presuming:
        parts[0] += msg("construction.presuming", lang, count=presuming)
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + msg("construction.and", lang) + parts[-1]


def methodology(bank: Bank, lang: Language) -> tuple[Section, ...]:
    """Return the methodology page's sections for a bank version in one language."""
    from babel.dates import format_date

    full = bank.form_items("full")
    counts = {
        "dimensions": len(bank.dimensions),
        "full": bank.form_question_count("full"),
        "short": bank.form_question_count("short"),
        "parts": _construction_parts(bank, full, lang),
    }

    def section(key: str, *paragraphs: str) -> Section:
        return Section(heading=msg(f"method.{key}_heading", lang), paragraphs=paragraphs)

    opening, closing = QUOTES[lang]
    dimensions = "; ".join(
        f"{d.name(lang)} ({opening}{d.anchor.quote}{closing})" for d in bank.dimensions
    )
    sections = [
        section("purpose", msg("method.purpose", lang), msg("method.not_for", lang)),
        section(
            "construction",
            msg("method.construction", lang, **counts),
            msg("method.dimensions", lang, dimensions=dimensions),
            msg("method.review", lang),
        ),
    ]
    if bank.rules.honest_verdicts:
        sections.append(
            section(
                "scoring",
                msg("method.scoring", lang, share=round(scoring.MIN_ANSWERED_SHARE * 100)),
                msg(
                    "method.uncertainty",
                    lang,
                    sd=_number(scoring.ASSUMED_ITEM_SD, lang),
                    sd_value=_plural_value(scoring.ASSUMED_ITEM_SD),
                ),
                msg("method.experience", lang),
                *_experience_reach(bank, lang),
                msg(
                    "method.level",
                    lang,
                    strong=round(matching.STRONG_FIT_SHARE * 100),
                    partial=round(matching.PARTIAL_FIT_SHARE * 100),
                    weight=matching.CRITICAL_WEIGHT,
                ),
                msg("method.uncertain", lang, share=round(matching.UNCERTAIN_SHARE * 100)),
                *_axes_paragraphs(bank, lang),
                msg("method.comparison", lang, z=_number(matching.COMPARISON_Z, lang)),
                *(
                    ()
                    if din.intervals_agree(bank)
                    else (msg("method.intervals", lang, z=_number(matching.COMPARISON_Z, lang)),)
                ),
                *_identical_settings(bank, lang),
            )
        )
        sections.append(
            section(
                "quality",
                msg("method.quality_run", lang, run=quality.LONG_STRING_MIN_RUN),
                msg(
                    "method.quality_pairs",
                    lang,
                    pairs=quality.AGREED_OPPOSITES_FULL_FORM,
                    total=len(bank.pairs),
                ),
                msg("method.quality_virtues", lang, count=len(bank.virtues)),
                msg(
                    "rules4.look_good.quality_scatter"
                    if bank.rules.scatter_centres_kinds
                    else "leans.quality_scatter"
                    if bank.rules.scatter_statements_only
                    else "method.quality_scatter",
                    lang,
                    sd=_number(quality.SCATTER_MIN_SD, lang),
                    sd_value=_plural_value(quality.SCATTER_MIN_SD),
                ),
                *(
                    (
                        msg(
                            "rules4.agreement.method",
                            lang,
                            share=round(quality.AGREEMENT_SHARE * 100),
                            minimum=quality.AGREEMENT_MIN_EACH,
                            honest=msg("rules4.agreement.honest", lang),
                        ),
                    )
                    if bank.rules.agreement_check
                    else ()
                ),
                msg(
                    "ux3.speed.method",
                    lang,
                    seconds=_number(quality.MIN_SECONDS_PER_ITEM, lang),
                ),
                msg("method.quality_effect", lang),
            )
        )
    else:
        sections.append(section("scoring", msg("method.scoring_v1", lang)))
    if bank.rules.views_apart:
        sections.append(_views_section(bank, lang))
    if bank.rules.preferences:
        heading = msg("fit.method_heading", lang)
        sections.append(Section(heading=heading, paragraphs=method_paragraphs(bank, lang)))
    sources = [msg("method.article", lang)]
    sources += [source.cite() for source in outside_sources(bank)]
    cited = cited_sources(bank)
    if cited:
        sources.append(msg("method.cited_intro", lang))
        sources += [msg(f"method.cited_{key}", lang) for key in cited]
    sources += din.more_sources(bank, lang)
    sections += [Section(heading=h, paragraphs=p) for _, h, p in din.din_sections(bank, lang)]
    settings = ", ".join(bank.profiles[pid].name(lang) for pid in SETTING_IDS)
    sections.append(section("limits", msg("method.limits", lang, settings=settings)))
    sections.append(section("sources", *(citation(source, lang) for source in sources)))
    sections.append(
        section(
            "versions",
            msg(
                "method.version",
                lang,
                version=bank.version,
                released=format_date(bank.released, "long", locale=LOCALES[lang]),
            ),
            *(entry(lang) for entry in bank.changelog),
        )
    )
    return tuple(sections)
