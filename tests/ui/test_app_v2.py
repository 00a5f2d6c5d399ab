"""The bank v2 questionnaire and result in AppTest: can't judge yet, trade-offs, areas to gain
experience, borderline verdicts, scenario rationales after the result, the methodology page;
the newest bank (v3 and later) keeps these item kinds and adds knowledge items."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import QUESTIONS_ENV, load_bank
from assessment.bank.models import (
    UNSURE,
    Item,
    KnowledgeItem,
    LikertItem,
    PreferenceItem,
    Scenario,
    TradeoffItem,
    ValidityItem,
)
from assessment.bank.versions import latest_version
from assessment.i18n import Language
from assessment.messages import msg
from assessment.ui import state
from tests.strategies import FIXTURE_ROOT
from tests.ui.conftest import headings, item_keys, new_app, start, texts

pytestmark = pytest.mark.usefixtures("slow_clock")

UNSURE_DE = "Kann ich (noch) nicht einschätzen"
# A frequency statement's answers (rules 4), "no occasion" last.
FREQUENCY_OPTIONS = ("never", "once", "two_three", "more_often", "no_occasion")


def middling(item: Item) -> int | str:
    """Agree a little with plus-keyed statements, a little against minus-keyed ones, stay in
    the middle of every trade-off, deny the unlikely virtues, take the second option (of
    scenarios and knowledge items)."""
    if isinstance(item, Scenario | KnowledgeItem):
        return "b"
    if isinstance(item, LikertItem):
        return 4 if item.keying == "plus" else 2
    if isinstance(item, ValidityItem):
        return 1
    return 3


def agreeable(item: Item) -> int | str:
    """ "Trifft eher zu" to every statement whatever its keying; the second option."""
    if isinstance(item, LikertItem):
        return 4
    return middling(item)


def starter(item: Item) -> int | str:
    """Like middling, but "can't judge yet" wherever a statement presumes experience."""
    if getattr(item, "presumes", None) is not None:
        return UNSURE
    return middling(item)


def complete_v2(at: AppTest, persona: object = middling) -> AppTest:
    """Answer every page of the bank the questionnaire runs on (v2-style or newer) the persona's
    way until the result shows."""
    bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
    for _ in range(60):
        keys = item_keys(at)
        if not keys:
            return at
        for key in keys:
            item = bank.item(state.item_of_key(key))
            at.radio(key=key).set_value(persona(item))  # type: ignore[operator]
        at.run()
        at.button(key="nav_next").click().run()
        assert not at.exception
    raise AssertionError("the questionnaire did not end")


@pytest.fixture
def fixture_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Serve the v2-style fixture bank (four small dimensions) instead of the real banks."""
    monkeypatch.setenv(QUESTIONS_ENV, str(FIXTURE_ROOT))


def test_new_questionnaire_uses_the_newest_bank_with_its_item_kinds() -> None:
    """New users get the newest bank (v3 or later): presuming statements offer "can't judge
    yet" set after the scale, trade-offs come on their own pages with both poles, knowledge items
    offer a to d and "can't say" last; where the bank asks how often (rules 4), never to more
    often and "no occasion" last."""
    at = start(new_app(), form="full", background="starter")
    assert not at.exception
    newest = latest_version()
    assert f"Fragenkatalog Version {newest}" in texts(at)
    assert at.session_state[state.FLOW_KEY].bank_version == newest
    bank = load_bank(newest)
    seen_unsure = seen_tradeoff = seen_knowledge = False
    seen_frequency = not bank.rules.frequency_scale
    for _ in range(60):
        keys = item_keys(at)
        if not keys:
            break
        for key in keys:
            item = bank.item(state.item_of_key(key))
            options = at.radio(key=key).options
            if isinstance(item, KnowledgeItem):
                assert options[-1] == msg("ui.quest.cannot_say", "de")
                assert len(options) == 5
                seen_knowledge = True
            elif isinstance(item, LikertItem) and item.scale == "frequency":  # rules 4
                assert options == [msg(f"frequency.{k}", "de") for k in FREQUENCY_OPTIONS]
                seen_frequency = True
            elif getattr(item, "presumes", None):
                assert options[-1] == UNSURE_DE
                assert len(options) == 6
                seen_unsure = True
            elif isinstance(item, PreferenceItem):  # want / can live with / would chafe
                assert len(options) == 3
            elif not isinstance(item, Scenario):
                assert len(options) == 5
            if isinstance(item, TradeoffItem):
                seen_tradeoff = True
                assert "Beide Seiten sind respektable Arbeitsweisen" in texts(at)
                assert item.a("de") in texts(at)
                assert item.b("de") in texts(at)
            at.radio(key=key).set_value(starter(item))
        at.run()
        at.button(key="nav_next").click().run()
    assert seen_unsure
    assert seen_tradeoff
    assert seen_knowledge
    assert seen_frequency
    assert not item_keys(at)
    assert at.title[0].value == "Ihr Ergebnis"


