"""The rules as an object: a frozen RuleSet per rules version, chosen by the bank, asked by name."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from assessment.bank.load import available_versions, load_bank, read_bank
from assessment.bank.models import Bank
from assessment.bank.rules import RULES, RulesError, RuleSet, rules_for
from assessment.engine.result import build_result
from assessment.errors import BankError
from assessment.render.summary import summarize
from tests.bankcopy import copy_bank, edit_toml
from tests.personas import random_answers

PACKAGE = Path(__file__).resolve().parents[3] / "assessment"
RULES_MODULE = PACKAGE / "bank" / "rules.py"


def test_each_released_bank_carries_its_ruleset() -> None:
    """Bank v1 is scored by rules 1 (its bank.toml names none), bank v2 by rules 2; every
    released bank's rules are one of the known, frozen rule sets."""
    assert load_bank(1).rules is RULES[1]
    assert load_bank(2).rules is RULES[2]
    for version in available_versions():
        assert load_bank(version).rules in RULES.values()
    with pytest.raises(dataclasses.FrozenInstanceError):
        RULES[2].honest_verdicts = False  # type: ignore[misc]


def test_the_rule_sets_differ_as_the_design_says() -> None:
    """Rules 1 keep bank v1's behaviour; rules 2 are the honest verdicts, named field by field."""
    one, two = RULES[1], RULES[2]
    assert (one.version, two.version) == (1, 2)
    assert (one.min_likert_per_dimension, two.min_likert_per_dimension) == (6, 4)
    assert (one.salary_outlier_factor, two.salary_outlier_factor) == (1.25, None)
    flags = [f.name for f in dataclasses.fields(RuleSet) if f.type in ("bool", bool)]
    assert not any(getattr(one, flag) for flag in flags)
    three, four = RULES[3], RULES[4]
    assert all(getattr(four, flag) for flag in flags)
    # Rules 2 hold every flag up to the salary rule; rules 3's own ones (issues 19, 20) are off,
    # and rules 3 hold every flag but rules 4's own ones (bank v4).
    rules_3_only = flags[flags.index("views_apart") : flags.index("per_view_disagreement")]
    rules_4_only = flags[flags.index("per_view_disagreement") :]
    assert all(getattr(two, flag) for flag in flags if flag not in rules_3_only + rules_4_only)
    assert not any(getattr(two, flag) for flag in rules_3_only + rules_4_only)
    assert all(getattr(three, flag) for flag in flags if flag not in rules_4_only)
    assert not any(getattr(three, flag) for flag in rules_4_only)
    assert dataclasses.replace(four, version=3, **dict.fromkeys(rules_4_only, False)) == three
    assert (two.borderline_z, three.borderline_z) == (1.0, 1.96)
    assert (two.min_firm_answers, three.min_firm_answers) == (0, 4)


def test_bank_json_and_schema_name_the_rules_version() -> None:
    """`selbstcheck bank` and `schema bank` still write the rules as their version number."""
    assert load_bank(2).model_dump(mode="json")["rules"] == 2
    assert load_bank(1).model_dump(mode="json")["rules"] == 1
    schema = Bank.model_json_schema()["properties"]["rules"]
    assert schema == {"default": 1, "enum": [1, 2, 3, 4], "title": "Rules", "type": "integer"}


@pytest.mark.parametrize("version", [0, 5, 9, -1, "2", 2.0, True, None])
def test_an_unknown_rules_version_is_refused_by_name(version: object) -> None:
    """rules_for refuses anything but a known version number, naming it in German and English."""
    with pytest.raises(RulesError) as caught:
        rules_for(version)
    assert caught.value.key == "rules.unknown"
    assert caught.value.message("de") == (
        f"Regelwerk {version!r} ist unbekannt: Dieser Selbstcheck wertet nur nach den"
        " Regelwerken 1, 2, 3, 4 aus."
    )
    assert caught.value.message("en").startswith(f"Rules version {version!r} is unknown")


def test_a_bank_with_unknown_rules_fails_loudly_naming_the_file(tmp_path: Path) -> None:
    """`rules = 9` in bank.toml is refused when the bank is read, with the file and the entry."""
    folder = copy_bank(tmp_path, 2)
    edit_toml(folder / "bank.toml", lambda data: data.update(rules=9))
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert caught.value.path == folder / "bank.toml"
    assert caught.value.entry == "rules = 9"
    assert str(caught.value).startswith("bank.toml: rules = 9: Rules version 9 is unknown")


def test_a_summary_carries_the_rules_its_result_was_worded_by() -> None:
    """Renderers ask the summary's RuleSet by name; v1 summaries carry rules 1, not a default."""
    for version in available_versions():
        bank = load_bank(version)
        (answers,) = random_answers(bank, 1, seed=version)
        summary = summarize(build_result(answers, bank), bank, "en")
        assert summary.rules is bank.rules


def _is_rules(node: ast.expr) -> bool:
    """Return whether an expression reads a rules version: `rules`, `x.rules`, `x.rules.version`."""
    if isinstance(node, ast.Attribute) and node.attr == "version":
        node = node.value
    return (isinstance(node, ast.Name) and node.id == "rules") or (
        isinstance(node, ast.Attribute) and node.attr == "rules"
    )


def _is_int(node: ast.expr) -> bool:
    """Return whether an expression is an integer literal, or a tuple, list or set of them."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_int(element) for element in node.elts)
    return (isinstance(node, ast.Constant) and type(node.value) is int) or (
        isinstance(node, ast.UnaryOp) and _is_int(node.operand)
    )


def rules_integer_uses(tree: ast.AST) -> list[tuple[int, str]]:
    """Return (line, what) for every comparison of a rules version with an integer literal, and
    every `rules` parameter with a default, in a module's syntax tree."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_rules(s) for s in sides) and any(_is_int(s) for s in sides):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Match) and _is_rules(node.subject):
            found.append((node.lineno, f"match {ast.unparse(node.subject)}"))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = node.args
            positional = [*arguments.posonlyargs, *arguments.args]
            defaults = dict(
                zip(
                    [a.arg for a in positional[len(positional) - len(arguments.defaults) :]],
                    arguments.defaults,
                    strict=True,
                )
            )
            defaults.update(
                (a.arg, d)
                for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
                if d is not None
            )
            if "rules" in defaults:
                found.append((node.lineno, f"rules={ast.unparse(defaults['rules'])}"))
    return found


def test_the_checker_finds_what_it_should() -> None:
    """The source check below sees every form the old code used, and passes the new forms."""
    old = (
        "if bank.rules >= 2: pass\n"
        "x = summary.rules == 1\n"
        "y = 2 <= rules\n"
        "z = bank.rules.version < 2\n"
        "def f(s, p, rules: int = 1): pass\n"
        "def g(*, rules=1): pass\n"
        "match bank.rules:\n    case _: pass\n"
        "w = bank.rules in (1, 2)\n"
    )
    found = sorted(line for line, _ in rules_integer_uses(ast.parse(old)))
    assert found == [1, 2, 3, 4, 5, 6, 7, 9]
    new = "if bank.rules.honest_verdicts: pass\nx = len(rules) > 2\ndef f(s, p, rules): pass\n"
    assert rules_integer_uses(ast.parse(new)) == []


def test_no_rules_version_is_compared_with_an_integer_outside_the_rules_module() -> None:
    """Outside assessment/bank/rules.py nothing compares a rules version with a number, and no
    function defaults its rules (a default of 1 once let bank-v2 codes be scored by rules 1)."""
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != RULES_MODULE
        for line, what in rules_integer_uses(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offences == []
