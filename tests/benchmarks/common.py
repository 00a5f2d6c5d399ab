"""Timing helpers and the row format every benchmark reports."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Row:
    """One benchmark figure beside its same-run baseline."""

    name: str
    value: float
    unit: str
    baseline_name: str = ""
    baseline: float = 0.0
    target: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio}


def median_seconds(action: Callable[[], object], repeat: int = 7, number: int = 1) -> float:
    """Return the median wall time of number calls of action, over repeat rounds, per call."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            action()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)


# BENCH_QUICK=1 runs every module with less effort (fewer people, rounds and repeats), to prove
# that it runs; its figures are not the README's. `make bench` runs in full.
# Steady state: no PDF warm-up thread competing with the measured clicks (bench_cold measures the
# warm-up; a served process has long finished it when people arrive).
STEADY = {"SELBSTCHECK_WARM_UP": "0"}
QUICK = os.environ.get("BENCH_QUICK") == "1"


def effort(full: int, quick: int) -> int:
    """Return full, or quick under BENCH_QUICK=1."""
    return quick if QUICK else full
