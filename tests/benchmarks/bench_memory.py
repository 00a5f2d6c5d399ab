"""Process size: what one served process holds, step by step, for the README's sizing advice.

One fresh server of app.py (through the launcher, warm-up off so that nothing else runs), and
the same for the bare twin, over a real websocket (tests/loadclient.py). The server's RSS after:
1. its first start page;
2. one person who completed the newest bank's short form (bank v3, COMPLETE), tab open on the
   result;
3. a shared result of a full form (?r=), tab open;
4. that result's PDF (fpdf2, Altair, vl-convert: the app only);
5. the group view with GROUP_CODES codes of the newest bank pasted and evaluated (the app only):
   the peak while it evaluates (sampled every SAMPLE_SECONDS) and the RSS after.
Steps 4 and 5 are compared with the RSS before them in the same process.
BENCH_QUICK=1: 2,000 codes, not 10,000.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assessment.ui import group as group_page
from assessment.ui import result as result_page
from assessment.ui.state import GROUP_VIEW, VIEW_PARAM
from tests.benchmarks.bench_load import COMPLETE
from tests.benchmarks.common import STEADY, Row, effort
from tests.loadclient import (
    LoadClientError,
    Person,
    StreamlitServer,
    StreamlitSession,
    share_codes,
)

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
BARE_APP = Path(__file__).resolve().parent / "bare" / "bare_app.py"
GROUP_CODES = effort(10_000, 2_000)
SAMPLE_SECONDS = 0.05
MB = 1_000_000


@dataclass
class Sizes:
    """RSS in bytes after each step (absent: the step does not exist on this page)."""

    after: dict[str, int] = field(default_factory=dict)
    group_peak: int = 0
    group_seconds: float = 0.0


class PeakSampler:
    """Sample a process's RSS in a thread; keep the highest value."""

    def __init__(self, rss: Callable[[], int]) -> None:
        self.rss = rss
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


async def _complete(url: str, code: str) -> StreamlitSession:
    person = Person(url, code, random.Random(11), flow=COMPLETE)  # noqa: S311
    await person.visit()
    assert person.session is not None
    return person.session


async def _group(url: str, text: str) -> StreamlitSession:
    tab = StreamlitSession(url, timeout=600)
    await tab.open(f"{VIEW_PARAM}={GROUP_VIEW}")
    await tab.set({group_page.TEXT_KEY: text})
    run = await tab.click(group_page.EVALUATE_KEY)
    if run.exceptions:
        raise LoadClientError(f"the group view raised: {run.exceptions[0]}")
    return tab


def measure(script: Path, code: str, group_text: str | None) -> Sizes:
    """Walk the steps on a fresh server of script; the PDF and group steps when group_text."""
    sizes = Sizes()
    tabs: list[StreamlitSession] = []
    with StreamlitServer(script, environment=STEADY) as server:

        async def step(name: str, opened: StreamlitSession) -> None:
            tabs.append(opened)
            await asyncio.sleep(0.5)  # the run's garbage goes before measuring
            sizes.after[name] = server.rss()

        async def walk() -> None:
            try:
                start = StreamlitSession(server.url)
                await start.open()
                await step("start", start)
                await step("complete", await _complete(server.url, code))
                shared = StreamlitSession(server.url, timeout=120)
                await shared.open(f"r={code}")
                await step("shared", shared)
                if group_text is None:
                    return
                [(address, error)] = await shared.request_files(result_page.SHARED_PDF_KEY)
                if error or not address:
                    raise LoadClientError(f"the PDF failed: {error}")
                await step("pdf", shared)
                started = time.perf_counter()
                with PeakSampler(server.rss) as sampler:
                    grouped = await _group(server.url, group_text)
                sizes.group_seconds = time.perf_counter() - started
                sizes.group_peak = sampler.peak
                await step("group", grouped)
            finally:
                await asyncio.gather(*(tab.close() for tab in tabs))

        asyncio.run(walk())
    return sizes


def run() -> list[Row]:
    """Return the process-size figures."""
    codes = share_codes(GROUP_CODES)
    code = codes[1]  # a full form
    group_text = "\n".join(codes)
    if len(group_text) > group_page.MAX_INPUT_CHARS:
        raise RuntimeError(f"{GROUP_CODES} codes exceed the group box's limit")
    app = measure(APP, code, group_text)
    bare = measure(BARE_APP, code, None)
    a, b = app.after, bare.after
    return [
        Row(
            "process RSS after its first start page", a["start"] / MB, "MB", "bare", b["start"] / MB
        ),
        Row(
            "… then 1 person completes the short form",
            a["complete"] / MB,
            "MB",
            "bare",
            b["complete"] / MB,
        ),
        Row("… then a shared result (full form)", a["shared"] / MB, "MB", "bare", b["shared"] / MB),
        Row("… then its PDF", a["pdf"] / MB, "MB", "before the PDF", a["shared"] / MB),
        Row(
            f"… group view, {GROUP_CODES:,} codes: peak while evaluating",
            app.group_peak / MB,
            "MB",
            "before the group view",
            a["pdf"] / MB,
        ),
        Row(
            f"… group view, {GROUP_CODES:,} codes: after",
            a["group"] / MB,
            "MB",
            "before the group view",
            a["pdf"] / MB,
        ),
        Row(
            f"group view through the server: paste + Auswerten, {GROUP_CODES:,} codes",
            app.group_seconds,
            "s",
        ),
    ]
