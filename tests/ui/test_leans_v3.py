"""Trade-offs give value on the result page (AppTest, issue 21.3): the lean section shows each
clear lean with its cost, the three settings and the person's own situations, says once that the
article names no preferred style, leaves out the old per-axis lines; a shared link reproduces it
about the person."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    Item,
    KnowledgeItem,
    LikertItem,
    PreferenceItem,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.codes.links import SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.summary import summarize
from assessment.ui import state
from tests.banks import RELEASED
from tests.ui.conftest import complete, new_app, sections, start, texts

V3 = [v for v in RELEASED if load_bank(v).rules.lean_texts]
pytestmark = [
    pytest.mark.usefixtures("slow_clock"),
    pytest.mark.skipif(not V3 or max(RELEASED) not in V3, reason="the newest bank has no leans"),
]


def leaning(item: Item) -> int | str:
    """Consistent statements, every trade-off at pole a's end, in each situation the first
    option of pole b (so every lean meets the other pole in the situations), knowledge right."""
    if isinstance(item, LikertItem):
        return 4 if item.keying == "plus" else 2
    if isinstance(item, TradeoffItem):
        return 5 if item.high == "a" else 1
    if isinstance(item, Scenario):
        return next(o.id for o in item.options if o.pole == "b")
    if isinstance(item, KnowledgeItem):
        return item.key
    if isinstance(item, PreferenceItem):
        return 2  # the working conditions: "can live with it"
    assert isinstance(item, ValidityItem)
    return 2


def _own(at: AppTest) -> Answers:
    flow = at.session_state[state.FLOW_KEY]
    return Answers(
        bank_version=flow.bank_version,
        form=flow.form,
        profile=flow.profile,
        background=flow.experience,
        responses=dict(flow.responses),
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_result_page_shows_the_leans_and_the_shared_link_reproduces_them(lang: Language) -> None:
    """Short form, every trade-off at pole a: twelve clear leans, each in its own box with the
    contrast to the one situation of its demand; the no-preference sentence once; no line of
    the old axis list. The shared link shows the same section about the person."""
    at = complete(start(new_app(lang=lang), form="short", profile="duisburg"), leaning)
    assert not at.exception
    answers = _own(at)
    bank = load_bank(answers.bank_version)
    summary = summarize(build_result(answers, bank), bank, lang)
    section = summary.leans
    assert section is not None
    assert len(section.leans) == len(bank.dimensions)
    shown = texts(at)
    assert section.heading in sections(at)
    assert shown.count(msg("leans.no_preference_all", lang)) == 1
    for paragraph in section.leans:
        assert paragraph.contrast is not None
        assert paragraph.contrast in shown
        assert paragraph.cost in shown
        assert paragraph.settings[0].text in shown
    other = "„Erst die Lage klären“" if lang == "de" else "“Establish the facts first”"
    assert other in shown
    assert msg("v2.axes_intro", lang) not in shown
    assert msg("ui.result.axes_heading", lang) == section.heading  # the same heading, once
    assert sections(at).count(section.heading) == 1

    shared = new_app(**{SHARE_PARAM: encode_share_code(answers), "lang": lang})
    assert not shared.exception
    seen = texts(shared)
    other_view = summarize(build_result(answers, bank), bank, lang, "other").leans
    assert other_view is not None
    assert msg("other.leans.heading", lang) in sections(shared)
    for paragraph in other_view.leans:
        assert paragraph.contrast is not None
        assert paragraph.contrast in seen
    assert ("Die Person sagt" if lang == "de" else "This person says") in seen
    assert ("Sie sagen „" if lang == "de" else "You say “") not in seen
    assert ("Sie sagen „" if lang == "de" else "You say “") in shown


def test_all_fully_a_trade_offs_leave_the_v3_result_firm_with_one_line() -> None:
    """Every trade-off answered "ganz A" beside thoughtful answers: no quality notice, no
    "Vorläufig", and the axes summarised in one line instead of twelve."""

    def fully_a(item: Item) -> int | str:
        return 1 if isinstance(item, TradeoffItem) else leaning(item)

    at = complete(start(new_app(lang="de"), form="full", profile="duisburg"), fully_a)
    assert not at.exception
    shown = texts(at)
    assert msg("ui.result.quality_heading", "de") not in shown
    assert not at.warning
    assert not any(h.value.startswith("Vorläufig") for h in at.header)
    # No axis leans clearly: the section has nothing to say and is left out (issue 22).
    assert msg("leans.none_clear", "de") not in shown
    assert msg("ui.result.axes_heading", "de") not in sections(at)
