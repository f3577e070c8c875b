"""Fixtures for the API tests: the blob staging folder and live servers with custom settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mockserver.clock import ManualClock
from mockserver.config import Settings
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
