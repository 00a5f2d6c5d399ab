"""`make bench`: run every benchmark, print one table, write test-artifacts/benchmarks.json."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

from tests.benchmarks.common import Row

OUTPUT = Path("test-artifacts") / "benchmarks.json"


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
    for name in _modules(selected):
        module = importlib.import_module(f"tests.benchmarks.{name}")
        print(f"-- {name}")
        results: list[Row] = module.run()
        for row in results:
            print(_format(row), flush=True)
        rows[name] = [row.as_dict() for row in results]
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written to {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
