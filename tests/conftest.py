"""Shared fixtures and the Hypothesis profiles: quick in `make test`, long in `make fuzz`."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from assessment.bank import load_bank
from assessment.models import Bank

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
