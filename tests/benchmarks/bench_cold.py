"""Cold start: what a fresh process pays before its first page and its first PDF.

- import of the app's views (`assessment.ui.main`) beside `import streamlit`, each in a fresh
  interpreter (median of REPEAT);
- the first start page on a freshly started server (launcher), app beside the bare page, over a
  real websocket (tests/loadclient.py);
- the first PDF in a fresh process, cold beside warm (the second PDF of the same process: two
  full forms), and the first PDF after the warm-up's steps have all run;
- issue 24: fresh servers as served (launcher, warm-up on) and with SELBSTCHECK_WARM_UP=0, in
  turn, FIRST_USE_SERVERS each: the first interaction and "Check starten" (the same code on both:
  the warm-up waits for a questionnaire page, so a difference is noise; median and spread), then
  the first questionnaire page's statements answered READ_ITEM seconds apart (the warm-up's
  steps run in these pauses: what differs, with the slowest click), the RSS after that page; then
  a shared result and its PDF pressed READ_RESULT seconds later beside a later PDF (another code,
  another tab) on the same server.

All of it on the newest bank (tests.loadclient.share_codes: bank v3; the shared results and the
PDFs are of a full form). BENCH_QUICK=1: one server each, 2 imports each.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.common import Row, effort
from tests.loadclient import Flow, StreamlitServer, StreamlitSession, share_codes

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
BARE_APP = Path(__file__).resolve().parent / "bare" / "bare_app.py"
REPEAT = effort(5, 2)
# A person reads the start page before "Check starten", each statement before answering it, and a
# result before pressing PDF. People take 3–10 s for a statement (the short form's 86 questions
# take about 22 minutes); READ_ITEM is the fast end of that, so that clicks still come while the
# warm-up's steps run (its worst case is measured, and the run stays short).
READ_START = 1.5
READ_ITEM = 3.0
ANSWERS = 8  # the first page's statements (bank v3)
READ_RESULT = 3.0
FIRST_USE_SERVERS = effort(4, 1)  # each with the warm-up on and off, in turn
FRESH_SERVERS = effort(3, 1)
SHARED_PDF_KEY = "download_shared_pdf"  # assessment.ui.result.SHARED_PDF_KEY

IMPORT_TIME = """
import time
started = time.perf_counter()
import {module}
print(time.perf_counter() - started)
"""

# Two PDFs of different answers in one process (cold, then warm); with WARM set, the warm-up
# runs to its end first, as it does in a served process after its first page.
PDF_TIMES = """
import json, os, time
from assessment.operate import warmup
if os.environ.get("WARM") == "1":
    os.environ[warmup.WARM_UP_VARIABLE] = "1"
    warmup.start_warm_up().join()
from assessment.bank.load import load_bank
from assessment.render.pdf.result import build_pdf
from assessment.engine.result import build_result
from tests.loadclient import share_codes
from assessment.codes.share import decode_code
times = []
for code in share_codes(4)[1::2]:  # two full forms
    answers = decode_code(code).answers
    bank = load_bank(answers.bank_version)
    started = time.perf_counter()
    build_pdf(build_result(answers, bank), bank, "de", "")
    times.append(time.perf_counter() - started)
print(json.dumps(times))
"""


def _python(code: str, **env: str) -> str:
    import os

    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    return done.stdout.strip().splitlines()[-1]


def _import_seconds(module: str) -> float:
    return statistics.median(
        float(_python(IMPORT_TIME.format(module=module))) for _ in range(REPEAT)
    )


WARM_UP_RSS = """
import psutil
from assessment.operate import warmup
process = psutil.Process()
before = process.memory_info().rss
for step in warmup.warm_steps():
    step()
print((process.memory_info().rss - before) / 1e6)
"""
MB = 1_000_000


async def _open(url: str, query_string: str) -> float:
    async with StreamlitSession(url) as tab:
        run = await tab.open(query_string)
        return run.seconds


def _fresh_server(script: Path, code: str) -> tuple[float, int, int]:
    """Return the first start page's seconds, and the RSS after it and after a shared result."""
    with StreamlitServer(script, environment={"SELBSTCHECK_WARM_UP": "0"}) as server:
        seconds = asyncio.run(_open(server.url, ""))
        after_start = server.rss()
        asyncio.run(_open(server.url, f"r={code}"))
        return seconds, after_start, server.rss()


