"""The launcher: security headers on every HTTP answer, websockets untouched, TCP_NODELAY, a
click naming an unknown fragment rerun in full, and `make run` and the systemd unit start
through it."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.app_session import AppSession
from streamlit.web.server.starlette import starlette_server

from assessment.ui import launcher
from assessment.ui.launcher import (
    APP_SCRIPT,
    SECURITY_HEADERS,
    SecurityHeadersMiddleware,
    build_app,
)

Bind = Callable[[str, int, int], socket.socket]


async def _accepted_nodelay(listener: socket.socket) -> int:
    """Return TCP_NODELAY of the server side of one connection accepted by asyncio on listener."""
    loop = asyncio.get_running_loop()
    accepted: asyncio.Future[int] = loop.create_future()

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock: socket.socket = transport.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    server = await loop.create_server(Probe, sock=listener)
    port = listener.getsockname()[1]
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        return await asyncio.wait_for(accepted, timeout=10)
    finally:
        writer.close()
        server.close()
        await server.wait_closed()


@pytest.fixture
def original_bind(monkeypatch: pytest.MonkeyPatch) -> Bind:
    """Streamlit's own socket binding, restored after the test."""
    bind: Bind = starlette_server._bind_socket
    monkeypatch.setattr(starlette_server, "_bind_socket", bind)
    return bind


def test_streamlit_alone_leaves_nagle_on(original_bind: Bind) -> None:
    """Streamlit 1.67's own socket gives connections without TCP_NODELAY (why the fix exists)."""
    listener = original_bind("127.0.0.1", 0, 8)
    assert asyncio.run(_accepted_nodelay(listener)) == 0


def test_launcher_sets_tcp_nodelay_on_accepted_connections(original_bind: Bind) -> None:
    """After the fix, every connection accepted on Streamlit's socket has TCP_NODELAY set."""
    launcher.enable_tcp_nodelay()
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    assert listener.proto == socket.IPPROTO_TCP
    assert not listener.getblocking()
    assert asyncio.run(_accepted_nodelay(listener)) != 0


def test_fix_is_applied_once(original_bind: Bind, monkeypatch: pytest.MonkeyPatch) -> None:
    """Applying the fixes twice wraps Streamlit's binding only once."""
    from assessment.ui.guard import patch_targets

    for owner, name in patch_targets():  # the guards' patches are undone after the test
        monkeypatch.setattr(owner, name, getattr(owner, name))
    monkeypatch.setattr(AppSession, "request_rerun", AppSession.request_rerun)
    launcher.apply_server_fixes()
    first = starlette_server._bind_socket
    first_rerun = AppSession.request_rerun
    launcher.apply_server_fixes()
    assert starlette_server._bind_socket is first
    assert first is not original_bind
    assert AppSession.request_rerun is first_rerun
    assert getattr(first_rerun, "__wrapped__", None) is not None


# -- a click naming a fragment the session does not know ----------------------------------------

# Streamlit 1.67.0's AppSession.request_rerun, the function rerun_unknown_fragments_in_full wraps.
# It drops a rerun that names an unknown fragment ("does not exist anymore") before it reads
# the client state; the wrapper relies on exactly that order. If this changes, read the new
# request_rerun: is the request still dropped (keep the patch, update the hash), or does
# Streamlit now rerun the whole app (remove the patch and this test)?
REQUEST_RERUN_SHA256 = "52f29d8973368c8bf5fee4515799135a7465cb65856237dc5f50e467fe4a9ea2"


def _streamlits_request_rerun() -> Callable[..., None]:
    function: Callable[..., None] = AppSession.request_rerun
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    return function


def test_canary_request_rerun_is_as_patched() -> None:
    """Streamlit's AppSession.request_rerun is the 1.67.0 function the patch was written for."""
    function = _streamlits_request_rerun()
    source = inspect.getsource(function)
    assert list(inspect.signature(function).parameters) == ["self", "client_state"]
    assert "if fragment_id and not self.has_fragment(fragment_id):" in source
    assert "does not exist anymore" in source
    assert list(inspect.signature(AppSession.has_fragment).parameters) == ["self", "fragment_id"]
    assert hashlib.sha256(source.encode()).hexdigest() == REQUEST_RERUN_SHA256, (
        "Streamlit's AppSession.request_rerun changed: check launcher."
        "rerun_unknown_fragments_in_full against it (see REQUEST_RERUN_SHA256)"
    )


