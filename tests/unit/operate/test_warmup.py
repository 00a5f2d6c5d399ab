"""Tests for assessment/operate/warmup.py: the PDF path warmed once per served process."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from assessment.bank.load import load_bank
from assessment.engine.answers import check_answers
from assessment.operate import warmup
from assessment.ui import launcher


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process in which no warm-up has been started yet."""
    monkeypatch.setattr(warmup, "_started", None)


def test_sample_answers_complete_the_short_form() -> None:
    """The sample is a valid, complete short-form answer set of the newest bank."""
    answers = warmup.sample_answers()
    bank = load_bank(answers.bank_version)
    check_answers(answers, bank)
    assert set(answers.responses) == {item.id for item in bank.form_items("short")}


def test_warm_pdf_path_builds_a_pdf() -> None:
    """Warming builds a real PDF, so every import and cache of a download is exercised."""
    assert warmup.warm_pdf_path().startswith(b"%PDF-")


def test_warm_up_steps_end_with_the_pdf() -> None:
    """The steps import one library group at a time, start the chart renderer, render the
    sample's chart (a real PNG), then build the sample PDF."""
    steps = warmup.warm_steps()
    assert steps == (
        warmup.import_data_libraries,
        warmup.import_chart_libraries,
        warmup.import_pdf_libraries,
        warmup.start_chart_renderer,
        warmup.warm_chart_renderer,
        warmup.warm_pdf_path,
    )
    warmup.import_pdf_path()
    assert "marks" in warmup.start_chart_renderer()  # a compiled Vega spec
    assert warmup.warm_chart_renderer().startswith(b"\x89PNG")


def test_each_import_step_loads_its_libraries() -> None:
    """Each import step leaves its libraries loaded (in a fresh interpreter: this one may have
    them already), and the data step loads no chart or PDF library, so a step stays small."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from assessment.operate import warmup\n"
        "heavy = ('numpy', 'pandas', 'altair', 'fpdf', 'vl_convert')\n"
        "for step in (warmup.import_data_libraries, warmup.import_chart_libraries,\n"
        "             warmup.import_pdf_libraries):\n"
        "    step()\n"
        "    print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines() == [
        "numpy pandas",
        "numpy pandas altair",
        "numpy pandas altair fpdf vl_convert",
    ]


@pytest.mark.usefixtures("fresh")
def test_no_warm_up_unless_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the launcher's variable (tests, tools) nothing is started."""
    monkeypatch.delenv(warmup.WARM_UP_VARIABLE, raising=False)
    assert warmup.start_warm_up() is None
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "0")
    assert warmup.start_warm_up() is None
    assert warmup.THREAD_NAME not in {thread.name for thread in threading.enumerate()}


@pytest.mark.usefixtures("fresh")
def test_warm_up_runs_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Enabled, the first call starts one daemon thread; later calls return the same one."""
    calls: list[str] = []

    def counted() -> bytes:
        calls.append("warm")
        return b""

    monkeypatch.setattr(warmup, "warm_steps", lambda: (counted,))
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    first = warmup.start_warm_up()
    assert first is not None
    assert first.daemon
    assert warmup.start_warm_up() is first
    first.join(timeout=60)
    assert calls == ["warm"]


@pytest.mark.usefixtures("fresh")
def test_failed_warm_up_is_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A warm-up that fails is logged for the operator and ends its thread quietly."""

    def broken() -> bytes:
        raise OSError("no fonts")

    monkeypatch.setattr(warmup, "warm_steps", lambda: (broken,))
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    thread = warmup.start_warm_up()
    assert thread is not None
    thread.join(timeout=60)
    assert "warming the PDF path failed" in caplog.text
    assert "no fonts" in caplog.text


