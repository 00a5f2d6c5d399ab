"""Hostile neighbour: an honest person's clicks while another visitor attacks the same process.

One server through the launcher (as `make run` and the deployment start it). An honest tab starts
the newest bank's short form and answers its first page's statements CLICKS times (a radio, one
rerun each, PAUSE apart), first on a quiet server, then while another visitor keeps doing one of
these for as long as the clicks last:
- floods its websocket with 20,000 rerun messages (reconnecting as soon as it is cut off, as
  often as it is let in);
- floods it with 200,000 heartbeats (likewise);
- pastes 20 MB into the group box from PASTERS tabs;
- presses the shared result's PDF button 20 times at once from PDF_TABS tabs, again and again.
Each row is the p95 of the honest clicks, against the quiet run's p95 in the same process.
The PDFs are of shared results of the newest bank. BENCH_QUICK=1: 20 clicks, not 40.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from websockets.asyncio.client import connect

from assessment.ui import group as group_page
from assessment.ui import result as result_page
from assessment.ui.state import GROUP_VIEW, ITEM_KEY_PREFIX, VIEW_PARAM
from tests.benchmarks.common import STEADY, Row, effort
from tests.loadclient import SUBPROTOCOL, StreamlitServer, StreamlitSession, share_codes, ws_url

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
CLICKS = effort(40, 20)
LIKERT_OPTIONS = 5  # every statement has them; some add "can't judge yet"
PAUSE = 0.05
PASTERS = 3
PASTE_BYTES = 20_000_000
PDF_TABS = 5
PDF_PRESSES = 20
# The flooding visitors' addresses as a proxy in front names them (deploy/nginx.conf sends
# X-Forwarded-For; uvicorn trusts it from loopback): loopback itself is never penalised. Each
# flood comes from its own address, so each row sees the first cut-off.
RERUN_FLOODER = "198.51.100.66"
HEARTBEAT_FLOODER = "198.51.100.67"
TARGET = "< 1 s (issue 23)"

Attack = Callable[[str], Coroutine[Any, Any, None]]


def _message(kind: str) -> bytes:
    message = BackMsg()
    if kind == "rerun":
        message.rerun_script.query_string = ""
    else:
        message.app_heartbeat = True
    data: bytes = message.SerializeToString()
    return data


async def _flood_forever(url: str, message: bytes, count: int, address: str) -> None:
    while True:
        with contextlib.suppress(Exception):
            async with connect(
                ws_url(url),
                subprotocols=[SUBPROTOCOL],
                max_size=None,
                proxy=None,
                additional_headers={"X-Forwarded-For": address},
            ) as ws:

                async def drain() -> None:
                    with contextlib.suppress(Exception):
                        async for _ in ws:
                            pass

                reader = asyncio.create_task(drain())
                for _ in range(count):
                    await ws.send(message)
                await reader
        await asyncio.sleep(0.05)


async def _rerun_flood(url: str) -> None:
    await _flood_forever(url, _message("rerun"), 20_000, RERUN_FLOODER)


async def _heartbeat_flood(url: str) -> None:
    await _flood_forever(url, _message("heartbeat"), 200_000, HEARTBEAT_FLOODER)


async def _paste_forever(url: str) -> None:
    while True:
        tab = StreamlitSession(url, timeout=30)
        with contextlib.suppress(Exception):
            await tab.open(f"{VIEW_PARAM}={GROUP_VIEW}")
            await tab.set({group_page.TEXT_KEY: "x" * PASTE_BYTES})
        await tab.close()


async def _pastes(url: str) -> None:
    await asyncio.gather(*(_paste_forever(url) for _ in range(PASTERS)))


async def _pdf_forever(url: str, code: str) -> None:
    tab = StreamlitSession(url, timeout=120)
    try:
        await tab.open(f"r={code}")
        while True:
            await tab.request_files(result_page.SHARED_PDF_KEY, PDF_PRESSES)
    finally:
        await tab.close()


async def _pdfs(url: str) -> None:
    codes = share_codes(PDF_TABS)
    await asyncio.gather(*(_pdf_forever(url, code) for code in codes))


async def _honest_clicks(url: str, attack: Attack | None) -> float:
    """Return the p95 of the honest clicks, while attack (if any) runs."""
    tab = StreamlitSession(url, timeout=120)
    await tab.open()
    await tab.set({"start_background": 0})
    page = await tab.click("start_button")
    items = [item.key or "" for item in page.keyed(ITEM_KEY_PREFIX)]
    if not items:
        raise RuntimeError("Check starten did not open the questionnaire")
    running = asyncio.create_task(attack(url)) if attack else None
    await asyncio.sleep(0.5 if attack else 0)
    seconds = []
    try:
        for index in range(CLICKS):
            await asyncio.sleep(PAUSE)
            started = time.perf_counter()
            await tab.set({items[index % len(items)]: (index // len(items)) % LIKERT_OPTIONS})
            seconds.append(time.perf_counter() - started)
    finally:
        if running is not None:
            running.cancel()
            with contextlib.suppress(BaseException):
                await running
        await tab.close()
    return statistics.quantiles(seconds, n=20)[-1]


async def _warm(url: str) -> None:
    """One PDF and one group view, so no row pays the process's first imports."""
    tab = StreamlitSession(url, timeout=120)
    try:
        await tab.open(f"r={share_codes(1)[0]}")
        await tab.request_files(result_page.SHARED_PDF_KEY)
        await tab.open(f"{VIEW_PARAM}={GROUP_VIEW}")
    finally:
        await tab.close()


ATTACKS: tuple[tuple[str, Attack], ...] = (
    ("rerun flood (20,000 messages)", _rerun_flood),
    ("heartbeat flood (200,000 messages)", _heartbeat_flood),
    (f"{PASTERS} tabs paste 20 MB", _pastes),
    (f"{PDF_TABS} tabs press PDF {PDF_PRESSES}× at once", _pdfs),
)


def run() -> list[Row]:
    rows = []
    with StreamlitServer(APP, environment=STEADY) as server:
        asyncio.run(_warm(server.url))
        quiet = asyncio.run(_honest_clicks(server.url, None))
        rows.append(Row("hostile: click p95, quiet server", quiet, "s", target=TARGET))
        for name, attack in ATTACKS:
            value = asyncio.run(_honest_clicks(server.url, attack))
            rows.append(
                Row(
                    f"hostile: click p95, {name}",
                    value,
                    "s",
                    "click p95, quiet server",
                    quiet,
                    TARGET,
                )
            )
    return rows
