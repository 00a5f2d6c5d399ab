"""The launcher's guard (assessment.ui.guard): each rule against a stand-in ASGI app, each
patch of a Streamlit function against Streamlit 1.67 itself (canaries: a Streamlit upgrade that
moves or changes a patched function fails here, loudly)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from assessment.messages import msg
from assessment.render.pdf.layout import checkpoint
from assessment.ui import guard
from assessment.ui.guard import (
    MAX_FILES_PER_SESSION,
    MAX_MESSAGE_BYTES,
    MESSAGE_BURST,
    GuardMiddleware,
    PdfGate,
    TokenBucket,
)


@pytest.fixture(autouse=True)
def pristine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with Streamlit's own functions and gets them back afterwards."""
    for owner, name in guard.patch_targets():
        current = getattr(owner, name)
        monkeypatch.setattr(owner, name, getattr(current, "__wrapped__", current))


def _message(**fields: Any) -> bytes:
    data: bytes = BackMsg(**fields).SerializeToString()
    return data


RERUN = _message(rerun_script={"query_string": ""})
CLEAR_CACHE = _message(clear_cache=True)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# -- token bucket ------------------------------------------------------------------------------


def test_bucket_allows_a_burst_then_the_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(rate=10, burst=5, clock=clock)
    assert [bucket.take() for _ in range(6)] == [True] * 5 + [False]
    clock.now = 0.1  # one token back
    assert bucket.take()
    assert not bucket.take()
    clock.now = 100.0  # never more than the burst
    assert sum(bucket.take() for _ in range(20)) == 5


# -- websocket rules ---------------------------------------------------------------------------


def _websocket(
    frames: list[bytes],
    client: tuple[str, int] = ("203.0.113.1", 5000),
    middleware: GuardMiddleware | None = None,
) -> tuple[list[bytes], list[dict[str, Any]], GuardMiddleware]:
    """Run the guard around an app that reads every message; return what the app got and what
    was sent to the client."""
    got: list[bytes] = []
    sent: list[dict[str, Any]] = []
    incoming: list[dict[str, Any]] = [
        {"type": "websocket.connect"},
        *({"type": "websocket.receive", "bytes": f} for f in frames),
        {"type": "websocket.disconnect", "code": 1000},
    ]

    async def app(scope: Any, receive: Any, send: Any) -> None:
        assert (await receive())["type"] == "websocket.connect"
        await send({"type": "websocket.accept"})
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                return
            got.append(message["bytes"])
            await send({"type": "websocket.send", "bytes": b"reply"})

    async def receive() -> dict[str, Any]:
        return incoming.pop(0) if incoming else {"type": "websocket.disconnect", "code": 1000}

    async def send(message: Any) -> None:
        sent.append(message)

    guarded = middleware or GuardMiddleware(app)
    guarded.app = app
    asyncio.run(guarded({"type": "websocket", "client": client}, receive, send))
    return got, sent, guarded


def test_a_flood_is_cut_after_the_burst_and_its_address_penalised() -> None:
    clock = FakeClock()
    middleware = GuardMiddleware(_no_app, clock=clock)
    got, sent, _ = _websocket([RERUN] * 5_000, middleware=middleware)
    assert len(got) == MESSAGE_BURST
    # Cut without a closing handshake (uvicorn then drops the connection at once), and nothing
    # is sent after the cut (Streamlit's sender would fail on a dropped socket).
    assert all(m["type"] != "websocket.close" for m in sent)
    assert len([m for m in sent if m["type"] == "websocket.send"]) == MESSAGE_BURST
    # The address may not come back for a while; another address and loopback may.
    again, sent_again, _ = _websocket([RERUN], middleware=middleware)
    assert again == []
    assert sent_again == [{"type": "websocket.close", "code": 1008}]
    assert _websocket([RERUN], ("203.0.113.2", 1), middleware)[0] == [RERUN]
    clock.now = guard.PENALTY_SECONDS + 1
    assert _websocket([RERUN], middleware=middleware)[0] == [RERUN]


