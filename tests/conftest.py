"""Shared fixtures: settings on a temp data dir, a manual clock, a live server and SDK clients."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
import sqlite_utils
import tiktoken
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from tests.live_server import LiveServer
from tests.support import sdk_client

START_TIME = 1_767_225_600  # 2026-01-01T00:00:00Z
API_KEY = "sk-test-mockserver"


def pytest_report_header() -> list[str]:
    sqlite_utils_version = getattr(sqlite_utils, "__version__", "?")
    return [
        f"SQLite {sqlite3.sqlite_version}, sqlite-utils {sqlite_utils_version}, "
        f"tiktoken {tiktoken.__version__}, openai {openai.__version__}"
    ]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", seed=1234)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START_TIME)


@pytest.fixture
def app_client(settings: Settings, clock: ManualClock) -> Iterator[TestClient]:
    """In-process client, for tests of HTTP details below what the SDK shows."""
    with TestClient(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {API_KEY}"
        yield client


@pytest.fixture
def live_server(settings: Settings, clock: ManualClock) -> Iterator[LiveServer]:
    server = LiveServer(settings=settings, clock=clock).start()
    yield server
    server.stop(wait=False)


@pytest.fixture
def http(live_server: LiveServer) -> Iterator[httpx.Client]:
    """Raw HTTP against the live server, authenticated."""
    # verify=False: plain http on loopback, and it spares loading the CA bundle (~35 ms per client).
    with httpx.Client(
        base_url=live_server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, verify=False
    ) as client:
        yield client


@pytest.fixture
def sdk(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    """The official SDK in strict mode, pointed at the live server, without retries."""
    client = sdk_client(live_server.base_url, API_KEY)
    yield client
    client.close()
