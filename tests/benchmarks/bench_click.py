"""Browser click benchmark: one answer click in Chromium until the page has settled.

The app and its bare twin (tests/benchmarks/bare/, the same widgets, no fragment) are each served
through the launcher; one headless Chromium opens the full form's first page (8 statements) on
each and clicks CLICKS answers in ROUNDS rounds, app and bare in turn. A click counts from the
click event to the moment the script run it caused is over and no stale element is left (the
`data-test-script-state` attribute of stApp and `data-stale`), measured inside the page with
performance.now(). The same clicks are measured again while LOAD_PEOPLE simulated people
(tests/loadclient.py, with pauses) walk the same server. Also: spawn → first heading painted in
the browser, app against bare.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.common import STEADY, Row
from tests.loadclient import StreamlitServer

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
BARE_APP = Path(__file__).resolve().parent / "bare" / "bare_app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Containers often give /dev/shm 64 MB; Chromium then crashes mid-run ("Target closed").
    "--disable-dev-shm-usage",
]
# Idle: app and bare take turns every CLICKS clicks, so that a shared machine's load, which drifts
# within seconds, weighs on both alike (ROUNDS × CLICKS clicks each).
CLICKS = 16
# German, as the selectors expect (the first visit follows Accept-Language; English keys differ).
LOCALE = "de-DE"
ROUNDS = 9
TIMEOUT_MS = 60_000
# The loaded variant: 20 people answering at the same time, 0.5–2 s between their clicks.
LOAD_PEOPLE = 20
LOAD_THINK = (0.5, 2.0)
# With the crowd: fewer, longer turns (the crowd needs seconds to arrive at each server).
LOAD_CLICKS = 48
LOAD_ROUNDS = 3
ITEM_RADIOS = "[class*='st-key-item_'] [data-testid='stRadioOption']"
# One statement's radio group (bank v3's statements offer 5 or 6 options: "can't judge yet").
ITEM_GROUPS = "[class*='st-key-item_'] [role='radiogroup']"

# Count Streamlit's `script_finished` messages (ForwardMsg field 6) as they arrive: a fast run can
# go from running to notRunning without the attribute ever showing "running".
FINISHED_FIELD = 6
COUNT_FINISHED_JS = """
(() => {
  window.__scriptFinished = 0;
  const finished = (bytes) => {
    let i = 0;
    const varint = () => { let v = 0, m = 1, b;
      do { b = bytes[i++]; v += (b & 127) * m; m *= 128; } while (b & 128); return v; };
    while (i < bytes.length) {
      const key = varint(), field = Math.floor(key / 8), type = key % 8;
      if (field === FIELD) { return true; }
      // Read the length before adding it: `i += varint()` would add it to the index from
      // before the length's own bytes, and then every message looked like a finished run.
      if (type === 0) { varint(); } else if (type === 2) { const n = varint(); i += n; }
      else if (type === 1) { i += 8; } else if (type === 5) { i += 4; } else { return false; }
    }
    return false;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && finished(new Uint8Array(event.data))) {
          window.__scriptFinished += 1;
        }
      });
    }
  };
})();
""".replace("FIELD", str(FINISHED_FIELD))

# Click one radio option and resolve with the ms until the run it caused has finished and the
# page shows no stale element (or -1 after 20 s).
CLICK_JS = """
([groups, statement, index]) => new Promise(resolve => {
  const app = document.querySelector('[data-testid="stApp"]');
  const group = document.querySelectorAll(groups)[statement];
  const option = group.querySelectorAll('[data-testid="stRadioOption"]')[index];
  const before = window.__scriptFinished;
  const done = () => window.__scriptFinished > before
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
  const check = () => {
    if (done()) { resolve(performance.now() - started); return; }
    if (performance.now() - started > 20000) { resolve(-1); return; }
    requestAnimationFrame(check);
  };
  const started = performance.now();
  option.click();
  requestAnimationFrame(check);
})
"""


def _settled(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT_MS
    )
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=TIMEOUT_MS)


def _open_questionnaire(page: object, url: str) -> None:
    """Open the start page, choose the full form and a background, start; wait for page 1."""
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(url)
    page.locator(".st-key-start_form [data-testid='stRadioOption']").nth(1).click()
    _settled(page)
    page.locator(".st-key-start_background [data-testid='stRadioOption']").nth(0).click()
    _settled(page)
    page.locator(".st-key-start_button button").click()
    expect(page.locator(ITEM_RADIOS).first).to_be_visible(timeout=TIMEOUT_MS)
    _settled(page)


def _clicks(page: object, count: int, offset: int) -> list[float]:
    """Click count answers (walking the 8 statements × their first 5 options, the scale, starting
    at option offset)
    and return their ms. Every click must choose another option than the statement has, or no
    run follows: a call's first option must differ from the previous call's last."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.bring_to_front()  # a background tab's timers and paints are throttled
    times = []
    for n in range(count):
        statement, option = n % 8, (n // 8 + offset) % 5
        ms = float(page.evaluate(CLICK_JS, [ITEM_GROUPS, statement, option]))
        if ms < 0:
            raise RuntimeError("a click did not settle within 20 s")
        times.append(ms)
        _settled(page)
    return times


@contextmanager
def _crowd(url: str) -> Iterator[list[str]]:
    """Let LOAD_PEOPLE simulated people walk the server at url (again and again) until the
    block ends; yield the list their errors are appended to."""
    from tests.loadclient import run_load, share_codes

    errors: list[str] = []
    loop = asyncio.new_event_loop()

    async def walk() -> None:
        codes = share_codes(LOAD_PEOPLE)
        seed = 1
        while True:
            try:
                report = await run_load(
                    url, LOAD_PEOPLE, codes, LOAD_THINK, ramp_seconds=1.0, seed=seed
                )
            except asyncio.CancelledError:
                return  # the clicks are measured; the people's open sockets just close
            errors.extend(report.errors)
            seed += 1

    def serve() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(task)
        finally:
            # The people's own tasks (sockets, keepalives) end here, not "destroyed but pending".
            left = asyncio.all_tasks(loop)
            for pending in left:
                pending.cancel()
            if left:
                loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))

    task = loop.create_task(walk())
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    time.sleep(3.0)  # everyone has arrived
    try:
        yield errors
    finally:
        loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=30)
        loop.close()


