"""Rules-3 checks of the evidence items: no cue solves the scenarios or knowledge items.

Each test breaks exactly one rule in a copy of bank v3 and asserts that read_bank (what
`check-bank` runs) refuses it, naming the file and the items. Bank v1 and v2 never meet these
checks. The base copy gets unlikely virtues up to the rules' minimum, so that these tests do not
depend on the statements part (another helper's) being finished.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from assessment.bank import evidence
from assessment.bank.load import QUESTIONS_DIR, load_bank, read_bank
from assessment.bank.models import KnowledgeItem, Scenario
from assessment.bank.rules import RULES
from assessment.errors import BankError
from assessment.i18n import Language
from tests.bankcopy import TomlData, copy_bank, edit_toml

ASKING = "asks, consults, checks first or escalates"
ACTING = "acts at once"
RULES_3 = RULES[3]


def _evidence_file(folder: Path, item_id: str) -> Path:
    return folder / "items" / f"{item_id.rsplit('_', 1)[0]}_evidence.toml"


def _scenarios(folder: Path) -> list[Scenario]:
    found: list[Scenario] = []
    for path in sorted((folder / "items").glob("*_evidence.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found += [
            Scenario.model_validate({**entry, "dimension": data["dimension"]})
            for entry in data.get("scenarios", [])
        ]
    return found


def _knowledge(folder: Path) -> list[KnowledgeItem]:
    found: list[KnowledgeItem] = []
    for path in sorted((folder / "items").glob("*_evidence.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found += [
            KnowledgeItem.model_validate({**entry, "dimension": data["dimension"]})
            for entry in data.get("knowledge", [])
        ]
    return found


def _edit_entry(
    folder: Path, table: str, item_id: str, change: Callable[[TomlData], object]
) -> None:
    """Change one scenario or knowledge item (by id) in its evidence file."""

    def edit(data: TomlData) -> None:
        change(next(entry for entry in data[table] if entry["id"] == item_id))

    edit_toml(_evidence_file(folder, item_id), edit)


def _same_length(text: str, start: str) -> str:
    """Return text of the same length that begins with start (length checks stay as they were)."""
    return start + text[len(start) :]


def _cue_key(folder: Path, scenario_id: str, lang: str, start: str) -> None:
    """Let the scenario's best-scored option begin with a cue, at the same length."""

    def change(entry: TomlData) -> None:
        key = max(entry["options"], key=lambda option: option["score"])
        key["text"][lang] = _same_length(key["text"][lang], start)

    _edit_entry(folder, "scenarios", scenario_id, change)


@pytest.fixture
def bank3(tmp_path: Path) -> Path:
    """A copy of bank v3 that passes every check (virtues filled up to the minimum)."""
    folder = copy_bank(tmp_path, 3)

    def enough_virtues(data: TomlData) -> None:
        virtues = data["virtues"]
        for number in range(len(virtues) + 1, RULES_3.min_validity_items + 1):
            text = f"Ich habe noch nie einen Fehler gemacht (Nr. {number})."
            virtues.append(
                {"id": f"virtue_{number}", "text": {"de": text, "en": f"I never erred ({number})."}}
            )

    edit_toml(folder / "validity.toml", enough_virtues)
    read_bank(folder)
    return folder


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Sie stimmen sich zuerst mit der Lagerleiterin ab."),
        ("de", "Sie fragen den Inhaber, ob er den Umstieg mitträgt."),
        ("de", "Sie lassen die Geschäftsführung über die Umschaltung entscheiden."),
        ("de", "Sie legen den Fall dem Dezernenten vor."),
        ("de", "Sie prüfen in der Konsole, ob der Fund anderswo auftaucht."),
        ("de", "Sie grenzen mit dem Administrator den Fehler ein."),
        ("en", "You leave the decision on the switch-over to him."),
        ("en", "You have the admin check whether it is the network."),
        ("en", "You put the question to the head of department."),
        ("en", "You consult the works council before the pilot."),
        ("de", "Sie schlagen dem Bürgermeister vor, das Gäste-WLAN auszudehnen."),
        ("en", "You propose to the mayor extending the guest Wi-Fi."),
    ],
)
def test_the_verb_rule_sees_asking_consulting_checking_and_escalating(lang: str, text: str) -> None:
    """The naive verb rule matches the option that asks, consults, looks first or escalates,
    separable German verbs included ("stimmen … ab", "legen … vor", "grenzen … ein")."""
    assert evidence._ASKING[lang].search(text)  # type: ignore[index]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Sie geben der Lagerleiterin grünes Licht für das Notverfahren."),
        ("de", "Sie lassen den Rechner neu aufsetzen und geben ihn wieder aus."),
        ("de", "Sie fordern einen gleichwertigen Ersatz an."),
        ("en", "You approve the switch-over to the standby server."),
        ("en", "You roll back yesterday's update on your own."),
        ("en", "You know the task and take it on."),
        ("de", "Sie beschränken den Vorschlag auf Fernzugänge."),
        ("en", "You narrow the proposal to remote access."),
    ],
)
def test_the_verb_rule_passes_over_plain_actions(lang: str, text: str) -> None:
    """An option that simply acts is no cue option ("gleichwertig", "task", "know" included)."""
    assert not evidence._ASKING[lang].search(text)  # type: ignore[index]
    assert not evidence._ACTING[lang].search(text)  # type: ignore[index]


