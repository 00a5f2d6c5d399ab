"""Start the app's Streamlit server with what a plain `streamlit run app.py` cannot add.

`python -m assessment.ui.launcher run app.py [streamlit options]` is `streamlit run` with each fix
applied first, one function per concern: security headers (app.py served as an `st.App` with
ASGI middleware, Streamlit's supported way), TCP_NODELAY on accepted sockets, a rerun of an
unknown fragment run as a whole-page rerun, the PDF warm-up, and the guards of
assessment.ui.guard (message rate and size, caches, sessions per address, uploads, PDFs, no
external-IP lookup). `make run`, deploy/selbstcheck@.service and
the tests start the app this way.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.middleware import Middleware
    from starlette.types import ASGIApp, Message, Receive, Scope, Send
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.web.server.starlette import App

APP_SCRIPT = Path(__file__).resolve().parents[2] / "app.py"
_PATCHED = "_selbstcheck_patched"
# The script `run` was given (app.py unless a test serves another). uvicorn imports this module
# afresh as `assessment.ui.launcher` (the launcher itself runs as __main__), so it travels in the
# environment of the process.
SERVED_SCRIPT_VARIABLE = "SELBSTCHECK_SERVED_SCRIPT"
# Never framed: a framing page would receive every answer, because Streamlit's frontend posts
# each change of the query parameters to its parent window with target "*". No MIME sniffing,
# and no Referer that carries the answers in the URL to another site. The page loads and connects
# to nothing but this server: Streamlit needs inline scripts (index.html, st.html), WebAssembly
# (compiled from its own bundle: 'wasm-unsafe-eval', which allows no JavaScript eval), inline
# styles (its CSS-in-JS), images and fonts from data:/blob: addresses, and its websocket, which
# 'self' covers (same host, ws: or wss:). deploy/nginx.conf sends the same policy.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: dict[str, str] = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


# -- security headers -------------------------------------------------------------------------


class SecurityHeadersMiddleware:
    """ASGI middleware: every HTTP response carries SECURITY_HEADERS (websockets pass as is)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                from starlette.datastructures import MutableHeaders

                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def security_middleware() -> list[Middleware]:
    """Return the middleware: security headers outside, the guard of assessment.ui.guard
    inside (its refusals carry the headers too)."""
    from starlette.middleware import Middleware

    from assessment.ui.guard import GuardMiddleware

    return [Middleware(SecurityHeadersMiddleware), Middleware(GuardMiddleware)]


def build_app(script: Path = APP_SCRIPT) -> App:
    """Return app.py as an st.App with the security middleware."""
    import streamlit as st

    return st.App(script, middleware=security_middleware())


def serve_as_app_with_headers() -> None:
    """Make `streamlit run app.py` serve app.py as build_app()'s st.App (same config, flags)."""
    from streamlit.web import bootstrap

    run: Callable[..., None] = bootstrap.run
    if getattr(run, _PATCHED, False):
        return

    def run_with_headers(
        main_script_path: str,
        is_hello: bool,
        args: list[str],
        flag_options: dict[str, Any],
        *,
        stop_immediately_for_testing: bool = False,
    ) -> None:
        os.environ[SERVED_SCRIPT_VARIABLE] = str(Path(main_script_path).resolve())
        bootstrap.run_asgi_app(main_script_path, "assessment.ui.launcher:app", args, flag_options)

    setattr(run_with_headers, _PATCHED, True)
    bootstrap.run = run_with_headers


# -- TCP_NODELAY ---------------------------------------------------------------------------------


def tcp_listener(listener: socket.socket) -> socket.socket:
    """Return a TCP listening socket that asyncio recognises as TCP (same descriptor).

    asyncio sets TCP_NODELAY on an accepted connection only when the socket object says
    `proto == IPPROTO_TCP`, and an accepted socket copies the listener's `proto`. A socket made as
    `socket.socket(family)` says 0, so every connection would keep Nagle's algorithm.
    """
    if listener.family not in (socket.AF_INET, socket.AF_INET6):
        return listener
    if listener.type != socket.SOCK_STREAM or listener.proto == socket.IPPROTO_TCP:
        return listener
    blocking = listener.getblocking()
    inheritable = listener.get_inheritable()
    tcp = socket.socket(listener.family, listener.type, socket.IPPROTO_TCP, listener.detach())
    tcp.setblocking(blocking)
    tcp.set_inheritable(inheritable)
    return tcp


