"""Benchmark of the group view: 10,000 share codes parsed, decoded, scored, charted, printed.

Run with `python -m tests.benchmarks.bench_group`. Two baselines are timed in the same run:
decoding alone (for parsing) and the bare per-person scoring loop (for the group's own overhead).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from assessment.bank.load import latest_version, load_bank
from assessment.codes.links import code_from_text
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.matching import match_profile
from assessment.engine.scoring import score_answers
from assessment.group.chart import group_chart
from assessment.group.itemstats import item_statistics
from assessment.group.overview import parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from tests.benchmarks.common import Row
from tests.personas import random_answers

GROUP_SIZE = 10_000
# The budget for parsing and scoring GROUP_SIZE codes on the reference machine (2 cores).
BUDGET_SECONDS = 2.0
SEED = 20261128
REPEAT = 3


def make_codes(count: int = GROUP_SIZE, seed: int = SEED, version: int | None = None) -> list[str]:
    """Return share codes of random answers to the newest bank (or bank `version`), both forms,
    about 5 % left out."""
    bank = load_bank(latest_version() if version is None else version)
    people = random_answers(bank, count, seed, answered_share=0.95)
    return [encode_share_code(answers) for answers in people]


def _median_seconds(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Return the median wall time (perf_counter) and CPU time (process_time) of action."""
    wall, cpu = [], []
    for _ in range(repeat):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start_wall)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def measure(repeat: int = REPEAT, version: int | None = None) -> dict[str, float]:
    """Return the timings in seconds (median of repeat rounds) and ratios to the baselines, for
    the newest bank (or bank `version`)."""
    version = latest_version() if version is None else version
    codes = make_codes(version=version)
    text = "\n".join(codes)
    bank = load_bank(version)
    profile = bank.profiles["duisburg"]
    answers, invalid = parse_codes(text)
    if len(answers) != GROUP_SIZE or invalid:
        raise AssertionError(f"expected {GROUP_SIZE} valid codes, got {len(answers)}")
    import pingouin  # type: ignore[import-untyped]  # noqa: F401 - import time is not measured

    decode, _ = _median_seconds(
        lambda: [decode_code(code_from_text(code)) for code in codes], repeat
    )
    bare, _ = _median_seconds(
        lambda: [match_profile(score_answers(a, bank), profile, bank.rules) for a in answers],
        repeat,
    )
    parse, parse_cpu = _median_seconds(lambda: parse_codes(text), repeat)
    score, score_cpu = _median_seconds(lambda: score_group(answers, "duisburg"), repeat)
    stats, _ = _median_seconds(lambda: item_statistics(answers), repeat)
    group = score_group(answers, "duisburg")
    chart, _ = _median_seconds(lambda: group_chart(group.versions[0], bank, "de").to_dict(), repeat)
    pdf, _ = _median_seconds(lambda: build_group_pdf(group, 0, "de"), repeat)
    total = parse + score
    return {
        "codes": float(GROUP_SIZE),
        "bank_version": float(version),
        "decode_baseline_s": decode,
        "bare_scoring_baseline_s": bare,
        "parse_s": parse,
        "score_group_s": score,
        "parse_and_score_s": total,
        "parse_and_score_cpu_s": parse_cpu + score_cpu,
        "item_statistics_s": stats,
        "group_chart_spec_s": chart,
        "group_pdf_s": pdf,
        "parse_over_decode": parse / decode,
        "score_group_over_bare_scoring": score / bare,
        "parse_and_score_over_decode": total / decode,
        "budget_s": BUDGET_SECONDS,
        "budget_share": total / BUDGET_SECONDS,
    }


def run(figures: dict[str, float] | None = None) -> list[Row]:
    """Return the figures in the row format of `make bench`."""
    f = measure() if figures is None else figures
    bank = f"bank v{int(f.get('bank_version', 1))}"
    return [
        Row(
            f"group, {bank}: parse 10,000 codes",
            f["parse_s"],
            "s",
            "decode alone",
            f["decode_baseline_s"],
        ),
        Row(
            f"group, {bank}: score 10,000 people",
            f["score_group_s"],
            "s",
            "bare score_answers+match_profile loop",
            f["bare_scoring_baseline_s"],
        ),
        Row(
            f"group, {bank}: parse + score 10,000 codes",
            f["parse_and_score_s"],
            "s",
            "decode alone",
            f["decode_baseline_s"],
            f"< {BUDGET_SECONDS:g} s",
        ),
        Row(f"group, {bank}: item statistics, 10,000", f["item_statistics_s"], "s"),
        Row(f"group, {bank}: chart spec, 10,000 people", f["group_chart_spec_s"], "s"),
        Row(f"group, {bank}: PDF summary, 10,000", f["group_pdf_s"], "s"),
    ]


def main() -> None:
    """Print the figures, one per line."""
    for name, value in measure().items():
        print(f"{name:>30}: {value:.3f}")


if __name__ == "__main__":
    main()
