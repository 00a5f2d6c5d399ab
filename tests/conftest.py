"""Shared fixtures and the Hypothesis profiles: quick in `make test`, long in `make fuzz`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from assessment.bank.load import load_bank
from assessment.bank.models import Bank
from tests.banks import bank_params

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def bank() -> Bank:
    """The released bank v1."""
    return load_bank(1)


@pytest.fixture(scope="session", params=bank_params())
def released_bank_version(request: pytest.FixtureRequest) -> int:
    """Each released bank version in turn (v1, v2 and every later folder under questions/)."""
    version: int = request.param
    return version


@pytest.fixture(scope="session")
def released_bank(released_bank_version: int) -> Bank:
    """Each released bank in turn; sample answers for it are in tests/banks.py."""
    return load_bank(released_bank_version)


@pytest.fixture
def v1_questions_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A questions folder holding only bank v1 (and the article), as before v2 shipped.

    Tests of the v1 questionnaire path use it: a v1 progress link still resumes that path.
    """
    from assessment.bank.load import ARTICLE_FILE, QUESTIONS_DIR, QUESTIONS_ENV

    root = tmp_path / "questions-v1-only"
    root.mkdir()
    (root / "v1").symlink_to(QUESTIONS_DIR / "v1", target_is_directory=True)
    (root / ARTICLE_FILE).symlink_to(QUESTIONS_DIR / ARTICLE_FILE)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))
    return root