def _first_heading_seconds(script: Path, browser: object) -> float:
    """Return seconds from spawning the server to the start page's heading in the browser."""
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    started = time.perf_counter()
    server = StreamlitServer(script)
    server.start()
    try:
        page = browser.new_page(locale=LOCALE)
        page.goto(server.url)
        expect(page.get_by_role("heading").first).to_be_visible(timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - started
        page.close()
        return seconds
    finally:
        server.stop()


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def run() -> list[Row]:
    """Return the click and first-paint figures (or one row saying why they were skipped)."""
    if not CHROMIUM.exists():
        return [Row("browser click: skipped, no Chromium", math.nan, "")]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            paint_app = _first_heading_seconds(APP, browser)
            paint_bare = _first_heading_seconds(BARE_APP, browser)
            times: dict[str, list[float]] = {"app": [], "bare": []}
            rounds: dict[str, list[float]] = {"app": [], "bare": []}
            loaded: dict[str, list[float]] = {"app": [], "bare": []}
            with StreamlitServer(APP, environment=STEADY) as app, StreamlitServer(BARE_APP) as bare:
                pages = {}
                for name, server in (("app", app), ("bare", bare)):
                    page = browser.new_page(locale=LOCALE)
                    page.add_init_script(COUNT_FINISHED_JS)
                    page.set_default_timeout(TIMEOUT_MS)
                    _open_questionnaire(page, server.url)
                    _clicks(page, 8, 4)  # warm: the first clicks fill caches
                    pages[name] = page
                for round_ in range(ROUNDS):
                    for name, page in pages.items():
                        clicks = _clicks(page, CLICKS, 2 * round_)  # 2 options a round
                        times[name] += clicks
                        rounds[name].append(statistics.median(clicks))
                for round_ in range(LOAD_ROUNDS):
                    for name, page in pages.items():
                        with _crowd((app if name == "app" else bare).url) as errors:
                            clicks = _clicks(page, LOAD_CLICKS, round_)
                        if errors:
                            raise RuntimeError(f"{name}, {LOAD_PEOPLE} people: {errors[:3]}")
                        loaded[name] += clicks
        finally:
            browser.close()
    for name in times:
        spread = ", ".join(f"{m:.0f}" for m in rounds[name])
        print(f"   {name}: median per round {spread} ms")
    # The same round's medians side by side: how far one round's ratio moves on this machine
    # (printed only; the rows below stay the medians of all clicks).
    paired = [a / b for a, b in zip(rounds["app"], rounds["bare"], strict=True)]
    ratios = ", ".join(f"{r:.2f}" for r in paired)
    print(f"   app/bare per round {ratios} (median {statistics.median(paired):.2f})")
    app_ms, bare_ms = times["app"], times["bare"]
    return [
        Row(
            f"click → settled, p50 ({CLICKS}×{ROUNDS})",
            statistics.median(app_ms),
            "ms",
            "bare page",
            statistics.median(bare_ms),
        ),
        Row(
            f"click → settled, p95 ({CLICKS}×{ROUNDS})",
            _quantile(app_ms, 0.95),
            "ms",
            "bare page",
            _quantile(bare_ms, 0.95),
        ),
        Row(
            f"click → settled with {LOAD_PEOPLE} people, p50 ({LOAD_CLICKS}×{LOAD_ROUNDS})",
            statistics.median(loaded["app"]),
            "ms",
            "bare page",
            statistics.median(loaded["bare"]),
        ),
        Row(
            f"click → settled with {LOAD_PEOPLE} people, p95 ({LOAD_CLICKS}×{LOAD_ROUNDS})",
            _quantile(loaded["app"], 0.95),
            "ms",
            "bare page",
            _quantile(loaded["bare"], 0.95),
        ),
        Row("spawn → first heading painted", paint_app, "s", "bare page", paint_bare),
    ]
