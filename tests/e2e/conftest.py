"""One Streamlit server per test session and one headless Chromium per module, for e2e tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from assessment.operate.operator import OPERATOR_FILE_ENV

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
EXAMPLE_OPERATOR = ROOT / "deploy" / "operator.example.toml"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
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
SERVER_START_SECONDS = 60
# Generous for a busy 2-core machine; expect() polls, so fast runs stay fast.
EXPECT_TIMEOUT_MS = 20_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.read().decode().strip() == "ok")
    except OSError:
        return False


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; skipped when missing, except in CI where that is a failure."""
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI=true: the e2e tests must run)")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The git-ignored folder for screenshots, downloads and the server log."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@contextlib.contextmanager
def running_app(
    artifacts: Path, env: Mapping[str, str] | None = None, *, plain: bool = False
) -> Iterator[str]:
    """Start the app as `make run` does (through the launcher; a plain `streamlit run` if asked)
    on a free port, with extra environment; yield its base URL; stop it at the end."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (artifacts / f"streamlit-e2e-{port}.log").open("w")
    command = ["streamlit"] if plain else ["assessment.ui.launcher"]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            *command,
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        # The legal pages are part of every view; the browser tests run as an operator would.
        env={**os.environ, OPERATOR_FILE_ENV: str(EXAMPLE_OPERATOR), **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}; see {log.name}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not become healthy within {SERVER_START_SECONDS} s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server(chromium: Path, artifacts: Path) -> Iterator[str]:
    """The app with the released banks, for the whole session."""
    with running_app(artifacts) as url:
        yield url


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    """The Playwright driver, per module: its event loop must not outlive the browser tests,
    or plain asyncio code in later modules would find a loop already running."""
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(chromium: Path, playwright_instance: Playwright) -> Iterator[Browser]:
    """A headless Chromium for the module."""
    browser = playwright_instance.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    _german_by_default(browser)
    yield browser
    browser.close()


def _german_by_default(browser: Browser) -> None:
    """Make a context without a locale a German browser's (Accept-Language: de-DE).

    The app opens in the language the browser prefers, and Playwright's contexts say en-US
    unless told otherwise; the tests read German unless they name a locale (or ?lang=).
    """
    new_context, new_page = browser.new_context, browser.new_page

    def context(**kwargs: Any) -> BrowserContext:
        kwargs.setdefault("locale", "de-DE")
        return new_context(**kwargs)

    def page(**kwargs: Any) -> Page:
        kwargs.setdefault("locale", "de-DE")
        return new_page(**kwargs)

    browser.new_context = context  # type: ignore[method-assign]
    browser.new_page = page  # type: ignore[method-assign]