def test_launcher_enables_warm_up_unless_the_operator_said_no(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The launcher turns the warm-up on, but keeps an operator's explicit 0."""
    monkeypatch.delenv(warmup.WARM_UP_VARIABLE, raising=False)
    launcher.enable_warm_up()
    assert warmup.warm_up_enabled()
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "0")
    launcher.enable_warm_up()
    assert not warmup.warm_up_enabled()


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def enabled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Warm-up enabled, with a warm-up that only records that it ran."""
    calls: list[str] = []
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")

    def recorded() -> bytes:
        calls.append("warm")
        return b""

    monkeypatch.setattr(warmup, "warm_steps", lambda: (recorded,))
    return calls


def phase(scheduler: warmup.WarmUpScheduler) -> warmup.Phase:
    """Read the phase afresh (the scheduler's methods change it)."""
    return scheduler.phase


def _scheduler(clock: FakeClock) -> warmup.WarmUpScheduler:
    return warmup.WarmUpScheduler(clock=clock, idle_seconds=1.0)


def test_no_warm_up_before_a_page_asks_for_it(enabled: list[str]) -> None:
    """Script runs alone (the start page's) never start the warm-up (the first click stays
    fast)."""
    clock = FakeClock()
    scheduler = _scheduler(clock)
    for _ in range(3):
        scheduler.run_started()
        clock.now += 0.2
        scheduler.run_ended()
        clock.now += 5
    assert scheduler.seconds_to_wait() is None
    assert not scheduler.claim()
    scheduler.wait_then_warm(wait=lambda seconds: pytest.fail("waited without being wanted"))
    assert enabled == []
    assert phase(scheduler) == "not wanted"


def test_warm_up_waits_for_the_process_to_go_idle(enabled: list[str]) -> None:
    """Offered during a run, the warm-up waits for that run's end plus the idle time."""
    clock = FakeClock()
    scheduler = _scheduler(clock)
    scheduler.run_started()
    scheduler.want(start_thread=False)
    assert phase(scheduler) == "waiting"
    assert scheduler.seconds_to_wait() == 1.0  # a run is active
    assert not scheduler.claim()
    clock.now += 0.3
    scheduler.run_ended()
    clock.now += 0.4
    assert scheduler.seconds_to_wait() == pytest.approx(0.6)
    assert not scheduler.claim()
    scheduler.run_started()  # another session clicks: the idle time starts again after it
    clock.now += 2
    assert not scheduler.claim()
    scheduler.run_ended()
    clock.now += 1.0
    assert scheduler.seconds_to_wait() == 0.0
    assert scheduler.claim()
    assert phase(scheduler) == "running"
    assert not scheduler.claim()  # once


def test_waiter_warms_once_after_the_idle_time(enabled: list[str]) -> None:
    """The waiter sleeps as long as told, then warms once and is done."""
    clock = FakeClock()
    scheduler = _scheduler(clock)
    scheduler.run_started()
    scheduler.want(start_thread=False)
    scheduler.run_ended()
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        clock.now += seconds

    scheduler.wait_then_warm(wait=wait)
    assert waits == [1.0]
    assert enabled == ["warm"]
    assert phase(scheduler) == "done"
    scheduler.want(start_thread=False)
    scheduler.wait_then_warm(wait=wait)
    assert enabled == ["warm"]


def test_want_does_nothing_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the launcher's variable (tests, tools, SELBSTCHECK_WARM_UP=0) nothing waits."""
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "0")
    scheduler = _scheduler(FakeClock())
    scheduler.want()
    assert phase(scheduler) == "not wanted"
    assert scheduler.thread is None


def test_a_pdf_before_the_warm_up_cancels_it(enabled: list[str]) -> None:
    """A download before the warm-up began warms the caches itself; no second build follows."""
    clock = FakeClock()
    scheduler = _scheduler(clock)
    scheduler.want(start_thread=False)
    scheduler.before_pdf()
    clock.now += 10
    scheduler.wait_then_warm(wait=lambda seconds: None)
    assert enabled == []
    assert phase(scheduler) == "done"


