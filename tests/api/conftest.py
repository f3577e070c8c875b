"""Fixtures for the API tests: the blob staging folder and live servers with custom settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from tests.live_server import LiveServer


@pytest.fixture
def staging_dir(settings: Settings) -> Path:
    """Where upload bodies are written before they become blobs: `<data_dir>/files/.tmp`."""
    return settings.blobs_dir / ".tmp"


@pytest.fixture
def start_server(tmp_path: Path, clock: ManualClock) -> Iterator[Callable[..., LiveServer]]:
    """Start a live server with settings overrides (on its own data dir); all are stopped afterwards."""
    servers: list[LiveServer] = []

    def start(**overrides: Any) -> LiveServer:
        fields: dict[str, Any] = {"data_dir": tmp_path / f"data-{len(servers)}", "seed": 1234, **overrides}
        server = LiveServer(settings=Settings(**fields), clock=clock).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop(wait=False)


@pytest.fixture
def keyed_client() -> Iterator[Callable[[LiveServer, str], httpx.Client]]:
    """httpx clients of a live server, one per API key asked for; all closed afterwards."""
    clients: list[httpx.Client] = []

    def client(server: LiveServer, key: str) -> httpx.Client:
        clients.append(httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {key}"}))
        return clients[-1]

    yield client
    for opened in clients:
        opened.close()
