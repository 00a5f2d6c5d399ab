"""What keeps one visitor from taking a replica from everybody else (used by the launcher).

`GuardMiddleware` is ASGI middleware around Streamlit's st.App, one rule per concern:
- the websocket of a session gets a token bucket of messages; a client that sends faster than any
  browser does (a flood of reruns or heartbeats) is cut off at once (no closing handshake, during
  which the server would go on parsing the flood) and its address may not reconnect for
  PENALTY_SECONDS; every message lets the event loop serve the other sessions before the next;
- a message larger than MAX_MESSAGE_BYTES is refused (the connection cut) before Streamlit
  parses or stores it;
- `clear_cache` (the developer menu's "Clear cache") is dropped: the caches are shared by all;
- one client address holds at most MAX_SESSIONS_PER_ADDRESS websockets (loopback excepted: the
  machine's own users and the proxy in front, which names the real client in X-Forwarded-For);
- `/_stcore/metrics` is not served, and an upload is accepted only for a file id this server
  issued to that session.

The patches of Streamlit functions (`apply_guards`) bound uploads and PDF builds and stop the
external-IP lookup; each is idempotent and has a canary test in tests/unit/test_guard.py.
"""

from __future__ import annotations

import asyncio
import collections
import ipaddress
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assessment.i18n import DEFAULT_LANGUAGE, parse_language
from assessment.messages import msg
from assessment.render.pdf.layout import PdfCancelled, cancelled_by

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

_PATCHED = "_selbstcheck_patched"

# A browser sends one message per click plus a heartbeat now and then; a person clicking as fast
# as they can stays far below 20 messages a second. A client may burst up to MESSAGE_BURST.
MESSAGE_RATE_PER_SECOND = 20.0
MESSAGE_BURST = 200
# The largest message a browser of this app sends: a 1 MB group paste in its widget state.
# .streamlit/config.toml sets server.maxWidgetStateSize = 2 (MB) to the same effect.
MAX_MESSAGE_BYTES = 2_000_000
MAX_SESSIONS_PER_ADDRESS = 20
# A client address whose websocket was cut for flooding opens no new one for this long (each new
# connection would cost the parsing of another burst). Loopback addresses are never penalised.
PENALTY_SECONDS = 60.0
MAX_PENALISED = 10_000
# Close codes (RFC 6455) Streamlit's handler is given: policy violation, message too big.
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009

# Uploads: a session may ask for this many upload addresses and keeps its newest files only.
MAX_UPLOAD_IDS_PER_SESSION = 20
MAX_FILES_PER_SESSION = 2

# PDFs: at most this many are built at once in the process, one at a time per session, and at
# most PDFS_PER_SESSION_WINDOW per session within PDF_WINDOW_SECONDS.
PDF_SLOTS = 2
PDFS_PER_SESSION_WINDOW = 10
PDF_WINDOW_SECONDS = 60.0
# Sessions whose recent PDFs are remembered before the stale ones are forgotten.
MAX_PDF_SESSIONS_REMEMBERED = 1_000
# While a PDF is built, whether its session is still there is looked at this often; once it has
# gone the build stops at its next checkpoint (a line, a page, a chart).
PDF_WATCH_SECONDS = 0.05

_UPLOAD_PATH = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/(?P<file>[^/]+)/?$")
_METRICS_PATH = re.compile(r"/_stcore/metrics/?$")


def _mark(patched: Callable[..., Any], original: Callable[..., Any]) -> None:
    """Mark a replacement as applied; keep Streamlit's function as its __wrapped__."""
    setattr(patched, _PATCHED, True)
    setattr(patched, "__wrapped__", original)  # noqa: B010


def patch_targets() -> list[tuple[Any, str]]:
    """The Streamlit functions apply_guards replaces, as (owner, attribute name)."""
    from streamlit import net_util
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    return [
        (net_util, "get_external_ip"),
        (DeferredFileHandler, "handle"),
        (MemoryUploadedFileManager, "get_upload_urls"),
        (MemoryUploadedFileManager, "add_file"),
        (MemoryUploadedFileManager, "remove_session_files"),
    ]


