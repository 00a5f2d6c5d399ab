"""The launcher: security headers on every HTTP answer, websockets untouched, options parsed."""

from __future__ import annotations

import asyncio
from typing import Any

from assessment.launcher import (
    APP_SCRIPT,
    SECURITY_HEADERS,
    SecurityHeadersMiddleware,
    _options,
    build_app,
)


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
        "Content-Security-Policy": "frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def test_options_default_to_port_8501() -> None:
    """Without flags the launcher serves on 8501, like `streamlit run`; flags are passed on."""
    assert _options([]) == {"server_port": 8501, "server_address": None}
    assert _options(["--port", "8080", "--address", "127.0.0.1"]) == {
        "server_port": 8080,
        "server_address": "127.0.0.1",
    }


def test_the_app_is_app_py_with_the_middleware() -> None:
    """build_app wraps app.py and installs the security middleware."""
    app = build_app()
    assert APP_SCRIPT.name == "app.py"
    assert APP_SCRIPT.is_file()
    classes: list[object] = [m.cls for m in app._user_middleware]
    assert classes == [SecurityHeadersMiddleware]


def test_make_run_and_the_unit_start_the_launcher() -> None:
    """`make run` and deploy/selbstcheck@.service start the app through the launcher."""
    root = APP_SCRIPT.parent
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "-m assessment.launcher --port $(PORT)" in run_recipe
    assert "streamlit run" not in run_recipe
    unit = (root / "deploy" / "selbstcheck@.service").read_text(encoding="utf-8")
    assert "-m assessment.launcher --port %i" in unit
