"""Load a question bank version from questions/vN/*.toml and validate it as a whole, once."""

from __future__ import annotations

import threading
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assessment.bank.evidence import check_evidence
from assessment.bank.models import (
    FORM_IDS,
    PROFILE_IDS,
    SETTING_IDS,
    AxisLeans,
    Bank,
    CareerPath,
    Dimension,
    Form,
    FormId,
    KnowledgeItem,
    LikertItem,
    PreferenceBlock,
    Profile,
    SalaryFacts,
    Scenario,
    TradeoffItem,
    TwinPair,
    ValidityItem,
)
from assessment.bank.rules import DEFAULT_RULES_VERSION, RulesError, rules_for
from assessment.bank.rules import MIN_LIKERT_PER_DIMENSION as MIN_LIKERT_PER_DIMENSION
from assessment.bank.statements import check_statements
from assessment.bank.versions import QUESTIONS_DIR as QUESTIONS_DIR
from assessment.bank.versions import QUESTIONS_ENV as QUESTIONS_ENV
from assessment.bank.versions import VERSION_FOLDER
from assessment.bank.versions import available_versions as available_versions
from assessment.bank.versions import latest_version as latest_version
from assessment.bank.versions import resolve_root as resolve_root
from assessment.errors import BankError

MIN_REVERSED_PER_DIMENSION = 2
MIN_SCENARIOS_PER_DIMENSION = 1
MIN_SHORT_FORM_LIKERT_PER_DIMENSION = 3
# Scenario options of similar length, so that the longest is no hint: longest ≤ 1.25 × shortest
# (characters, per language), and the best-scored option the longest in at most a third.
MAX_OPTION_LENGTH_RATIO = 1.25
MAX_BEST_IS_LONGEST_SHARE = 1 / 3
VALIDITY_FILE = "validity.toml"
# Optional: the stations on the way to heading IT (bank v3 on).
PATH_FILE = "path.toml"
# What each pole of a trade-off axis costs and where it helps (rules with lean_texts; bank v3 on).
LEANS_FILE = "leans.toml"
# The working-conditions block (rules with `preferences`, issue 21).
PREFERENCES_FILE = "preferences.toml"
# The article every bank is derived from; its quotes must stand in it word for word.
ARTICLE_FILE = "article-it-leiter-duisburg.txt"
M = TypeVar("M", bound=BaseModel)


_BANKS: dict[tuple[int, Path], Bank] = {}
# One thread validates a bank while others wait for it instead of validating it too (the
# preload after a first start page and that page's "Check starten", assessment.ui.preload).
_VALIDATING = threading.RLock()


def load_bank(version: int | None = None, root: Path = QUESTIONS_DIR) -> Bank:
    """Return the validated bank of a version (the newest by default); cached per process."""
    folder = resolve_root(root)
    key = (latest_version(folder) if version is None else version, folder)
    bank = _BANKS.get(key)
    if bank is None:
        with _VALIDATING:
            bank = _BANKS.get(key)
            if bank is None:
                bank = _BANKS[key] = _validated_bank(*key)
    return bank


def _validated_bank(version: int, root: Path) -> Bank:
    folder = root / f"v{version}"
    if not folder.is_dir():
        raise BankError(folder, f"v{version}", "no such bank version")
    return read_bank(folder)


