"""Rows written behind the requests, seen from other processes: after a `kill -9`, and across worker processes."""

from __future__ import annotations

import os
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from mockserver.core.config import Settings
from mockserver.store.write_behind import live_markers, pending_folder, wait_for_writers
from tests.conftest import START_TIME
from tests.server_process import server_process

CALLS = 12
MAX_CALLS = 96
CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hello."}]}
KEY = {"Authorization": "Bearer sk-x"}


def _chat(base_url: str) -> int:
    # A new connection per request, so the kernel may hand it to either worker.
    response = httpx.post(f"{base_url}/v1/chat/completions", json=CHAT, headers={**KEY, "Connection": "close"},
                          timeout=30)
    return response.status_code


def _chats(base_url: str) -> list[int]:
    with ThreadPoolExecutor(max_workers=8) as pool:  # concurrent: sequential ones may all go to one idle worker
        return list(pool.map(_chat, [base_url] * CALLS))


def _journal_paths(base_url: str) -> list[str]:
    entries = httpx.get(f"{base_url}/_mock/requests", params={"limit": MAX_CALLS}, timeout=30).json()["data"]
    return [entry["path"] for entry in entries]


def _calls_in_usage(base_url: str) -> int:
    page = httpx.get(f"{base_url}/v1/organization/usage/completions", params={"start_time": START_TIME},
                     headers=KEY, timeout=30).json()
    return sum(result["num_model_requests"] for bucket in page["data"] for result in bucket["results"])


def test_rows_written_on_the_interval_survive_kill_9(tmp_path: Path) -> None:
    database = Settings(data_dir=tmp_path / "data").database_path
    with server_process(tmp_path) as (base_url, process):
        assert _chats(base_url) == [200] * CALLS
        # Nothing reads: the server writes the rows on its own within the flush interval (its markers then go).
        assert wait_for_writers(pending_folder(database), timeout=30)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    with server_process(tmp_path) as (base_url, _):
        assert _journal_paths(base_url) == ["/v1/chat/completions"] * CALLS
        assert _calls_in_usage(base_url) == CALLS


def test_a_read_by_one_worker_sees_the_rows_of_the_other(tmp_path: Path) -> None:
    folder = pending_folder(Settings(data_dir=tmp_path / "data").database_path)
    # Each worker holds its rows 5 s: whichever worker answers a read must wait for the other's.
    slow_flush = {"MOCKSERVER_FLUSH_INTERVAL_MS": "5000"}
    with server_process(tmp_path, "--workers", "2", variables=slow_flush) as (base_url, _):
        calls = 0
        while len({marker.pid for marker in live_markers(folder)}) < 2:  # until both workers hold rows
            assert calls < MAX_CALLS, "the calls all went to one worker"
            assert _chats(base_url) == [200] * CALLS
            calls += CALLS

        assert _journal_paths(base_url) == ["/v1/chat/completions"] * calls
        assert _calls_in_usage(base_url) == calls