def test_a_pdf_during_the_warm_up_waits_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A download while the warm-up runs waits for its end instead of competing for the GIL."""
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    entered, release = threading.Event(), threading.Event()
    order: list[str] = []

    def slow() -> bytes:
        entered.set()
        release.wait(timeout=60)
        order.append("warm-up done")
        return b""

    monkeypatch.setattr(warmup, "warm_steps", lambda: (slow,))
    clock = FakeClock()
    scheduler = _scheduler(clock)
    scheduler.want()  # the real waiter thread; the clock says idle long ago
    assert entered.wait(timeout=60)
    assert phase(scheduler) == "running"

    def download() -> None:
        scheduler.before_pdf()
        order.append("pdf")

    downloader = threading.Thread(target=download, daemon=True)
    downloader.start()
    release.set()
    downloader.join(timeout=60)
    assert order == ["warm-up done", "pdf"]
    assert phase(scheduler) == "done"


class _NoThread(warmup.WarmUpScheduler):
    """A scheduler that records what the views ask for without starting the waiter thread."""

    def want(self, start_thread: bool = True) -> None:
        super().want(start_thread=False)


def test_start_page_leaves_the_warm_up_alone_a_shared_result_asks_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Served, the start page reports its run but schedules nothing; a shared result schedules
    the warm-up, and its PDF download cancels it (the download warms the caches itself)."""
    from streamlit.testing.v1 import AppTest

    from assessment.codes.links import SHARE_PARAM
    from assessment.codes.share import encode_share_code
    from assessment.ui import shared
    from tests.ui.conftest import APP

    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    clock = FakeClock()
    scheduler = _NoThread(clock=clock, idle_seconds=1.0)
    monkeypatch.setattr(warmup, "SCHEDULER", scheduler)
    captured: list[shared.Download] = []
    monkeypatch.setattr(shared, "download_row", lambda downloads: captured.extend(downloads))

    start = AppTest.from_file(str(APP), default_timeout=60)
    start.run()
    assert not start.exception
    assert phase(scheduler) == "not wanted"
    clock.now += 1.0
    assert not scheduler.claim()  # idle, but nothing asked for a PDF

    shared_result = AppTest.from_file(str(APP), default_timeout=60)
    shared_result.query_params[SHARE_PARAM] = encode_share_code(warmup.sample_answers())
    shared_result.run()
    assert not shared_result.exception
    assert phase(scheduler) == "waiting"
    assert scheduler.seconds_to_wait() == pytest.approx(1.0)  # counted from the run's end
    [pdf] = [d for d in captured if d.mime == "application/pdf"]
    built = pdf.build()
    assert isinstance(built, bytes)
    assert built.startswith(b"%PDF-")
    assert phase(scheduler) == "done"


class _Steps:
    """Three warm-up steps that record their order; the first can let a person click while it
    runs (a script run that starts and ends on the scheduler's clock)."""

    def __init__(self, scheduler: warmup.WarmUpScheduler, clock: FakeClock) -> None:
        self.scheduler, self.clock = scheduler, clock
        self.done: list[str] = []
        self.click_during_first = False

    def steps(self) -> tuple[Callable[[], object], ...]:
        return (self.first, lambda: self.done.append("chart"), lambda: self.done.append("pdf"))

    def first(self) -> None:
        self.done.append("import")
        if self.click_during_first:
            self.scheduler.run_started()
            self.clock.now += 0.3
            self.scheduler.run_ended()


@pytest.fixture
def stepped(monkeypatch: pytest.MonkeyPatch) -> tuple[warmup.WarmUpScheduler, FakeClock, _Steps]:
    """Warm-up enabled and wanted, idle since long ago, with three recorded steps."""
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    clock = FakeClock()
    scheduler = _scheduler(clock)
    steps = _Steps(scheduler, clock)
    monkeypatch.setattr(warmup, "warm_steps", steps.steps)
    scheduler.want(start_thread=False)
    return scheduler, clock, steps


def test_steps_run_back_to_back_while_nobody_clicks(
    stepped: tuple[warmup.WarmUpScheduler, FakeClock, _Steps],
) -> None:
    """Idle throughout, the steps follow one another without waiting."""
    scheduler, _, steps = stepped
    scheduler.wait_then_warm(wait=lambda seconds: pytest.fail(f"waited {seconds} s"))
    assert steps.done == ["import", "chart", "pdf"]
    assert phase(scheduler) == "done"


def test_a_click_during_a_step_delays_the_next_step(
    stepped: tuple[warmup.WarmUpScheduler, FakeClock, _Steps],
) -> None:
    """A click that comes while a step runs makes the next step wait until the process has been
    idle again, for twice as long: the click competes with one step at most, not with the whole
    warm-up, and a fast clicker is not met by the next step either."""
    scheduler, clock, steps = stepped
    steps.click_during_first = True
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        assert steps.done == ["import"]  # the chart step has not started
        clock.now += seconds

    scheduler.wait_then_warm(wait=wait)
    assert waits == [pytest.approx(2.0)]  # counted from the click run's end, doubled
    assert steps.done == ["import", "chart", "pdf"]
    assert phase(scheduler) == "done"