def test_a_tie_between_cue_options_goes_to_the_key_whatever_the_order(bank3: Path) -> None:
    """With two cue options in a scenario, the rule counts a hit when the key is one of them,
    whichever comes first: reordering options cannot pass the check."""
    scenario = next(s for s in _scenarios(bank3) if s.id == "crisis_s3")
    assert evidence.best_option(scenario) == "a"
    assert evidence.cue_hits([scenario], ASKING, "de") == ()
    for other in ("b", "d"):
        data = scenario.model_dump()
        for option in data["options"]:
            if option["id"] in ("a", other):
                option["text"]["de"] = _same_length(option["text"]["de"], "Sie fragen ")
        tied = Scenario.model_validate(data)
        assert set(evidence.cue_options(tied, ASKING, "de")) >= {"a", other}
        assert evidence.cue_hits([tied], ASKING, "de") == ("crisis_s3",)


def _unhit(folder: Path, rule: str, lang: Language) -> list[Scenario]:
    return [s for s in _scenarios(folder) if s.id not in evidence.cue_hits([s], rule, lang)]


@pytest.mark.parametrize(
    ("rule", "lang", "start"),
    [
        (ASKING, "de", "Sie prüfen "),
        (ASKING, "en", "You check "),
        (ACTING, "de", "Sofort "),
        (ACTING, "en", "At once, "),
    ],
)
def test_check_bank_refuses_a_bank_a_cue_rule_solves_in_more_than_a_third(
    bank3: Path, rule: str, lang: Language, start: str
) -> None:
    """Cue words in the keys of 12 of 36 scenarios pass (a third); in 13 the bank is refused,
    naming every hit scenario and their files, the rule and the language."""
    total = len(_scenarios(bank3))
    already = len(evidence.cue_hits(_scenarios(bank3), rule, lang))
    limit = int(total * evidence.MAX_CUE_HIT_SHARE)
    to_cue = _unhit(bank3, rule, lang)[: limit - already + 1]
    for scenario in to_cue[:-1]:
        _cue_key(bank3, scenario.id, lang, start)
    assert len(evidence.cue_hits(_scenarios(bank3), rule, lang)) == limit
    read_bank(bank3)
    _cue_key(bank3, to_cue[-1].id, lang, start)
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    hits = evidence.cue_hits(_scenarios(bank3), rule, lang)
    assert caught.value.entry == ", ".join(hits)
    assert to_cue[-1].id in caught.value.entry
    assert caught.value.path == _evidence_file(bank3, hits[0])
    assert f"'pick the option that {rule}'" in caught.value.problem
    assert f"in {limit + 1} of {total} scenarios ({lang}; at most a third)" in caught.value.problem
    assert f"{to_cue[-1].dimension}_evidence.toml" in caught.value.problem


def test_check_bank_refuses_knowledge_answers_of_very_different_length(bank3: Path) -> None:
    """A knowledge answer over 1.25 × as long as the shortest is refused, named with its file."""

    def lengthen(entry: TomlData) -> None:
        option = entry["options"][2]
        option["text"]["en"] = option["text"]["en"] + " and then a good deal more"

    _edit_entry(bank3, "knowledge", "budget_k2", lengthen)
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.entry == "budget_k2"
    assert caught.value.path.name == "budget_evidence.toml"
    assert "(in budget_evidence.toml)" in caught.value.problem
    assert "en:" in caught.value.problem
    assert "1.25" in caught.value.problem


