"""`mockserver serve --workers 2 --clock manual`: both worker processes show a job in the same state."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import API_KEY, START_TIME
from tests.jobs_support import SEED_FILE, SEED_MODEL, seed_plan
from tests.live_server import free_port
from tests.test_workers import _stop_group, _wait_healthy

MIN_ROUNDS = 10
MAX_ROUNDS = 300  # stop early once both workers have answered
AUTH = {"Authorization": f"Bearer {API_KEY}"}
CLOSE = {"Connection": "close"}


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[str]:
    """A real two-worker server on the manual clock at speed 1, in its own process group."""
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    command = [sys.executable, "-m", "mockserver", "serve", "--workers", "2", "--clock", "manual",
               "--start-time", str(START_TIME), "--speed", "1", "--port", str(port),
               "--data-dir", str(tmp_path / "data")]
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


def _create_seed_job(base_url: str) -> dict[str, Any]:
    with httpx.Client(base_url=base_url, headers={**AUTH, **CLOSE}, timeout=10) as client:
        uploaded = client.post("/v1/files", files={"file": (SEED_FILE.name, SEED_FILE.read_bytes())},
                               data={"purpose": "fine-tune"})
        created = client.post("/v1/fine_tuning/jobs", json={"model": SEED_MODEL,
                                                            "training_file": uploaded.json()["id"]})
    assert created.status_code == 200, created.text
    job: dict[str, Any] = created.json()
    return job


def _advance_to(base_url: str, target: int) -> None:
    now = httpx.get(f"{base_url}/_mock/clock", headers=CLOSE, timeout=10).json()["now"]
    advanced = httpx.post(f"{base_url}/_mock/clock/advance", json={"seconds": target - now}, headers=CLOSE,
                          timeout=10)
    assert advanced.json()["now"] == target, advanced.text


@pytest.fixture
def one_connection(two_workers: str) -> Iterator[httpx.Client]:
    """A client that holds at most one connection: requests share it until one is sent with `Connection: close`."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with httpx.Client(base_url=two_workers, headers=AUTH, limits=limits, timeout=10) as client:
        yield client


def _one_round(client: httpx.Client, job_id: str) -> tuple[int, tuple[str, int, str | None]]:
    """On one fresh connection (so one worker): that worker's pid and the job it shows.

    The pid is read before and after the job on the same keep-alive connection; the last request closes it,
    so the next round's connection may go to either worker."""
    pid = client.get("/_mock/clock").json()["pid"]
    job = client.get(f"/v1/fine_tuning/jobs/{job_id}").json()
    n_events, after = 0, None
    while True:
        page = client.get(f"/v1/fine_tuning/jobs/{job_id}/events",
                          params={"limit": 100, **({"after": after} if after else {})}).json()
        n_events += len(page["data"])
        if not page["has_more"]:
            break
        after = page["data"][-1]["id"]
    assert client.get("/_mock/clock", headers=CLOSE).json()["pid"] == pid, "the connection changed worker"
    return pid, (job["status"], n_events, job["fine_tuned_model"])


def test_both_workers_show_the_same_job_state_at_every_clock_point(
    two_workers: str, one_connection: httpx.Client
) -> None:
    plan = seed_plan()
    job = _create_seed_job(two_workers)
    points = [("validating_files", 0.0), ("queued", plan.validate_s), ("running", plan.step_offset(40)),
              ("succeeded", plan.succeeded_at)]

    for status, offset in points:
        _advance_to(two_workers, job["created_at"] + math.ceil(offset))
        seen: dict[int, set[tuple[str, int, str | None]]] = {}
        for count in range(1, MAX_ROUNDS + 1):
            pid, state = _one_round(one_connection, job["id"])
            seen.setdefault(pid, set()).add(state)
            if count >= MIN_ROUNDS and len(seen) >= 2:
                break

        assert len(seen) == 2, f"only worker(s) {sorted(seen)} answered in {count} rounds at {status}"
        states = {state for per_worker in seen.values() for state in per_worker}
        assert len(states) == 1, f"workers disagree at {status}: {seen}"
        assert next(iter(states))[0] == status