async def _pdf_seconds(url: str, code: str, pause: float) -> float:
    async with StreamlitSession(url) as tab:
        await tab.open(f"r={code}")
        await asyncio.sleep(pause)
        started = time.perf_counter()
        [(address, error)] = await tab.request_files(SHARED_PDF_KEY)
        if error or not address:
            raise AssertionError(f"the PDF failed: {error}")
        return time.perf_counter() - started


@dataclass
class FirstUses:
    """What one fresh server served (seconds, bytes): the first two interactions, the first
    questionnaire page's answers, the RSS after them, and two PDFs of shared results."""

    choice: float
    start: float
    answers: list[float]
    rss: int
    first_pdf: float
    later_pdf: float


async def _first_uses(url: str, codes: list[str], rss: Callable[[], int]) -> FirstUses:
    """Walk a fresh server as its first visitor: the start page read, a background chosen,
    "Check starten", the first questionnaire page's statements answered READ_ITEM seconds
    apart; then a shared result's PDF pressed READ_RESULT seconds after it (the process's first
    PDF), and another one's (a later PDF)."""
    flow = Flow()
    async with StreamlitSession(url) as tab:
        await tab.open()
        await asyncio.sleep(READ_START)
        (key, index), *_ = flow.start_choices
        choice = await tab.set({key: index})
        await asyncio.sleep(READ_START / 3)
        click = await tab.click(flow.start_key)
        items = click.keyed(flow.item_prefix)
        if not items:
            raise AssertionError("Check starten did not open the questionnaire")
        answers = []
        for number, item in enumerate(items[:ANSWERS]):
            await asyncio.sleep(READ_ITEM)
            answers.append((await tab.set({item.key or "": number % len(item.options)})).seconds)
        await asyncio.sleep(READ_ITEM)
        after_page = rss()
    first_pdf = await _pdf_seconds(url, codes[0], READ_RESULT)
    later_pdf = await _pdf_seconds(url, codes[1], READ_RESULT)
    return FirstUses(choice.seconds, click.seconds, answers, after_page, first_pdf, later_pdf)


def _first_use_runs(codes: list[str]) -> dict[str, list[FirstUses]]:
    """Return the first uses of fresh servers, warm-up on ("1") and off ("0") in turn."""
    runs: dict[str, list[FirstUses]] = {"1": [], "0": []}
    for _ in range(FIRST_USE_SERVERS):
        for warm_up, done in runs.items():
            with StreamlitServer(APP, environment={"SELBSTCHECK_WARM_UP": warm_up}) as server:
                done.append(asyncio.run(_first_uses(server.url, codes, server.rss)))
    return runs


def _spread(values: list[float], scale: float = 1e3) -> str:
    return f"{min(values) * scale:,.0f}–{max(values) * scale:,.0f}"


