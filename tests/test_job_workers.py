"""`mockserver serve --workers 2 --clock manual`: both worker processes show a job in the same state."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL, seed_plan
from tests.server_process import two_worker_server

MIN_ROUNDS = 10
MAX_ROUNDS = 300  # stop early once both workers have answered
BURST = 8
AUTH = {"Authorization": f"Bearer {API_KEY}"}
CLOSE = {"Connection": "close"}


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[str]:
    """A real two-worker server on the manual clock at speed 1, in its own process group."""
    with two_worker_server(tmp_path, "--speed", "1") as base_url:
        yield base_url


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


def _fresh_client(base_url: str) -> httpx.Client:
    """A client that holds at most one connection: requests share it until one is sent with `Connection: close`."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    return httpx.Client(base_url=base_url, headers=AUTH, limits=limits, timeout=10)


def _burst(base_url: str, job_id: str) -> list[tuple[int, tuple[str, int, str | None, str]]]:
    """BURST rounds at once, each on its own connection. Sequential connections may all be accepted by
    the same idle worker; concurrent ones keep both workers accepting."""
    def round_on_new_connection(_: int) -> tuple[int, tuple[str, int, str | None, str]]:
        with _fresh_client(base_url) as client:
            return _one_round(client, job_id)

    with ThreadPoolExecutor(BURST) as pool:
        return list(pool.map(round_on_new_connection, range(BURST)))


def _one_round(client: httpx.Client, job_id: str) -> tuple[int, tuple[str, int, str | None, str]]:
    """On one fresh connection (so one worker): that worker's pid and the job it shows (status, number of
    events, model, and a digest of the whole job body, every event and every checkpoint).

    The pid is read before and after the job on the same keep-alive connection; the last request closes it,
    so the next round's connection may go to either worker."""
    pid = client.get("/_mock/clock").json()["pid"]
    job = client.get(f"/v1/fine_tuning/jobs/{job_id}").json()
    events, after = [], None
    while True:
        page = client.get(f"/v1/fine_tuning/jobs/{job_id}/events",
                          params={"limit": 100, **({"after": after} if after else {})}).json()
        events += page["data"]
        if not page["has_more"]:
            break
        after = page["data"][-1]["id"]
    checkpoints = client.get(f"/v1/fine_tuning/jobs/{job_id}/checkpoints", params={"limit": 100}).json()
    assert client.get("/_mock/clock", headers=CLOSE).json()["pid"] == pid, "the connection changed worker"
    digest = hashlib.sha256(json.dumps([job, events, checkpoints], sort_keys=True).encode()).hexdigest()
    return pid, (job["status"], len(events), job["fine_tuned_model"], digest)


def test_both_workers_show_the_same_job_state_at_every_clock_point(two_workers: str) -> None:
    plan = seed_plan()
    job = _create_seed_job(two_workers)
    points = [("validating_files", 0.0), ("queued", plan.validate_s), ("running", plan.step_offset(40)),
              ("succeeded", plan.succeeded_at)]

    for status, offset in points:
        _advance_to(two_workers, job["created_at"] + math.ceil(offset))
        seen: dict[int, set[tuple[str, int, str | None, str]]] = {}
        count = 0
        while count < MAX_ROUNDS and (count < MIN_ROUNDS or len(seen) < 2):
            for pid, state in _burst(two_workers, job["id"]):
                seen.setdefault(pid, set()).add(state)
            count += BURST

        assert len(seen) == 2, f"only worker(s) {sorted(seen)} answered in {count} rounds at {status}"
        states = {state for per_worker in seen.values() for state in per_worker}
        assert len(states) == 1, f"workers disagree at {status}: {seen}"
        assert next(iter(states))[0] == status
