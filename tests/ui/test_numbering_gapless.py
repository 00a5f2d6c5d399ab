"""UX pass m8: the visible running numbers of a questionnaire run 1, 2, 3, … without a gap in
page order. Situations and knowledge questions show their number among their kind ("Situation 3
von 12") and take no running number, so the statements before them and the working conditions
after them do not jump (short form of bank v3: "46." was followed by "73.")."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, FormId
from assessment.ui import state
from assessment.ui.questionnaire import numbering
from tests.banks import RELEASED


@pytest.mark.parametrize("form", FORM_IDS)
@pytest.mark.parametrize("version", RELEASED)
def test_running_numbers_have_no_gap(version: int, form: FormId) -> None:
    bank = load_bank(version)
    if form not in bank.forms:
        pytest.skip("the bank has no such form")
    numbered = numbering(version, form)
    items = [item for page in state.pages_of(version, form) for item in page]
    shown = [numbered.running[item.id] for item in items if item.id not in numbered.within_kind]
    assert shown == list(range(1, len(shown) + 1))
    # Every item keeps an entry (the progress line counts them all).
    assert set(numbered.running) == {item.id for item in items}
