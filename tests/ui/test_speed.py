"""The speed check counts only what this session timed: a reload or a resumed code never makes
the items answered before look answered in no time."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.engine.answers import Answers
from assessment.engine.quality import MIN_SECONDS_PER_ITEM, check_quality
from assessment.i18n import Language
from assessment.ui import state
from tests.ui.conftest import answer_page, item_keys, new_app, start, strong, texts

FAST_NOTICE = ("zu schnell", "too fast")
TENTATIVE = ("Vorläufig", "Provisional")


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> ManualClock:
    manual = ManualClock()
    monkeypatch.setattr(state, "clock", manual)
    return manual


def _finish_slowly(at: AppTest, clock: ManualClock) -> AppTest:
    """Answer every remaining page, a minute per page."""
    for _ in range(100):
        if not item_keys(at):
            return at
        answer_page(at, strong)
        clock.now += 60.0 * len(item_keys(at))
        at.button(key="nav_next").click().run()
        assert not at.exception
    raise AssertionError("the questionnaire did not end")


def _reloaded_mid_page(clock: ManualClock, left: int) -> tuple[AppTest, int]:
    """Answer page 1 slowly, all but `left` items of page 2, then reload; return the reloaded
    app and the number of items on page 2."""
    at = answer_page(start(new_app()), strong)
    clock.now += 600.0
    at.button(key="nav_next").click().run()
    at = answer_page(at, strong, skip=left)
    clock.now += 600.0
    reloaded = new_app(**at.query_params)
    assert not reloaded.exception
    return reloaded, len(item_keys(reloaded))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_reload_mid_page_raises_no_speed_notice(clock: ManualClock, lang: str) -> None:
    """After a reload, the last items of a half-done page take a plausible time for themselves
    (but far too little for the whole page): no notice, and the result is not tentative."""
    left = 2
    at, items = _reloaded_mid_page(clock, left)
    if lang == "en":
        at.segmented_control(key="lang_switch").set_value("en").run()
    assert items > left + 1
    answer_page(at, strong)
    # Enough for the two items answered now, far too little for the page's items.
    clock.now += MIN_SECONDS_PER_ITEM * left + 1.0
    assert clock.now - 1200.0 < MIN_SECONDS_PER_ITEM * items
    at.button(key="nav_next").click().run()
    at = _finish_slowly(at, clock)
    shown = texts(at)
    assert not [word for word in (*FAST_NOTICE, *TENTATIVE) if word in shown]


def test_items_answered_fast_after_a_reload_still_raise_the_notice(clock: ManualClock) -> None:
    """The check still works on what was timed: the rest of a page answered in no time."""
    at, _ = _reloaded_mid_page(clock, left=4)
    answer_page(at, strong)
    at.button(key="nav_next").click().run()
    at = _finish_slowly(at, clock)
    assert any(word in texts(at) for word in FAST_NOTICE)


def test_the_notice_names_the_page_that_was_too_fast(clock: ManualClock) -> None:
    """After a reload on page 2, page 1 has no timings in this session; page 2, answered in no
    time, is named 2 (it was named by its position among the timings: 1)."""
    at, _ = _reloaded_mid_page(clock, left=4)
    answer_page(at, strong)
    at.button(key="nav_next").click().run()
    flow = at.session_state[state.FLOW_KEY]
    timings = state.timings(flow)
    assert [timing.page for timing in timings] == [2]
    answers = Answers(
        bank_version=flow.bank_version,
        form=flow.form,
        background=flow.experience,
        responses=dict(flow.responses),
        page_seconds=timings,
    )
    flags = [
        f for f in check_quality(answers, load_bank(flow.bank_version)) if f.kind == "too_fast"
    ]
    assert [flag.where for flag in flags] == [("2",)]


def test_a_resumed_code_times_only_the_items_answered_after_it(clock: ManualClock) -> None:
    """A progress code opened in a new session: the page's earlier answers count for nothing."""
    at, items = _reloaded_mid_page(clock, left=3)
    current = at.session_state[state.FLOW_KEY]
    assert current.shown is not None
    assert len(current.shown.answered) == items - 3
    answer_page(at, strong)
    clock.now += 30.0
    at.button(key="nav_next").click().run()
    current = at.session_state[state.FLOW_KEY]
    assert current.timed_items == {1: 3}
    assert current.seconds == {1: 30.0}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_fast_run_is_the_same_result_as_its_link_with_a_separate_hint(
    clock: ManualClock, lang: Language
) -> None:
    """UX pass 3, m-1: pages answered in no time show the session's own speed hint, labelled as
    outside the result; the verdict is not provisional for it and the quality notes are those of
    the shared link (and of a reload), which carries no timings."""
    from assessment.codes.links import SHARE_PARAM
    from assessment.codes.share import decode_code
    from assessment.engine.result import build_result
    from assessment.messages import msg
    from assessment.ui import result as result_page
    from tests.ui.conftest import complete

    at = start(new_app())
    if lang == "en":
        at.segmented_control(key="lang_switch").set_value("en").run()
    at = complete(at, strong)  # the clock never moves: every page in no time
    flow = at.session_state[state.FLOW_KEY]
    assert state.timings(flow), "the pages were timed"
    shown = texts(at)
    hint = msg("ux3.speed.hint", lang, count=len(state.timings(flow)))
    assert hint in shown
    own = at.session_state[result_page.OWN_RESULT_KEY][1]
    assert "too_fast" not in [flag.kind for flag in own.quality]
    assert not own.tentative
    assert not [word for word in TENTATIVE if word in shown]
    links = [c.value for c in at.code if c.value.startswith(f"?{SHARE_PARAM}=")]
    code = links[0].removeprefix(f"?{SHARE_PARAM}=")
    other = build_result(decode_code(code).answers, load_bank(flow.bank_version))
    assert (own.quality, own.tentative, own.match) == (other.quality, other.tentative, other.match)
    reloaded = new_app(**at.query_params)
    assert not reloaded.exception
    again = reloaded.session_state[result_page.OWN_RESULT_KEY][1]
    assert (again.quality, again.tentative, again.match) == (own.quality, own.tentative, own.match)
    assert msg("ux3.speed.hint", lang, count=1).split("**")[1] not in texts(reloaded)