@pytest.mark.parametrize(("what", "key_extra"), [("longest", 1), ("shortest", -1)])
def test_check_bank_refuses_knowledge_keys_mostly_longest_or_shortest(
    bank3: Path, what: str, key_extra: int
) -> None:
    """The right answer strictly the longest (or shortest) in more than a third of the knowledge
    items is refused, naming the items and their files; a third passes."""
    items = _knowledge(bank3)
    longest, shortest = evidence.knowledge_key_extremes(items, "de")
    already = set(longest if what == "longest" else shortest)
    limit = int(len(items) * evidence.MAX_KEY_LONGEST_SHARE)
    others = [item for item in items if item.id not in already]

    def extreme(entry: TomlData) -> None:
        for option in entry["options"]:
            extra = key_extra if option["id"] == entry["key"] else 0
            option["text"]["de"] = "x" * (30 + extra)

    changed = others[: limit - len(already) + 1]
    for item in changed[:-1]:
        _edit_entry(bank3, "knowledge", item.id, extreme)
    read_bank(bank3)
    _edit_entry(bank3, "knowledge", changed[-1].id, extreme)
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert changed[-1].id in caught.value.entry.split(", ")
    assert len(caught.value.entry.split(", ")) == limit + 1
    assert f"the right answer is the {what} in {limit + 1} of {len(items)}" in caught.value.problem
    assert f"{changed[-1].dimension}_evidence.toml" in caught.value.problem


def test_check_bank_refuses_knowledge_keys_crowded_at_one_position(bank3: Path) -> None:
    """More than 40 % of the knowledge keys at one position (13 of 32) is refused, naming the
    items; 12 of 32 (37.5 %) pass. Moving a key swaps the answer texts, so lengths stay."""
    items = _knowledge(bank3)
    at_a = sum(item.key == "a" for item in items)
    movable = [item for item in items if item.key != "a"]
    limit = int(len(items) * evidence.MAX_KEY_POSITION_SHARE)

    def to_a(entry: TomlData) -> None:
        first, key = (
            entry["options"][0],
            next(o for o in entry["options"] if o["id"] == entry["key"]),
        )
        first["text"], key["text"] = key["text"], first["text"]
        entry["key"] = "a"

    moved = movable[: limit - at_a + 1]
    for item in moved[:-1]:
        _edit_entry(bank3, "knowledge", item.id, to_a)
    read_bank(bank3)
    _edit_entry(bank3, "knowledge", moved[-1].id, to_a)
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.entry == ", ".join(item.id for item in _knowledge(bank3) if item.key == "a")
    assert f"{limit + 1} of {len(items)} knowledge keys are answer a" in caught.value.problem
    assert f"{moved[-1].dimension}_evidence.toml" in caught.value.problem


def test_check_bank_refuses_a_scenario_without_a_well_rated_option_for_each_pole(
    bank3: Path,
) -> None:
    """Where the demand has a trade-off axis, a scenario whose pole-b option scores 1 (and a
    pole-less option 2) is refused, naming it and its file."""

    def weaken(entry: TomlData) -> None:
        option = next(o for o in entry["options"] if o.get("pole") == "b")
        other = next(o for o in entry["options"] if o["score"] == 1)
        option["score"], other["score"] = 1, option["score"]

    scenario = next(s for s in _scenarios(bank3) if s.id == "crisis_s3")
    assert [(o.id, o.score) for o in scenario.options if o.pole == "b"] == [("b", 2)]
    _edit_entry(bank3, "scenarios", "crisis_s3", weaken)
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.entry == "crisis_s3"
    assert caught.value.path.name == "crisis_evidence.toml"
    assert "no option of pole b scores 2 or more" in caught.value.problem


def test_check_bank_refuses_a_scenario_whose_pole_is_unmarked(bank3: Path) -> None:
    """A scenario whose options name no pole offers none: refused, named with its file."""

    def unmark(entry: TomlData) -> None:
        for option in entry["options"]:
            if option.get("pole") == "a":
                del option["pole"]

    _edit_entry(bank3, "scenarios", "motivation_s2", unmark)
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.entry == "motivation_s2"
    assert "(in motivation_evidence.toml)" in caught.value.problem


def _drop_from_form(folder: Path, form_id: str, *item_ids: str) -> None:
    def drop(data: TomlData) -> None:
        form = next(f for f in data["forms"] if f["id"] == form_id)
        form["items"] = [i for i in form["items"] if i not in item_ids]

    edit_toml(folder / "forms.toml", drop)


def test_check_bank_wants_three_scenarios_per_demand_in_the_full_form(bank3: Path) -> None:
    """A demand with two scenarios in the full form is refused, naming forms.toml and it."""
    assert RULES_3.min_scenarios_full == 3
    _drop_from_form(bank3, "full", "security_s2")
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.path == bank3 / "forms.toml"
    assert caught.value.entry == "security"
    assert "form full has too few scenarios" in caught.value.problem
    assert "security 2; at least 3 each" in caught.value.problem


