"""Start the app's Streamlit server with the fixes Streamlit has no setting for.

`python -m assessment.launcher run app.py [streamlit options]` is `streamlit run` with each fix
applied first; one function per concern. `make run` and the deployment start the app this way.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Sequence

_PATCHED = "_selbstcheck_tcp_nodelay"


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


def enable_warm_up() -> None:
    """Let the served app warm its PDF path after its first page (unless the operator said 0)."""
    from assessment.warmup import WARM_UP_VARIABLE

    os.environ.setdefault(WARM_UP_VARIABLE, "1")


def apply_server_fixes() -> None:
    """Apply every server fix of this module (each is idempotent)."""
    enable_tcp_nodelay()
    enable_warm_up()


def main(argv: Sequence[str] | None = None) -> None:
    """Run Streamlit's command line (`run app.py …`) with the server fixes applied."""
    apply_server_fixes()
    from streamlit.web import cli

    sys.argv = ["streamlit", *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
