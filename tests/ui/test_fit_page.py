"""The working-conditions page and the setting fit in the app (AppTest, issue 21): a page of its
own after the knowledge questions with the block's intro and three answers; on the result page
(and the shared page) the verdict for "noch offen" and a job preview per setting."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, FormId, Item, PreferenceItem
from assessment.codes.links import SHARE_PARAM
from assessment.codes.share import decode_code
from assessment.ui import state
from tests.banks import RELEASED
from tests.ui.conftest import answer_page, item_keys, new_app, start, strong, texts
from tests.unit.render.test_fit_render import HANDS_ON_MITTELSTAND, NO_PREFERENCE

PREFS = [v for v in RELEASED if load_bank(v).rules.preferences]
pytestmark = [
    pytest.mark.usefixtures("slow_clock"),
    pytest.mark.skipif(max(RELEASED) not in PREFS, reason="the newest bank has no preferences"),
]
BANK = load_bank(max(RELEASED))


def _persona(wishes: dict[str, int]) -> object:
    def answer(item: Item) -> int | str:
        return wishes[item.id] if isinstance(item, PreferenceItem) else strong(item)

    return answer


def _to_preferences(at: AppTest) -> AppTest:
    """Answer every page before the working-conditions page the strong way."""
    for _ in range(100):
        keys = item_keys(at)
        if keys and isinstance(BANK.item(state.item_of_key(keys[0])), PreferenceItem):
            return at
        answer_page(at, strong)
        at.button(key="nav_next").click().run()
        assert not at.exception
    raise AssertionError("no working-conditions page")


@pytest.mark.parametrize("form", FORM_IDS)
def test_preferences_are_a_page_of_their_own_with_three_answers(form: FormId) -> None:
    """Both forms end with one page holding every working condition, the block's intro and the
    three answers; the start page counts them in questions and minutes."""
    at = new_app()
    started = texts(at)
    assert (
        f"{BANK.form_question_count(form)} Fragen, etwa {BANK.form_minutes(form)} Minuten"
        in started
    )
    at = _to_preferences(start(at, form=form, profile="duisburg"))
    keys = item_keys(at)
    block = BANK.preferences
    assert block is not None
    assert [state.item_of_key(key) for key in keys] == [item.id for item in block.items]
    assert block.intro("de") in texts(at)
    radio = at.radio(key=keys[0])
    assert list(radio.options) == [
        "Das suche ich",
        "Damit kann ich leben",
        "Daran würde ich mich reiben",
    ]
    flow = at.session_state[state.FLOW_KEY]
    assert flow.page == len(state.pages_of(BANK.version, form)) - 1


def test_result_names_the_fitting_setting_and_the_link_reproduces_it() -> None:
    """A hands-on Mittelstand person who started with "noch offen" is told that the
    Mittelstand fits best, with a preview per setting; the shared link shows the same verdict
    about the person, and its code carries the answers."""
    at = _to_preferences(start(new_app(), profile="duisburg"))
    answer_page(at, _persona(HANDS_ON_MITTELSTAND))  # type: ignore[arg-type]
    at.button(key="nav_next").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Welches Umfeld passt zu Ihren Wünschen?" in shown
    assert "passen am besten zu: Mittelstand" in shown
    names = {BANK.profiles[s].name("de") for s in ("public", "mittelstand", "industry")}
    labels = [str(e.label).replace("\\", "") for e in at.expander]
    previews = [lab for lab in labels if any(lab.startswith(name) for name in names)]
    assert previews[0] == "Mittelstand (passt am besten)"
    assert len(previews) == len(names)
    assert "Lesart dieses Checks" in shown
    code = at.code[0].value.split(f"{SHARE_PARAM}=")[1]
    decoded = decode_code(code).answers
    for item_id, value in HANDS_ON_MITTELSTAND.items():
        assert decoded.responses[item_id] == value
    shared = new_app(r=code)
    assert not shared.exception
    seen = texts(shared)
    assert "Welches Umfeld passt zu den Wünschen der Person?" in seen
    assert (
        "Die Wünsche der Person an die Arbeitsbedingungen passen am besten zu: Mittelstand" in seen
    )


def test_no_preference_says_so_on_the_result() -> None:
    """Living with everything reads "Keine klare Präferenz" and marks no setting."""
    at = _to_preferences(start(new_app(), profile="duisburg"))
    answer_page(at, _persona(NO_PREFERENCE))  # type: ignore[arg-type]
    at.button(key="nav_next").click().run()
    shown = texts(at)
    assert "Keine klare Präferenz:" in shown
    assert "passen am besten zu" not in shown
    assert not any("passt am besten" in str(e.label) for e in at.expander)