def test_a_flood_from_loopback_is_cut_but_not_penalised() -> None:
    middleware = GuardMiddleware(_no_app)
    loopback = ("127.0.0.1", 1)
    assert len(_websocket([RERUN] * 1_000, loopback, middleware)[0]) == MESSAGE_BURST
    assert _websocket([RERUN], loopback, middleware)[0] == [RERUN]


def test_ordinary_clicking_passes() -> None:
    got, sent, _ = _websocket([RERUN] * 50)
    assert got == [RERUN] * 50
    assert all(m["type"] != "websocket.close" for m in sent)


def test_an_oversized_message_never_reaches_streamlit() -> None:
    big = _message(rerun_script={"query_string": "x" * (MAX_MESSAGE_BYTES + 1)})
    got, sent, middleware = _websocket([RERUN, big, RERUN])
    assert got == [RERUN]
    assert all(m["type"] != "websocket.close" for m in sent)
    assert middleware.penalised == {}  # a too large paste is no flood


def test_clear_cache_is_dropped_and_the_session_goes_on() -> None:
    got, sent, _ = _websocket([RERUN, CLEAR_CACHE, RERUN])
    assert got == [RERUN, RERUN]
    assert all(m["type"] != "websocket.close" for m in sent)


async def _no_app(scope: Any, receive: Any, send: Any) -> None:
    return None


def test_one_address_holds_at_most_the_cap_and_loopback_is_not_counted() -> None:
    async def hold(middleware: GuardMiddleware, address: str, release: asyncio.Event) -> str:
        sent: list[dict[str, Any]] = []
        connected = False

        async def app(scope: Any, receive: Any, send: Any) -> None:
            nonlocal connected
            await receive()
            connected = True
            await release.wait()

        async def receive() -> dict[str, Any]:
            return {"type": "websocket.connect"}

        async def send(message: Any) -> None:
            sent.append(message)

        middleware.app = app
        await middleware({"type": "websocket", "client": (address, 1)}, receive, send)
        return "held" if connected else f"refused {sent}"

    async def scenario() -> tuple[list[str], list[str], dict[str, int]]:
        release = asyncio.Event()
        middleware = GuardMiddleware(_no_app, max_sessions_per_address=3)
        tasks = [
            asyncio.create_task(hold(middleware, address, release))
            for address in ["198.51.100.1"] * 4 + ["127.0.0.1"] * 5 + ["198.51.100.2"]
        ]
        await asyncio.sleep(0.05)
        refused_early = [t.result() for t in tasks if t.done()]
        release.set()
        results = await asyncio.gather(*tasks)
        return refused_early, results, dict(middleware.sessions)

    refused, results, left = asyncio.run(scenario())
    assert refused == ["refused [{'type': 'websocket.close', 'code': 1008}]"]
    assert results.count("held") == 9
    assert left == {}


# -- HTTP rules --------------------------------------------------------------------------------


def _http(path: str, method: str = "GET") -> tuple[int, list[str]]:
    ran: list[str] = []
    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        ran.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "path": path, "method": method, "headers": [], "query_string": b""}
    asyncio.run(GuardMiddleware(app)(scope, receive, send))
    return sent[0]["status"], ran


@pytest.fixture
def ledger(monkeypatch: pytest.MonkeyPatch) -> guard.UploadLedger:
    fresh = guard.UploadLedger()
    monkeypatch.setattr(guard, "UPLOADS", fresh)
    return fresh


def test_metrics_are_not_served() -> None:
    assert _http("/_stcore/metrics") == (404, [])
    assert _http("/base/_stcore/metrics") == (404, [])
    assert _http("/_stcore/health") == (200, ["/_stcore/health"])


def test_an_upload_needs_an_id_issued_to_that_session(ledger: guard.UploadLedger) -> None:
    ledger.issue("s1", "f1")
    assert _http("/_stcore/upload_file/s1/invented", "PUT") == (404, [])
    assert _http("/_stcore/upload_file/s2/f1", "PUT") == (404, [])
    assert _http("/_stcore/upload_file/s1/f1", "PUT")[0] == 200
    assert _http("/_stcore/upload_file/s1/f1", "DELETE")[0] == 200


