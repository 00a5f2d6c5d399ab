"""A hostile visitor against a real server started through the launcher (as `make run` does).

The attack run of issue 23: a message flood froze every session for 55 s, a 20 MB widget value
stayed in memory, a foreign Origin made the server ask an outside service for its address, any
client could clear the shared caches, one address could hold 400 sessions, `/_stcore/metrics`
was served, and the CSP named only frame-ancestors.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import socket
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from assessment.messages import msg
from assessment.operate.operator import OPERATOR_FILE_ENV
from assessment.operate.warmup import WARM_UP_VARIABLE
from assessment.ui import group as group_page
from assessment.ui import result as result_page
from assessment.ui.guard import MAX_SESSIONS_PER_ADDRESS
from assessment.ui.state import GROUP_VIEW, LANG_PARAM, VIEW_PARAM
from tests.cluster import APP, ROOT
from tests.e2e.conftest import EXAMPLE_OPERATOR, running_app
from tests.e2e.journey import download, finish, in_thread, settled, start
from tests.loadclient import SUBPROTOCOL, StreamlitServer, StreamlitSession, share_codes, ws_url

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
MB = 1_000_000
CLICKS = 20
CLICK_PAUSE_SECONDS = 0.1
MAX_CLICK_P95_SECONDS = 1.0
PASTE_BYTES = 20 * MB
PASTERS = 3
MAX_GROWTH_PER_SESSION = 5 * MB
ORIGIN_ANSWER_SECONDS = 0.5
FLOOD_END_SECONDS = 30


@pytest.fixture(scope="module")
def app_server() -> Iterator[StreamlitServer]:
    """The app through the launcher, with the production config, as an operator runs it."""
    server = StreamlitServer(
        APP,
        cwd=ROOT,
        # No PDF warm-up: its one-off memory would land inside the measured window.
        environment={WARM_UP_VARIABLE: "0", OPERATOR_FILE_ENV: str(EXAMPLE_OPERATOR)},
    ).start()
    yield server
    server.stop()


async def _socket(url: str, **headers: str) -> ClientConnection:
    return await connect(
        ws_url(url),
        subprotocols=[SUBPROTOCOL],
        max_size=None,
        proxy=None,
        open_timeout=10,
        additional_headers=headers,
    )


async def _flood(url: str, message: bytes, count: int, address: str) -> float:
    """From address (as the proxy in front names it), send count copies of a message as fast as
    possible; return the seconds until the server ended the connection (inf if it did not)."""
    ws = await _socket(url, **{"X-Forwarded-For": address})
    started = time.perf_counter()

    async def drain() -> None:
        with contextlib.suppress(ConnectionClosed):
            async for _ in ws:
                pass

    reader = asyncio.create_task(drain())
    try:
        for _ in range(count):
            await ws.send(message)
        async with asyncio.timeout(FLOOD_END_SECONDS):
            await ws.wait_closed()
    except ConnectionClosed:
        pass
    except TimeoutError:
        await ws.close()
        return math.inf
    await reader
    return time.perf_counter() - started


async def _clicks_during_flood(
    url: str, message: bytes, count: int, address: str
) -> tuple[list[float], float, bool]:
    """An honest tab clicks (reruns) while another floods; return the click times, when the
    flood's connection ended, and whether the flooding address may connect again at once."""
    tab = StreamlitSession(url, timeout=60)
    try:
        await tab.open()
        flood = asyncio.create_task(_flood(url, message, count, address))
        seconds = []
        for _ in range(CLICKS):
            await asyncio.sleep(CLICK_PAUSE_SECONDS)
            started = time.perf_counter()
            await tab.set({})
            seconds.append(time.perf_counter() - started)
        ended = await flood
        try:
            again = await _socket(url, **{"X-Forwarded-For": address})
        except InvalidStatus:
            return seconds, ended, False
        await again.close()
        return seconds, ended, True
    finally:
        await tab.close()


def _rerun_message() -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = ""
    data: bytes = message.SerializeToString()
    return data


def _heartbeat_message() -> bytes:
    message = BackMsg()
    message.app_heartbeat = True
    data: bytes = message.SerializeToString()
    return data