def test_unsure_counts_as_answered_for_the_page(fixture_questions: None) -> None:
    """A page whose presuming statements are answered "can't judge yet" is complete."""
    at = start(new_app(), form="full", background="starter")
    bank = load_bank(2)
    for page in range(1, 6):
        keys = item_keys(at)
        for key in keys:
            at.radio(key=key).set_value(starter(bank.item(state.item_of_key(key))))
        at.run()
        unsure = [r.key for r in at.radio if r.key in keys and r.value == UNSURE]
        at.button(key="nav_next").click().run()
        assert not at.error
        assert f"Seite {page + 1} von" in at.get("progress")[0].proto.text
        if unsure:
            return
    raise AssertionError("no page with a statement that presumes experience")


def test_starter_who_cannot_judge_sees_an_area_to_gain_experience(
    fixture_questions: None,
) -> None:
    """delta's team statements answered "can't judge yet": an Erfahrungsfeld with entry steps."""
    at = complete_v2(start(new_app(), form="full", background="starter"), starter)
    shown = texts(at)
    assert "Erfahrungsfelder" in headings(at)
    assert "Erfahrungsfeld: Zu 4 von 7 Fragen konnten Sie (noch) nichts sagen" in shown
    assert "Einstiegsschritt delta 1." in shown
    assert "unter dem Zielbereich" not in shown.split("Erfahrungsfelder")[1].split("\n")[0]


def test_borderline_dimension_shows_an_der_grenze(fixture_questions: None) -> None:
    """Agreeing with everything lands within the uncertainty of the band edges."""
    at = complete_v2(start(new_app(), form="full", background="changer"), agreeable)
    shown = texts(at)
    assert "An der Grenze" in headings(at)
    assert "◆" in shown
    assert "Punkte unter dem Zielbereich" not in shown


def test_scenario_rationales_open_only_after_the_result(fixture_questions: None) -> None:
    """While answering, no rating or rationale shows; on the result every option's rating and
    reason open in an expander, the person's choice marked."""
    at = start(new_app(), form="full", background="changer")
    bank = load_bank(2)
    scenario = next(s for s in bank.scenarios)
    for _ in range(10):
        keys = item_keys(at)
        if not keys:
            break
        assert scenario.options[0].rationale("de") not in texts(at)
        assert "von 3" not in texts(at)
        for key in keys:
            at.radio(key=key).set_value(middling(bank.item(state.item_of_key(key))))
        at.run()
        at.button(key="nav_next").click().run()
    labels = [e.label for e in at.expander]
    total = len([i for i in bank.form_items("full") if isinstance(i, Scenario)])
    assert any(label.startswith(f"Situation 1 von {total} · ") for label in labels), labels
    shown = texts(at)
    for option in scenario.options:
        assert option.rationale("de") in shown
    assert "**3 von 3** · Ihre Wahl" in shown


@pytest.mark.parametrize("lang", ["de", "en"])
def test_methodology_page_in_both_languages(lang: Language) -> None:
    """?view=method explains purpose, scoring, quality checks, limits, sources and versions."""
    at = new_app(view="method", lang=lang)
    assert not at.exception
    headings = [s.value for s in at.header]
    expected = {
        "de": ["Zweck und Einsatz", "Auswertung", "Was der Check nicht kann", "Quellen"],
        "en": ["Purpose and intended use", "Scoring", "What the check cannot do", "Sources"],
    }[lang]
    for heading in expected:
        assert heading in headings
    shown = texts(at)
    assert "DIN 33430" in shown
    assert ("1,96" if lang == "de" else "1.96") in shown
    assert (
        at.title[0].value == {"de": "So funktioniert der Check", "en": "How the check works"}[lang]
    )


def test_methodology_is_linked_from_start_and_result(fixture_questions: None) -> None:
    """The start page and the result link to ?view=method in the page's language."""
    at = new_app()
    assert "?view=method&lang=de" in texts(at)
    at = complete_v2(start(at, form="short", background="experienced"))
    assert "?view=method&lang=de" in texts(at)


def test_shared_v2_link_keeps_the_background(fixture_questions: None) -> None:
    """A v2 share link carries the background: a starter's shared result groups the same way."""
    at = complete_v2(start(new_app(), form="full", background="starter"), starter)
    own_groups = headings(at)
    code = next(c.value for c in at.code).split("?r=")[1]
    shared = new_app(r=code)
    assert not shared.exception
    assert "den gewählten Hintergrund" in texts(shared)
    assert [g for g in own_groups if g == "Erfahrungsfelder"] == [
        s for s in headings(shared) if s == "Erfahrungsfelder"
    ]
