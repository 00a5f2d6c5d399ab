"""Rules-3 checks of a bank's evidence items (scenarios, knowledge items): no cue solves them.

read_bank calls check_evidence for a bank whose RuleSet asks for it (cue_checks, the minimum
counts); bank v1 and v2 carry rules without these fields set and are never checked here.

The cue rules are deliberately naive: a faker who knows nothing but "pick the option that asks,
consults, looks first or puts it to the boss" (or its reverse, "pick the option that acts at
once") must not find the key in more than a third of the scenarios, per language. A rule *hits*
a scenario when the best-scored option is among the options it matches. Among several matching
options the tie goes to the key (the worst case for the bank): the count is then independent of
option order, so reordering options cannot pass the check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from assessment.bank.models import (
    SCENARIO_OPTION_IDS,
    Dimension,
    Form,
    FormId,
    KnowledgeItem,
    Scenario,
    ValidityItem,
)
from assessment.bank.rules import RuleSet
from assessment.errors import BankError
from assessment.i18n import Language

LANGUAGES: tuple[Language, ...] = ("de", "en")
# A cue rule may hit the key in at most this share of the scenarios (per language).
MAX_CUE_HIT_SHARE = 1 / 3
# Knowledge options of similar length: longest ≤ 1.25 × shortest (characters, per language), as
# for scenario options; the key strictly the longest / the shortest in at most a third of items.
MAX_KNOWLEDGE_LENGTH_RATIO = 1.25
MAX_KEY_LONGEST_SHARE = 1 / 3
# No answer position (a–d) holds more than this share of the keys (chance: a quarter).
MAX_KEY_POSITION_SHARE = 0.40
# A pole counts as offered in a scenario when an option of that pole scores at least this.
MIN_POLE_OPTION_SCORE = 2

# Separable German verbs: the particle closes the clause ("Sie stimmen sich mit ihr ab").
_CLAUSE = r"[^.;:!?]{0,90}?"

# The naive verb rule: what an option that asks, consults, checks or looks first, or escalates
# (puts it to the boss) says. Stems match at a word start, case-insensitively; the lists are broad
# on purpose (an upper bound for the cue). German first.
ASKING_CUES: Mapping[Language, Mapping[str, tuple[str, ...]]] = {
    "de": {
        "asks": (
            r"frag",
            r"erfrag",
            r"nachfrag",
            r"nachzufrag",
            r"rückfrag",
            r"bitt(e|en|et|est)\b",
            r"beantrag",
            r"erkundig",
            r"hol" + _CLAUSE + r"\bein\b",  # holen … ein (einholen)
            r"einhol",
            r"einzuhol",
        ),
        "consults": (
            r"berat",
            r"abstimm",
            r"abzustimm",
            r"stimm" + _CLAUSE + r"\bab\b",
            r"besprech",
            r"sprech",
            r"gespräch",
            r"vorgespräch",
            r"einbind",
            r"einzubind",
            r"bind" + _CLAUSE + r"\bein\b",
            r"beteilig",
            r"einbezieh",
            r"einzubezieh",
            r"bezieh" + _CLAUSE + r"\bein\b",
            r"hinzuzieh",
            r"zieh" + _CLAUSE + r"\bhinzu\b",
            r"rücksprache",
            r"konsultier",
            r"vereinbar",
            r"empfehl",
            r"empfiehl",
            r"informier",
        ),
        "checks first": (
            r"prüf",
            r"überprüf",
            r"nachseh",
            r"nachzuseh",
            r"seh" + _CLAUSE + r"\bnach\b",
            r"sicht(e|en|et)\b",
            r"erheb(e|en|t)\b",
            r"analys",
            r"untersuch",
            r"eingrenz",
            r"einzugrenz",
            r"grenz" + _CLAUSE + r"\bein\b",
            r"klär",
            r"geklärt",
            r"kontrollier",
        ),
        "escalates": (
            r"eskalier",
            r"meld(e|en|et|ete|eten)\b",
            r"vorleg",
            r"vorzuleg",
            r"leg" + _CLAUSE + r"\bvor\b",
            r"wend" + _CLAUSE + r"\bsich an\b",
            r"lass" + _CLAUSE + r"\bentscheiden\b",
            r"vorschlagen\b",
            r"vorzuschlag",
            r"schlag" + _CLAUSE + r"\bvor\b",
        ),
    },
    "en": {
        "asks": (r"ask", r"request", r"seek", r"find out", r"apply\b", r"applies\b"),
        "consults": (
            r"consult",
            r"discuss",
            r"talk",
            r"speak",
            r"involv",
            r"agree",
            r"settle",
            r"sort\w* out",
            r"recommend",
            r"advice",
            r"advis",
            r"inform(s|ed|ing)?\b",
            r"brief(s|ed|ing)?\b",
        ),
        "checks first": (
            r"check",
            r"clarif",
            r"review",
            r"verif",
            r"investigat",
            r"examin",
            r"narrow\w* down",
            r"look\w* into",
            r"analys",
            r"assess",
        ),
        "escalates": (
            r"escalat",
            r"refer",
            r"put\w*" + _CLAUSE + r"\bto\b",
            r"rais",
            r"let\w*" + _CLAUSE + r"\bdecide",
            r"leav\w*" + _CLAUSE + r"\bdecision\b",
            r"propos(e|es|ed|ing)\b",
            r"suggest(s|ed|ing)?\b",
        ),
    },
}
# The reverse cue (bank v3 notes, Q1): the option that acts at once. Same matching and limit.
ACTING_CUES: Mapping[Language, Mapping[str, tuple[str, ...]]] = {
    "de": {
        "acts at once": (
            r"sofort",
            r"gleich\b",
            r"umgehend",
            r"unverzüglich",
            r"jetzt\b",
            r"noch heute\b",
            r"auf der stelle\b",
        ),
    },
    "en": {
        "acts at once": (
            r"immediately",
            r"at once\b",
            r"straight away\b",
            r"right away\b",
            r"now\b",
            r"today\b",
            r"without delay\b",
        ),
    },
}


def _compiled(
    cues: Mapping[Language, Mapping[str, tuple[str, ...]]],
) -> dict[Language, re.Pattern[str]]:
    return {
        lang: re.compile(
            r"\b(?:" + "|".join(stem for stems in groups.values() for stem in stems) + ")",
            re.IGNORECASE,
        )
        for lang, groups in cues.items()
    }


_ASKING = _compiled(ASKING_CUES)
_ACTING = _compiled(ACTING_CUES)
CUE_RULES: Mapping[str, Mapping[Language, re.Pattern[str]]] = {
    "asks, consults, checks first or escalates": _ASKING,
    "acts at once": _ACTING,
}


def cue_options(scenario: Scenario, rule: str, lang: Language) -> tuple[str, ...]:
    """Return the ids of the options a cue rule matches in one scenario and language."""
    pattern = CUE_RULES[rule][lang]
    return tuple(o.id for o in scenario.options if pattern.search(o.text(lang)))


def best_option(scenario: Scenario) -> str:
    """Return the id of the scenario's best-scored option (the key)."""
    return max(scenario.options, key=lambda option: option.score).id


