"""Privacy in a real browser: every request of a whole journey goes to the app's own host."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, WebSocket, expect
from pypdf import PdfReader
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import Config
from websockets.asyncio.client import connect

from assessment.codes.links import invite_link, mirror_link
from assessment.codes.share import encode_share_code
from assessment.messages import msg
from assessment.peer.codes import Invitation, encode_invitation
from tests.e2e.journey import TIMEOUT_MS, download, finish, in_thread, share_link, start
from tests.e2e.peer_journey import answer_as_colleague
from tests.loadclient import SUBPROTOCOL, StreamlitServer, ws_url
from tests.unit.peer.test_peer import own_answers

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
# Hosts Streamlit's frontend would contact with telemetry on; none may appear at all.
TELEMETRY = re.compile(r"segment|metrics|telemetry|analytics|streamlit\.io|snowflake", re.I)


class Traffic:
    """Every request and websocket a browser context opens."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def request(self, request: Request) -> None:
        self.urls.append(request.url)

    def websocket(self, socket: WebSocket) -> None:
        self.urls.append(socket.url)

    def foreign(self, own: str) -> list[str]:
        """Return the URLs whose host:port is not own (data: and blob: URLs stay in the page)."""
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
        ]


@pytest.fixture
def watched(browser: Browser, server: str) -> Iterator[tuple[Page, Traffic]]:
    """A fresh browser context whose every request is recorded."""
    traffic = Traffic()
    context = browser.new_context(accept_downloads=True, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", traffic.request)
    context.on("page", lambda page: page.on("websocket", traffic.websocket))
    page = context.new_page()
    yield page, traffic
    context.close()


def test_whole_journey_talks_only_to_the_app(watched: tuple[Page, Traffic], server: str) -> None:
    """Start → questionnaire → result → share link → PDF: no request leaves the app's host."""
    page, traffic = watched
    own = urlsplit(server).netloc
    page.goto(server)
    start(page)
    finish(page)
    link = share_link(page)
    pdf = download(page, "download_pdf")
    assert pdf.startswith(b"%PDF")
    assert PdfReader(BytesIO(pdf)).pages
    shared = page.context.new_page()
    shared.goto(link)
    expect(shared.get_by_role("heading", name="Geteiltes Ergebnis")).to_be_visible()
    page.wait_for_timeout(500)  # let late requests (fonts, chart assets) show up in the record

    assert any(url.startswith(f"ws://{own}/_stcore/stream") for url in traffic.urls)
    assert len(traffic.urls) > 10, traffic.urls
    assert traffic.foreign(own) == []
    assert [url for url in traffic.urls if TELEMETRY.search(urlsplit(url).netloc)] == []


def test_peer_path_talks_only_to_the_app(watched: tuple[Page, Traffic], server: str) -> None:
    """Invitation → a colleague's questionnaire → peer code → comparison → PDF, all on the host."""
    page, traffic = watched
    own = urlsplit(server).netloc
    token = encode_invitation(Invitation(bank_version=2, form="short", name="Anna"))
    link = invite_link(f"{server}/", token, "de")
    codes = [answer_as_colleague(page, link, offset, limit=12, version=2) for offset in range(3)]
    page.goto(mirror_link(f"{server}/", encode_share_code(own_answers()), codes))
    expect(page.get_by_role("heading", name=msg("peer.title", "de"), level=1)).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    assert download(page, "mirror_pdf").startswith(b"%PDF")
    page.wait_for_timeout(500)  # let late requests (fonts, chart assets) show up in the record

    assert any(url.startswith(f"ws://{own}/_stcore/stream") for url in traffic.urls)
    assert traffic.foreign(own) == []
    assert [url for url in traffic.urls if TELEMETRY.search(urlsplit(url).netloc)] == []


class PlainServer(StreamlitServer):
    """`streamlit run app.py` with nothing but the port: every other setting from config.toml."""

    def command(self) -> list[str]:
        streamlit = Path(sys.executable).with_name("streamlit")
        return [
            str(streamlit),
            "run",
            str(self.script),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
        ]


async def _session_config(url: str) -> Config:
    async with (
        asyncio.timeout(30),
        connect(ws_url(url), subprotocols=[SUBPROTOCOL], max_size=None, proxy=None) as socket,
    ):
        message = BackMsg()
        message.rerun_script.CopyFrom(ClientState(query_string=""))
        await socket.send(message.SerializeToString())
        while True:
            forward = ForwardMsg()
            raw = await socket.recv()
            forward.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            if forward.WhichOneof("type") == "new_session":
                return forward.new_session.config


def test_config_toml_turns_telemetry_off_in_the_browser() -> None:
    """Started with config.toml alone, the server tells the frontend: no usage statistics."""
    with PlainServer(ROOT / "app.py", cwd=ROOT) as server:
        config = in_thread(_session_config(server.url))
    assert not config.gather_usage_stats
    assert Config.ShowErrorLinks.Name(config.show_error_links) == "SHOW_ERROR_LINKS_FALSE"
    assert Config.ToolbarMode.Name(config.toolbar_mode) == "VIEWER"
