"""Issue 15: what a new user stumbled on — error wording, plurals, the upload box, the salary."""

from __future__ import annotations

import pytest

from assessment.i18n import Language
from assessment.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.messages import msg
from tests.ui.conftest import new_app


@pytest.mark.parametrize(
    ("param", "value"),
    [(SHARE_PARAM, "garbage"), (SHARE_PARAM, "AAAAAAAA"), (PROGRESS_PARAM, "garbage")],
)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_foreign_text_is_not_called_cut_off(param: str, value: str, lang: Language) -> None:
    """Text that is no code says so; it is not blamed on copying."""
    at = new_app(**{param: value, "lang": lang})
    assert not at.exception
    shown = at.error[0].value.replace("\\", "")
    assert shown == msg("code.not_a_code", lang)
    assert shown != msg("code.truncated", lang)
