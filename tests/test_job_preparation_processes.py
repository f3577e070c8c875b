"""Jobs prepared off their create by real `mockserver serve` processes: a server killed (-9) mid-preparation leaves
no rows of its cut build behind once restarted, and the job is prepared again; two workers prepare each job once.
Every file counts as big here (MOCKSERVER_WORKER_MIN_BYTES=1)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL
from tests.server_process import server_process

AUTH = {"Authorization": f"Bearer {API_KEY}", "Connection": "close"}  # a new connection each: either worker
BIG = {"MOCKSERVER_WORKER_MIN_BYTES": "1"}
BUILD_WAIT_SECONDS = 120  # for the child to start writing index rows, on a busy machine
ROW_TABLES = ("model_index_docs", "model_index_postings", "model_index_chunks", "model_index_terms",
              "model_index_exact")


def many_terms_file(examples: int) -> bytes:
    """Examples of words found nowhere else: the index builder hands on a chunk of rows every 50,000 terms, so
    rows are written early in the build, long before it ends."""
    lines = []
    for number in range(examples):
        question = " ".join(f"q{number}x{word}" for word in range(8))
        answer = " ".join(f"a{number}y{word}" for word in range(8))
        lines.append(json.dumps({"messages": [{"role": "user", "content": question},
                                              {"role": "assistant", "content": answer}]}))
    return ("\n".join(lines) + "\n").encode()


def upload(base_url: str, name: str, content: bytes) -> str:
    uploaded = httpx.post(f"{base_url}/v1/files", files={"file": (name, content)}, data={"purpose": "fine-tune"},
                          headers=AUTH, timeout=60)
    assert uploaded.status_code == 200, uploaded.text
    return str(uploaded.json()["id"])


def create(base_url: str, training_file: str) -> dict[str, Any]:
    created = httpx.post(f"{base_url}/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": training_file},
                         headers=AUTH, timeout=60)
    assert created.status_code == 200, created.text
    return dict(created.json())


def advance(base_url: str) -> None:
    moved = httpx.post(f"{base_url}/_mock/clock/advance", json={"seconds": 100_000}, headers=AUTH, timeout=600)
    assert moved.status_code == 200, moved.text


def status(base_url: str, job_id: str) -> str:
    return str(httpx.get(f"{base_url}/v1/fine_tuning/jobs/{job_id}", headers=AUTH, timeout=30).json()["status"])


def query(data_dir: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(data_dir / "mockserver.db", timeout=30) as db:
        return db.execute(sql, params).fetchall()


def rows_of_build(data_dir: Path, build: int) -> int:
    return sum(query(data_dir, f"select count(*) from {table} where build = ?", (build,))[0][0]
               for table in ROW_TABLES)


def unsaved_build_with_rows(data_dir: Path) -> int | None:
    for (build,) in query(data_dir, "select id from model_index_builds b where not exists "
                                    "(select 1 from model_indexes i where i.build = b.id)"):
        if query(data_dir, "select 1 from model_index_docs where build = ? limit 1", (build,)):
            return int(build)
    return None


def test_server_killed_mid_preparation_leaves_no_build_rows_and_prepares_the_job_again(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with server_process(tmp_path, variables=BIG) as (base_url, process):
        job = create(base_url, upload(base_url, "many.jsonl", many_terms_file(6_000)))
        deadline = time.monotonic() + BUILD_WAIT_SECONDS
        while (cut := unsaved_build_with_rows(data_dir)) is None and time.monotonic() < deadline:
            time.sleep(0.05)  # waiting for another process's rows, not for a clock
        assert cut is not None, "the index build never started writing rows"
        os.killpg(process.pid, signal.SIGKILL)  # the server and its child, mid-build
        process.wait(timeout=10)
    assert rows_of_build(data_dir, cut) > 0
    assert query(data_dir, "select prep_state from jobs where id = ?", (job["id"],)) == [("pending",)]

    with server_process(tmp_path, variables=BIG) as (base_url, _):
        assert rows_of_build(data_dir, cut) == 0  # swept at start-up, before anything else could run
        advance(base_url)  # waits for the job to be prepared again
        assert status(base_url, job["id"]) == "succeeded"
    saved = query(data_dir, "select build from model_indexes where job_id = ?", (job["id"],))
    assert len(saved) == 1 and saved[0][0] != cut
    assert query(data_dir, "select id from model_index_builds where job_id = ?", (job["id"],)) == saved
    assert query(data_dir, "select prep_state, prep_attempts from jobs where id = ?", (job["id"],)) == [("done", 2)]


def test_two_workers_prepare_each_job_exactly_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with server_process(tmp_path, "--workers", "2", variables=BIG) as (base_url, _):
        file_id = upload(base_url, SEED_FILE.name, SEED_FILE.read_bytes())
        job_ids = [create(base_url, file_id)["id"] for _ in range(4)]
        advance(base_url)
        assert [status(base_url, job_id) for job_id in job_ids] == ["succeeded"] * 4
    prepared = query(data_dir, "select id, prep_state, prep_attempts from jobs order by seq")
    assert prepared == [(job_id, "done", 1) for job_id in job_ids]
    builds = query(data_dir, "select job_id, count(*) from model_index_builds group by job_id order by job_id")
    assert builds == [(job_id, 1) for job_id in sorted(job_ids)]
