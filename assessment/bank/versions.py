"""Which bank versions there are: the folders questions/v1, v2, … (plain Python, no pydantic)."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from assessment.errors import BankError

QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "questions"
QUESTIONS_ENV = "SELBSTCHECK_QUESTIONS_DIR"
# A bank version folder: v1 … v999.
VERSION_FOLDER = re.compile(r"^v([1-9][0-9]{0,2})$")


def resolve_root(root: Path = QUESTIONS_DIR) -> Path:
    """Return the questions folder: the given one, or for the default the one QUESTIONS_ENV names.

    The override lets a deployment (or a test) add bank versions without touching the package.
    """
    if root == QUESTIONS_DIR and os.environ.get(QUESTIONS_ENV):
        return Path(os.environ[QUESTIONS_ENV]).resolve()
    return root


def available_versions(root: Path = QUESTIONS_DIR) -> tuple[int, ...]:
    """Return the bank versions present under root, oldest first (listed once per process)."""
    return _listed_versions(resolve_root(root))


@cache
def _listed_versions(root: Path) -> tuple[int, ...]:
    if not root.is_dir():
        return ()
    found = (VERSION_FOLDER.match(path.name) for path in root.iterdir() if path.is_dir())
    return tuple(sorted(int(match.group(1)) for match in found if match))


def latest_version(root: Path = QUESTIONS_DIR) -> int:
    """Return the newest bank version under root."""
    versions = available_versions(root)
    if not versions:
        raise BankError(resolve_root(root), "questions", "no bank version folder (v1, v2, …)")
    return versions[-1]
