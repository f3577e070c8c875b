"""`mockserver serve --workers 2`: a finished batch read by both workers at once runs its requests once."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import API_KEY, START_TIME
from tests.server_process import two_worker_server

AUTH = {"Authorization": f"Bearer {API_KEY}"}
BURST = 8
REQUESTS = 6


def _create_batch(client: httpx.Client) -> dict[str, Any]:
    lines = [{"custom_id": f"q{index}", "method": "POST", "url": "/v1/chat/completions",
              "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Question {index}"}]}}
             for index in range(REQUESTS)]
    content = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    uploaded = client.post("/v1/files", files={"file": ("batch.jsonl", content)}, data={"purpose": "batch"})
    created = client.post("/v1/batches", json={"input_file_id": uploaded.json()["id"],
                                               "endpoint": "/v1/chat/completions", "completion_window": "24h"})
    assert created.status_code == 200, created.text
    batch: dict[str, Any] = created.json()
    return batch


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
        batch = _create_batch(client)
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
