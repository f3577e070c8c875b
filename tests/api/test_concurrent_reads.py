"""Many readers at the moment jobs finish: each reader may be the one that materialises a job (its charge,
result file and model index); the others must wait for the write lock, never fail with "database is locked"."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from mockserver.core.config import Settings
from tests.conftest import API_KEY, START_TIME
from tests.jobs_support import SEED_FILE, SEED_MODEL, upload
from tests.live_server import LiveServer
from tests.support import sdk_client

JOBS = 4
READS = 64
THREADS = 8
ROUNDS = 3


@pytest.fixture
def shared_clock_server(tmp_path: Path) -> Iterator[LiveServer]:
    """`--clock manual`: the clock kept in the data dir, moved by the control route (as `mockserver serve`)."""
    server = LiveServer(settings=Settings(data_dir=tmp_path / "data", seed=1234, clock="manual",
                                          start_time=START_TIME)).start()
    yield server
    server.stop(wait=False)


def test_parallel_reads_while_jobs_finish_all_succeed(shared_clock_server: LiveServer) -> None:
    base_url, auth = shared_clock_server.base_url, {"Authorization": f"Bearer {API_KEY}"}
    statuses: list[int] = []
    for _ in range(ROUNDS):
        with sdk_client(base_url, API_KEY) as sdk:
            training_file = upload(sdk, SEED_FILE)
            job_ids = [sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file).id
                       for _ in range(JOBS)]

        def read(index: int, job_ids: list[str] = job_ids) -> int:
            with httpx.Client(base_url=base_url, headers=auth, timeout=60) as client:
                return client.get(f"/v1/fine_tuning/jobs/{job_ids[index % JOBS]}").status_code

        finish = threading.Thread(target=lambda: httpx.post(f"{base_url}/_mock/clock/advance",
                                                            json={"seconds": 3600}, timeout=60))
        with ThreadPoolExecutor(THREADS) as pool:
            finish.start()
            statuses += pool.map(read, range(READS))
            finish.join()

    assert statuses == [200] * (READS * ROUNDS)
