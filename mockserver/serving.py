"""Running uvicorn: one process, or several worker processes sharing one listening socket."""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

APP = "mockserver.asgi:create_app_from_env"


def run(*, host: str, port: int, workers: int) -> None:
    """Serve the app built from MOCKSERVER_* variables."""
    if workers <= 1:
        uvicorn.run(APP, factory=True, host=host, port=port, log_level="info")
        return
    config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers, log_level="info")
    sock = config.bind_socket()
    # uvicorn creates the shared socket with protocol 0, so asyncio never sets TCP_NODELAY on the
    # connections it accepts, and small responses wait for Nagle + delayed ACK (~40 ms each).
    # Accepted sockets inherit the option from the listening one.
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()
