"""Load benchmark: simulated people on Streamlit's websocket protocol, app.py beside a bare twin.

Each person (tests/loadclient.py) opens the start page, picks the full form and a background
(two radio clicks), starts, answers the 8 statements of the first page (one rerun each, as in the
browser), clicks Weiter, then opens a shared result (?r=) in a new tab: 13 interactions. The
same people walk tests/benchmarks/bare/bare_app.py, which has the same widgets and keys.

- start-up: `streamlit run` until /_stcore/health answers; then the first shared result.
- N = 1 (no pauses): the latency of each interaction on an idle server.
- N = 20 (no pauses): a saturated server; its throughput is the capacity of one process.
- N = 100 (pauses of THINK seconds between clicks, arrivals spread over RAMP seconds) on a fresh
  server: latency, errors, and the server's RSS growth per person.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks.common import Row
from tests.loadclient import (
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
SATURATED_PEOPLE = 20
CROWD = 100
FLOW = Flow(start_choices=(("start_form", 1), ("start_background", 0)))
MB = 1_000_000
# Steady state: no PDF warm-up thread competing with the first measured clicks (bench_cold
# measures the warm-up; a served process has long finished it when people arrive).
STEADY = {"SELBSTCHECK_WARM_UP": "0"}


@dataclass
class Figures:
    """Everything measured for one script."""

    startup: float = math.nan
    first_result: float = math.nan
    idle: LoadReport = field(default_factory=lambda: LoadReport(people=0))
    saturated: LoadReport = field(default_factory=lambda: LoadReport(people=0))
    crowd: LoadReport = field(default_factory=lambda: LoadReport(people=0))


async def _first_result(url: str, code: str) -> float:
    async with StreamlitSession(url) as tab:
        run = await tab.open(f"r={code}")
        run.find(key=FLOW.result_key)
        return run.seconds


def measure(script: Path, codes: list[str]) -> Figures:
    """Return the start-up, latency, throughput and memory figures of one script."""
    figures = Figures()
    with StreamlitServer(script, environment=STEADY) as server:
        figures.startup = server.startup_seconds
        figures.first_result = asyncio.run(_first_result(server.url, codes[1]))
        figures.idle = asyncio.run(run_load(server.url, 1, codes, flow=FLOW))
        figures.saturated = asyncio.run(run_load(server.url, SATURATED_PEOPLE, codes, flow=FLOW))
    with StreamlitServer(script, environment=STEADY) as server:
        asyncio.run(run_load(server.url, 1, codes, flow=FLOW))  # imports and caches
        figures.crowd = asyncio.run(
            run_load(server.url, CROWD, codes, THINK, RAMP, rss=server.rss, flow=FLOW, seed=7)
        )
    return figures


def _rows(app: Figures, bare: Figures) -> list[Row]:
    crowd = f"{CROWD} people, pauses {THINK[0]:g}–{THINK[1]:g} s"
    saturated = f"{SATURATED_PEOPLE} people, no pauses"
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
            "1 person: p50 per interaction",
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
            f"{saturated}: throughput",
            app.saturated.throughput,
            "/s",
            "bare app",
            bare.saturated.throughput,
            "≥ 0.8× bare",
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
