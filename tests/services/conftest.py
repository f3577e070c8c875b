"""Helpers for the service tests: jobs made over in-process HTTP, and a Context on the same data dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.auth import Caller, owner_of
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.core.ids import IdFactory
from mockserver.services.context import Context
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database
from tests.conftest import API_KEY

VALID_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "training" / "valid"


def upload(client: TestClient, name: str, content: bytes | None = None) -> str:
    data = content if content is not None else (VALID_DIR / name).read_bytes()
    response = client.post("/v1/files", files={"file": (name, data)}, data={"purpose": "fine-tune"})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def create_job(client: TestClient, name: str, *, model: str = "gpt-3.5-turbo", **body: Any) -> dict[str, Any]:
    response = client.post("/v1/fine_tuning/jobs", json={"model": model, "training_file": upload(client, name),
                                                         **body})
    assert response.status_code == 200, response.text
    return dict(response.json())


def retrieve_job(client: TestClient, job_id: str) -> dict[str, Any]:
    response = client.get(f"/v1/fine_tuning/jobs/{job_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def succeeded_job(client: TestClient, clock: ManualClock, name: str, **body: Any) -> dict[str, Any]:
    """A job on this training file, run to success and read once (which stores its index)."""
    job = create_job(client, name, **body)
    clock.advance(3600)
    done = retrieve_job(client, job["id"])
    assert done["status"] == "succeeded", done
    return done


@pytest.fixture
def context_for(settings: Settings, clock: ManualClock) -> Iterator[Any]:
    """Make a Context on the app's data dir for an API key (the caller the app would see)."""
    stores: list[Store] = []

    def make(api_key: str = API_KEY) -> Context:
        store = Store(open_database(settings.database_path), BlobStore(settings.blobs_dir))
        stores.append(store)
        return Context(store=store, clock=clock, ids=IdFactory(1), settings=settings,
                       caller=Caller(api_key=api_key, owner=owner_of(api_key)))

    yield make
    for store in stores:
        store.close()