def enable_tcp_nodelay() -> None:
    """Make Streamlit's server send every websocket message at once (TCP_NODELAY).

    Streamlit 1.67 binds its server socket itself (`starlette_server._bind_socket`) with
    protocol 0, so asyncio never sets TCP_NODELAY, and every message after the first of a
    rerun waits for the browser's delayed ACK (about 40 ms on Linux). The bound socket is
    re-labelled as TCP before uvicorn serves it.
    """
    from streamlit.web.server.starlette import starlette_server

    bind: Callable[[str, int, int], socket.socket] = starlette_server._bind_socket
    if getattr(bind, _PATCHED, False):
        return

    def bind_tcp(address: str, port: int, backlog: int) -> socket.socket:
        return tcp_listener(bind(address, port, backlog))

    setattr(bind_tcp, _PATCHED, True)
    starlette_server._bind_socket = bind_tcp


# -- unknown fragments -------------------------------------------------------------------------


def rerun_unknown_fragments_in_full() -> None:
    """Run a click that names a fragment this session does not know as a whole-page rerun.

    The questionnaire's page body is an `st.fragment`, so an answer click asks for a rerun of
    that fragment only. After a server restart or a failover without a reload, the click
    reaches a new session that has never run the fragment, and Streamlit 1.67 drops the request
    (`AppSession.request_rerun`: "The fragment with id … does not exist anymore"): the answer
    would be lost. The frontend sends the state of every widget with a fragment rerun, so the
    same request without its fragment id is a whole-page rerun that keeps the answer.

    Automatic reruns (`st.fragment(run_every=…)`) of an unknown fragment are still dropped: they
    repeat by themselves and would otherwise rerun the whole page on every tick.

    Draft of the upstream change that would make this patch unnecessary (streamlit/streamlit,
    `lib/streamlit/runtime/app_session.py`, `AppSession.request_rerun`)::

        Fragment rerun of an unknown fragment: rerun the whole app instead of dropping it

        After a server restart, or when a load balancer moves a tab to another replica, the
        frontend reconnects to a new session and its next widget interaction inside an
        st.fragment names a fragment id that session never registered. request_rerun logs
        "The fragment with id … does not exist anymore" and returns, so the interaction is
        silently lost although the ClientState carries every widget's state. Instead, when
        the fragment is unknown and the request is not an automatic rerun (run_every),
        clear fragment_id and continue as a full-app rerun with the same widget states:

            if fragment_id and not self.has_fragment(fragment_id):
                if client_state.is_auto_rerun:
                    _LOGGER.info(...)
                    return
                _LOGGER.info("Unknown fragment %s: running the whole app instead.", fragment_id)
                fragment_id = ""

        A full-app run still avoids the race of #9921 (no new ScriptRunner for a fragment
        run), and it re-registers the fragment, so the next interaction is a fragment rerun
        again. Test: a session without fragments receives a ClientState naming a fragment id
        and runs the script once with the widget states it carries.
    """
    from streamlit.runtime.app_session import AppSession

    request_rerun: Callable[[AppSession, ClientState | None], None] = AppSession.request_rerun
    if getattr(request_rerun, _PATCHED, False):
        return

    def request_rerun_in_full(self: AppSession, client_state: ClientState | None) -> None:
        if (
            client_state is not None
            and client_state.fragment_id
            and not client_state.is_auto_rerun
            and not self.has_fragment(client_state.fragment_id)
        ):
            from streamlit.proto.ClientState_pb2 import ClientState

            whole_page = ClientState()
            whole_page.CopyFrom(client_state)
            whole_page.ClearField("fragment_id")
            client_state = whole_page
        request_rerun(self, client_state)

    setattr(request_rerun_in_full, _PATCHED, True)
    request_rerun_in_full.__wrapped__ = request_rerun  # type: ignore[attr-defined]
    AppSession.request_rerun = request_rerun_in_full  # type: ignore[method-assign]


# -- PDF warm-up ----------------------------------------------------------------------------------


def enable_warm_up() -> None:
    """Let the served app warm its PDF path after its first page (unless the operator said 0)."""
    from assessment.operate.warmup import WARM_UP_VARIABLE

    os.environ.setdefault(WARM_UP_VARIABLE, "1")


def apply_server_fixes() -> None:
    """Apply every server fix of this module and assessment.ui.guard (each is idempotent)."""
    from assessment.ui.guard import apply_guards

    serve_as_app_with_headers()
    enable_tcp_nodelay()
    rerun_unknown_fragments_in_full()
    enable_warm_up()
    apply_guards()


def main(argv: Sequence[str] | None = None) -> None:
    """Run Streamlit's command line (`run app.py …`) with the server fixes applied."""
    apply_server_fixes()
    from streamlit.web import cli

    sys.argv = ["streamlit", *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


def __getattr__(name: str) -> App:
    """Build `app` on first use (uvicorn imports `assessment.ui.launcher:app`)."""
    if name == "app":
        built = build_app(Path(os.environ.get(SERVED_SCRIPT_VARIABLE, APP_SCRIPT)))
        globals()["app"] = built
        return built
    raise AttributeError(name)


if __name__ == "__main__":
    main()
