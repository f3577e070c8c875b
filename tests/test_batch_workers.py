"""`mockserver serve --workers 2`: a finished batch read by both workers at once runs its requests once; a run
killed half way (the batch runner's, while a clock move waits for it) and taken over charges each request once."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from mockserver.core.config import Settings
from tests.batch_support import create_chat_batch
from tests.conftest import API_KEY, START_TIME
from tests.server_process import two_worker_server

AUTH = {"Authorization": f"Bearer {API_KEY}"}
BURST = 8
REQUESTS = 6
LONG_RUN = 3000  # requests in the batch killed mid-run: long enough to be killed half way
KILL_AFTER_BYTES = 256 * 1024  # of output written by the run before the kill



def _read_on_new_connection(base_url: str, batch_id: str) -> tuple[int, dict[str, Any]]:
    """The worker's pid and the batch it shows, on one fresh connection (so one worker)."""
    with httpx.Client(base_url=base_url, headers=AUTH, timeout=30,
                      limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)) as client:
        pid = client.get("/_mock/clock").json()["pid"]
        response = client.get(f"/v1/batches/{batch_id}", headers={"Connection": "close"})
    assert response.status_code == 200, response.text
    return pid, response.json()


def test_both_workers_reading_a_finished_batch_charge_and_write_it_once(tmp_path: Path) -> None:
    with two_worker_server(tmp_path, "--speed", "1") as base_url, \
            httpx.Client(base_url=base_url, headers=AUTH, timeout=30) as client:
        batch = create_chat_batch(client, REQUESTS)
        assert client.post("/_mock/clock/advance", json={"seconds": 3600}).status_code == 200
        with ThreadPoolExecutor(BURST) as pool:
            reads = list(pool.map(lambda _: _read_on_new_connection(base_url, batch["id"]), range(BURST)))
        done = client.get(f"/v1/batches/{batch['id']}").json()
        assert done["status"] == "completed" and done["output_file_id"] is not None
        # The reader that ran it shows it completed; the others, while it ran, still finalizing.
        shown = {(body["status"], body["output_file_id"], body["request_counts"]["completed"]) for _, body in reads}
        assert ("completed", done["output_file_id"], REQUESTS) in shown
        assert shown <= {("completed", done["output_file_id"], REQUESTS), ("finalizing", None, REQUESTS)}
        outputs = client.get("/v1/files", params={"purpose": "batch_output"}).json()["data"]
        assert [file["id"] for file in outputs] == [done["output_file_id"]]
        costs = client.get("/v1/organization/costs", params={"start_time": START_TIME, "group_by": ["line_item"]})
        quantities = {result["line_item"]: Decimal(str(result["quantity"]))
                      for bucket in costs.json()["data"] for result in bucket["results"]}
        assert quantities["gpt-4o-mini-2024-07-18, batch input"] == done["usage"]["input_tokens"]


def _run_state(database: Path, batch_id: str) -> tuple[str | None, int | None]:
    """The batch's run claim and when its outputs were written (None: not yet)."""
    with sqlite3.connect(database) as conn:
        claim, materialised_at = conn.execute("select run_claim, materialised_at from batches where id = ?",
                                              [batch_id]).fetchone()
    return claim, materialised_at


def _largest_temporary_file(data_dir: Path) -> tuple[int, Path | None]:
    """The size and path of the largest temporary blob (a run's output being written)."""
    sizes = []
    for path in (Settings(data_dir=data_dir).blobs_dir / ".tmp").glob("*"):
        try:
            sizes.append((path.stat().st_size, path))
        except FileNotFoundError:  # kept or discarded meanwhile
            continue
    return max(sizes, default=(0, None))


def _writer_of(path: Path) -> int:
    """The process that has `path` open (the worker whose batch runner is writing it)."""
    target = str(path.resolve())
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd) == target for fd in fd_dir.iterdir()):
                return int(fd_dir.parent.name)
        except OSError:  # another user's process, or gone meanwhile
            continue
    raise AssertionError(f"no process has {path} open")


def _advance(base_url: str, outcome: list[int]) -> None:
    """Move the clock past the batch's end on one connection (so one worker); that worker may be killed."""
    with httpx.Client(base_url=base_url, timeout=600,
                      limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)) as client:
        try:
            outcome.append(client.post("/_mock/clock/advance", json={"seconds": 3600}).status_code)
        except httpx.TransportError:
            outcome.append(0)  # killed mid-run, as meant


def _totals(client: httpx.Client) -> tuple[int, Decimal]:
    usage = client.get("/v1/organization/usage/completions", params={"start_time": START_TIME}).json()
    costs = client.get("/v1/organization/costs", params={"start_time": START_TIME, "group_by": ["line_item"]})
    quantities = {result["line_item"]: Decimal(str(result["quantity"]))
                  for bucket in costs.json()["data"] for result in bucket["results"]}
    calls = sum(result["num_model_requests"] for bucket in usage["data"] for result in bucket["results"])
    return calls, quantities["gpt-4o-mini-2024-07-18, batch input"]


def test_a_run_killed_half_way_and_taken_over_charges_each_request_once(tmp_path: Path) -> None:
    """The advance waits while a worker's batch runner runs the batch; that worker is killed half way, and the
    run is taken over (by the other worker's runner or its next reader) once its lease lapses."""
    data_dir = tmp_path / "data"
    database = Settings(data_dir=data_dir).database_path
    with two_worker_server(tmp_path, "--speed", "1") as base_url, \
            httpx.Client(base_url=base_url, headers=AUTH, timeout=120) as client:
        batch = create_chat_batch(client, LONG_RUN)
        advanced: list[int] = []
        mover = threading.Thread(target=_advance, args=(base_url, advanced))
        mover.start()
        while (written := _largest_temporary_file(data_dir))[0] < KILL_AFTER_BYTES:  # the runner's output
            assert mover.is_alive() and _run_state(database, batch["id"])[1] is None, "the run ended too soon"
            time.sleep(0.01)
        assert written[1] is not None
        os.kill(_writer_of(written[1]), signal.SIGKILL)
        claim, materialised_at = _run_state(database, batch["id"])
        assert claim is not None and materialised_at is None  # killed half way
        with sqlite3.connect(database) as conn:  # its lease runs out (300 s of wall clock) at once
            conn.execute("update batches set run_claimed_until = 0 where id = ?", [batch["id"]])
        mover.join()

        done = client.get(f"/v1/batches/{batch['id']}").json()
        assert done["status"] == "completed" and done["request_counts"]["completed"] == LONG_RUN
        assert _totals(client) == (LONG_RUN, Decimal(done["usage"]["input_tokens"]))
