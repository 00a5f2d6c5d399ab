"""The methodology page's DIN 33430 documentation points for a self-assessment (issue 20).

How the demands were derived from the article and the limits of that one source, how target
bands and limits were set, how the ratings of situations and knowledge questions were set, how
easily the answers can be faked, fairness (starters and experienced people, German and English),
what an evaluation would need, and the sources the knowledge questions and the stations to
heading IT name. Every rule stated is read from the bank, its RuleSet or the engine's constants
(tests/unit/render/test_din.py compares them), never typed into the text.
"""

from __future__ import annotations

from assessment.bank.models import (
    PROFILE_IDS,
    SCENARIO_SCORE_MAX,
    SETTING_IDS,
    Bank,
    KnowledgeItem,
    LikertItem,
    Scenario,
)
from assessment.engine import matching, quality
from assessment.i18n import Language
from assessment.messages import msg

# The simulation's measured figures per bank version (tests/simulate.py, seed 2026, 6,000 honest
# people and 600 per faker kind and form), in percent, (short form, full form): bank v3 as of stop
# 27 (sim3's README "Simulation"); bank v4 with `--bank 4` (tests/simulate.py's docstring, "Bank
# v4: measured"). They hold for the consistency notice at the thresholds they were measured at:
# the page states a bank's figures while quality.SELF_CEILING and SELF_GAP (rules 4: and
# LOOK_GOOD_GAP, the notice on the traps) are these, else the marked placeholder (as for a bank
# without measured figures).
SIMULATED_AT: dict[int, dict[str, int]] = {
    3: {"SELF_CEILING": 90, "SELF_GAP": 20},
    4: {"SELF_CEILING": 90, "SELF_GAP": 20, "LOOK_GOOD_GAP": 60},
}
SIMULATED: dict[int, dict[str, tuple[float, float]]] = {
    3: {
        "honest": (0.9, 0.7),
        "starters": (0.3, 0.4),
        "smart": (100.0, 100.0),
        "self_enhancer": (88.2, 90.5),
        "moderate": (43.2, 45.5),
    },
    # Bank v4 as released (5 December 2026, seed 2026, `python -m tests.simulate --bank 4`): the
    # notice on the traps; the self view's notice fires for almost no one.
    4: {
        "honest": (0.5, 0.5),
        "starters": (0.4, 0.2),
        "smart": (100.0, 100.0),
        "self_enhancer": (100.0, 100.0),
        "moderate": (61.0, 79.2),
    },
}


def simulation_applies(version: int) -> bool:
    """Return whether a bank version has measured figures and they belong to the notice's
    thresholds in the code."""
    measured_at = SIMULATED_AT.get(version)
    return measured_at is not None and all(
        getattr(quality, name, None) == value for name, value in measured_at.items()
    )


def _faking_figures(version: int, lang: Language) -> str:
    if not simulation_applies(version):
        return msg("method.din.faking_pending", lang)
    figures, measured_at = SIMULATED[version], SIMULATED_AT[version]

    def pair(kind: str) -> str:
        short, full = figures[kind]
        sign = " %" if lang == "de" else "%"  # German spaces the sign, English does not
        return f"{_number(short, lang)}{sign} / {_number(full, lang)}{sign}"

    if "LOOK_GOOD_GAP" in measured_at:  # rules 4: the notice on the traps
        return msg(
            "rules4.look_good.faking_figures",
            lang,
            gap=measured_at["LOOK_GOOD_GAP"],
            honest=pair("honest"),
            starters=pair("starters"),
            smart=pair("smart"),
            enhancer=pair("self_enhancer"),
            moderate=pair("moderate"),
        )
    return msg(
        "method.din.faking_figures",
        lang,
        ceiling=measured_at["SELF_CEILING"],
        gap=measured_at["SELF_GAP"],
        honest=pair("honest"),
        starters=pair("starters"),
        smart=pair("smart"),
        enhancer=pair("self_enhancer"),
        moderate=pair("moderate"),
    )


def _section(key: str, lang: Language, *paragraphs: str) -> tuple[str, str, tuple[str, ...]]:
    return key, msg(f"method.din.{key}_heading", lang), paragraphs


def _number(value: float, lang: Language) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale="de_DE" if lang == "de" else "en_GB"))


