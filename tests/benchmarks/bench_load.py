"""Load benchmark: simulated people on Streamlit's websocket protocol, app.py beside a bare twin.

Every person (tests/loadclient.py) opens the start page, picks a setting and a background (two
radio clicks) and starts the short form of the newest bank (bank v3: 86 questions on 14 pages:
statements, some with "can't judge yet", trade-offs, situations, knowledge questions with "can't
say", and the working-conditions page, which must be answered). Then, by run:

- complete (N = 1 and N = 20): every page answered (one rerun per answer, as in the browser) and
  Weiter, to the person's own result, whose tab stays open: 104 interactions a person;
- one page (N = 100): the first page's 8 statements and Weiter, then a shared result (?r=) in a
  new tab: 14 interactions.

The same people walk tests/benchmarks/bare/bare_app.py, which has the same widgets, keys and
pages (bare_views.SHORT_FORM; tests/e2e/test_loadclient.py compares the two walks).

- start-up: `streamlit run` until /_stcore/health answers; then the first shared result.
- N = 1 (no pauses): the latency of each interaction on an idle server.
- N = 20 (no pauses): a saturated server; its throughput is the capacity of one process, the
  server process's CPU time per interaction (user + system, all its threads: script runs,
  serialisation, websockets), and the server's RSS growth per person who completed the form
  (tabs open on their results).
- N = 100 (pauses of THINK seconds between clicks, arrivals spread over RAMP seconds) on a fresh
  server: latency, errors, and the server's RSS growth per person (one page each).

BENCH_QUICK=1: 5 and 20 people instead of 20 and 100.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks.common import STEADY, Row, effort
from tests.loadclient import (
    FINISH,
    Flow,
    LoadReport,
    StreamlitServer,
    StreamlitSession,
    run_load,
    share_codes,
)

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
BARE_APP = Path(__file__).resolve().parent / "bare" / "bare_app.py"
# A person reads a statement and clicks: 2–6 s here, about four times faster than the
# form's own estimate (~18 s a statement), so 100 simulated people are a heavy 100.
THINK = (2.0, 6.0)
RAMP = 10.0
SATURATED_PEOPLE = effort(20, 5)
CROWD = effort(100, 20)
START = (("start_profile", 1), ("start_background", 0))
ONE_PAGE = Flow(start_choices=START, pages=1, shared_result=True)
COMPLETE = Flow(start_choices=START, pages=None, shared_result=False)
MB = 1_000_000


@dataclass
class Figures:
    """Everything measured for one script."""

    startup: float = math.nan
    first_result: float = math.nan
    idle: LoadReport = field(default_factory=lambda: LoadReport(people=0))
    saturated: LoadReport = field(default_factory=lambda: LoadReport(people=0))
    crowd: LoadReport = field(default_factory=lambda: LoadReport(people=0))
    # The server process's CPU time (user + system, all threads) over the saturated run.
    saturated_cpu: float = math.nan

    @property
    def cpu_per_interaction(self) -> float:
        """Return the server's CPU seconds per interaction of the saturated run."""
        interactions = self.saturated.interactions
        return self.saturated_cpu / interactions if interactions else math.nan


def _cpu_seconds(server: StreamlitServer) -> float:
    """Return the CPU time the server process has used so far (user + system)."""
    import psutil

    assert server.process is not None
    times = psutil.Process(server.process.pid).cpu_times()
    return float(times.user + times.system)


async def _first_result(url: str, code: str) -> float:
    async with StreamlitSession(url) as tab:
        run = await tab.open(f"r={code}")
        run.find(key=ONE_PAGE.result_key)
        return run.seconds


def measure(script: Path, codes: list[str]) -> Figures:
    """Return the start-up, latency, throughput and memory figures of one script."""
    figures = Figures()
    with StreamlitServer(script, environment=STEADY) as server:
        figures.startup = server.startup_seconds
        figures.first_result = asyncio.run(_first_result(server.url, codes[1]))
        figures.idle = asyncio.run(run_load(server.url, 1, codes, flow=COMPLETE))
        cpu_before = _cpu_seconds(server)
        figures.saturated = asyncio.run(
            run_load(server.url, SATURATED_PEOPLE, codes, rss=server.rss, flow=COMPLETE)
        )
        figures.saturated_cpu = _cpu_seconds(server) - cpu_before
    with StreamlitServer(script, environment=STEADY) as server:
        asyncio.run(run_load(server.url, 1, codes, flow=ONE_PAGE))  # imports and caches
        figures.crowd = asyncio.run(
            run_load(server.url, CROWD, codes, THINK, RAMP, rss=server.rss, flow=ONE_PAGE, seed=7)
        )
    return figures


