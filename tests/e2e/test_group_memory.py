"""Memory of the group view on a real server: junk pasted by many sessions is not kept.

The attack run pasted 4 MB of code-like junk per session: 260 MB each, never released.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from websockets.exceptions import ConnectionClosed

from assessment.operate.warmup import WARM_UP_VARIABLE
from assessment.ui import group as group_page
from assessment.ui.state import GROUP_VIEW, VIEW_PARAM
from tests.cluster import APP, ROOT
from tests.e2e.journey import in_thread
from tests.loadclient import LoadClientError, StreamlitServer, StreamlitSession
from tests.unit.group.test_group import _junk

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SESSIONS = 8
MB = 1_000_000
ALLOWED_GROWTH = 100 * MB
# Sessions are dropped this long after their tab went away (the default is two minutes).
SESSION_TTL_SECONDS = 2
SETTLE_SECONDS = 120


@pytest.fixture(scope="module")
def group_server() -> Iterator[StreamlitServer]:
    """A server of our own, whose closed sessions are dropped after two seconds."""
    server = StreamlitServer(
        APP,
        cwd=ROOT,
        options={"server.disconnectedSessionTTL": str(SESSION_TTL_SECONDS)},
        # No PDF warm-up: its one-off ~100 MB would land inside the measured window.
        environment={WARM_UP_VARIABLE: "0"},
    ).start()
    yield server
    server.stop()


async def _paste(url: str, text: str) -> list[str]:
    """Open the group view, paste text, press Auswerten; return the texts shown."""
    tab = StreamlitSession(url)
    try:
        await tab.open(f"{VIEW_PARAM}={GROUP_VIEW}")
        await tab.set({group_page.TEXT_KEY: text})
        run = await tab.click(group_page.EVALUATE_KEY)
        assert run.exceptions == []
        return run.texts
    finally:
        await tab.close()


async def _cut(url: str, text: str) -> bool:
    """Paste text far over the server's message limit; return whether the server cut the tab."""
    try:
        await _paste(url, text)
    except (ConnectionClosed, LoadClientError):
        return True
    return False


async def _sessions(url: str) -> None:
    for seed in range(SESSIONS):
        # 4 MB: the server's guard refuses the message before Streamlit stores it.
        assert await _cut(url, _junk(8_694, seed=100 + seed))
        # 1.5 MB: within the message limit, over the page's own 1 MB limit, which says so.
        refused = await _paste(url, _junk(3_300, seed=300 + seed))
        assert any("1 MB" in text for text in refused)
        evaluated = await _paste(url, _junk(2_150, seed=200 + seed)[: group_page.MAX_INPUT_CHARS])
        assert not any("1 MB" in text for text in evaluated)


def test_eight_sessions_pasting_junk_leave_memory_where_it_was(
    group_server: StreamlitServer,
) -> None:
    """8 sessions paste 4 MB (cut by the guard), 1.5 MB and 1 MB of junk; afterwards the
    server is within 100 MB."""
    in_thread(_paste(group_server.url, "warm-up-0000000000 AQEA0000000000000000000"))
    start = group_server.rss()
    in_thread(_sessions(group_server.url))
    deadline = time.monotonic() + SETTLE_SECONDS  # closed sessions are dropped after their TTL
    while group_server.rss() - start > ALLOWED_GROWTH and time.monotonic() < deadline:
        time.sleep(1)
    assert group_server.rss() - start <= ALLOWED_GROWTH, (start, group_server.rss())
