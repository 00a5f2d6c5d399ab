"""Situations and knowledge questions carry the same number on the question page and in the
result's review ("Situation 3 von 12"), and the review names the topic and the rating of the
person's own choice (issue 22, point 7)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import KnowledgeItem, Scenario
from assessment.ui import state
from tests.banks import RELEASED
from tests.ui.conftest import answer_page, item_keys, new_app, start, strong

pytestmark = pytest.mark.usefixtures("slow_clock")
LABEL = re.compile(r"^\*\*((?:Situation|Wissensfrage) \d+ von \d+)\*\*$")


def _labels_on_page(at: AppTest) -> dict[str, str]:
    """Return the number label the page shows before each of its situations and knowledge
    questions, by item id (in page order)."""
    labels = [m[1] for e in at.markdown if (m := LABEL.match(str(e.value)))]
    bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
    ids = [state.item_of_key(k) for k in item_keys(at)]
    numbered = [i for i in ids if isinstance(bank.item(i), Scenario | KnowledgeItem)]
    assert len(labels) == len(numbered)
    return dict(zip(numbered, labels, strict=True))


@pytest.mark.parametrize("form", ["short", "full"])
def test_the_page_and_the_result_number_each_situation_alike(form: str) -> None:
    at = start(new_app(), form=form)  # type: ignore[arg-type]
    bank = load_bank(max(RELEASED))
    shown: dict[str, str] = {}
    for _ in range(40):
        if not item_keys(at):
            break
        shown |= _labels_on_page(at)
        answer_page(at, strong)
        at.button(key="nav_next").click().run()
    assert not at.exception
    scenarios = [i for i in bank.form_items(form) if isinstance(i, Scenario)]  # type: ignore[arg-type]
    assert [shown[s.id] for s in scenarios] == [
        f"Situation {n} von {len(scenarios)}" for n in range(1, len(scenarios) + 1)
    ]
    expanders = {str(e.label).replace("\\", ""): e for e in at.expander}
    for item in bank.form_items(form):  # type: ignore[arg-type]
        if item.id not in shown or item.dimension is None:
            continue
        topic = bank.dimension(item.dimension).name("de")
        label = next(lab for lab in expanders if lab.startswith(f"{shown[item.id]} · "))
        assert label.startswith(f"{shown[item.id]} · {topic} · ")
        body = "\n".join(str(m.value) for m in expanders[label].markdown).replace("\\", "")
        if isinstance(item, Scenario):
            best = max(item.options, key=lambda o: o.score)
            assert label.endswith(f"Ihre Wahl: {best.id} – gut vertretbar (3 von 3)")
            assert item.situation("de")[:60] in body
        else:
            assert isinstance(item, KnowledgeItem)
            assert label.endswith("Ihre Antwort: richtig")
            assert item.stem("de")[:60] in body
