"""Typed errors: a message in both languages, and a copy through pickle (st.cache_data) intact."""

from __future__ import annotations

import pickle

from assessment.errors import CodeError, SelbstcheckError
from assessment.group.overview import GroupError


def test_errors_survive_pickling_with_key_and_params() -> None:
    """A pickled error comes back as the same type, with its key, params and both messages."""
    for error in (
        CodeError("group.duplicate", line=3),
        CodeError("code.truncated"),
        GroupError("group.too_many_lines", lines=12, limit=10),
    ):
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
        assert type(copy) is type(error)
        assert isinstance(copy, SelbstcheckError)
        assert (copy.key, copy.params) == (error.key, error.params)
        assert copy.message("de") == error.message("de")
        assert copy.message("en") == error.message("en")
        assert str(copy) == str(error)
    assert pickle.loads(pickle.dumps(CodeError("group.duplicate", line=3))).reason == (  # noqa: S301
        "group.duplicate"
    )
