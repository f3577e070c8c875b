"""A real uvicorn server on a free loopback port, run in a background thread, for SDK tests."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from dataclasses import dataclass, field

import httpx
import uvicorn
from fastapi import FastAPI

from mockserver.core.clock import Clock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from mockserver.server.serving import SERVED_HTTP_OPTIONS


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _FastStoppingServer(uvicorn.Server):
    """uvicorn checks for shutdown every 0.1 s; poll faster so each test's teardown stays cheap."""

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):
            counter += 1
            await asyncio.sleep(0.01)


@dataclass
class LiveServer:
    settings: Settings
    clock: Clock | None = None
    port: int = field(default_factory=free_port)
    app: FastAPI | None = None
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        self.app = create_app(self.settings, clock=self.clock)
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on", **SERVED_HTTP_OPTIONS
        )
        self._server = _FastStoppingServer(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        with httpx.Client(verify=False, timeout=1) as client:  # plain http; skip loading the CA bundle
            while time.monotonic() < deadline:
                try:
                    if client.get(f"{self.base_url}/health").status_code == 200:
                        return self
                except httpx.TransportError:
                    time.sleep(0.005)
        raise RuntimeError("live server did not become healthy")

    def stop(self, *, wait: bool = True) -> None:
        """Ask the server to exit. With `wait`, block until it has: uvicorn's shutdown alone takes 0.1 s,
        so per-test teardown skips the wait (every server has its own port and data dir)."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            if wait:
                self._thread.join(timeout=10)
