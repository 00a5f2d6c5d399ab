"""Benchmark of the group view: 10,000 share codes of the newest bank parsed, decoded, scored,
charted, printed.

Run with `python -m tests.benchmarks group`. Baselines timed in the same run: decoding the codes
alone (decode_code per code, for parsing), the bare per-person scoring loop (for the group's own
scoring), and the whole per-person path the group view took before its batch path (decode_code
per line, then score_answers, match_profile, check_quality and demand_marks per person; issue 24).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from assessment.bank.load import latest_version, load_bank
from assessment.bank.models import Bank, Profile
from assessment.codes.links import code_from_text
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.matching import match_profile
from assessment.engine.scoring import score_answers
from assessment.group import overview
from assessment.group.batch import Judged, judge_person
from assessment.group.chart import group_chart
from assessment.group.itemstats import item_statistics
from assessment.group.overview import parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from assessment.group.preferences import preference_group
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


def _judged_one_by_one(people: list[Answers], bank: Bank, profile: Profile) -> list[Judged]:
    return [judge_person(person, bank, profile) for person in people]


@contextmanager
def per_person_path() -> Iterator[None]:
    """Let the group view take its per-person path: decode_code for every line, and each
    person's figures one by one (the reference the batch path equals)."""
    replacements: dict[str, object] = {
        "decode_answers_many": lambda codes, root: [None] * len(codes),
        "judge_people": _judged_one_by_one,
        "preference_group_many": preference_group,
    }
    saved = {name: getattr(overview, name) for name in replacements}
    for name, replacement in replacements.items():
        setattr(overview, name, replacement)
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(overview, name, original)


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

    decode, decode_cpu = _median_seconds(
        lambda: [decode_code(code_from_text(code)) for code in codes], repeat
    )
    bare, _ = _median_seconds(
        lambda: [match_profile(score_answers(a, bank), profile, bank.rules) for a in answers],
        repeat,
    )
    parse, parse_cpu = _median_seconds(lambda: parse_codes(text), repeat)
    score, score_cpu = _median_seconds(lambda: score_group(answers, "duisburg"), repeat)
    group = score_group(answers, "duisburg")
    with per_person_path():
        # Once: it takes seconds, and only its ratio to the batch path is reported.
        reference, reference_cpu = _median_seconds(
            lambda: score_group(parse_codes(text)[0], "duisburg"), 1
        )
        if score_group(parse_codes(text)[0], "duisburg") != group:
            raise AssertionError("the batch path and the per-person path differ")
    stats, _ = _median_seconds(lambda: item_statistics(answers), repeat)
    chart, _ = _median_seconds(lambda: group_chart(group.versions[0], bank, "de").to_dict(), repeat)
    pdf, _ = _median_seconds(lambda: build_group_pdf(group, 0, "de"), repeat)
    total = parse + score
    return {
        "codes": float(GROUP_SIZE),
        "bank_version": float(version),
        "decode_baseline_s": decode,
        "decode_baseline_cpu_s": decode_cpu,
        "bare_scoring_baseline_s": bare,
        "parse_s": parse,
        "score_group_s": score,
        "parse_and_score_s": total,
        "parse_and_score_cpu_s": parse_cpu + score_cpu,
        "per_person_path_s": reference,
        "per_person_path_cpu_s": reference_cpu,
        "item_statistics_s": stats,
        "group_chart_spec_s": chart,
        "group_pdf_s": pdf,
        "parse_over_decode": parse / decode,
        "score_group_over_bare_scoring": score / bare,
        "parse_and_score_over_decode": total / decode,
        "per_person_path_over_batch": reference / total,
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
            "decode alone (decode_code per code)",
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
        Row(
            f"group, {bank}: parse + score, CPU time",
            f["parse_and_score_cpu_s"],
            "s",
            "decode alone, CPU time",
            f["decode_baseline_cpu_s"],
            f"< {BUDGET_SECONDS:g} s",
        ),
        Row(
            f"group, {bank}: per-person path, parse + score",
            f["per_person_path_s"],
            "s",
            "batch path (the row above)",
            f["parse_and_score_s"],
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