class _Session:
    """Stands in for an AppSession: the fragments it knows; the requests that reached Streamlit."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.requests: list[ClientState | None] = []

    def has_fragment(self, fragment_id: str) -> bool:
        return fragment_id in self.known


@pytest.fixture
def reruns(monkeypatch: pytest.MonkeyPatch) -> Callable[..., ClientState | None]:
    """Patch a recording request_rerun; return a function that sends one request through the
    launcher's patch to a session knowing the given fragments and returns what reached it."""

    def record(session: _Session, client_state: ClientState | None) -> None:
        session.requests.append(client_state)

    monkeypatch.setattr(AppSession, "request_rerun", record)
    launcher.rerun_unknown_fragments_in_full()
    assert getattr(AppSession.request_rerun, "__wrapped__", None) is record

    def send(client_state: ClientState | None, known: set[str]) -> ClientState | None:
        session = _Session(known)
        AppSession.request_rerun(session, client_state)  # type: ignore[arg-type]
        assert len(session.requests) == 1
        return session.requests[0]

    return send


def _click(fragment_id: str, *, auto: bool = False) -> ClientState:
    """A fragment rerun as the frontend sends it: every widget's state, the fragment's id."""
    state = ClientState(
        query_string="p=abc&lang=de",
        page_script_hash="hash",
        fragment_id=fragment_id,
        is_auto_rerun=auto,
    )
    answer = WidgetState(id="$$ID-radio-a1", int_value=3)
    other = WidgetState(id="$$ID-radio-a2", int_value=1)
    state.widget_states.widgets.extend([answer, other])
    return state


def test_a_click_naming_an_unknown_fragment_reruns_the_whole_page(
    reruns: Callable[..., ClientState | None],
) -> None:
    """After a restart the session knows no fragment: the click runs in full, state kept."""
    click = _click("frag-body")
    sent = reruns(click, set())
    assert sent is not None
    assert sent is not click
    assert sent.fragment_id == ""
    expected = ClientState()
    expected.CopyFrom(click)
    expected.ClearField("fragment_id")
    assert sent == expected  # every widget state, the URL and the page stay as sent
    assert click.fragment_id == "frag-body"  # the frontend's message is not changed


def test_a_click_naming_a_known_fragment_stays_a_fragment_rerun(
    reruns: Callable[..., ClientState | None],
) -> None:
    click = _click("frag-body")
    assert reruns(click, {"frag-body"}) is click


def test_whole_page_reruns_and_automatic_reruns_pass_unchanged(
    reruns: Callable[..., ClientState | None],
) -> None:
    """A full rerun and no client state pass as they are; an automatic rerun (run_every) of an
    unknown fragment keeps its id, so Streamlit still drops it instead of a rerun per tick."""
    full = _click("")
    assert reruns(full, set()) is full
    assert reruns(None, set()) is None
    tick = _click("frag-timer", auto=True)
    assert reruns(tick, set()) is tick


def test_tcp_listener_keeps_the_descriptor_and_port() -> None:
    """Re-labelling keeps the same bound, listening descriptor and its flags."""
    plain = socket.socket(socket.AF_INET)
    plain.bind(("127.0.0.1", 0))
    plain.listen(1)
    plain.setblocking(False)
    fd, port = plain.fileno(), plain.getsockname()[1]
    with launcher.tcp_listener(plain) as tcp:
        assert (tcp.fileno(), tcp.getsockname()[1], tcp.proto) == (fd, port, socket.IPPROTO_TCP)
        assert not tcp.getblocking()


