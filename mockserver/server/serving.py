"""Running uvicorn: one process, or several worker processes sharing one listening socket."""

from __future__ import annotations

import socket
from typing import Any, Final

import uvicorn
from uvicorn.supervisors import Multiprocess

from mockserver.server.http_protocol import OneWriteH11Protocol

APP = "mockserver.asgi:create_served_app"

# uvicorn answers a request its HTTP/1.1 parser refuses with its own plain-text 400, before the app can answer
# in the OpenAI envelope. One such refusal is a setting: a request head (request line and headers) over h11's
# 16 KiB. Raised, any head a client plausibly sends reaches the app; the memory it may take stays bounded per
# connection. h11 is pinned so these limits hold whatever else is installed (uvicorn would pick httptools,
# which has no such bound). README "Malformed requests" lists what still gets the plain-text 400.
MAX_REQUEST_HEAD_BYTES: Final = 1024 * 1024
HTTP_OPTIONS: Final[dict[str, Any]] = {"http": "h11", "h11_max_incomplete_event_size": MAX_REQUEST_HEAD_BYTES}
# How the server is served (`mockserver serve`, the test servers): uvicorn's h11 protocol with those limits,
# writing a response's head and body in one `send` (http_protocol.py).
SERVED_HTTP_OPTIONS: Final[dict[str, Any]] = {**HTTP_OPTIONS, "http": OneWriteH11Protocol}
# The app writes the access log itself, the same lines for less work (web/access_log.py).
SERVE_OPTIONS: Final[dict[str, Any]] = {**SERVED_HTTP_OPTIONS, "log_level": "info", "access_log": False}


def run(*, host: str, port: int, workers: int) -> None:
    """Serve the app built from MOCKSERVER_* variables."""
    if workers <= 1:
        uvicorn.run(APP, factory=True, host=host, port=port, **SERVE_OPTIONS)
        return
    config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers, **SERVE_OPTIONS)
    sock = config.bind_socket()
    # uvicorn creates the shared socket with protocol 0, so asyncio never sets TCP_NODELAY on the
    # connections it accepts, and small responses wait for Nagle + delayed ACK (~40 ms each).
    # Accepted sockets inherit the option from the listening one.
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()
