"""Tests for assessment/launcher.py: the server fixes applied before `streamlit run`."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Callable

import pytest
from streamlit.web.server.starlette import starlette_server

from assessment import launcher

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


def test_fix_is_applied_once(original_bind: Bind) -> None:
    """Applying the fixes twice wraps Streamlit's binding only once."""
    launcher.apply_server_fixes()
    first = starlette_server._bind_socket
    launcher.apply_server_fixes()
    assert starlette_server._bind_socket is first
    assert first is not original_bind


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
    """`python -m assessment.launcher --version` is Streamlit's own command line."""
    done = subprocess.run(
        [sys.executable, "-m", "assessment.launcher", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Streamlit, version 1.67.0" in done.stdout
