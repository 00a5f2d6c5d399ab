"""Streamlit's runner.postScriptGC (a full gc.collect after every script run): on versus off.

For each setting a fresh server of app.py serves WAVES waves of PEOPLE simulated person(s) at once,
each completing the newest bank's short form to the own result (tests/loadclient.py COMPLETE:
bank v3, 104 interactions, no pauses, every tab closed afterwards): over 400 reruns in all.
Figures: rerun latency, throughput, and the server's RSS after each wave, to show whether memory
stays bounded without the forced collection (Python's own generational collector still runs).
BENCH_QUICK=1: 2 waves.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks.bench_load import COMPLETE
from tests.benchmarks.common import STEADY, Row, effort
from tests.loadclient import LoadReport, StreamlitServer, run_load, share_codes

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
# A forced collection of a process that has built v3 results takes ~0.1–0.3 s a rerun: one person
# a wave keeps the forced-gc side to a few minutes.
PEOPLE = 1
WAVES = effort(4, 2)  # 4 waves × 1 person × 104 interactions = 416 reruns
FLOW = COMPLETE  # as bench_load's people who complete the form
MB = 1_000_000


@dataclass
class Series:
    """One setting's waves and the RSS after each."""

    reports: list[LoadReport] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    def seconds(self) -> list[float]:
        return [s for r in self.reports for s in r.seconds()]

    def quantile(self, q: float) -> float:
        merged = LoadReport(people=0, timings=[t for r in self.reports for t in r.timings])
        return merged.quantile(q)

    @property
    def reruns(self) -> int:
        return len(self.seconds())

    @property
    def throughput(self) -> float:
        wall = sum(r.wall_seconds for r in self.reports)
        return self.reruns / wall if wall else 0.0

    @property
    def errors(self) -> int:
        return sum(len(r.errors) for r in self.reports)


def measure(post_script_gc: bool, codes: list[str]) -> Series:
    """Serve WAVES waves of PEOPLE people on a fresh server with the setting."""
    series = Series()
    options = {"runner.postScriptGC": "true" if post_script_gc else "false"}
    with StreamlitServer(APP, options=options, environment=STEADY) as server:
        asyncio.run(run_load(server.url, 1, codes, flow=FLOW))  # imports and caches
        series.rss.append(server.rss())
        for wave in range(WAVES):
            report = asyncio.run(run_load(server.url, PEOPLE, codes, flow=FLOW, seed=wave + 11))
            series.reports.append(report)
            series.rss.append(server.rss())
    return series


def run() -> list[Row]:
    """Return the postScriptGC figures."""
    if not APP.exists():
        return [Row("postScriptGC: skipped, app.py missing", math.nan, "")]
    codes = share_codes(40)
    on = measure(True, codes)
    off = measure(False, codes)
    half = WAVES // 2

    def growth(series: Series, start: int, end: int) -> float:
        return (series.rss[end] - series.rss[start]) / MB

    return [
        Row(
            f"postScriptGC off: p50 rerun ({off.reruns} reruns)",
            off.quantile(0.5) * 1e3,
            "ms",
            "postScriptGC on",
            on.quantile(0.5) * 1e3,
        ),
        Row(
            "postScriptGC off: p95 rerun",
            off.quantile(0.95) * 1e3,
            "ms",
            "postScriptGC on",
            on.quantile(0.95) * 1e3,
        ),
        Row(
            f"postScriptGC off: throughput ({PEOPLE} at once)",
            off.throughput,
            "/s",
            "postScriptGC on",
            on.throughput,
        ),
        Row("postScriptGC off: errors", off.errors, "", "postScriptGC on", on.errors, "0"),
        Row(
            "postScriptGC off: RSS after warm-up",
            off.rss[0] / MB,
            "MB",
            "postScriptGC on",
            on.rss[0] / MB,
        ),
        Row(
            "postScriptGC off: RSS growth, 1st half",
            growth(off, 0, half),
            "MB",
            "postScriptGC on",
            growth(on, 0, half),
        ),
        Row(
            "postScriptGC off: RSS growth, 2nd half",
            growth(off, half, WAVES),
            "MB",
            "postScriptGC on",
            growth(on, half, WAVES),
        ),
        Row(
            "postScriptGC off: RSS at the end",
            off.rss[-1] / MB,
            "MB",
            "postScriptGC on",
            on.rss[-1] / MB,
            "≈ 1.0× (no growth beyond the forced-gc setting)",
        ),
    ]