def _first_use_rows(codes: list[str]) -> list[Row]:
    runs = _first_use_runs(codes)
    warm, cold = runs["1"], runs["0"]
    for label, done in (("warm-up on", warm), ("warm-up off", cold)):
        for run in done:
            print(
                f"   {label}: first choice {run.choice * 1e3:.0f}, Check starten"
                f" {run.start * 1e3:.0f}, answers "
                + " ".join(f"{x * 1e3:.0f}" for x in run.answers)
                + f" ms; RSS {run.rss / MB:.0f} MB; first / later PDF"
                f" {run.first_pdf:.2f} / {run.later_pdf:.2f} s"
            )

    def med(done: list[FirstUses], value: Callable[[FirstUses], float]) -> float:
        return statistics.median(value(run) for run in done)

    def answers(done: list[FirstUses]) -> list[float]:
        return [x for run in done for x in run.answers]

    n = FIRST_USE_SERVERS
    same_code = "same code on both up to here (the warm-up waits for a questionnaire page)"
    ratios = [run.first_pdf / run.later_pdf for run in warm]
    return [
        Row(
            f"first interaction, fresh server, warm-up on (median of {n}, alternating; on "
            f"{_spread([r.choice for r in warm])}, off {_spread([r.choice for r in cold])} ms;"
            f" {same_code})",
            med(warm, lambda r: r.choice) * 1e3,
            "ms",
            "the same, warm-up off",
            med(cold, lambda r: r.choice) * 1e3,
            "≤ 1.1× (a difference is noise)",
        ),
        Row(
            f"then 'Check starten', warm-up on (on {_spread([r.start for r in warm])}, off "
            f"{_spread([r.start for r in cold])} ms; {same_code})",
            med(warm, lambda r: r.start) * 1e3,
            "ms",
            "the same, warm-up off",
            med(cold, lambda r: r.start) * 1e3,
            "≤ 1.1× (a difference is noise)",
        ),
        Row(
            f"first page's {ANSWERS} answers {READ_ITEM:g} s apart, warm-up on (its steps run"
            f" in these pauses), p50 ({n * ANSWERS} clicks)",
            statistics.median(answers(warm)) * 1e3,
            "ms",
            "the same, warm-up off",
            statistics.median(answers(cold)) * 1e3,
        ),
        Row(
            "the same answers, slowest (a click during a step)",
            max(answers(warm)) * 1e3,
            "ms",
            "slowest, warm-up off",
            max(answers(cold)) * 1e3,
        ),
        Row(
            "RSS after the first questionnaire page, warm-up on",
            med(warm, lambda r: r.rss) / MB,
            "MB",
            "warm-up off",
            med(cold, lambda r: r.rss) / MB,
        ),
        Row(
            f"served, warm-up on: first PDF {READ_RESULT:g} s after a shared result (after the"
            f" first page above; first / later per server {min(ratios):.2f}–"
            f"{max(ratios):.2f}×)",
            med(warm, lambda r: r.first_pdf),
            "s",
            "a later PDF (same server)",
            med(warm, lambda r: r.later_pdf),
            "≤ 1×, noise aside",
        ),
        Row(
            "served, warm-up off: first PDF",
            med(cold, lambda r: r.first_pdf),
            "s",
            "a later PDF (same server)",
            med(cold, lambda r: r.later_pdf),
        ),
    ]


def run() -> list[Row]:
    """Return the cold-start figures."""
    views = _import_seconds("assessment.ui.main")
    streamlit = _import_seconds("streamlit")
    code = share_codes(2)[1]
    app_runs = [_fresh_server(APP, code) for _ in range(FRESH_SERVERS)]
    bare_runs = [_fresh_server(BARE_APP, code) for _ in range(FRESH_SERVERS)]
    app_first = statistics.median(run[0] for run in app_runs)
    bare_first = statistics.median(run[0] for run in bare_runs)
    print("   first start page, app: " + ", ".join(f"{r[0] * 1e3:.0f}" for r in app_runs) + " ms")
    print("   first start page, bare: " + ", ".join(f"{r[0] * 1e3:.0f}" for r in bare_runs) + " ms")
    warm_up_mb = float(_python(WARM_UP_RSS))
    cold, warm = json.loads(_python(PDF_TIMES))
    after_warm_up, _ = json.loads(_python(PDF_TIMES, WARM="1"))
    return [
        Row("import assessment.ui.main", views * 1e3, "ms", "import streamlit", streamlit * 1e3),
        Row(
            f"first start page, fresh server (median of {FRESH_SERVERS})",
            app_first * 1e3,
            "ms",
            "bare page",
            bare_first * 1e3,
        ),
        Row("first PDF in a process (cold)", cold, "s", "second PDF (warm)", warm),
        Row("first PDF after the warm-up", after_warm_up, "s", "second PDF (warm)", warm),
        Row(
            "RSS after the first start page",
            statistics.median(run[1] for run in app_runs) / MB,
            "MB",
            "bare page",
            statistics.median(run[1] for run in bare_runs) / MB,
        ),
        Row(
            "RSS after a shared result",
            statistics.median(run[2] for run in app_runs) / MB,
            "MB",
            "bare page",
            statistics.median(run[2] for run in bare_runs) / MB,
        ),
        Row("RSS added by the PDF warm-up", warm_up_mb, "MB"),
        *_first_use_rows(share_codes(4)[1::2]),  # two full forms
    ]
