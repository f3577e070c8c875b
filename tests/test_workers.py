"""`mockserver serve --workers 2 --clock manual`: every worker process reads the same stored time."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import START_TIME
from tests.server_process import two_worker_server

MIN_REQUESTS = 20
MAX_REQUESTS = 400  # stop early once both workers have answered
BURST = 8


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[str]:
    """A real `mockserver serve` with two workers, in its own process group, killed as a group afterwards."""
    with two_worker_server(tmp_path) as base_url:
        yield base_url


def _fresh_get(base_url: str, path: str) -> httpx.Response:
    """A new connection per request, so the kernel may hand it to either worker."""
    return httpx.get(f"{base_url}{path}", headers={"Connection": "close"}, timeout=10)


def test_every_worker_sees_an_advance_made_through_one(two_workers: str) -> None:
    advanced = httpx.post(f"{two_workers}/_mock/clock/advance", json={"seconds": 3600},
                          headers={"Connection": "close"}, timeout=10)
    assert advanced.status_code == 200, advanced.text
    assert advanced.json()["now"] == START_TIME + 3600

    seen: dict[int, set[int]] = {}
    count = 0
    while count < MAX_REQUESTS and (count < MIN_REQUESTS or len(seen) < 2):
        # Concurrent connections: sequential ones may all be accepted by the same idle worker.
        with ThreadPoolExecutor(BURST) as pool:
            bodies = list(pool.map(lambda _: _fresh_get(two_workers, "/_mock/clock").json(), range(BURST)))
        for body in bodies:
            assert body["mode"] == "manual"
            seen.setdefault(body["pid"], set()).add(body["now"])
        count += BURST

    assert len(seen) == 2, f"only worker(s) {sorted(seen)} answered in {count} requests"
    assert all(times == {START_TIME + 3600} for times in seen.values()), seen


def test_every_worker_takes_the_one_generated_admin_key(tmp_path: Path) -> None:
    with two_worker_server(tmp_path, "--api-key", "sk-only") as base_url:
        key = (tmp_path / "data" / "admin_key").read_text().strip()
        admin = {"X-Mock-Admin-Key": key, "Connection": "close"}
        pids: set[int] = set()
        count = 0
        while count < MAX_REQUESTS and (count < MIN_REQUESTS or len(pids) < 2):
            with ThreadPoolExecutor(BURST) as pool:
                answers = list(pool.map(lambda _: httpx.get(f"{base_url}/_mock/clock", headers=admin, timeout=10),
                                        range(BURST)))
            assert [answer.status_code for answer in answers] == [200] * BURST
            pids |= {answer.json()["pid"] for answer in answers}
            count += BURST
        refused = _fresh_get(base_url, "/_mock/clock")

    assert len(pids) == 2, f"only worker(s) {sorted(pids)} answered in {count} requests"
    assert refused.status_code == 401
    assert [path.name for path in (tmp_path / "data").glob("*admin_key*")] == ["admin_key"]
