"""Rules 3 on the result page (AppTest): the knowledge pages of the questionnaire carry their own
intro; the result says what the verdict rests on, gives the consistency notice, shows each
demand's three views side by side and reviews every knowledge question with its source."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    KnowledgeItem,
    LikertItem,
    Scenario,
    ValidityItem,
    answer_values,
)
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.messages import msg
from assessment.render.summary import summarize
from assessment.ui import state
from tests.banks import RELEASED
from tests.ui.conftest import answer_page, item_keys, new_app, start, texts

V3 = [v for v in RELEASED if load_bank(v).rules.views_apart]
pytestmark = [
    pytest.mark.usefixtures("slow_clock"),
    pytest.mark.skipif(not V3 or max(RELEASED) not in V3, reason="the newest bank has no views"),
]


def self_above(item: object) -> int | str:
    """The statements at the ceiling, the weakest option in each situation, every knowledge
    question answered "can't say", no unlikely virtue, trade-offs in the middle."""
    if isinstance(item, LikertItem):
        # A frequency statement (rules 4) ends at 4, "more often".
        return max(answer_values(item)) if item.keying == "plus" else 1
    if isinstance(item, Scenario):
        return min(item.options, key=lambda option: option.score).id
    if isinstance(item, KnowledgeItem):
        return "na"
    return 1 if isinstance(item, ValidityItem) else 3


def _complete(at: AppTest) -> tuple[AppTest, list[bool]]:
    """Answer every page; return the app on the result and, per knowledge page, whether it
    showed the knowledge intro."""
    bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
    intro = msg("ui.quest.knowledge_intro", "de")
    seen: list[bool] = []
    for _ in range(100):
        keys = item_keys(at)
        if not keys:
            return at, seen
        kinds = {isinstance(bank.item(state.item_of_key(k)), KnowledgeItem) for k in keys}
        assert len(kinds) == 1  # a page holds one kind of question
        if kinds == {True}:
            seen.append(any(m.value == intro for m in at.markdown))
        answer_page(at, self_above)
        at.button(key="nav_next").click().run()
        assert not at.exception
    raise AssertionError("the questionnaire did not end")


def test_v3_result_page_shows_views_rests_on_notice_and_knowledge_review() -> None:
    at, intros = _complete(start(new_app(lang="de"), form="full", profile="duisburg"))
    assert intros
    assert all(intros)
    flow = at.session_state[state.FLOW_KEY]
    bank = load_bank(flow.bank_version)
    shown = texts(at)
    # What the verdict rests on, under the headline, from the same numbers as the Summary.
    assert "Nach Ihrer Selbstbeschreibung erreichen Sie den Zielbereich bei 12 von 12" in shown
    assert "in den Situationen bei 0 von 12" in shown
    # The consistency notice: developmental, recommends the colleagues' view.
    heading = msg("views.consistency_heading", "de")
    notices = [str(i.value) for i in at.info if heading in str(i.value)]
    assert len(notices) == 1
    assert "kein Vorwurf" in notices[0]
    assert "Fremdbild" in notices[0]
    # Each demand's three views, one column each (Streamlit stacks them on a phone).
    captions = [str(c.value) for c in at.caption]
    assert captions.count(msg("views.heading", "de")) == len(bank.dimensions)
    for label in ("Selbstbild", "Situationsurteil", "Wissen"):
        assert sum(f"**{label}**" in str(m.value) for m in at.markdown) == len(bank.dimensions)
    # The knowledge review after the scenario review: every answered question, in expanders.
    labels = [e.label for e in at.expander]
    knowledge = [label for label in labels if label.startswith("Wissensfrage ")]
    items = [i for i in bank.form_items("full") if isinstance(i, KnowledgeItem)]
    assert len(knowledge) == len(items)
    first_scenario = next(i for i, label in enumerate(labels) if label.startswith("Situation"))
    assert labels.index(knowledge[0]) > first_scenario
    assert "Ihre Antwort: „Kann ich nicht sagen“ – zählt als nicht gewusst." in shown
    first = items[0]
    assert f"Richtig ist: {first.key}) {first.option(first.key).text('de')}" in shown
    assert first.source.section in shown
    # The page shows the Summary's sentence verbatim (no text of its own).
    answers = Answers(
        bank_version=flow.bank_version,
        form=flow.form,
        profile=flow.profile,
        background=flow.experience,
        responses=dict(flow.responses),
    )
    sentence = summarize(build_result(answers, bank), bank, "de").rests_on
    assert sentence
    assert sentence in shown


def test_v3_mirror_page_shows_the_colleagues_view_beside_the_three() -> None:
    """The comparison of self and others (?r=…&peers=…): under rules 3 every demand's views with
    the colleagues' median as a fourth column."""
    from assessment.codes.share import encode_share_code
    from assessment.peer.codes import PeerAnswers, encode_peer_code, peer_items
    from tests.banks import answer_sets

    bank = load_bank(V3[-1])
    own = next(s for s in answer_sets(bank.version) if "selfabove" in s.name).answers
    kept = {k: v for k, v in own.responses.items() if not isinstance(bank.item(k), KnowledgeItem)}
    codes = [
        encode_peer_code(
            PeerAnswers(
                bank_version=bank.version,
                form="full",
                responses={item.id: value for item in peer_items(bank, "full")},
            )
        )
        for value in (2, 3, 4)
    ]
    share = encode_share_code(own.model_copy(update={"responses": kept}))
    at = new_app(r=share, peers=",".join(codes))
    assert not at.exception
    assert msg("views.heading_peers", "de") in [h.value for h in at.header]
    columns = [m for m in at.markdown if "**Kolleginnen und Kollegen**" in str(m.value)]
    assert len(columns) == len(bank.dimensions)
    assert all("Median" in str(m.value) for m in columns)
