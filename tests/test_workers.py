"""`mockserver serve --workers 2 --clock manual`: every worker process reads the same stored time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import START_TIME
from tests.live_server import free_port

STARTUP_SECONDS = 15
MIN_REQUESTS = 20
MAX_REQUESTS = 400  # stop early once both workers have answered


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[str]:
    """A real `mockserver serve` with two workers, in its own process group, killed as a group afterwards."""
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    command = [sys.executable, "-m", "mockserver", "serve", "--workers", "2", "--clock", "manual",
               "--start-time", str(START_TIME), "--port", str(port), "--data-dir", str(tmp_path / "data")]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MOCKSERVER_")}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                               start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base_url, process, tmp_path / "server.log")
        yield base_url
    finally:
        _stop_group(process)
        log.close()


def _wait_healthy(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)  # waiting for a process to start, not for the manual clock
    pytest.fail(f"server did not become healthy:\n{log_path.read_text(errors='replace')}")


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    try:  # workers outliving the supervisor
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _fresh_get(base_url: str, path: str) -> httpx.Response:
    """A new connection per request, so the kernel may hand it to either worker."""
    return httpx.get(f"{base_url}{path}", headers={"Connection": "close"}, timeout=10)


def test_every_worker_sees_an_advance_made_through_one(two_workers: str) -> None:
    advanced = httpx.post(f"{two_workers}/_mock/clock/advance", json={"seconds": 3600},
                          headers={"Connection": "close"}, timeout=10)
    assert advanced.status_code == 200, advanced.text
    assert advanced.json()["now"] == START_TIME + 3600

    seen: dict[int, set[int]] = {}
    for count in range(1, MAX_REQUESTS + 1):
        body = _fresh_get(two_workers, "/_mock/clock").json()
        assert body["mode"] == "manual"
        seen.setdefault(body["pid"], set()).add(body["now"])
        if count >= MIN_REQUESTS and len(seen) >= 2:
            break

    assert len(seen) == 2, f"only worker(s) {sorted(seen)} answered in {count} requests"
    assert all(times == {START_TIME + 3600} for times in seen.values()), seen
