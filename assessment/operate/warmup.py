"""Warm the slow first use of the PDF path (fpdf2, Altair, vl-convert) in a background thread.

The first PDF in a process takes seconds longer than the next one: imports, the chart
renderer's start (V8 and the Vega-Lite compiler) and the font tables. A served process does that
work once, so that the first person who downloads a PDF does not wait for it — but not while
anybody waits for a page: at server start the warm-up in one piece made the first "Check
starten" click three times slower (issue 24). So `SCHEDULER` starts it only after a page whose
reader pauses was drawn — a questionnaire page (a person reads each statement for seconds, and
reaches a result only after many pages) or a page offering a PDF (a result) — never after the
start page, so a fresh server's first interactions run without it. Each step waits until no
script run of any session (a whole page or the questionnaire's fragment) has been running for
IDLE_SECONDS, so a click that comes while it warms waits for one step at most, not for the whole
warm-up; such a click doubles the quiet spell the next steps wait for, so a person who clicks
fast meets a step once or twice. The steps are small (one library group at a time); the longest
is the chart renderer's start (`start_chart_renderer`, about a second of a core), which lets the
GIL go; the imports hold it in slices of up to a few hundred ms under load. A PDF requested
before the warm-up ended makes the rest of it needless (the download warms the caches); one
requested while a step runs waits for that step instead of competing with it.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from assessment.deferred import DeferredModule, import_serially

if TYPE_CHECKING:
    from assessment.bank import load as bank_load
    from assessment.bank import models
    from assessment.engine import answers as answer_sets
    from assessment.engine.answers import Answers
else:  # not needed before a result page (assessment.deferred)
    bank_load = DeferredModule("assessment.bank.load")
    models = DeferredModule("assessment.bank.models")
    answer_sets = DeferredModule("assessment.engine.answers")

# Set to "1" by assessment.ui.launcher (the way the app is served); tests and tools leave it unset.
WARM_UP_VARIABLE = "SELBSTCHECK_WARM_UP"
THREAD_NAME = "selbstcheck-warm-up"
_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_started: threading.Thread | None = None
# How long no script run may have been running before the warm-up starts.
IDLE_SECONDS = 1.0
# A click that came while a step ran doubles the quiet spell the next steps wait for, up to this:
# a person who clicks fast meets a step once or twice, and the rest waits for slower moments (a
# longer item, a page change, the result), where it is paid by nobody.
MAX_IDLE_SECONDS = 8.0
# A download waits at most this long for a running warm-up, then builds its PDF anyway.
MAX_PDF_WAIT_SECONDS = 30.0


def sample_answers() -> Answers:
    """Return a complete answer set of the newest bank's short form.

    Statements get the middle of the scale, scenarios and knowledge items their first option
    (a), so the sample fits every bank, with or without knowledge items.
    """
    bank = bank_load.load_bank(bank_load.latest_version())
    middle = (models.LIKERT_MIN + models.LIKERT_MAX) // 2
    chosen = (models.Scenario, models.KnowledgeItem)
    responses: dict[str, int | str] = {
        item.id: models.SCENARIO_OPTION_IDS[0] if isinstance(item, chosen) else middle
        for item in bank.form_items("short")
    }
    return answer_sets.Answers(
        bank_version=bank.version,
        form="short",
        profile="duisburg",
        language="de",
        responses=responses,
    )


# numpy and pandas first: importing numpy, pandas or Altair for the first time in two script
# threads at once can hand one of them a partially initialised module ("module 'numpy' has no
# attribute 'ndarray'", "module 'pandas' has no attribute 'Timestamp'": Altair looks pandas up in
# sys.modules, and Streamlit imports pandas for its first chart), seen when many people reached
# their result on a freshly restarted replica in bench_fault. Every lazy import of a heavy
# library goes through import_once, one at a time, after these two.
HEAVY_FIRST = ("numpy", "pandas")


def import_once(*modules: str) -> None:
    """Import modules (after numpy and pandas) one thread at a time; at once if they are loaded
    already."""
    import sys

    wanted = (*HEAVY_FIRST, *modules)
    if all(name in sys.modules for name in wanted):
        return
    import_serially(*wanted)  # the one lock of assessment.deferred


def import_data_libraries() -> None:
    """Import numpy and pandas (Altair's and Streamlit's charts need them; import_once's order)."""
    import_once()


def import_chart_libraries() -> None:
    """Import Altair (the chart on the result page and in the PDF)."""
    import_once("altair")


def import_pdf_libraries() -> None:
    """Import fpdf2, vl-convert and the result's scoring and PDF renderer."""
    import_once("fpdf", "vl_convert", "assessment.engine.result", "assessment.render.pdf.result")


def import_pdf_path() -> None:
    """Import what a PDF needs (fpdf2, Altair, vl-convert, the result and the PDF renderer)."""
    import_data_libraries()
    import_chart_libraries()
    import_pdf_libraries()


# The smallest Vega-Lite chart: compiling it starts vl-convert's JavaScript engine.
TINY_CHART = {
    "data": {"values": [{"x": 1}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}


def start_chart_renderer() -> dict[str, object]:
    """Compile the smallest chart: vl-convert starts its JavaScript engine and loads the
    Vega-Lite compiler (about a second of a core, the longest step; a thread sleeping 1 ms woke
    within 2 ms while it ran, so it lets the GIL go)."""
    import vl_convert

    spec: dict[str, object] = vl_convert.vegalite_to_vega(TINY_CHART)
    return spec


def warm_chart_renderer() -> bytes:
    """Render the sample result's chart once and return the PNG: the renderer's first Vega view,
    fonts and PNG encoding."""
    from assessment.engine.result import build_result
    from assessment.render.pdf.result import chart_png
    from assessment.render.summary import summarize

    answers = sample_answers()
    bank = bank_load.load_bank(answers.bank_version)
    return chart_png(summarize(build_result(answers, bank), bank, "de"))


def warm_steps() -> tuple[Callable[[], object], ...]:
    """Return the warm-up's steps in order (looked up when called, so tests can replace them)."""
    return (
        import_data_libraries,
        import_chart_libraries,
        import_pdf_libraries,
        start_chart_renderer,
        warm_chart_renderer,
        warm_pdf_path,
    )


def warm_pdf_path() -> bytes:
    """Build one PDF of a sample result and return it (the caches stay warm)."""
    from assessment.engine.result import build_result
    from assessment.render.pdf.result import build_pdf

    answers = sample_answers()
    bank = bank_load.load_bank(answers.bank_version)
    return build_pdf(build_result(answers, bank), bank, "de", "")


def warm_up_enabled() -> bool:
    """Return whether this process should warm its slow paths (set by the launcher)."""
    return os.environ.get(WARM_UP_VARIABLE, "") == "1"


def start_warm_up() -> threading.Thread | None:
    """Start the warm-up thread once per process when enabled; return it (None when disabled)."""
    global _started
    if not warm_up_enabled():
        return None
    with _LOCK:
        if _started is None:
            _started = threading.Thread(target=_warm, name=THREAD_NAME, daemon=True)
            _started.start()
        return _started


def _warm() -> None:
    for step in warm_steps():
        if not _warm_step(step):
            return


def _warm_step(step: Callable[[], object]) -> bool:
    """Run one step; return whether it worked. A failed warm-up only means a slow first
    download, which reports its own error to the person."""
    try:
        step()
    except Exception:
        _LOG.warning("warming the PDF path failed", exc_info=True)
        return False
    return True


# "waiting": for a quiet spell before the next step; "running": a step runs.
Phase = Literal["not wanted", "waiting", "running", "done"]


class WarmUpScheduler:
    """Decide when each step of the warm-up runs: after a questionnaire page or a PDF offer was
    drawn, once the process has gone idle, and again before every further step.

    Every script run reports its start and end (assessment.ui.main for a whole page,
    assessment.ui.questionnaire for its fragment); a questionnaire page and a view offering a PDF
    call `want`, a PDF download calls `before_pdf`. The clock and the waiting are injectable, so
    the decisions are tested without timing.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self.clock = clock
        self.idle_seconds = idle_seconds
        self.spell_seconds = idle_seconds  # the quiet spell the next step waits for
        self.phase: Phase = "not wanted"
        self.thread: threading.Thread | None = None
        self._active = 0
        self._last_end = -math.inf
        self._lock = threading.Lock()
        self._wake = threading.Event()
        # Set while no step runs (the waiter clears it for a step).
        self._finished = threading.Event()
        self._finished.set()
        self._cancelled = False

    def run_started(self) -> None:
        """A script run began (any session); one that begins while a step runs doubles the
        quiet spell before the next step (up to MAX_IDLE_SECONDS)."""
        with self._lock:
            self._active += 1
            if self.phase == "running":  # this click competes with a step: back off
                self.spell_seconds = min(2 * self.spell_seconds, MAX_IDLE_SECONDS)

    def run_ended(self) -> None:
        """A script run ended (any session); the idle time counts from now."""
        with self._lock:
            self._active = max(0, self._active - 1)
            self._last_end = self.clock()
        self._wake.set()

    def quiet_seconds(self) -> float:
        """Return how long no script run has been running (0 while one runs; infinite before
        the first one ended). Also asked by assessment.ui.preload."""
        with self._lock:
            if self._active > 0:
                return 0.0
            return self.clock() - self._last_end

    def want(self, start_thread: bool = True) -> None:
        """A page whose reader pauses was drawn (a questionnaire page, a page offering a PDF):
        warm up step by step whenever the process is idle (when enabled)."""
        if not warm_up_enabled():
            return
        with self._lock:
            if self.phase != "not wanted":
                return
            self.phase = "waiting"
        if start_thread:
            self.thread = threading.Thread(
                target=self.wait_then_warm, name=THREAD_NAME, daemon=True
            )
            self.thread.start()

    def seconds_to_wait(self) -> float | None:
        """Return how long to wait before warming (0: now), or None when it is not to run."""
        with self._lock:
            if self.phase != "waiting":
                return None
            if self._active > 0:
                return self.spell_seconds
            return max(0.0, self._last_end + self.spell_seconds - self.clock())

    def claim(self) -> bool:
        """Move from waiting to running (a step) if the process is idle now; return whether it
        did."""
        with self._lock:
            idle = self._active == 0 and self.clock() - self._last_end >= self.spell_seconds
            if self.phase != "waiting" or not idle:
                return False
            self.phase = "running"
            self._finished.clear()
            return True

    def _step_ended(self, last: bool, worked: bool) -> None:
        with self._lock:
            self.phase = "done" if last or not worked or self._cancelled else "waiting"
        self._finished.set()

    def wait_then_warm(self, wait: Callable[[float], object] | None = None) -> None:
        """Warm the PDF path step by step, each step once the process is idle (the waiter
        thread's body)."""
        pause = wait or self._wait
        steps = warm_steps()
        for number, step in enumerate(steps, start=1):
            while (seconds := self.seconds_to_wait()) is not None:
                if seconds > 0:
                    pause(seconds)
                elif self.claim():
                    break
            else:
                return  # cancelled by a download, or not wanted
            worked = False
            try:
                worked = _warm_step(step)
            finally:
                self._step_ended(number == len(steps), worked)

    def before_pdf(self) -> None:
        """A PDF is about to be built: cancel the steps not yet begun; wait for a running one."""
        with self._lock:
            running = self.phase == "running"
            self._cancelled = True
            if self.phase in ("not wanted", "waiting"):
                self.phase = "done"
        self._wake.set()
        if running:
            self._finished.wait(MAX_PDF_WAIT_SECONDS)

    def _wait(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()


# The served process's scheduler (assessment.ui.main reports its runs to it).
SCHEDULER = WarmUpScheduler()