def test_check_bank_wants_a_scenario_per_demand_in_the_short_form(bank3: Path) -> None:
    """A demand with no scenario in the short form is refused, naming every such demand."""
    _drop_from_form(bank3, "short", "crisis_s1", "motivation_s1")
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.path == bank3 / "forms.toml"
    assert caught.value.entry == "crisis, motivation"
    assert "form short" in caught.value.problem
    assert "at least 1 each" in caught.value.problem


def test_check_bank_wants_sixteen_knowledge_items_in_the_full_form(bank3: Path) -> None:
    """Fewer than min_knowledge_items knowledge items in the full form are refused; that many
    pass."""
    in_short = set(load_short(bank3))
    spare = [k.id for k in _knowledge(bank3) if k.id not in in_short]
    keep = RULES_3.min_knowledge_items
    total = len(_knowledge(bank3))
    _drop_from_form(bank3, "full", *spare[: total - keep])
    read_bank(bank3)
    _drop_from_form(bank3, "full", spare[total - keep])
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.path == bank3 / "forms.toml"
    assert caught.value.entry == "knowledge"
    assert f"{keep - 1} knowledge items, at least {keep}" in caught.value.problem


def load_short(folder: Path) -> list[str]:
    data = tomllib.loads((folder / "forms.toml").read_text(encoding="utf-8"))
    return list(next(f for f in data["forms"] if f["id"] == "short")["items"])


def test_check_bank_wants_eight_unlikely_virtues(bank3: Path) -> None:
    """Seven virtues are refused, naming validity.toml and the virtues there are; eight pass."""
    data = tomllib.loads((bank3 / "validity.toml").read_text(encoding="utf-8"))
    extra = [v["id"] for v in data["virtues"][RULES_3.min_validity_items :]]

    def keep(count: int) -> Callable[[TomlData], object]:
        return lambda toml: toml.update(virtues=toml["virtues"][:count])

    for form_id in ("short", "full"):
        _drop_from_form(bank3, form_id, *extra)
    edit_toml(bank3 / "validity.toml", keep(RULES_3.min_validity_items))
    read_bank(bank3)
    dropped = f"virtue_{RULES_3.min_validity_items}"
    for form_id in ("short", "full"):
        _drop_from_form(bank3, form_id, dropped)
    edit_toml(bank3 / "validity.toml", keep(RULES_3.min_validity_items - 1))
    with pytest.raises(BankError) as caught:
        read_bank(bank3)
    assert caught.value.path == bank3 / "validity.toml"
    assert "7 unlikely-virtue statements (virtue_1, " in caught.value.problem
    assert dropped not in caught.value.problem
    assert "at least 8" in caught.value.problem


def test_bank_v1_and_v2_never_meet_the_rules_3_checks(tmp_path: Path) -> None:
    """Released banks load unchanged; a v2 copy whose keys all carry cue words still loads,
    since rules 2 ask for no cue check (the RuleSet decides, not the version)."""
    load_bank(1)
    load_bank(2)
    assert not RULES[2].cue_checks
    assert RULES[2].min_scenarios_full == 0
    folder = copy_bank(tmp_path, 2)
    cued = 0
    for path in sorted((folder / "items").glob("*.toml")):

        def cue_all(data: TomlData) -> None:
            for entry in data.get("scenarios", []):
                key = max(entry["options"], key=lambda option: option["score"])
                key["text"]["de"] = _same_length(key["text"]["de"], "Sie prüfen ")

        edit_toml(path, cue_all)
        cued += 1
    assert cued == 12
    bank = read_bank(folder)
    assert len(evidence.cue_hits(bank.scenarios, ASKING, "de")) == len(bank.scenarios)


def test_the_real_bank_v3_passes_the_evidence_checks(bank3: Path) -> None:
    """The real bank v3 passes every rules-3 check as it stands (read_bank refuses nothing), and
    the figures the report quotes stay within their limits."""
    bank = read_bank(QUESTIONS_DIR / "v3")
    assert bank.rules is RULES_3
    assert len(bank.virtues) >= RULES_3.min_validity_items
    scenarios, items = _scenarios(bank3), _knowledge(bank3)
    assert {s.id for s in scenarios} == {s.id for s in bank.scenarios}
    for rule in evidence.CUE_RULES:
        for lang in evidence.LANGUAGES:
            assert len(evidence.cue_hits(scenarios, rule, lang)) <= len(scenarios) / 3
    assert max(evidence.key_positions(items).values()) <= 0.4 * len(items)
    assert len(items) >= RULES_3.min_knowledge_items