def cue_hits(scenarios: Sequence[Scenario], rule: str, lang: Language) -> tuple[str, ...]:
    """Return the scenarios whose key the cue rule picks (ties go to the key: the worst case)."""
    return tuple(s.id for s in scenarios if best_option(s) in cue_options(s, rule, lang))


def _key_length_rank(lengths: Mapping[str, int], key: str) -> tuple[bool, bool]:
    """Return whether the key is strictly the longest, and strictly the shortest, option."""
    others = [length for option, length in lengths.items() if option != key]
    return lengths[key] > max(others), lengths[key] < min(others)


def knowledge_key_extremes(
    items: Sequence[KnowledgeItem], lang: Language
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the knowledge items whose key is strictly the longest, and strictly the shortest."""
    longest: list[str] = []
    shortest: list[str] = []
    for item in items:
        lengths: dict[str, int] = {o.id: len(o.text(lang)) for o in item.options}
        is_longest, is_shortest = _key_length_rank(lengths, item.key)
        if is_longest:
            longest.append(item.id)
        if is_shortest:
            shortest.append(item.id)
    return tuple(longest), tuple(shortest)


def key_positions(items: Sequence[KnowledgeItem]) -> dict[str, int]:
    """Return how many knowledge keys stand at each position a–d."""
    counted: Counter[str] = Counter(item.key for item in items)
    return {position: counted[position] for position in SCENARIO_OPTION_IDS}


def scenarios_per_dimension(
    form: Form, scenarios: Mapping[str, Scenario], dimension_ids: Sequence[str]
) -> dict[str, int]:
    """Return how many scenarios of each dimension a form holds."""
    counted = Counter(scenarios[i].dimension for i in form.items if i in scenarios)
    return {dimension: counted[dimension] for dimension in dimension_ids}


def _files(ids: Sequence[str], sources: Mapping[str, Path]) -> str:
    return ", ".join(sorted({sources[item_id].name for item_id in ids}))


def _refuse(ids: Sequence[str], sources: Mapping[str, Path], problem: str) -> BankError:
    """A refusal naming the first offending item's file, every offending item and their files."""
    return BankError(sources[ids[0]], ", ".join(ids), f"{problem} (in {_files(ids, sources)})")


def check_evidence(
    rules: RuleSet,
    dimensions: Sequence[Dimension],
    scenarios: Sequence[Scenario],
    knowledge: Sequence[KnowledgeItem],
    virtues: Sequence[ValidityItem],
    forms: Mapping[FormId, Form],
    sources: Mapping[str, Path],
    forms_path: Path,
    validity_path: Path,
) -> None:
    """Refuse a bank that breaks one of its rules' evidence checks, naming files and items."""
    if rules.cue_checks:
        _check_cue_rules(scenarios, sources)
        _check_knowledge_options(knowledge, sources)
        _check_poles(dimensions, scenarios, sources)
    _check_counts(
        rules, dimensions, scenarios, knowledge, virtues, forms, forms_path, validity_path
    )


def _check_cue_rules(scenarios: Sequence[Scenario], sources: Mapping[str, Path]) -> None:
    for rule in CUE_RULES:
        for lang in LANGUAGES:
            hits = cue_hits(scenarios, rule, lang)
            if hits and len(hits) > MAX_CUE_HIT_SHARE * len(scenarios):
                raise _refuse(
                    hits,
                    sources,
                    f"the naive rule 'pick the option that {rule}' finds the best-scored option"
                    f" in {len(hits)} of {len(scenarios)} scenarios ({lang}; at most a third):"
                    " the wording gives the key away",
                )


def _check_knowledge_options(items: Sequence[KnowledgeItem], sources: Mapping[str, Path]) -> None:
    for item in items:
        for lang in LANGUAGES:
            lengths = [len(option.text(lang)) for option in item.options]
            if max(lengths) > MAX_KNOWLEDGE_LENGTH_RATIO * min(lengths):
                raise _refuse(
                    [item.id],
                    sources,
                    f"answers differ too much in length ({lang}: {min(lengths)}–{max(lengths)}"
                    f" characters; the longest may be at most {MAX_KNOWLEDGE_LENGTH_RATIO}×"
                    " the shortest)",
                )
    for lang in LANGUAGES:
        longest, shortest = knowledge_key_extremes(items, lang)
        for ids, what in ((longest, "longest"), (shortest, "shortest")):
            if ids and len(ids) > MAX_KEY_LONGEST_SHARE * len(items):
                raise _refuse(
                    ids,
                    sources,
                    f"the right answer is the {what} in {len(ids)} of {len(items)} knowledge"
                    f" items ({lang}; at most a third): length gives the key away",
                )
    positions = key_positions(items)
    for position, count in positions.items():
        if items and count > MAX_KEY_POSITION_SHARE * len(items):
            crowded = [item.id for item in items if item.key == position]
            raise _refuse(
                crowded,
                sources,
                f"{count} of {len(items)} knowledge keys are answer {position}"
                f" (at most {MAX_KEY_POSITION_SHARE:.0%} at one position)",
            )


def _check_poles(
    dimensions: Sequence[Dimension], scenarios: Sequence[Scenario], sources: Mapping[str, Path]
) -> None:
    with_axis = {d.id for d in dimensions if d.axis is not None}
    for pole in ("a", "b"):
        missing = [
            s.id
            for s in scenarios
            if s.dimension in with_axis
            and not any(o.pole == pole and o.score >= MIN_POLE_OPTION_SCORE for o in s.options)
        ]
        if missing:
            raise _refuse(
                missing,
                sources,
                f"no option of pole {pole} scores {MIN_POLE_OPTION_SCORE} or more: the demand's"
                " trade-off axis calls both poles respectable, so each scenario offers a"
                " well-rated option for each",
            )


def _check_counts(
    rules: RuleSet,
    dimensions: Sequence[Dimension],
    scenarios: Sequence[Scenario],
    knowledge: Sequence[KnowledgeItem],
    virtues: Sequence[ValidityItem],
    forms: Mapping[FormId, Form],
    forms_path: Path,
    validity_path: Path,
) -> None:
    by_id = {s.id: s for s in scenarios}
    dimension_ids = [d.id for d in dimensions]
    minimums: tuple[tuple[FormId, int], ...] = (
        ("full", rules.min_scenarios_full),
        ("short", rules.min_scenarios_short),
    )
    for form_id, minimum in minimums:
        if minimum <= 0:
            continue
        counts = scenarios_per_dimension(forms[form_id], by_id, dimension_ids)
        short_of = [dimension for dimension, count in counts.items() if count < minimum]
        if short_of:
            found = ", ".join(f"{d} {counts[d]}" for d in short_of)
            raise BankError(
                forms_path,
                ", ".join(short_of),
                f"form {form_id} has too few scenarios for these dimensions ({found};"
                f" at least {minimum} each)",
            )
    full = set(forms["full"].items)
    in_full = [item.id for item in knowledge if item.id in full]
    if rules.min_knowledge_items > 0 and len(in_full) < rules.min_knowledge_items:
        raise BankError(
            forms_path,
            "knowledge",
            f"form full has {len(in_full)} knowledge items, at least {rules.min_knowledge_items}",
        )
    if rules.min_validity_items > 0 and len(virtues) < rules.min_validity_items:
        raise BankError(
            validity_path,
            "virtues",
            f"{len(virtues)} unlikely-virtue statements"
            f" ({', '.join(v.id for v in virtues) or 'none'}), at least {rules.min_validity_items}",
        )