def supported_differences(bank: Bank) -> int:
    """Return how many settings' figures differ from the general profile (each with support)."""
    general = bank.profiles["duisburg"]
    count = 0
    for pid in SETTING_IDS:
        for dimension_id, target in bank.profiles[pid].targets.items():
            base = general.targets[dimension_id]
            if (target.low, target.high, target.weight) != (base.low, base.high, base.weight):
                count += 1
    return count


def floors(bank: Bank) -> tuple[tuple[str, str, int], ...]:
    """Return the knock-out floors as (profile, dimension, floor), in profile and bank order."""
    found = []
    for pid in PROFILE_IDS:
        targets = bank.profiles[pid].targets
        for dimension_id in bank.dimension_ids:
            floor = getattr(targets[dimension_id], "floor", None)
            if floor is not None:
                found.append((pid, dimension_id, int(floor)))
    return tuple(found)


def _floors(bank: Bank, lang: Language) -> str:
    found = floors(bank) if bank.rules.knockout_floors else ()
    if not found:
        return msg("method.din.no_floors", lang)
    parts = [
        msg(
            "method.din.floor",
            lang,
            name=bank.dimension(dimension_id).name(lang),
            floor=floor,
            setting=bank.profiles[pid].name(lang),  # type: ignore[index]
        )
        for pid, dimension_id, floor in found
    ]
    return msg("method.din.floors", lang, floors="; ".join(parts))


def knowledge_sources(bank: Bank) -> tuple[str, ...]:
    """Return the knowledge items' sources, each once, in the bank's order."""
    found: list[str] = []
    for item in bank.knowledge:
        cite = item.source.cite()
        if cite not in found:
            found.append(cite)
    return tuple(found)


def path_sources(bank: Bank) -> tuple[str, ...]:
    """Return the sources the stations to heading IT name, each once."""
    if bank.path is None or bank.path.public is None:
        return ()
    found: list[str] = []
    for step in bank.path.public.steps:
        if step.source is not None and step.source not in found:
            found.append(step.source)
    return tuple(found)


def more_sources(bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return the source list's entries for the knowledge questions and the stations."""
    entries: list[str] = []
    if cites := knowledge_sources(bank):
        entries += [msg("method.din.knowledge_sources", lang), *cites]
    if bank.rules.starter_path and (cites := path_sources(bank)):
        entries += [msg("method.din.path_sources", lang), *cites]
    return tuple(entries)


def intervals_agree(bank: Bank) -> bool:
    """Return whether "an der Grenze" and the comparison use the same interval (rules 3)."""
    return bank.rules.borderline_z == matching.COMPARISON_Z


def din_sections(bank: Bank, lang: Language) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Return the DIN 33430 sections as (key, heading, paragraphs); none before starter_path."""
    if not bank.rules.starter_path:
        return ()
    full = bank.form_items("full")
    statements = [i for i in full if isinstance(i, LikertItem)]
    presuming = sum(i.presumes is not None for i in statements)
    cutoff_paragraphs = [msg("method.din.cutoffs", lang, weight=matching.CRITICAL_WEIGHT)]
    if intervals_agree(bank):
        cutoff_paragraphs.append(
            msg(
                "rules4.basis.cutoffs"
                if bank.rules.per_view_disagreement
                else "method.din.cutoffs_rules",
                lang,
                z=_number(bank.rules.borderline_z, lang),
                firm=bank.rules.min_firm_answers,
            )
        )
    cutoff_paragraphs.append(_floors(bank, lang))
    return (
        _section(
            "derivation",
            lang,
            msg("method.din.intro", lang),
            msg("method.din.derivation", lang, dimensions=len(bank.dimensions)),
            msg("method.din.derivation_limits", lang, supported=supported_differences(bank)),
        ),
        _section("cutoffs", lang, *cutoff_paragraphs),
        _section(
            "keys",
            lang,
            msg(
                "method.din.keys",
                lang,
                scenarios=sum(isinstance(i, Scenario) for i in full),
                top=SCENARIO_SCORE_MAX,
                knowledge=sum(isinstance(i, KnowledgeItem) for i in full),
            ),
        ),
        _section(
            "faking",
            lang,
            msg("method.din.faking", lang),
            _faking_figures(bank.version, lang),
        ),
        _section(
            "fairness",
            lang,
            msg(
                "method.din.fairness_starters",
                lang,
                presuming=presuming,
                statements=len(statements),
            ),
            msg("method.din.fairness_languages", lang),
        ),
        _section("evaluation", lang, msg("method.din.evaluation", lang)),
    )