# -- uploads patch (canary and behaviour) -----------------------------------------------------


@pytest.fixture
def upload_manager(monkeypatch: pytest.MonkeyPatch, ledger: guard.UploadLedger) -> Any:
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    guard.limit_uploads()
    guard.limit_uploads()  # idempotent
    return MemoryUploadedFileManager("/_stcore/upload_file")


def test_canary_upload_manager_is_as_patched() -> None:
    """Streamlit 1.67's in-memory upload manager: the methods and the storage the patch uses."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    assert list(inspect.signature(MemoryUploadedFileManager.get_upload_urls).parameters) == [
        "self",
        "session_id",
        "file_names",
    ]
    assert list(inspect.signature(MemoryUploadedFileManager.add_file).parameters) == [
        "self",
        "session_id",
        "file",
    ]
    manager = MemoryUploadedFileManager("/up")
    assert isinstance(manager.file_storage, dict)
    assert hasattr(manager, "_lock")
    assert "file_id" in inspect.signature(UploadedFileRec).parameters


def test_invented_ids_are_refused_and_only_the_newest_files_stay(upload_manager: Any) -> None:
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    def rec(file_id: str) -> UploadedFileRec:
        return UploadedFileRec(file_id=file_id, name="g.txt", type="text/plain", data=b"x" * 10)

    with pytest.raises(PermissionError):
        upload_manager.add_file("s1", rec("invented"))
    ids = [info.file_id for info in upload_manager.get_upload_urls("s1", ["a", "b", "c", "d"])]
    assert len(ids) == 4
    for file_id in ids:
        upload_manager.add_file("s1", rec(file_id))
    assert list(upload_manager.file_storage["s1"]) == ids[-MAX_FILES_PER_SESSION:]
    upload_manager.remove_session_files("s1")
    assert not guard.UPLOADS.issued("s1", ids[-1])


def test_a_session_gets_a_bounded_number_of_upload_ids(upload_manager: Any) -> None:
    names = ["f"] * (guard.MAX_UPLOAD_IDS_PER_SESSION + 5)
    assert len(upload_manager.get_upload_urls("s1", names)) == guard.MAX_UPLOAD_IDS_PER_SESSION
    assert len(upload_manager.get_upload_urls("s2", ["f"])) == 1


# -- PDFs --------------------------------------------------------------------------------------


def test_pdfs_run_at_most_slots_at_once_one_per_session() -> None:
    async def scenario() -> tuple[int, list[str | None]]:
        gate = PdfGate(slots=2)
        running = 0
        peak = 0

        async def build() -> str:
            nonlocal running, peak
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.02)
            running -= 1
            return "pdf"

        results = await asyncio.gather(
            *(gate.run(f"s{i}", build, lambda: True) for i in range(6)),
            gate.run("s0", build, lambda: True),  # the same session again while s0 builds
        )
        return peak, [refusal for refusal, _ in results]

    peak, refusals = asyncio.run(scenario())
    assert peak == 2
    assert refusals == [None] * 6 + ["limits.pdf_busy"]


def test_pdfs_per_session_are_limited_per_window() -> None:
    clock = FakeClock()
    gate = PdfGate(per_window=3, window=60, clock=clock)

    async def build() -> str:
        return "pdf"

    async def three_then_one() -> list[str | None]:
        refusals = [(await gate.run("s", build, lambda: True))[0] for _ in range(4)]
        clock.now = 61
        refusals.append((await gate.run("s", build, lambda: True))[0])
        return refusals

    assert asyncio.run(three_then_one()) == [None, None, None, "limits.pdf_too_many", None]


def test_a_waiting_pdf_whose_client_left_is_not_built() -> None:
    built: list[str] = []

    async def scenario() -> list[str | None]:
        gate = PdfGate(slots=1)
        release = asyncio.Event()

        async def slow() -> str:
            await release.wait()
            built.append("slow")
            return "pdf"

        async def other() -> str:
            built.append("other")
            return "pdf"

        first = asyncio.create_task(gate.run("a", slow, lambda: True))
        await asyncio.sleep(0.01)
        second = asyncio.create_task(gate.run("b", other, lambda: False))  # b's tab closed
        await asyncio.sleep(0.01)
        release.set()
        return [(await first)[0], (await second)[0]]

    assert asyncio.run(scenario()) == [None, "limits.pdf_gone"]
    assert built == ["slow"]


def test_the_gate_forgets_sessions_without_recent_pdfs() -> None:
    clock = FakeClock()
    gate = PdfGate(clock=clock)

    async def build() -> str:
        return "pdf"

    async def many() -> None:
        for index in range(guard.MAX_PDF_SESSIONS_REMEMBERED + 1):
            await gate.run(f"s{index}", build, lambda: True)
        clock.now = gate.window + 1
        await gate.run("last", build, lambda: True)

    asyncio.run(many())
    assert list(gate.recent) == ["last"]


def test_canary_session_language_lookup() -> None:
    """The refusal's language comes from Runtime._session_mgr → the session's session_state."""
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime
    from streamlit.runtime.session_manager import ActiveSessionInfo, SessionManager

    assert "self._session_mgr" in inspect.getsource(Runtime.__init__)
    assert callable(SessionManager.get_active_session_info)
    assert "session" in inspect.signature(ActiveSessionInfo).parameters
    assert isinstance(inspect.getattr_static(AppSession, "session_state"), property)
    assert callable(Runtime.is_active_session)


def test_canary_deferred_download_handler_is_as_patched() -> None:
    """Streamlit 1.67 builds deferred downloads in DeferredFileHandler.handle(request, session)."""
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    parameters = list(inspect.signature(DeferredFileHandler.handle).parameters)
    assert parameters == ["self", "request", "session_id"]
    assert inspect.iscoroutinefunction(DeferredFileHandler.handle)


def test_a_refused_pdf_tells_the_person_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    calls: list[str] = []

    async def built(self: Any, request: Any, session_id: str) -> str:
        calls.append(session_id)
        await asyncio.sleep(0.02)
        return "built"

    monkeypatch.setattr(DeferredFileHandler, "handle", built)
    monkeypatch.setattr(guard, "PDFS", PdfGate())
    monkeypatch.setattr(guard, "_session_active", lambda session_id: True)
    monkeypatch.setattr(guard, "_session_language", lambda session_id: "en")
    guard.limit_pdf_builds()
    handler = DeferredFileHandler(lambda: None)  # type: ignore[arg-type, return-value]
    request = BackendOperationRequest(request_id="r1")

    async def twice() -> list[Any]:
        return list(
            await asyncio.gather(handler.handle(request, "s1"), handler.handle(request, "s1"))
        )

    first, second = asyncio.run(twice())
    assert first == "built"
    assert second.request_id == "r1"
    assert second.error_msg == msg("limits.pdf_busy", "en")
    assert calls == ["s1"]


def _checkpoints_until_cancelled(started: threading.Event, limit: int) -> int:
    """A build in a worker thread: checkpoints until cancelled (else returns limit)."""
    for _ in range(limit):
        checkpoint()
        started.set()
        time.sleep(0.001)
    return limit


def test_a_started_pdf_whose_client_left_is_cancelled(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The session is there when the build starts and gone while it runs: the build, in its
    worker thread as Streamlit runs it, stops at a checkpoint; the answer says the page was
    closed and nothing is logged."""
    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    started = threading.Event()
    limit = 1_000_000  # about 20 minutes: a build that is never cancelled fails the test's timeout

    async def building(self: Any, request: Any, session_id: str) -> int:
        return await asyncio.to_thread(_checkpoints_until_cancelled, started, limit)

    monkeypatch.setattr(DeferredFileHandler, "handle", building)
    monkeypatch.setattr(guard, "PDFS", PdfGate())
    monkeypatch.setattr(guard, "_session_active", lambda session_id: not started.is_set())
    monkeypatch.setattr(guard, "_session_language", lambda session_id: "en")
    guard.limit_pdf_builds()
    handler = DeferredFileHandler(lambda: None)  # type: ignore[arg-type, return-value]
    request = BackendOperationRequest(request_id="r1")

    async def press() -> Any:
        async with asyncio.timeout(60):
            return await handler.handle(request, "s1")

    with caplog.at_level(logging.DEBUG):
        answer = asyncio.run(press())
    assert answer.error_msg == msg("limits.pdf_gone", "en")
    assert [record for record in caplog.records if record.name != "asyncio"] == []
    assert guard.PDFS.busy == set()


