"""In-process clients for the dashboard: the data is made with the dashboard's own API key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.dashboard.access import DEFAULT_DASHBOARD_KEY
from mockserver.server.app import create_app

TRAINING = Path(__file__).resolve().parents[2] / "fixtures" / "training" / "valid" / "sarcastic_assistant.jsonl"
AS_DASHBOARD = {"Authorization": f"Bearer {DEFAULT_DASHBOARD_KEY}"}


@pytest.fixture
def ui(settings: Settings, clock: ManualClock) -> Iterator[TestClient]:
    with TestClient(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        yield client


def upload(client: TestClient, content: bytes | None = None, name: str = "train.jsonl") -> str:
    data = content if content is not None else TRAINING.read_bytes()
    response = client.post("/v1/files", headers=AS_DASHBOARD, files={"file": (name, data)},
                           data={"purpose": "fine-tune"})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def create_job(client: TestClient, file_id: str) -> str:
    response = client.post("/v1/fine_tuning/jobs", headers=AS_DASHBOARD,
                           json={"model": "gpt-4o-mini-2024-07-18", "training_file": file_id, "suffix": "marv"})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])