def _rows(app: Figures, bare: Figures) -> list[Row]:
    crowd = f"{CROWD} people, one page, pauses {THINK[0]:g}–{THINK[1]:g} s"
    saturated = f"{SATURATED_PEOPLE} people complete, no pauses"
    rows = [
        Row(
            "start-up: streamlit run → health", app.startup, "s", "bare app", bare.startup, "≤ 3 s"
        ),
        Row(
            "first shared result, fresh server",
            app.first_result,
            "s",
            "bare app",
            bare.first_result,
        ),
        Row(
            "1 person, short form: p50 per interaction",
            app.idle.quantile(0.5) * 1e3,
            "ms",
            "bare app",
            bare.idle.quantile(0.5) * 1e3,
        ),
        Row(
            "1 person: p95 per interaction",
            app.idle.quantile(0.95) * 1e3,
            "ms",
            "bare app",
            bare.idle.quantile(0.95) * 1e3,
        ),
        Row(
            f"1 person: {FINISH}",
            app.idle.quantile(0.5, FINISH) * 1e3,
            "ms",
            "bare app",
            bare.idle.quantile(0.5, FINISH) * 1e3,
        ),
        Row(
            f"{saturated}: throughput",
            app.saturated.throughput,
            "/s",
            "bare app",
            bare.saturated.throughput,
            "≥ 0.9× bare (issue 24)",
        ),
        Row(
            f"{saturated}: server CPU per interaction",
            app.cpu_per_interaction * 1e3,
            "ms",
            "bare app",
            bare.cpu_per_interaction * 1e3,
            "≤ 1.1× bare",
        ),
        Row(
            f"{saturated}: p50",
            app.saturated.quantile(0.5) * 1e3,
            "ms",
            "bare app",
            bare.saturated.quantile(0.5) * 1e3,
        ),
        Row(
            f"{saturated}: p95",
            app.saturated.quantile(0.95) * 1e3,
            "ms",
            "bare app",
            bare.saturated.quantile(0.95) * 1e3,
        ),
        Row(
            f"{saturated}: RSS per person",
            app.saturated.rss_per_person / MB,
            "MB",
            "bare app",
            bare.saturated.rss_per_person / MB,
            "≤ 1 MB",
        ),
        Row(
            f"{saturated}: errors",
            len(app.saturated.errors),
            "",
            "bare app",
            len(bare.saturated.errors),
            "0",
        ),
        Row(f"{crowd}: errors", len(app.crowd.errors), "", "bare app", len(bare.crowd.errors), "0"),
        Row(
            f"{crowd}: p50",
            app.crowd.quantile(0.5) * 1e3,
            "ms",
            "bare app",
            bare.crowd.quantile(0.5) * 1e3,
        ),
        Row(
            f"{crowd}: p95",
            app.crowd.quantile(0.95) * 1e3,
            "ms",
            "bare app",
            bare.crowd.quantile(0.95) * 1e3,
            "≤ 1000 ms",
        ),
        Row(f"{crowd}: throughput", app.crowd.throughput, "/s", "bare app", bare.crowd.throughput),
        Row(
            f"{crowd}: RSS per person",
            app.crowd.rss_per_person / MB,
            "MB",
            "bare app",
            bare.crowd.rss_per_person / MB,
            "≤ 1 MB",
        ),
    ]
    for name in app.crowd.names:
        rows.append(
            Row(
                f"  {CROWD} people: p95 {name}",
                app.crowd.quantile(0.95, name) * 1e3,
                "ms",
                "bare app",
                bare.crowd.quantile(0.95, name) * 1e3,
            )
        )
    return rows


def run() -> list[Row]:
    """Return the load figures (or one row saying why they could not be measured)."""
    if not APP.exists():
        return [Row("load: skipped, app.py missing", math.nan, "")]
    codes = share_codes(40)
    try:
        app = measure(APP, codes)
    except RuntimeError as error:
        return [Row(f"load: skipped, the app did not start ({error})"[:200], math.nan, "")]
    bare = measure(BARE_APP, codes)
    rows = _rows(app, bare)
    for label, figures in (("app", app), ("bare", bare)):
        for report in (figures.idle, figures.saturated, figures.crowd):
            if report.errors:
                print(f"   {label}, {report.people} people, first error: {report.errors[0]}")
    return rows
