"""Core benchmark: scoring and matching, share codes, and `import assessment` in a fresh process.

On the newest bank (bank v3): complete random answers of its full form, the working conditions
included (tests/personas.py). BENCH_QUICK=1: 1,000 responses, not 10,000.
"""

from __future__ import annotations

import subprocess
import sys

from assessment.bank.load import latest_version, load_bank
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from tests.benchmarks.common import Row, effort, median_seconds
from tests.personas import random_answers

RESPONSES = effort(10_000, 1_000)


def _score_all(many: list[Answers]) -> None:
    """Score and match every response, keeping none (as a batch job that writes rows would)."""
    bank = load_bank(many[0].bank_version)
    for answers in many:
        build_result(answers, bank)


def _process_seconds(code: str, repeat: int = 7) -> float:
    def start() -> None:
        subprocess.run([sys.executable, "-c", code], check=True)

    return median_seconds(start, repeat=repeat)


def run() -> list[Row]:
    """Return the core figures."""
    bank = load_bank(latest_version())
    one, *many = random_answers(bank, RESPONSES + 1, seed=2026, answered_share=1.0, form="full")
    raw = [a.model_dump() for a in many]
    code = encode_share_code(one)

    validate_one = median_seconds(lambda: Answers.model_validate(raw[0]), number=200)
    result_one = median_seconds(lambda: build_result(one, bank), number=200)
    validate_many = median_seconds(lambda: [Answers.model_validate(r) for r in raw], repeat=3)
    result_many = median_seconds(lambda: _score_all(many), repeat=3)
    encode = median_seconds(lambda: encode_share_code(one), number=500)
    decode = median_seconds(lambda: decode_code(code), number=500)
    bare = _process_seconds("pass")
    imported = _process_seconds("import assessment")
    core = _process_seconds("import assessment.engine.result, assessment.codes.share")
    return [
        Row(
            f"score+match one full response, bank v{bank.version}",
            result_one * 1e3,
            "ms",
            "validate its answers (pydantic)",
            validate_one * 1e3,
            "< 1 ms",
        ),
        Row(
            f"score+match {RESPONSES:,} responses, bank v{bank.version}",
            result_many,
            "s",
            f"validate {RESPONSES:,} answers",
            validate_many,
        ),
        Row(
            f"encode share code, bank v{bank.version}",
            encode * 1e6,
            "µs",
            "decode share code",
            decode * 1e6,
        ),
        Row(
            "python -c 'import assessment'",
            imported * 1e3,
            "ms",
            "python -c pass",
            bare * 1e3,
            "< 150 ms",
        ),
        Row("import the scoring core", core * 1e3, "ms", "python -c pass", bare * 1e3, "< 150 ms"),
    ]
