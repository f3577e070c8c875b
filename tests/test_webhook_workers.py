"""`mockserver serve --workers 2 --webhook-url`: both workers' senders race for the same outbox (each polls it,
whichever worker claimed an event), and every event is still sent exactly once (each attempt is leased by one
worker)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL
from tests.server_process import two_worker_server
from tests.webhooks_support import SECRET, Receiver, running_receiver, unwrap

JOBS = 12
AUTH = {"Authorization": f"Bearer {API_KEY}", "Connection": "close"}  # a new connection each: either worker


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as box:
        yield box


def create_job(base_url: str, training_file: str) -> str:
    created = httpx.post(f"{base_url}/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": training_file},
                         headers=AUTH, timeout=30)
    assert created.status_code == 200, created.text
    return str(created.json()["id"])


def test_each_event_is_sent_once_by_two_workers(tmp_path: Path, receiver: Receiver) -> None:
    with two_worker_server(tmp_path, "--speed", "inf", "--webhook-url", receiver.url,
                           "--webhook-secret", SECRET) as base_url:
        uploaded = httpx.post(f"{base_url}/v1/files", files={"file": (SEED_FILE.name, SEED_FILE.read_bytes())},
                              data={"purpose": "fine-tune"}, headers=AUTH, timeout=30).json()
        with ThreadPoolExecutor(max_workers=6) as pool:  # each create finishes its job and wakes its worker
            job_ids = list(pool.map(lambda _: create_job(base_url, uploaded["id"]), range(JOBS)))
        flushed = httpx.post(f"{base_url}/_mock/webhooks/flush", json={"timeout": 30}, headers=AUTH, timeout=60)
        log = httpx.get(f"{base_url}/_mock/webhooks", params={"limit": 100}, headers=AUTH, timeout=30).json()

    assert flushed.json()["pending"] == 0
    assert Counter(event.data.id for event in unwrap(receiver)) == Counter(job_ids)  # each job's event once
    assert sorted(d["attempts"] for d in log["data"]) == [1] * JOBS
