"""A real `mockserver serve` in its own process group, for tests that need several worker processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import START_TIME
from tests.live_server import free_port

STARTUP_SECONDS = 60  # a start on the shared, loaded machine has taken 30 s


@contextmanager
def two_worker_server(tmp_path: Path, *extra_args: str) -> Iterator[str]:
    """`serve --workers 2 --clock manual` on a free port; yields its base URL and kills the group afterwards."""
    with server_process(tmp_path, "--workers", "2", *extra_args) as (base_url, _):
        yield base_url


@contextmanager
def server_process(
    tmp_path: Path, *extra_args: str, variables: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`serve --clock manual` on a free port and `tmp_path / "data"` (and MOCKSERVER_* `variables`); yields its base
    URL and process (the leader of its process group) and kills the group afterwards."""
    port = free_port()
    log_path = tmp_path / "server.log"
    command = [sys.executable, "-m", "mockserver", "serve", "--clock", "manual", "--start-time", str(START_TIME),
               "--port", str(port), "--data-dir", str(tmp_path / "data"), *extra_args]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("MOCKSERVER_")}
    environment.update(variables or {})
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                   start_new_session=True)
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base_url, process, log_path)
            yield base_url, process
        finally:
            stop_group(process)


def wait_healthy(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
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


def stop_group(process: subprocess.Popen[bytes]) -> None:
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