@pytest.mark.parametrize(
    ("message", "count", "address"),
    [(_rerun_message(), 20_000, "198.51.100.10"), (_heartbeat_message(), 200_000, "198.51.100.11")],
    ids=["reruns", "heartbeats"],
)
def test_a_message_flood_does_not_freeze_other_sessions(
    app_server: StreamlitServer, message: bytes, count: int, address: str
) -> None:
    """While one session sends 20,000 reruns (or 200,000 heartbeats), another session's clicks
    take under 1 s at p95; the flood's connection is cut within seconds and its address may not
    come back at once."""
    seconds, ended, back = in_thread(_clicks_during_flood(app_server.url, message, count, address))
    p95 = statistics.quantiles(seconds, n=20)[-1]
    assert p95 < MAX_CLICK_P95_SECONDS, seconds
    assert ended < FLOOD_END_SECONDS
    assert not back


async def _paste_huge(url: str) -> StreamlitSession:
    tab = StreamlitSession(url, timeout=30)
    await tab.open(f"{VIEW_PARAM}={GROUP_VIEW}")
    return tab


async def _paste_attack(url: str, server: StreamlitServer) -> tuple[int, int, list[str]]:
    tabs = [await _paste_huge(url) for _ in range(PASTERS)]
    await asyncio.sleep(1)
    before = server.rss()
    for tab in tabs:
        # The refusal closes the connection: that is the point.
        with contextlib.suppress(Exception):
            await tab.set({group_page.TEXT_KEY: "x" * PASTE_BYTES})
    await asyncio.sleep(2)
    after = server.rss()
    for tab in tabs:
        await tab.close()
    honest = StreamlitSession(url)
    try:
        await honest.open(f"{VIEW_PARAM}={GROUP_VIEW}")
        lines = "\n".join(["AQEA" + "0" * 40] * 20_000)[: group_page.MAX_INPUT_CHARS]
        run = await honest.set({group_page.TEXT_KEY: lines})
        return before, after, run.texts
    finally:
        await honest.close()


def test_a_20_mb_value_is_refused_before_it_is_stored(app_server: StreamlitServer) -> None:
    """Three sessions paste 20 MB into the group box: each costs under 5 MB of the server's
    memory. An honest paste of 1 MB (the documented limit) still arrives."""
    before, after, texts = in_thread(_paste_attack(app_server.url, app_server))
    assert (after - before) / PASTERS < MAX_GROWTH_PER_SESSION, (before, after)
    assert not any("1 MB" in text for text in texts)


PDF_PRESSES = 20


async def _pdf_presses(url: str, code: str) -> list[tuple[str, str]]:
    """A tab presses the PDF button 20 times at once; return the answers to the presses."""
    attacker = StreamlitSession(url, timeout=120)
    try:
        await attacker.open(f"r={code}&{LANG_PARAM}=en")
        return await attacker.request_files(result_page.SHARED_PDF_KEY, PDF_PRESSES)
    finally:
        await attacker.close()


def test_pdfs_of_one_session_are_built_one_at_a_time(app_server: StreamlitServer) -> None:
    """20 PDF presses at once from one tab (English page): one PDF is built, the other presses
    are told in the page's language to wait. (How much PDFs delay others' clicks: `make bench`,
    bench_hostile.)"""
    answers = in_thread(_pdf_presses(app_server.url, share_codes(1)[0]))
    built = [url for url, error in answers if url and not error]
    refused = [error for url, error in answers if error]
    assert len(built) == 1
    assert refused == [msg("limits.pdf_busy", "en")] * (PDF_PRESSES - 1)


# A tab leaves once its PDF has used STARTED_SHARE of a full build's CPU (so the build has surely
# begun). Without cancellation the build would go on to use the rest, full - before. With it, the
# build may use at most MAX_AFTER_LEAVING_SHARE of that rest: the guard looks at the session every
# 50 ms, the server notices the closed socket only between the build's steps, and the step the
# build is in (vl-convert drawing the chart, about a third of a build, early, cannot be
# interrupted) ends. Measured here, the cancelled build used 0.3-0.8 of the rest, varying with
# where the build was when the socket closed; without cancellation it uses all of it and more.
# The best of ATTEMPTS tries must stay below the bound: noise can lift a try, never lower one.
STARTED_SHARE = 0.15
MAX_AFTER_LEAVING_SHARE = 0.7
ATTEMPTS = 3
QUIET_CPU_SECONDS = 0.01


