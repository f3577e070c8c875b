"""The background batch runner (services/batch_runner.py): a clock move runs the batches it finished before it
answers, so the costs report read next runs none; on the system clock a finished batch runs with nobody reading."""

from __future__ import annotations

import sqlite3
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from mockserver.core.clock import SystemClock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from tests.batch_support import create_chat_batch
from tests.conftest import API_KEY, START_TIME

HOUR = 3_600
REQUESTS = 4
BATCH_INPUT = "gpt-4o-mini-2024-07-18, batch input"
RUN_WAIT_SECONDS = 60  # a bound on a background run of a few requests, on a loaded machine



def line_items(client: httpx.Client | TestClient, start_time: int) -> dict[str, Decimal]:
    """The costs report's amount per line item."""
    report = client.get("/v1/organization/costs", params={"start_time": start_time, "group_by": ["line_item"]})
    assert report.status_code == 200, report.text
    return {result["line_item"]: Decimal(str(result["amount"]["value"]))
            for bucket in report.json()["data"] for result in bucket["results"]}


def run_record(database: Path, batch_id: str) -> dict[str, Any]:
    """The batch's run as stored, read beside the server (no request that could run it)."""
    with sqlite3.connect(database) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("select materialised_at, output_file_id, completed from batches where id = ?",
                           [batch_id]).fetchone()
        outputs = conn.execute("select count(*) from files where purpose = 'batch_output'").fetchone()[0]
    return {**dict(row), "output_files": outputs}


def test_a_clock_advance_runs_the_batches_it_finished_so_the_costs_report_runs_none(
    http: httpx.Client, settings: Settings
) -> None:
    batch_id = create_chat_batch(http, REQUESTS)["id"]
    assert http.post("/_mock/clock/advance", json={"seconds": HOUR}).status_code == 200

    ran = run_record(settings.database_path, batch_id)  # before anything reads the batch
    assert ran["materialised_at"] is not None and ran["output_file_id"] is not None
    assert ran["completed"] == REQUESTS and ran["output_files"] == 1

    assert line_items(http, START_TIME)[BATCH_INPUT] > 0
    assert run_record(settings.database_path, batch_id) == ran  # the report ran nothing
    shown = http.get(f"/v1/batches/{batch_id}").json()
    assert shown["status"] == "completed" and shown["output_file_id"] == ran["output_file_id"]


def test_setting_the_clock_runs_the_batches_it_finished(http: httpx.Client, settings: Settings) -> None:
    batch_id = create_chat_batch(http, REQUESTS)["id"]
    assert http.post("/_mock/clock", json={"now": START_TIME + HOUR}).status_code == 200
    assert run_record(settings.database_path, batch_id)["materialised_at"] is not None


def test_a_move_that_finishes_nothing_leaves_an_unfinished_batch_unrun(http: httpx.Client, settings: Settings) -> None:
    batch_id = create_chat_batch(http, REQUESTS)["id"]
    assert http.post("/_mock/clock/advance", json={"seconds": 1}).status_code == 200
    assert run_record(settings.database_path, batch_id)["materialised_at"] is None


def test_on_the_system_clock_a_finished_batch_runs_with_nobody_reading_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", seed=1234, speed=float("inf"))  # finished when created
    with TestClient(create_app(settings, clock=SystemClock()), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {API_KEY}"
        batch_id = create_chat_batch(client, REQUESTS)["id"]
        deadline = time.monotonic() + RUN_WAIT_SECONDS
        while run_record(settings.database_path, batch_id)["materialised_at"] is None:
            assert time.monotonic() < deadline, "the runner never ran the finished batch"
            time.sleep(0.05)
        assert line_items(client, int(time.time()) - HOUR)[BATCH_INPUT] > 0