def test_a_pdf_whose_client_stays_is_not_cancelled() -> None:
    def checked() -> str:
        checkpoint()
        return "pdf"

    async def build() -> str:
        return await asyncio.to_thread(checked)

    assert asyncio.run(guard.build_cancellable(build, lambda: True)) == "pdf"


# -- no external-IP lookup ---------------------------------------------------------------------


def test_canary_origin_check_asks_net_util() -> None:
    """Streamlit 1.67's origin check looks up the external IP through net_util at call time."""
    from streamlit import net_util
    from streamlit.web.server import server_util

    assert "net_util.get_external_ip" in inspect.getsource(server_util.is_url_from_allowed_origins)
    assert callable(net_util.get_external_ip)
    assert hasattr(net_util, "_make_blocking_http_get")


def test_a_foreign_origin_makes_no_outbound_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the patch, Streamlit's origin check and start-up banner make no HTTP request."""
    from streamlit import net_util
    from streamlit.web.server import server_util

    requests_made: list[str] = []
    monkeypatch.setattr(net_util, "_external_ip", None)
    monkeypatch.setattr(
        net_util,
        "_make_blocking_http_get",
        lambda url, timeout=5: requests_made.append(url),
    )
    net_util.get_external_ip()
    assert requests_made  # Streamlit alone asks an outside service (why the patch exists)
    requests_made.clear()
    guard.no_external_ip_lookup()
    guard.no_external_ip_lookup()
    assert not server_util.is_url_from_allowed_origins("https://attacker.example")
    assert net_util.get_external_ip() is None
    assert requests_made == []