def _cpu_seconds(server: StreamlitServer) -> float:
    """Return the CPU time (user and system, all threads) the server process used so far."""
    import psutil

    assert server.process is not None
    times = psutil.Process(server.process.pid).cpu_times()
    return float(times.user + times.system)


async def _quiet(server: StreamlitServer) -> float:
    """Wait until the server uses (almost) no CPU; return its CPU time then."""
    before = _cpu_seconds(server)
    while True:
        await asyncio.sleep(0.3)
        now = _cpu_seconds(server)
        if now - before < QUIET_CPU_SECONDS:
            return now
        before = now


async def _pdf_cpu(url: str, server: StreamlitServer, code: str) -> tuple[float, float, float]:
    """Return the CPU seconds of a full PDF build (the second in this process, warm), of a
    build whose tab left once it had begun until then, and of that build after."""
    for _ in range(2):  # the first PDF in a process also imports fpdf2, Altair, vl-convert
        reader = StreamlitSession(url, timeout=120)
        try:
            await reader.open(f"r={code}")
            start = await _quiet(server)
            started = time.perf_counter()
            [(address, error)] = await reader.request_files(result_page.SHARED_PDF_KEY)
            wall = time.perf_counter() - started
            assert address
            assert not error
            full = _cpu_seconds(server) - start
        finally:
            await reader.close()
    leaver = StreamlitSession(url, timeout=120)
    try:
        await leaver.open(f"r={code}")
        start = await _quiet(server)
        await leaver.press_files(result_page.SHARED_PDF_KEY)
        # Leave once the build is surely running (it has used part of a full build's CPU).
        async with asyncio.timeout(30):
            while _cpu_seconds(server) - start < STARTED_SHARE * full:
                await asyncio.sleep(0.005)
        left = _cpu_seconds(server)
    finally:
        await leaver.close()
    await asyncio.sleep(max(3.0, 3 * wall))
    return full, left - start, _cpu_seconds(server) - left


def test_a_started_pdf_whose_tab_left_stops_using_cpu(app_server: StreamlitServer) -> None:
    """Issue 23: two PDFs were still being built 120 s after their client had left. Now a build
    that has begun stops at its next line, page or chart once the tab's session is gone."""
    full_form = share_codes(2)[1]  # the longest PDF: most of it comes after the chart
    shares = []
    for _ in range(ATTEMPTS):
        full, before, after = in_thread(_pdf_cpu(app_server.url, app_server, full_form))
        print(f"CPU: full build {full:.2f} s; tab left after {before:.2f} s, then {after:.2f} s")
        assert before >= STARTED_SHARE * full
        shares.append(after / (full - before))
        if shares[-1] < MAX_AFTER_LEAVING_SHARE:
            break
    assert min(shares) < MAX_AFTER_LEAVING_SHARE, shares
    # A cancelled build is no error: Streamlit logs nothing about it.
    assert "Error executing deferred callable" not in app_server.log()
    assert "PdfCancelled" not in app_server.log()


def test_metrics_are_not_served(app_server: StreamlitServer) -> None:
    """/_stcore/metrics answers 404 (Streamlit serves it to anyone by default)."""
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(app_server.url + "_stcore/metrics", timeout=10)
    assert refused.value.code == 404


async def _hold_sessions(url: str, address: str, count: int) -> list[ClientConnection]:
    return [await _socket(url, **{"X-Forwarded-For": address}) for _ in range(count)]


async def _sessions_per_address(url: str) -> tuple[int, bool, bool]:
    held = await _hold_sessions(url, "203.0.113.7", MAX_SESSIONS_PER_ADDRESS)
    try:
        try:
            extra = await _socket(url, **{"X-Forwarded-For": "203.0.113.7"})
        except InvalidStatus:
            refused = True
        else:
            refused = False
            await extra.close()
        other = await _socket(url, **{"X-Forwarded-For": "203.0.113.8"})
        await other.close()
        return len(held), refused, True
    finally:
        for ws in held:
            await ws.close()


