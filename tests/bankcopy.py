"""Copies of the released bank in a temporary folder, to break or extend in tests."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from assessment.bank.load import QUESTIONS_DIR

TomlData = dict[str, Any]


def copy_bank(root: Path, version: int = 1, as_version: int | None = None) -> Path:
    """Copy questions/v<version> to root/v<as_version> and return the new folder."""
    target = root / f"v{as_version or version}"
    shutil.copytree(QUESTIONS_DIR / f"v{version}", target)
    if as_version is not None:
        edit_toml(target / "bank.toml", lambda data: data.update(version=as_version))
    return target


def edit_toml(path: Path, change: Callable[[TomlData], object]) -> None:
    """Load a TOML file, let change mutate it, write it back."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
