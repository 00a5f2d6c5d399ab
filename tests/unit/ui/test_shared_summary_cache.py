"""A shared result's summary is cached as one object that every reader shares (issue 24: no
pickled copy to unpickle on every rerun). Safe only because a summary cannot be changed: every
part of it is a frozen model, a frozen dataclass, a tuple or a plain value."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from assessment.i18n import LANGUAGES, Language
from assessment.ui import shared
from tests.loadclient import share_codes

PLAIN = (str, int, float, bool, type(None), frozenset)


def _mutable_parts(value: Any, path: str = "summary") -> list[str]:
    """Return where a value holds something that could be changed in place."""
    if isinstance(value, PLAIN):
        return []
    if isinstance(value, tuple):
        return [p for i, part in enumerate(value) for p in _mutable_parts(part, f"{path}[{i}]")]
    if isinstance(value, BaseModel):
        found = [] if value.model_config.get("frozen") else [f"{path} (not frozen)"]
        for name in type(value).model_fields:
            found += _mutable_parts(getattr(value, name), f"{path}.{name}")
        return found
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        params = getattr(type(value), "__dataclass_params__", None)
        found = [] if params is not None and params.frozen else [f"{path} (not frozen)"]
        for field in dataclasses.fields(value):
            found += _mutable_parts(getattr(value, field.name), f"{path}.{field.name}")
        return found
    return [f"{path} ({type(value).__name__})"]


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_summary_cannot_be_changed_by_a_reader(version: int, lang: Language) -> None:
    for code in share_codes(2, version=version):
        summary = shared.shared_summary(code, lang)
        assert _mutable_parts(summary) == []
        assert shared.shared_summary(code, lang) is summary  # one object for every reader
        with pytest.raises(ValidationError):
            summary.headline = "changed"  # type: ignore[misc]