def test_one_address_holds_at_most_twenty_sessions(app_server: StreamlitServer) -> None:
    """Twenty websockets from one client address open; the 21st is refused, another address is
    not. (The address is the one the proxy in front names, as behind deploy/nginx.conf.)"""
    held, refused, other = in_thread(_sessions_per_address(app_server.url))
    assert held == MAX_SESSIONS_PER_ADDRESS
    assert refused
    assert other


class Trap:
    """A proxy that accepts connections, records them and never answers."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        self.listener.close()
        for connection in self.connections:
            connection.close()


async def _knock(url: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        ws = await _socket(url, Origin="https://attacker.example")
    except InvalidStatus:
        return time.perf_counter() - started, True
    await ws.close()
    return time.perf_counter() - started, False


def test_a_foreign_origin_makes_no_request_off_the_host() -> None:
    """All outside requests of the server go to a proxy that never answers: a websocket with a
    foreign Origin is refused at once, and nothing ever connects to the proxy."""
    trap = Trap()
    proxy = f"http://127.0.0.1:{trap.port}"
    server = StreamlitServer(
        APP,
        cwd=ROOT,
        environment={
            WARM_UP_VARIABLE: "0",
            OPERATOR_FILE_ENV: str(EXAMPLE_OPERATOR),
            **dict.fromkeys(("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"), proxy),
        },
    )
    try:
        with server:
            knocks = [in_thread(_knock(server.url)) for _ in range(3)]
    finally:
        trap.close()
    assert all(refused for _, refused in knocks)
    assert max(seconds for seconds, _ in knocks) < ORIGIN_ANSWER_SECONDS, knocks
    assert trap.connections == []


CACHED_SCRIPT = """
import time

import streamlit as st


@st.cache_data
def stamp() -> int:
    return time.time_ns()


st.markdown(f"stamp {stamp()}")
"""


async def _clear_cache_between_visits(url: str) -> tuple[list[str], list[str]]:
    first = StreamlitSession(url)
    try:
        before = (await first.open()).texts
    finally:
        await first.close()
    attacker = await _socket(url)
    message = BackMsg()
    message.clear_cache = True
    await attacker.send(message.SerializeToString())
    await asyncio.sleep(1)
    await attacker.close()
    second = StreamlitSession(url)
    try:
        after = (await second.open()).texts
    finally:
        await second.close()
    return before, after


def test_a_client_cannot_clear_the_shared_cache(tmp_path: Path) -> None:
    """A client sends Streamlit's clear_cache message; the next visitor still gets the cached
    value (on a page served through the launcher with the production config)."""
    script = tmp_path / "cached.py"
    script.write_text(CACHED_SCRIPT, encoding="utf-8")
    with StreamlitServer(script, cwd=ROOT) as server:
        before, after = in_thread(_clear_cache_between_visits(server.url))
    stamps = [text for text in before if text.startswith("stamp")]
    assert stamps
    assert [text for text in after if text.startswith("stamp")] == stamps


CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def test_a_full_journey_causes_no_csp_violation(browser: Browser, artifacts: Path) -> None:
    """Start, questionnaire, result, PDF download and the group view under the launcher's CSP:
    not one violation reported (console or securitypolicyviolation)."""
    violations: list[str] = []
    with running_app(artifacts) as url:
        context = browser.new_context(accept_downloads=True)
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        try:
            response = page.goto(url)
            assert response is not None
            assert "default-src 'self'" in response.headers["content-security-policy"]
            start(page)
            finish(page)
            assert download(page, "download_pdf").startswith(b"%PDF")
            violations.extend(page.evaluate("window.__csp"))
            page.goto(f"{url}/?{VIEW_PARAM}={GROUP_VIEW}")
            expect(page.locator(f".st-key-{group_page.TEXT_KEY}")).to_be_visible()
            settled(page)
            page.wait_for_timeout(1000)
            violations.extend(page.evaluate("window.__csp"))
        finally:
            context.close()
    assert violations == [], violations