def read_bank(folder: Path) -> Bank:
    """Read and validate every file of one bank folder (uncached; use load_bank)."""
    head_path = folder / "bank.toml"
    head = _read_toml(head_path)
    dimensions_path = folder / "dimensions.toml"
    dimension_tables = _table_list(dimensions_path, "dimensions")
    dimensions = _parse_entries(dimensions_path, Dimension, dimension_tables)
    dimension_ids = [d.id for d in dimensions]
    _refuse_duplicates(dimensions_path, dimension_ids, "dimension")
    _check_version_name(folder, head_path, head)

    try:
        rules = rules_for(head.get("rules", DEFAULT_RULES_VERSION))
    except RulesError as error:
        raise BankError(head_path, f"rules = {head['rules']!r}", error.message("en")) from None
    likert: list[LikertItem] = []
    scenarios: list[Scenario] = []
    tradeoffs: list[TradeoffItem] = []
    knowledge: list[KnowledgeItem] = []
    pairs: list[tuple[Path, TwinPair]] = []
    item_files = sorted((folder / "items").glob("*.toml"))
    if not item_files:
        raise BankError(folder / "items", "items", "no item files found")
    seen_items: dict[str, Path] = {}
    for path in item_files:
        data = _read_toml(path)
        dimension = data.get("dimension")
        if dimension not in dimension_ids:
            raise BankError(path, f"dimension = {dimension!r}", "unknown dimension")
        extra = set(data) - {"dimension", "likert", "scenarios", "pairs", "tradeoffs", "knowledge"}
        if "knowledge" in data and not rules.knowledge_part:
            raise BankError(path, "knowledge", f"rules {rules.version} have no knowledge part")
        if extra:
            raise BankError(path, ", ".join(sorted(extra)), "unknown key")
        file_likert = _parse_entries(
            path, LikertItem, ({**e, "dimension": dimension} for e in _table_list(path, "likert"))
        )
        file_scenarios = _parse_entries(
            path, Scenario, ({**e, "dimension": dimension} for e in _table_list(path, "scenarios"))
        )
        file_tradeoffs = _parse_entries(
            path,
            TradeoffItem,
            ({**e, "dimension": dimension} for e in _table_list(path, "tradeoffs")),
        )
        file_knowledge = _parse_entries(
            path,
            KnowledgeItem,
            ({**e, "dimension": dimension} for e in _table_list(path, "knowledge")),
        )
        file_items: list[LikertItem | Scenario | TradeoffItem | KnowledgeItem] = [
            *file_likert,
            *file_scenarios,
            *file_tradeoffs,
            *file_knowledge,
        ]
        for item in file_items:
            if item.id in seen_items:
                raise BankError(path, item.id, f"duplicate id (also in {seen_items[item.id].name})")
            seen_items[item.id] = path
        likert.extend(file_likert)
        scenarios.extend(file_scenarios)
        tradeoffs.extend(file_tradeoffs)
        knowledge.extend(file_knowledge)
        file_pairs = _parse_entries(path, TwinPair, _table_list(path, "pairs"))
        pairs.extend((path, pair) for pair in file_pairs)

    virtues: list[ValidityItem] = []
    validity_path = folder / VALIDITY_FILE
    if validity_path.exists():
        virtues = _parse_entries(validity_path, ValidityItem, _table_list(validity_path, "virtues"))
        for virtue in virtues:
            if virtue.id in seen_items:
                raise BankError(validity_path, virtue.id, "duplicate id")
            seen_items[virtue.id] = validity_path

    _check_dimension_coverage(
        folder, dimensions, likert, scenarios, seen_items, rules.min_likert_per_dimension
    )
    _check_pairs(pairs, {item.id: item for item in likert})
    check_statements(rules, likert, seen_items, folder / "items")
    _check_tradeoffs(dimensions, tradeoffs, seen_items)
    presuming = [i.id for i in likert if i.presumes] + [i.id for i in tradeoffs if i.presumes]
    if presuming and "unsure_label" not in head:
        raise BankError(head_path, "unsure_label", "statements presume experience: give the label")
    if rules.similar_option_lengths:
        _check_option_lengths(scenarios, seen_items)
    if head.get("peer") is True:
        _check_peer_texts(likert, tradeoffs, seen_items)

    forms_path = folder / "forms.toml"
    forms = {f.id: f for f in _parse_entries(forms_path, Form, _table_list(forms_path, "forms"))}
    all_items: dict[str, LikertItem | Scenario | TradeoffItem | ValidityItem | KnowledgeItem] = {
        **{i.id: i for i in likert},
        **{k.id: k for k in knowledge},
        **{s.id: s for s in scenarios},
        **{t.id: t for t in tradeoffs},
        **{v.id: v for v in virtues},
    }
    _check_forms(forms_path, forms, all_items)
    check_evidence(
        rules,
        dimensions,
        scenarios,
        knowledge,
        virtues,
        forms,
        seen_items,
        forms_path,
        validity_path,
    )

    profiles_path = folder / "profiles.toml"
    profile_list = _parse_entries(profiles_path, Profile, _table_list(profiles_path, "profiles"))
    _refuse_duplicates(profiles_path, [p.id for p in profile_list], "profile")
    _check_profiles(profiles_path, profile_list, dimension_ids)
    _check_axes(profiles_path, profile_list, dimensions)
    if rules.supported_settings:
        _check_support(profiles_path, profile_list)
    if not rules.knockout_floors:
        _refuse_floors(profiles_path, profile_list)

    salary_path = folder / "salary.toml"
    salary = _parse_entries(salary_path, SalaryFacts, [_read_toml(salary_path)])[0]
    career_path = _read_path(folder / PATH_FILE, dimension_ids)
    leans = _read_leans(folder / LEANS_FILE, dimensions, rules.lean_texts)
    preferences = _read_preferences(folder / PREFERENCES_FILE, rules.preferences, seen_items)

    try:
        return Bank.model_validate(
            {
                **head,
                "dimensions": tuple(dimensions),
                "likert": tuple(likert),
                "scenarios": tuple(scenarios),
                "tradeoffs": tuple(tradeoffs),
                "virtues": tuple(virtues),
                "knowledge": tuple(knowledge),
                "pairs": tuple(pair for _, pair in pairs),
                "forms": forms,
                "profiles": {p.id: p for p in profile_list},
                "salary": salary,
                "path": career_path,
                "leans": leans,
                "preferences": preferences,
            }
        )
    except ValidationError as error:
        raise BankError(head_path, "bank", _describe(error)) from None


