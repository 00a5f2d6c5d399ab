"""`make bench`: run every benchmark, print one table, write test-artifacts/benchmarks.json."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

from tests.benchmarks.common import Row

OUTPUT = Path("test-artifacts") / "benchmarks.json"
# The rows of each module's duration, and of all of them (the README's "make bench takes ...").
DURATIONS = "durations"


def _modules(selected: list[str]) -> list[str]:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("bench_")
    )
    return [n for n in names if not selected or any(s in n for s in selected)]


def _format(row: Row) -> str:
    ratio = f"{row.ratio:6.2f}×" if row.ratio is not None else "      "
    base = f"{row.baseline:10.3f} {row.unit}" if row.baseline else ""
    return (
        f"{row.name:<46} {row.value:10.3f} {row.unit:<3} {ratio}  {row.baseline_name:<34}"
        f" {base:<16} {row.target}"
    )


def main(selected: list[str]) -> None:
    rows: dict[str, list[dict[str, object]]] = {}
    if selected and OUTPUT.is_file():
        # A partial run updates its own modules and keeps the figures of the others.
        rows = json.loads(OUTPUT.read_text(encoding="utf-8"))
    print(f"{'figure':<46} {'value':>14} {'ratio':>7}  {'baseline (same run)':<34} {'':<16} target")
    seconds: dict[str, float] = {
        str(row["name"]).removesuffix(" took"): float(str(row["value"]))
        for row in rows.get(DURATIONS, [])
        if str(row["name"]).startswith("bench_")
    }
    for name in _modules(selected):
        module = importlib.import_module(f"tests.benchmarks.{name}")
        print(f"-- {name}")
        started = time.perf_counter()
        results: list[Row] = module.run()
        seconds[name] = time.perf_counter() - started
        for row in results:
            print(_format(row), flush=True)
        rows[name] = [row.as_dict() for row in results]
    durations = [Row(f"{name} took", value, "s") for name, value in sorted(seconds.items())]
    # After a partial run: the sum of each module's last run.
    durations.append(Row("all modules (make bench) took", sum(seconds.values()), "s"))
    print(f"-- {DURATIONS}")
    for row in durations:
        print(_format(row), flush=True)
    rows[DURATIONS] = [row.as_dict() for row in durations]
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written to {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
