"""The app refuses to be framed: a page of another origin that frames it gets nothing.

Streamlit's frontend posts every change of the query parameters (the answers' code) to its parent
window with target "*". The launcher (`make run`) and deploy/nginx.conf forbid framing; the
plain `streamlit run app.py` of the other browser tests shows what happens without that.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from assessment.ui.launcher import SECURITY_HEADERS
from tests.cluster import ROOT
from tests.e2e.conftest import running_app
from tests.e2e.journey import TIMEOUT_MS, item_ids, start
from tests.loadclient import free_port, health_ok

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
STARTUP_SECONDS = 60
FRAMED: dict[str, bytes] = {}


@pytest.fixture(scope="module")
def framing_origin() -> Iterator[str]:
    """Another origin on this machine (another port) that serves any page it is given.

    A real loopback server: Chromium refuses to let a page of unknown address space (one that
    Playwright answered itself) frame a loopback address at all, which would prove nothing.
    """
    pages = FRAMED

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def launched() -> Iterator[str]:
    """`python -m assessment.ui.launcher` (what `make run` starts) on a free loopback port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assessment.ui.launcher",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not health_ok(url, timeout=0.5):
            assert process.poll() is None, "the launcher exited"
            assert time.monotonic() < deadline, "the launcher did not become healthy"
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def frame_it(browser: Browser, origin: str, url: str) -> tuple[bool, list[str]]:
    """Frame url from another origin; return whether the app rendered and what the parent got.

    The iframe's load event fires for a refused frame too (with Chromium's error page in it);
    a refused frame runs none of the app's script, so what the parent has then is final.
    """
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    html = (
        "<!doctype html><script>window.got = []; window.loaded = false;"
        "addEventListener('message', e => window.got.push(JSON.stringify(e.data)));</script>"
        f'<iframe src="{url}?lang=de" width="900" height="700"'
        ' onload="window.loaded = true"></iframe>'
    )
    path = f"/frame-{len(FRAMED)}.html"
    FRAMED[path] = html.encode("utf-8")
    try:
        page = context.new_page()
        page.goto(origin + path)
        page.wait_for_function("() => window.loaded")
        frame = page.frames[1]
        rendered = not frame.url.startswith("chrome-error:")
        if rendered:
            frame.get_by_role("button", name="Check starten").wait_for()
            page.wait_for_function("() => window.got.length > 0")
        got: list[str] = page.evaluate("() => window.got")
        return rendered, got
    finally:
        context.close()


@pytest.fixture(scope="module")
def plain_server(artifacts: Path) -> Iterator[str]:
    """A plain `streamlit run app.py` (without the launcher), the control."""
    with running_app(artifacts, plain=True) as url:
        yield url


def test_without_the_headers_a_framing_page_receives_the_app(
    browser: Browser, framing_origin: str, plain_server: str
) -> None:
    """The control: plain `streamlit run` can be framed, and the parent receives messages."""
    rendered, got = frame_it(browser, framing_origin, f"{plain_server}/")
    assert rendered
    assert got


def test_the_launched_app_refuses_to_be_framed(
    browser: Browser, framing_origin: str, launched: str
) -> None:
    """Started as `make run` starts it, the app does not render in a frame; the parent gets
    nothing."""
    assert frame_it(browser, framing_origin, launched) == (False, [])


def test_the_launcher_sends_the_security_headers_and_serves_the_app(
    browser: Browser, launched: str
) -> None:
    """Every HTTP answer of the launched server carries the headers; the app itself works."""
    port = int(launched.rstrip("/").rsplit(":", 1)[1])
    for path in ("/", "/_stcore/health", "/_stcore/host-config", "/static/missing.js"):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        for name, value in SECURITY_HEADERS.items():
            assert response.getheader(name) == value, (path, name)
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(launched)
        start(page)
        assert item_ids(page)  # the progress code reached the URL
    finally:
        context.close()