# -- websocket: rate, size, clear_cache, sessions per address ---------------------------------


@dataclass
class TokenBucket:
    """Allow `burst` messages at once and `rate` per second after that."""

    rate: float = MESSAGE_RATE_PER_SECOND
    burst: float = MESSAGE_BURST
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    stamp: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst
        self.stamp = self.clock()

    def take(self) -> bool:
        """Take one token; return False when none is left."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def back_message_type(data: bytes) -> str | None:
    """Return the kind of a BackMsg (its `type` oneof), or None when it is no BackMsg."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    try:
        message.ParseFromString(data)
    except Exception:  # protobuf's DecodeError; Streamlit closes such a connection itself
        return None
    kind: str | None = message.WhichOneof("type")
    return kind


# BackMsgs no visitor may send: the caches belong to everybody.
REFUSED_MESSAGES = frozenset({"clear_cache"})


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class GuardMiddleware:
    """ASGI middleware: the websocket and HTTP rules of this module's docstring."""

    def __init__(
        self,
        app: ASGIApp,
        max_sessions_per_address: int = MAX_SESSIONS_PER_ADDRESS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.max_sessions_per_address = max_sessions_per_address
        self.clock = clock
        self.sessions: collections.Counter[str] = collections.Counter()
        # Addresses whose connection was cut for flooding: refused until the time given.
        self.penalised: dict[str, float] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        refused = _METRICS_PATH.search(path) is not None
        upload = _UPLOAD_PATH.search(path)
        if upload and scope.get("method") in {"PUT", "POST"}:
            refused = not UPLOADS.issued(upload["session"], upload["file"])
        if refused:
            from starlette.responses import PlainTextResponse

            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refused(self, address: str) -> bool:
        """Return True when a new websocket from this address is refused."""
        if not address:
            return False
        now = self.clock()
        if len(self.penalised) > MAX_PENALISED:
            self.penalised = {a: until for a, until in self.penalised.items() if until > now}
        if self.penalised.get(address, 0.0) > now:
            return True
        return self.sessions[address] >= self.max_sessions_per_address

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        host: str | None = client[0] if client else None
        # Loopback connections are not counted: "" is never a client's address.
        address = host if host is not None and not _is_loopback(host) else ""
        if self._refused(address):
            message = await receive()
            if message["type"] == "websocket.connect":
                await send({"type": "websocket.close", "code": CLOSE_POLICY})
            return
        if address:
            self.sessions[address] += 1
        bucket = TokenBucket(clock=self.clock)
        cut = False

        def cut_off(code: int, *, penalise: bool) -> Message:
            # No closing handshake: when Streamlit's handler returns without a close, uvicorn
            # drops the connection at once and reads nothing more of what the client sent.
            nonlocal cut
            cut = True
            if penalise and address:
                self.penalised[address] = self.clock() + PENALTY_SECONDS
            return {"type": "websocket.disconnect", "code": code}

        async def guarded_receive() -> Message:
            while True:
                if cut:
                    return {"type": "websocket.disconnect", "code": CLOSE_POLICY}
                message = await receive()
                if message["type"] != "websocket.receive":
                    return message
                # Let the other sessions' work run before this message is handled.
                await asyncio.sleep(0)
                if not bucket.take():
                    return cut_off(CLOSE_POLICY, penalise=True)
                data = message.get("bytes")
                if data is None:
                    return message  # Streamlit refuses text frames itself.
                if len(data) > MAX_MESSAGE_BYTES:
                    return cut_off(CLOSE_TOO_BIG, penalise=False)
                if back_message_type(data) in REFUSED_MESSAGES:
                    continue
                return message

        async def guarded_send(message: Message) -> None:
            if cut and message["type"] in {"websocket.send", "websocket.close"}:
                return
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        finally:
            if address:
                self.sessions[address] -= 1
                if self.sessions[address] <= 0:
                    del self.sessions[address]


# -- uploads: only issued file ids, newest files only -----------------------------------------


class UploadLedger:
    """The upload file ids this server issued, per session (thread-safe)."""

    def __init__(self) -> None:
        self._issued: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    def issue(self, session_id: str, file_id: str) -> bool:
        """Record an issued id; return False when the session already has too many."""
        with self._lock:
            ids = self._issued.setdefault(session_id, set())
            if len(ids) >= MAX_UPLOAD_IDS_PER_SESSION:
                return False
            ids.add(file_id)
            return True

    def issued(self, session_id: str, file_id: str) -> bool:
        """Return True when this id was issued to this session."""
        with self._lock:
            return file_id in self._issued.get(session_id, ())

    def forget(self, session_id: str) -> None:
        """Forget a session's ids (its files are gone)."""
        with self._lock:
            self._issued.pop(session_id, None)


UPLOADS = UploadLedger()


def limit_uploads() -> None:
    """Record issued upload ids; keep only a session's newest MAX_FILES_PER_SESSION files.

    Streamlit 1.67 stores a file under any id the client names, so a client can fill the memory
    with files no widget refers to. GuardMiddleware refuses uploads for ids not recorded here.
    """
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    manager: Any = MemoryUploadedFileManager
    if getattr(manager.get_upload_urls, _PATCHED, False):
        return
    get_upload_urls = manager.get_upload_urls
    add_file = manager.add_file
    remove_session_files = manager.remove_session_files

    def get_upload_urls_recorded(self: Any, session_id: str, file_names: Any) -> Any:
        infos = get_upload_urls(self, session_id, file_names)
        return [info for info in infos if UPLOADS.issue(session_id, info.file_id)]

    def add_file_newest(self: Any, session_id: str, file: Any) -> None:
        if not UPLOADS.issued(session_id, file.file_id):
            raise PermissionError("upload for a file id this session was not given")
        add_file(self, session_id, file)
        with self._lock:
            stored = list(self.file_storage.get(session_id, {}))
        for old in stored[:-MAX_FILES_PER_SESSION]:
            self.remove_file(session_id, old)

    def remove_session_files_and_ids(self: Any, session_id: str) -> None:
        remove_session_files(self, session_id)
        UPLOADS.forget(session_id)

    for name, function, original in (
        ("get_upload_urls", get_upload_urls_recorded, get_upload_urls),
        ("add_file", add_file_newest, add_file),
        ("remove_session_files", remove_session_files_and_ids, remove_session_files),
    ):
        _mark(function, original)
        setattr(manager, name, function)


# -- PDFs: bounded at once and per session; dropped or cancelled when the client left ---------


class PdfGate:
    """Admit PDF builds: PDF_SLOTS at once, one at a time and a few a minute per session."""

    def __init__(
        self,
        slots: int = PDF_SLOTS,
        per_window: int = PDFS_PER_SESSION_WINDOW,
        window: float = PDF_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.slots = slots
        self.per_window = per_window
        self.window = window
        self.clock = clock
        self._semaphore: asyncio.Semaphore | None = None
        self.busy: set[str] = set()
        self.recent: dict[str, collections.deque[float]] = {}

    def refusal(self, session_id: str) -> str | None:
        """Return the message key why this session may not start a PDF now, or None."""
        if session_id in self.busy:
            return "limits.pdf_busy"
        now = self.clock()
        if len(self.recent) > MAX_PDF_SESSIONS_REMEMBERED:
            self.recent = {
                sid: stamps
                for sid, stamps in self.recent.items()
                if stamps and now - stamps[-1] <= self.window
            }
        stamps = self.recent.setdefault(session_id, collections.deque())
        while stamps and now - stamps[0] > self.window:
            stamps.popleft()
        if len(stamps) >= self.per_window:
            return "limits.pdf_too_many"
        return None

    async def run(
        self,
        session_id: str,
        build: Callable[[], Awaitable[Any]],
        still_wanted: Callable[[], bool],
    ) -> tuple[str | None, Any]:
        """Build unless refused; return (refusal key, result). Waits for a free slot."""
        refused = self.refusal(session_id)
        if refused is not None:
            return refused, None
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.slots)
        self.busy.add(session_id)
        self.recent[session_id].append(self.clock())
        try:
            async with self._semaphore:
                if not still_wanted():
                    return "limits.pdf_gone", None
                return None, await build()
        finally:
            self.busy.discard(session_id)


PDFS = PdfGate()


def _session_language(session_id: str) -> Any:
    """Return the language the session's page shows (German when unknown)."""
    try:
        from streamlit.runtime import Runtime

        from assessment.ui.state import LANG_KEY

        info = Runtime.instance()._session_mgr.get_active_session_info(session_id)
        value = info.session.session_state[LANG_KEY] if info is not None else None
    except Exception:  # the language is a nicety; the refusal stands without it
        return DEFAULT_LANGUAGE
    return parse_language(value) if isinstance(value, str) else DEFAULT_LANGUAGE


def _session_active(session_id: str) -> bool:
    try:
        from streamlit.runtime import Runtime

        return bool(Runtime.instance().is_active_session(session_id))
    except Exception:
        return False


async def watch_session(
    still_wanted: Callable[[], bool],
    cancel: threading.Event,
    interval: float = PDF_WATCH_SECONDS,
) -> None:
    """Set cancel as soon as still_wanted() says the build's session has gone."""
    while not cancel.is_set():
        if not still_wanted():
            cancel.set()
            return
        await asyncio.sleep(interval)


async def build_cancellable(
    build: Callable[[], Awaitable[Any]], still_wanted: Callable[[], bool]
) -> Any:
    """Run build with a cancellation signal (render/pdf/layout.cancelled_by) that is set when
    still_wanted() turns False; PdfCancelled propagates when the build stopped for it."""
    cancel = threading.Event()
    watcher = asyncio.create_task(watch_session(still_wanted, cancel))
    try:
        with cancelled_by(cancel):
            return await build()
    finally:
        watcher.cancel()


def limit_pdf_builds() -> None:
    """Admit deferred downloads (the PDFs) through PDFS; tell the person in their language.

    Streamlit 1.67 builds a deferred download in a worker thread for every request, as many at
    once as clients ask for, and also after the client left. A build that waits for a slot is
    dropped when its session is gone; a build that runs is cancelled at its next checkpoint
    (asyncio.to_thread carries the signal into the worker thread). A cancelled build is not
    logged: there is nothing wrong, and nothing about the person to say.
    """
    from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    handler: Any = DeferredFileHandler
    handle = handler.handle
    if getattr(handle, _PATCHED, False):
        return

    async def handle_gated(self: Any, request: Any, session_id: str) -> Any:
        def still_wanted() -> bool:
            return _session_active(session_id)

        try:
            refused, response = await PDFS.run(
                session_id,
                lambda: build_cancellable(lambda: handle(self, request, session_id), still_wanted),
                still_wanted,
            )
        except PdfCancelled:
            refused, response = "limits.pdf_gone", None
        if refused is None:
            return response
        return BackendOperationResponse(
            request_id=request.request_id,
            error_msg=msg(refused, _session_language(session_id)),
        )

    _mark(handle_gated, handle)
    handler.handle = handle_gated


# -- no external-IP lookup ---------------------------------------------------------------------


def no_external_ip_lookup() -> None:
    """Never ask an outside service for this machine's address.

    Streamlit 1.67 calls `net_util.get_external_ip` (an HTTP request to checkip.amazonaws.com,
    synchronously on the event loop) for every websocket whose Origin is not the host, and for
    the start-up banner when headless. This app is reached under its own host name; an origin is
    allowed only if it is the host, localhost or listed in server.corsAllowedOrigins.
    """
    from streamlit import net_util

    lookup = net_util.get_external_ip
    if getattr(lookup, _PATCHED, False):
        return

    def no_external_ip() -> None:
        return None

    _mark(no_external_ip, lookup)
    net_util.get_external_ip = no_external_ip


def apply_guards() -> None:
    """Apply every patch of this module (each is idempotent)."""
    limit_uploads()
    limit_pdf_builds()
    no_external_ip_lookup()