def _read_path(path: Path, dimension_ids: list[str]) -> CareerPath | None:
    """Return the bank's stations to heading IT (None without the file); every demand a station
    builds must be one of the bank's dimensions."""
    if not path.exists():
        return None
    career_path = _parse_entries(path, CareerPath, [_read_toml(path)])[0]
    _refuse_duplicates(path, [s.id for s in career_path.stations], "station")
    for station in career_path.stations:
        for dimension_id in station.builds:
            if dimension_id not in dimension_ids:
                raise BankError(path, station.id, f"builds unknown dimension {dimension_id}")
    return career_path


def _read_leans(path: Path, dimensions: list[Dimension], wanted: bool) -> tuple[AxisLeans, ...]:
    """Read the lean texts (rules with lean_texts): every axis has them, each pole a paragraph
    for every concrete setting; a bank whose rules have none must not carry the file."""
    if not path.exists():
        if wanted and any(d.axis is not None for d in dimensions):
            raise BankError(path, path.name, "file is missing (these rules ask for lean texts)")
        return ()
    if not wanted:
        raise BankError(path, path.name, "these rules have no lean texts")
    leans = _parse_entries(path, AxisLeans, _table_list(path, "leans"))
    _refuse_duplicates(path, [lean.dimension for lean in leans], "leans")
    with_axis = [d.id for d in dimensions if d.axis is not None]
    for lean in leans:
        if lean.dimension not in with_axis:
            raise BankError(path, lean.dimension, "lean texts for a dimension without an axis")
    present = {lean.dimension for lean in leans}
    for dimension_id in with_axis:
        if dimension_id not in present:
            raise BankError(path, dimension_id, "axis without lean texts")
    for lean in leans:
        for pole in ("a", "b"):
            for setting_id in SETTING_IDS:
                if lean.pole(pole).setting(setting_id) is None:
                    raise BankError(
                        path,
                        f"{lean.dimension}.{pole}",
                        f"lean texts without a paragraph for the setting {setting_id}",
                    )
    return tuple(leans)


