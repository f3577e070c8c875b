"""`mockserver serve --workers 2`: fault rules and the journal are shared, and `times` is never overspent."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.test_workers import two_workers  # noqa: F401  (the fixture)

REQUESTS = 40
TIMES = 7


def _get(url: str) -> int:
    # A new connection per request, so the kernel may hand it to either worker.
    return httpx.get(url, headers={"Connection": "close", "Authorization": "Bearer sk-x"}, timeout=10,
                     verify=False).status_code


def test_fault_times_are_spent_exactly_across_workers(two_workers: str) -> None:  # noqa: F811
    created = httpx.post(f"{two_workers}/_mock/faults", json={"path": "/v1/models", "status": 503, "times": TIMES},
                         headers={"Connection": "close"}, timeout=10)
    assert created.status_code == 200, created.text

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(_get, [f"{two_workers}/v1/models"] * REQUESTS))

    assert sorted(codes).count(503) == TIMES
    assert codes.count(200) == REQUESTS - TIMES
    [rule] = httpx.get(f"{two_workers}/_mock/faults", timeout=10).json()["data"]
    assert (rule["remaining"], rule["hits"]) == (0, TIMES)
    journal = httpx.get(f"{two_workers}/_mock/requests", params={"limit": 100}, timeout=10).json()["data"]
    assert len(journal) == REQUESTS
    assert sum(1 for entry in journal if entry["fault_id"] == rule["id"]) == TIMES
