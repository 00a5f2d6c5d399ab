"""Tests for assessment/ui/preload.py: "Check starten" readied while the start page is read."""

from __future__ import annotations

import pytest

from assessment.operate.warmup import WarmUpScheduler
from assessment.ui import preload


def test_each_step_waits_for_a_quiet_spell() -> None:
    """A step runs only once no script run has been running for the idle time; a run that
    starts in between postpones the next step."""
    now = [0.0]
    scheduler = WarmUpScheduler(clock=lambda: now[0])
    done: list[str] = []
    waits: list[float] = []

    def pause(seconds: float) -> None:
        waits.append(round(seconds, 2))
        now[0] += seconds

    def first() -> None:
        done.append(f"first at {now[0]:.2f}")
        scheduler.run_started()  # a click arrives while the first step ran
        now[0] += 0.1
        scheduler.run_ended()

    scheduler.run_started()
    now[0] = 1.0
    scheduler.run_ended()
    steps = (first, lambda: done.append(f"second at {now[0]:.2f}"))
    preload.run_steps(steps, scheduler=scheduler, idle_seconds=0.25, pause=pause)
    assert done == ["first at 1.25", "second at 1.60"]
    assert waits == [0.25, 0.25]


def test_a_failed_step_ends_the_preload(caplog: pytest.LogCaptureFixture) -> None:
    """A failing step is logged and the rest is left to the first "Check starten"."""
    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("no bank")

    preload.run_steps((broken, lambda: done.append("never")), scheduler=WarmUpScheduler())
    assert done == []
    assert "preloading the questionnaire failed" in caplog.text


def test_the_steps_ready_the_questionnaire_and_the_newest_bank() -> None:
    """The real steps import the questionnaire and paginate the newest bank's forms."""
    import sys

    assert preload.preload_steps() == (preload.import_questionnaire, preload.load_newest_bank)
    for step in preload.preload_steps():
        step()
    assert "assessment.ui.questionnaire" in sys.modules


def test_the_preload_starts_once_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start page starts it; later ones do not start another."""
    ran: list[str] = []
    monkeypatch.setattr(preload, "_started", None)
    monkeypatch.setattr(preload, "preload_steps", lambda: (lambda: ran.append("step"),))
    thread = preload.start_preload()
    assert thread is not None
    thread.join(5)
    assert preload.start_preload() is None
    assert ran == ["step"]
