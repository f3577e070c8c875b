"""Batches for tests: a chat batch of `requests` lines uploaded and created through the API."""

from __future__ import annotations

import json
from typing import Any

import httpx
from fastapi.testclient import TestClient


def create_chat_batch(client: httpx.Client | TestClient, requests: int) -> dict[str, Any]:
    """Upload a batch input file of `requests` chat questions and create its batch; the batch object."""
    lines = [{"custom_id": f"q{index}", "method": "POST", "url": "/v1/chat/completions",
              "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Question {index}"}]}}
             for index in range(requests)]
    content = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    uploaded = client.post("/v1/files", files={"file": ("batch.jsonl", content)}, data={"purpose": "batch"})
    created = client.post("/v1/batches", json={"input_file_id": uploaded.json()["id"],
                                               "endpoint": "/v1/chat/completions", "completion_window": "24h"})
    assert created.status_code == 200, created.text
    batch: dict[str, Any] = created.json()
    return batch