def test_launcher_runs_streamlits_command_line() -> None:
    """`python -m assessment.ui.launcher --version` is Streamlit's own command line."""
    done = subprocess.run(
        [sys.executable, "-m", "assessment.ui.launcher", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Streamlit, version 1.67.0" in done.stdout


def _run(scope_type: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Run the middleware around a tiny ASGI app; return what it sent and which app ran."""
    sent: list[dict[str, Any]] = []
    ran: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        ran.append(scope["type"])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"a", b"1")]})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive() -> dict[str, Any]:
        return {}

    async def send(message: Any) -> None:
        sent.append(message)

    middleware = SecurityHeadersMiddleware(inner)
    asyncio.run(middleware({"type": scope_type}, receive, send))
    return sent, ran


def test_http_answers_carry_the_security_headers() -> None:
    """The response start gets every header once, and keeps the app's own headers."""
    sent, ran = _run("http")
    assert ran == ["http"]
    headers = [(k.decode(), v.decode()) for k, v in sent[0]["headers"]]
    assert ("a", "1") in headers
    for name, value in SECURITY_HEADERS.items():
        assert [v for k, v in headers if k.lower() == name.lower()] == [value]
    assert sent[1] == {"type": "http.response.body", "body": b"ok"}


def test_websockets_pass_untouched() -> None:
    """A websocket scope is handed on as it is."""
    sent, ran = _run("websocket")
    assert ran == ["websocket"]
    assert sent[0]["headers"] == [(b"a", b"1")]


def test_the_headers_forbid_framing_and_sniffing() -> None:
    """The values the issue asks for."""
    assert SECURITY_HEADERS == {
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": launcher.CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def _directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_the_policy_allows_no_other_host() -> None:
    """Scripts, styles, images, fonts and connections come from this server (or data:/blob:
    addresses) only; no directive names another host, a wildcard or a bare scheme like ws:."""
    directives = _directives(launcher.CONTENT_SECURITY_POLICY)
    assert directives["default-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    for name in ("script-src", "img-src", "font-src", "style-src"):
        assert "'self'" in directives[name]
    allowed = {"'self'", "'none'", "'unsafe-inline'", "'wasm-unsafe-eval'", "data:", "blob:"}
    for name, sources in directives.items():
        assert set(sources) <= allowed, (name, sources)


def test_the_app_is_app_py_with_the_middleware() -> None:
    """build_app wraps app.py and installs the security middleware, then the guard."""
    from assessment.ui.guard import GuardMiddleware

    app = build_app()
    assert APP_SCRIPT.name == "app.py"
    assert APP_SCRIPT.is_file()
    classes: list[object] = [m.cls for m in app._user_middleware]
    assert classes == [SecurityHeadersMiddleware, GuardMiddleware]


def test_make_run_and_the_unit_start_the_launcher() -> None:
    """`make run` and deploy/selbstcheck@.service start the app through the launcher."""
    root = APP_SCRIPT.parent
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "-m assessment.ui.launcher run app.py --server.port $(PORT)" in run_recipe
    assert "streamlit run" not in run_recipe
    unit = (root / "deploy" / "selbstcheck@.service").read_text(encoding="utf-8")
    assert "-m assessment.ui.launcher run app.py" in unit
    assert "--server.port %i" in unit


def test_run_serves_app_py_as_the_app_with_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the fixes, Streamlit's run hands app.py to uvicorn as launcher:app (once)."""
    from streamlit.web import bootstrap

    calls: list[tuple[str, str]] = []
    monkeypatch.setenv(launcher.SERVED_SCRIPT_VARIABLE, "")  # restored after the test
    monkeypatch.setattr(bootstrap, "run", bootstrap.run)
    monkeypatch.setattr(
        bootstrap, "run_asgi_app", lambda script, app, args, flags: calls.append((script, app))
    )
    launcher.serve_as_app_with_headers()
    patched = bootstrap.run
    launcher.serve_as_app_with_headers()
    assert bootstrap.run is patched
    bootstrap.run("app.py", False, [], {})
    assert calls == [("app.py", "assessment.ui.launcher:app")]
    assert os.environ[launcher.SERVED_SCRIPT_VARIABLE].endswith("app.py")
