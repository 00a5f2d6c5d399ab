"""The package's feature families import only downwards (DESIGN.md, "Layout by feature family")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "assessment"
# Each family with its floor: a module may import its own family and the floors below it.
FLOORS: dict[str, int] = {
    "kernel": 0,
    "bank": 1,
    "engine": 2,
    "codes": 3,
    "render": 4,
    "group": 5,
    "peer": 5,
    "operate": 5,
    "ui": 6,
    "cli": 6,
}
KERNEL = {"__init__", "i18n", "messages", "errors", "files", "deferred"}
TOP = {"cli", "__main__"}


def _family(module: str) -> str:
    """Return the family of a dotted module name below `assessment`."""
    head = module.split(".")[0]
    if head in TOP:
        return "cli"
    if head in KERNEL or head == "":
        return "kernel"
    return head


def _imports(path: Path) -> list[tuple[int, str]]:
    """Return (line, module below assessment) for every `assessment` import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "assessment":
                found += [(node.lineno, alias.name) for alias in node.names]
            elif node.module.startswith("assessment."):
                found.append((node.lineno, node.module.removeprefix("assessment.")))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name.removeprefix("assessment."))
                for alias in node.names
                if alias.name.startswith("assessment.")
            ]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_belongs_to_a_known_family() -> None:
    """A new top-level module or folder must be placed in a family on purpose."""
    for path in _modules():
        relative = path.relative_to(PACKAGE).with_suffix("")
        assert _family(".".join(relative.parts)) in FLOORS, relative


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_only_downwards(path: Path) -> None:
    """No module imports a family above its own or beside it (same floor, other family)."""
    own = _family(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    for line, target in _imports(path):
        other = _family(target)
        if other == own:
            continue
        assert FLOORS[other] < FLOORS[own], (
            f"{path.relative_to(PACKAGE)}:{line} ({own}) imports assessment.{target} ({other})"
        )
