"""Start the app on Streamlit's own server, with what a plain `streamlit run app.py` cannot add.

`python -m assessment.launcher [--port 8501] [--address ADDRESS]` runs app.py as an `st.App`
(Streamlit's supported way to add ASGI middleware) on the same uvicorn server and with the same
`.streamlit/config.toml` as `streamlit run`. One function per concern, so that further concerns
of the server (e.g. socket options) join here. `make run` and deploy/selbstcheck@.service use it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.middleware import Middleware
    from starlette.types import ASGIApp, Message, Receive, Scope, Send
    from streamlit.web.server.starlette import App

APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"
DEFAULT_PORT = 8501
# Never framed: a framing page would receive every answer, because Streamlit's frontend posts
# each change of the query parameters to its parent window with target "*". No MIME sniffing,
# and no Referer that carries the answers in the URL to another site.
SECURITY_HEADERS: dict[str, str] = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


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
    """Return the middleware that adds the security headers."""
    from starlette.middleware import Middleware

    return [Middleware(SecurityHeadersMiddleware)]


def build_app(script: Path = APP_SCRIPT) -> App:
    """Return app.py as an st.App with every concern of this module applied."""
    import streamlit as st

    return st.App(script, middleware=security_middleware())


def _options(argv: Sequence[str] | None) -> dict[str, object]:
    parser = argparse.ArgumentParser(
        prog="python -m assessment.launcher",
        description="Start the Selbstcheck app with security headers (like streamlit run app.py).",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (8501)")
    parser.add_argument("--address", default=None, help="address to bind (default: all)")
    args = parser.parse_args(argv)
    return {"server_port": args.port, "server_address": args.address}


def main(argv: Sequence[str] | None = None) -> None:
    """Start the server as `streamlit run` does for a script that defines an st.App."""
    from streamlit import config
    from streamlit.web import bootstrap

    flag_options = _options(argv)
    config._main_script_path = str(APP_SCRIPT)  # where streamlit run finds config and secrets
    bootstrap.load_config_options(flag_options=flag_options)
    bootstrap.run_asgi_app(str(APP_SCRIPT), "assessment.launcher:app", [], flag_options)


def __getattr__(name: str) -> App:
    """Build `app` on first use (uvicorn imports `assessment.launcher:app`)."""
    if name == "app":
        built = build_app()
        globals()["app"] = built
        return built
    raise AttributeError(name)


if __name__ == "__main__":
    main()