def test_guards_are_applied_once() -> None:
    targets = guard.patch_targets()
    originals = [getattr(owner, name) for owner, name in targets]
    guard.apply_guards()
    first: list[Callable[..., Any]] = [getattr(owner, name) for owner, name in targets]
    guard.apply_guards()
    assert [getattr(owner, name) for owner, name in targets] == first
    assert [f.__wrapped__ for f in first] == originals  # type: ignore[attr-defined]


# -- sizes: the config, the guard and every text widget agree ---------------------------------


def test_the_config_refuses_what_the_guard_refuses() -> None:
    """server.maxWidgetStateSize is the guard's message limit; server.maxMessageSize (the
    websocket's frame limit) is below 5 MB, so a 20 MB frame is refused from its header."""
    import tomllib

    from tests.cluster import ROOT

    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))[
        "server"
    ]
    assert server["maxWidgetStateSize"] * 1_000_000 == MAX_MESSAGE_BYTES
    assert server["maxMessageSize"] * 1_000_000 < 5_000_000


def test_every_text_widget_has_a_length_limit() -> None:
    """Each st.text_input and st.text_area of the app names max_chars (the browser stops there;
    the websocket's size limit bounds what a client may send instead)."""
    import ast

    from tests.cluster import ROOT

    calls = []
    for path in sorted((ROOT / "assessment" / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"text_input", "text_area", "chat_input"}
            ):
                calls.append((path.name, node.lineno, {k.arg for k in node.keywords}))
    assert calls
    assert [(name, line) for name, line, keywords in calls if "max_chars" not in keywords] == []