def test_clicks_during_steps_double_the_quiet_spell_up_to_a_limit(enabled: list[str]) -> None:
    """Each run that starts while a step runs doubles the quiet spell before the next step, up
    to MAX_IDLE_SECONDS; runs between steps (the person reading at their pace) change nothing."""
    clock = FakeClock()
    scheduler = _scheduler(clock)
    scheduler.want(start_thread=False)
    scheduler.run_started()  # between steps
    scheduler.run_ended()
    assert scheduler.seconds_to_wait() == pytest.approx(1.0)
    clock.now += 1.0
    spells = []
    for _ in range(6):
        assert scheduler.claim()
        scheduler.run_started()  # a click during the step
        scheduler.run_ended()
        scheduler._step_ended(last=False, worked=True)
        spells.append(scheduler.seconds_to_wait())
        clock.now += scheduler.spell_seconds
    assert spells == [2.0, 4.0, 8.0, 8.0, 8.0, 8.0]
    assert warmup.MAX_IDLE_SECONDS == 8.0


def test_a_pdf_between_steps_cancels_the_rest(
    stepped: tuple[warmup.WarmUpScheduler, FakeClock, _Steps],
) -> None:
    """A download while the warm-up waits between steps cancels the rest at once (no step runs,
    so it does not wait)."""
    scheduler, clock, steps = stepped
    steps.click_during_first = True

    def wait(seconds: float) -> None:
        started = clock.now
        scheduler.before_pdf()
        assert clock.now == started
        clock.now += seconds

    scheduler.wait_then_warm(wait=wait)
    assert steps.done == ["import"]
    assert phase(scheduler) == "done"


def test_heavy_imports_run_one_thread_at_a_time_numpy_and_pandas_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two script threads importing numpy, pandas or Altair for the first time at once could
    hand one a partially initialised module (bench_fault: "module 'numpy' has no attribute
    'ndarray'", then the same for pandas): import_once imports numpy and pandas first, one
    thread at a time."""
    import importlib
    import sys
    import threading
    import time

    from assessment.operate import warmup

    active: list[int] = []
    most = [0]
    order: list[str] = []
    lock = threading.Lock()

    def slow_import(name: str) -> object:
        with lock:
            active.append(1)
            most[0] = max(most[0], len(active))
            order.append(name)
        time.sleep(0.01)
        with lock:
            active.pop()
        return object()

    monkeypatch.setattr(importlib, "import_module", slow_import)
    monkeypatch.delitem(sys.modules, "not_yet_loaded_module", raising=False)
    threads = [
        threading.Thread(target=warmup.import_once, args=("not_yet_loaded_module",))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
    assert order[:3] == ["numpy", "pandas", "not_yet_loaded_module"]


def test_questionnaire_page_asks_for_the_warm_up_the_start_page_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Served, the start page and its choices schedule nothing (a fresh server's first clicks
    run without the warm-up); the first questionnaire page schedules it, to run in the pauses
    while the person reads, long before a result. Its answers (fragment runs) each delay it."""
    from tests.ui.conftest import item_keys, new_app, start, start_key

    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    clock = FakeClock()
    scheduler = _NoThread(clock=clock, idle_seconds=1.0)
    monkeypatch.setattr(warmup, "SCHEDULER", scheduler)
    at = new_app()
    at.radio(key=start_key(at, "start_background")).set_value("changer").run()
    assert phase(scheduler) == "not wanted"
    clock.now += 5
    assert not scheduler.claim()

    start(at)
    assert not at.exception
    keys = item_keys(at)
    assert keys  # a questionnaire page is shown
    assert phase(scheduler) == "waiting"
    assert scheduler.seconds_to_wait() == pytest.approx(1.0)  # counted from the run's end
    clock.now += 0.5
    first = at.radio(key=keys[0])
    first.set_value(first.options[0]).run()  # an answer: the idle time starts again
    assert not at.exception
    assert scheduler.seconds_to_wait() == pytest.approx(1.0)
    clock.now += 1.0
    assert scheduler.claim()
