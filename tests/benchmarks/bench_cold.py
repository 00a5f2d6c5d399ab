"""Cold start: what a fresh process pays before its first page and its first PDF.

- import of the app's views (`assessment.ui.main`) beside `import streamlit`, each in a fresh
  interpreter (median of REPEAT);
- the first start page on a freshly started server (launcher), app beside the bare page, over a
  real websocket (tests/loadclient.py);
- the first PDF in a fresh process, cold beside warm (the second PDF of the same process), and
  the first PDF after the launcher's background warm-up has run;
- issue 24: on a fresh server as served (launcher, warm-up on) beside one with
  SELBSTCHECK_WARM_UP=0, the first "Check starten" click READ_START seconds after the first page;
  then a shared result, and its PDF pressed READ_RESULT seconds later beside a later PDF (another
  code, another tab) on the same server.

All of it on the newest bank (tests.loadclient.share_codes: bank v3; the shared result and the
PDFs are of a full form). BENCH_QUICK=1: one server each, 2 imports each.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.common import Row, effort
from tests.loadclient import Flow, StreamlitServer, StreamlitSession, share_codes

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
BARE_APP = Path(__file__).resolve().parent / "bare" / "bare_app.py"
REPEAT = effort(5, 2)
# A person reads the start page before "Check starten", and a result before pressing PDF.
READ_START = 1.5
READ_RESULT = 3.0
FIRST_USE_SERVERS = effort(3, 1)
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
for code in share_codes(3)[1:3]:
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
warmup.warm_pdf_path()
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


Uses = tuple[float, float, float, float]


async def _first_uses(url: str, codes: list[str]) -> Uses:
    """Return the first interaction (a background chosen), the "Check starten" click after it,
    the first PDF and a later PDF, in seconds."""
    flow = Flow()
    async with StreamlitSession(url) as tab:
        await tab.open()
        await asyncio.sleep(READ_START)
        (key, index), *_ = flow.start_choices
        choice = await tab.set({key: index})
        await asyncio.sleep(READ_START / 3)
        click = await tab.click(flow.start_key)
        if not click.keyed(flow.item_prefix):
            raise AssertionError("Check starten did not open the questionnaire")
    first_pdf = await _pdf_seconds(url, codes[0], READ_RESULT)
    later_pdf = await _pdf_seconds(url, codes[1], READ_RESULT)
    return choice.seconds, click.seconds, first_pdf, later_pdf


def _first_use_runs(warm_up: str, codes: list[str]) -> list[Uses]:
    runs = []
    for _ in range(FIRST_USE_SERVERS):
        with StreamlitServer(APP, environment={"SELBSTCHECK_WARM_UP": warm_up}) as server:
            runs.append(asyncio.run(_first_uses(server.url, codes)))
    return runs


def _first_use_rows(codes: list[str]) -> list[Row]:
    warm = _first_use_runs("1", codes)
    cold = _first_use_runs("0", codes)
    for label, runs in (("warm-up on", warm), ("warm-up off", cold)):
        print(
            f"   {label}: first choice / Check starten / first PDF / later PDF: "
            + ", ".join(" / ".join(f"{x * 1e3:.0f}" for x in run) for run in runs)
            + " ms"
        )

    def median(runs: list[Uses], index: int) -> float:
        return statistics.median(run[index] for run in runs) * 1e3

    return [
        Row(
            f"first interaction, fresh server, warm-up on (median of {FIRST_USE_SERVERS})",
            median(warm, 0),
            "ms",
            "the same, warm-up off",
            median(cold, 0),
            "≤ 1.1×",
        ),
        Row(
            "then 'Check starten', warm-up on",
            median(warm, 1),
            "ms",
            "the same, warm-up off",
            median(cold, 1),
            "≤ 1.1×",
        ),
        Row(
            f"served, warm-up on: first PDF {READ_RESULT:g} s after the result",
            median(warm, 2),
            "ms",
            "a later PDF (same server)",
            median(warm, 3),
            "≤ 1×, noise aside",
        ),
        Row(
            "served, warm-up off: first PDF",
            median(cold, 2),
            "ms",
            "a later PDF (same server)",
            median(cold, 3),
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
        *_first_use_rows(share_codes(2)),
    ]