def _read_preferences(
    path: Path, asked: bool, seen_items: Mapping[str, Path]
) -> PreferenceBlock | None:
    """Return the bank's working-conditions block: required by rules with `preferences`, refused
    by others; every setting's condition names its source or is labelled as a reading (model)."""
    if not path.exists():
        if asked:
            raise BankError(path, PREFERENCES_FILE, "these rules ask for the preferences block")
        return None
    if not asked:
        raise BankError(path, PREFERENCES_FILE, "these rules have no preferences block")
    data = _read_toml(path)
    conditions = data.get("conditions", [])
    if isinstance(conditions, list):
        for position, entry in enumerate(conditions, start=1):
            if isinstance(entry, dict) and entry.get("source") is None and not entry.get("reading"):
                where = f"{entry.get('setting')}.{entry.get('item')}"
                raise BankError(
                    path,
                    where if entry.get("item") else f"condition {position}",
                    "a setting's condition without a named source or the label reading = true",
                )
    block = _parse_entries(path, PreferenceBlock, [data])[0]
    for item in block.items:
        if item.id in seen_items:
            raise BankError(path, item.id, f"duplicate id (also in {seen_items[item.id].name})")
    return block


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise BankError(path, path.name, "file is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise BankError(path, "TOML", str(error)) from None
    except RecursionError:
        raise BankError(path, "TOML", "nested too deeply") from None
    except UnicodeDecodeError:
        raise BankError(path, "TOML", "not UTF-8 text") from None


def _table_list(path: Path, key: str) -> list[dict[str, Any]]:
    value = _read_toml(path).get(key, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise BankError(path, key, "must be an array of tables ([[...]])")
    return value


def _parse_entries(path: Path, model: type[M], entries: Iterable[Mapping[str, Any]]) -> list[M]:
    parsed: list[M] = []
    for position, entry in enumerate(entries, start=1):
        try:
            parsed.append(model.model_validate(entry))
        except ValidationError as error:
            given = entry.get("id") if isinstance(entry, Mapping) else None
            name = given if isinstance(given, str) and given.strip() else f"entry {position}"
            raise BankError(path, str(name), _describe(error)) from None
    return parsed


def _describe(error: ValidationError) -> str:
    """Turn pydantic's report into one line a bank maintainer can act on."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "missing" and first["loc"] and first["loc"][-1] in ("de", "en"):
        return f"missing translation '{first['loc'][-1]}' in {where}"
    if first["type"] == "missing":
        return f"missing field {where}"
    if first["type"] == "extra_forbidden":
        return f"unknown field {where}"
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _refuse_duplicates(path: Path, ids: list[str], what: str) -> None:
    duplicates = [name for name, count in Counter(ids).items() if count > 1]
    if duplicates:
        raise BankError(path, duplicates[0], f"duplicate {what} id")


def _check_version_name(folder: Path, head_path: Path, head: Mapping[str, Any]) -> None:
    match = VERSION_FOLDER.match(folder.name)
    if match and head.get("version") != int(match.group(1)):
        raise BankError(head_path, "version", f"must be {match.group(1)} to match the folder")


def _check_dimension_coverage(
    folder: Path,
    dimensions: list[Dimension],
    likert: list[LikertItem],
    scenarios: list[Scenario],
    sources: Mapping[str, Path],
    minimum: int,
) -> None:
    for dimension in dimensions:
        own = [item for item in likert if item.dimension == dimension.id]
        path = sources[own[0].id] if own else folder / "items"
        reversed_count = sum(item.keying == "minus" for item in own)
        if len(own) < minimum:
            raise BankError(
                path,
                dimension.id,
                f"too few Likert items ({len(own)}, at least {minimum})",
            )
        if reversed_count < MIN_REVERSED_PER_DIMENSION or len(own) - reversed_count < 2:
            raise BankError(
                path,
                dimension.id,
                f"unbalanced keying ({reversed_count} of {len(own)} reversed;"
                f" at least {MIN_REVERSED_PER_DIMENSION} of each)",
            )
        if sum(s.dimension == dimension.id for s in scenarios) < MIN_SCENARIOS_PER_DIMENSION:
            raise BankError(path, dimension.id, "no situational-judgment scenario")


def _check_pairs(pairs: list[tuple[Path, TwinPair]], likert: Mapping[str, LikertItem]) -> None:
    for path, pair in pairs:
        for member, keying in ((pair.plus, "plus"), (pair.minus, "minus")):
            item = likert.get(member)
            if item is None:
                raise BankError(path, member, "pair names an unknown Likert item")
            if item.keying != keying:
                raise BankError(path, member, f"pair member must be keyed {keying}")
        if likert[pair.plus].dimension != likert[pair.minus].dimension:
            raise BankError(path, f"{pair.plus}/{pair.minus}", "pair spans two dimensions")


def _check_tradeoffs(
    dimensions: list[Dimension], tradeoffs: list[TradeoffItem], sources: Mapping[str, Path]
) -> None:
    with_axis = {d.id for d in dimensions if d.axis is not None}
    for item in tradeoffs:
        if item.dimension not in with_axis:
            raise BankError(sources[item.id], item.id, "trade-off in a dimension without an axis")


def _check_peer_texts(
    likert: list[LikertItem], tradeoffs: list[TradeoffItem], sources: Mapping[str, Path]
) -> None:
    """Refuse a peer-enabled bank with a statement or trade-off that lacks its third-person text."""
    items: list[LikertItem | TradeoffItem] = [*likert, *tradeoffs]
    for item in items:
        if item.peer is None:
            raise BankError(sources[item.id], item.id, "peer-enabled bank: no third-person text")


def _check_option_lengths(scenarios: list[Scenario], sources: Mapping[str, Path]) -> None:
    """Refuse options whose length gives the key away (rules with similar_option_lengths)."""
    best_longest: list[str] = []
    for scenario in scenarios:
        for lang in ("de", "en"):
            lengths = [len(option.text(lang)) for option in scenario.options]
            if max(lengths) > MAX_OPTION_LENGTH_RATIO * min(lengths):
                raise BankError(
                    sources[scenario.id],
                    scenario.id,
                    f"options differ too much in length ({lang}: {min(lengths)}–{max(lengths)}"
                    f" characters; the longest may be at most {MAX_OPTION_LENGTH_RATIO}×"
                    " the shortest)",
                )
        best = max(scenario.options, key=lambda option: option.score)
        others = [option for option in scenario.options if option is not best]
        if any(
            len(best.text(lang)) > max(len(option.text(lang)) for option in others)
            for lang in ("de", "en")
        ):
            best_longest.append(scenario.id)
    if scenarios and len(best_longest) > MAX_BEST_IS_LONGEST_SHARE * len(scenarios):
        raise BankError(
            sources[best_longest[0]],
            ", ".join(best_longest),
            f"the best-scored option is the longest in {len(best_longest)} of {len(scenarios)}"
            " scenarios (at most a third; strictly longest in either language):"
            " length gives the key away",
        )
    for lang in ("de", "en"):
        best_shortest = [s.id for s in scenarios if _best_is_shortest(s, lang)]
        if scenarios and len(best_shortest) > MAX_BEST_IS_LONGEST_SHARE * len(scenarios):
            raise BankError(
                sources[best_shortest[0]],
                ", ".join(best_shortest),
                f"the best-scored option is the shortest in {len(best_shortest)} of"
                f" {len(scenarios)} scenarios ({lang}; at most a third):"
                " length gives the key away",
            )


def _best_is_shortest(scenario: Scenario, lang: str) -> bool:
    best = max(scenario.options, key=lambda option: option.score)
    others = [option for option in scenario.options if option is not best]
    return len(best.text(lang)) < min(len(option.text(lang)) for option in others)  # type: ignore[arg-type]


def _check_forms(
    path: Path,
    forms: Mapping[FormId, Form],
    items: Mapping[str, LikertItem | Scenario | TradeoffItem | ValidityItem | KnowledgeItem],
) -> None:
    for form_id in FORM_IDS:
        if form_id not in forms:
            raise BankError(path, form_id, "form is missing")
    for form in forms.values():
        _refuse_duplicates(path, list(form.items), f"item in form {form.id}:")
        for item_id in form.items:
            if item_id not in items:
                raise BankError(path, item_id, f"form {form.id} names an unknown item")
    short = Counter(
        items[i].dimension for i in forms["short"].items if isinstance(items[i], LikertItem)
    )
    dimensions = {item.dimension for item in items.values() if item.dimension is not None}
    for dimension in sorted(dimensions):
        if short[dimension] < MIN_SHORT_FORM_LIKERT_PER_DIMENSION:
            raise BankError(
                path,
                dimension,
                f"short form has {short[dimension]} Likert items for this dimension,"
                f" at least {MIN_SHORT_FORM_LIKERT_PER_DIMENSION}",
            )
    if not set(forms["short"].items) <= set(forms["full"].items):
        raise BankError(path, "short", "the short form must be a subset of the full form")


def _check_profiles(path: Path, profiles: list[Profile], dimension_ids: list[str]) -> None:
    present = {p.id for p in profiles}
    for profile_id in PROFILE_IDS:
        if profile_id not in present:
            raise BankError(path, profile_id, "profile is missing")
    for profile in profiles:
        for dimension_id in dimension_ids:
            if dimension_id not in profile.targets:
                raise BankError(path, profile.id, f"no target for dimension {dimension_id}")
        for dimension_id in profile.targets:
            if dimension_id not in dimension_ids:
                raise BankError(path, profile.id, f"target for unknown dimension {dimension_id}")


def _check_axes(path: Path, profiles: list[Profile], dimensions: list[Dimension]) -> None:
    with_axis = {d.id for d in dimensions if d.axis is not None}
    for profile in profiles:
        for dimension_id in profile.axes:
            if dimension_id not in with_axis:
                raise BankError(path, profile.id, f"axis range for {dimension_id}, which has none")


def _check_support(path: Path, profiles: list[Profile]) -> None:
    """Refuse a setting's band or weight that differs from the general profile without support."""
    general = next(p for p in profiles if p.id == "duisburg")
    for profile in profiles:
        if profile.id == "duisburg":
            continue
        for dimension_id, target in profile.targets.items():
            base = general.targets[dimension_id]
            differs = (target.low, target.high, target.weight) != (base.low, base.high, base.weight)
            if differs and target.support is None:
                raise BankError(
                    path,
                    f"{profile.id}.{dimension_id}",
                    "differs from the general Duisburg profile without support"
                    " (an article quote or a named source)",
                )


def _refuse_floors(path: Path, profiles: list[Profile]) -> None:
    """Refuse a knock-out floor in a bank whose rules have none (they would never act)."""
    for profile in profiles:
        for dimension_id, target in profile.targets.items():
            if target.floor is not None:
                raise BankError(
                    path, f"{profile.id}.{dimension_id}", "a floor, but these rules have none"
                )


def bank_quotes(bank: Bank) -> tuple[str, ...]:
    """Return every phrase the bank attributes to the article (anchors, support, salary)."""
    quotes = [d.anchor.quote for d in bank.dimensions]
    quotes += [p.anchor.quote for p in bank.profiles.values()]
    for profile in bank.profiles.values():
        supports = [t.support for t in profile.targets.values()]
        supports += [t.floor_support for t in profile.targets.values()]
        supports += [a.support for a in profile.axes.values()]
        quotes += [s.quote for s in supports if s is not None and s.quote is not None]
    quotes += [bank.salary.entry.quote, bank.salary.experienced.quote]
    if bank.preferences is not None:
        sources = [c.source for c in bank.preferences.conditions]
        quotes += [s.quote for s in sources if s is not None and s.quote is not None]
    return tuple(quotes)


def quotes_missing_from_article(bank: Bank, root: Path = QUESTIONS_DIR) -> tuple[str, ...]:
    """Return the bank's quotes that do not stand word for word in the article copy."""
    path = resolve_root(root) / ARTICLE_FILE
    try:
        article = " ".join(path.read_text(encoding="utf-8").split())
    except OSError:
        raise BankError(path, ARTICLE_FILE, "the article copy is missing") from None
    return tuple(q for q in bank_quotes(bank) if " ".join(q.split()) not in article)
