"""Imports in fresh interpreters, each beside its baseline in the same run (issue 24).

- the views (`import assessment.ui.main`, what app.py imports for a first page) beside
  `import streamlit`: target ≤ 1.2×, in wall time and in CPU time (`time.process_time()`, less
  moved by other work on a shared machine);
- the scoring core (`assessment.engine.result`, `assessment.codes.share`): target < 150 ms.

Each figure is the median of ROUNDS fresh interpreters; the imports of a pair take turns
(A, B, A, B, …), so both see the same load. The time is taken inside the interpreter, from just
before the import to just after it (the interpreter's own start is the same for both).
BENCH_QUICK=1: 3 rounds.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.common import Row, effort

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = effort(9, 3)
VIEWS = "assessment.ui.main"
STREAMLIT = "streamlit"
CORE = "assessment.engine.result, assessment.codes.share"
TIMED_IMPORT = """
import time
wall, cpu = time.perf_counter(), time.process_time()
import {modules}
print(time.perf_counter() - wall, time.process_time() - cpu)
"""

Seconds = tuple[float, float]  # wall, CPU


def timed(code: str) -> Seconds:
    """Return the wall and CPU seconds a fresh interpreter reports for code."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    wall, cpu = done.stdout.split()[-2:]
    return float(wall), float(cpu)


def alternating(first: str, second: str, rounds: int = ROUNDS) -> tuple[Seconds, Seconds]:
    """Return the median (wall, CPU) of two codes run in turns in fresh interpreters."""
    runs: tuple[list[Seconds], list[Seconds]] = ([], [])
    for _ in range(rounds):
        runs[0].append(timed(first))
        runs[1].append(timed(second))
    return _median(runs[0]), _median(runs[1])


def _median(runs: list[Seconds]) -> Seconds:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def run() -> list[Row]:
    """Return the import figures."""
    views, streamlit = alternating(
        TIMED_IMPORT.format(modules=VIEWS), TIMED_IMPORT.format(modules=STREAMLIT)
    )
    core = _median([timed(TIMED_IMPORT.format(modules=CORE)) for _ in range(ROUNDS)])
    return [
        Row(
            f"import the views ({VIEWS}), wall, median of {ROUNDS}",
            views[0] * 1e3,
            "ms",
            "import streamlit (in turns)",
            streamlit[0] * 1e3,
            "≤ 1.2×",
        ),
        Row(
            "import the views, CPU time",
            views[1] * 1e3,
            "ms",
            "import streamlit, CPU time",
            streamlit[1] * 1e3,
            "≤ 1.2×",
        ),
        Row(f"import the scoring core ({CORE}), wall", core[0] * 1e3, "ms", target="< 150 ms"),
        Row("import the scoring core, CPU time", core[1] * 1e3, "ms", target="< 150 ms"),
    ]
