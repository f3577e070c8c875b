"""Jobs on big files answer their create at once, in validating_files, and have their files validated and indexed
afterwards by the worker's preparer (services/job_preparation.py). Here every file counts as big
(`worker_min_bytes` 1); a job on the same file prepared inside its create is the reference."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockserver.core.config import Settings
from mockserver.services.background import PassRunner
from mockserver.services.model_index import CACHE
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database
from tests.chat_support import MARV, SEED_ANSWER, SEED_QUESTION
from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL
from tests.live_server import LiveServer

INLINE = 1 << 40  # no file is this big: prepared inside the create, as before
ASKED_WITHIN_SECONDS = 30  # for the chat, in another thread, to ask the preparer for its index
INVALID_LINE = b'{"messages": [{"role": "user", "content": "Hi"}]}\n'  # no assistant message


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", seed=1234, worker_min_bytes=1)


@pytest.fixture
def store(settings: Settings, live_server: LiveServer) -> Iterator[Store]:
    opened = Store(open_database(settings.database_path), BlobStore(settings.blobs_dir))
    yield opened
    opened.close()


@pytest.fixture
def preparer(live_server: LiveServer) -> PassRunner:
    assert live_server.app is not None
    runner: PassRunner = live_server.app.state.job_preparer
    return runner


def upload(http: httpx.Client, content: bytes) -> str:
    uploaded = http.post("/v1/files", files={"file": ("train.jsonl", content)}, data={"purpose": "fine-tune"})
    assert uploaded.status_code == 200, uploaded.text
    return str(uploaded.json()["id"])


def create(http: httpx.Client, training_file: str) -> dict[str, Any]:
    created = http.post("/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": training_file,
                                                      "suffix": "marv"})
    assert created.status_code == 200, created.text
    return dict(created.json())


def advance(http: httpx.Client, seconds: int) -> None:
    assert http.post("/_mock/clock/advance", json={"seconds": seconds}, timeout=60).status_code == 200


def retrieve(http: httpx.Client, job_id: str) -> dict[str, Any]:
    return dict(http.get(f"/v1/fine_tuning/jobs/{job_id}").json())


def prep_state(store: Store, job_id: str) -> str | None:
    row = store.db.execute("select prep_state from jobs where id = ?", [job_id]).fetchone()
    return None if row[0] is None else str(row[0])


def builds_of(store: Store, job_id: str) -> int:
    return int(store.db.execute("select count(*) from model_index_builds where job_id = ?", [job_id]).fetchone()[0])


def without_ids(job: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in job.items()
            if key not in ("id", "created_at", "finished_at", "fine_tuned_model", "result_files", "seed",
                           "estimated_finish")}


def test_create_on_big_file_answers_before_its_files_are_prepared_then_succeeds_as_inline(
    http: httpx.Client, store: Store, settings: Settings, preparer: PassRunner
) -> None:
    file_id = upload(http, SEED_FILE.read_bytes())
    preparer.stop()  # nothing prepares: the create cannot have waited for it
    job = create(http, file_id)
    assert job["status"] == "validating_files" and job["hyperparameters"]["n_epochs"] == "auto"
    assert prep_state(store, job["id"]) == "pending" and builds_of(store, job["id"]) == 0
    assert retrieve(http, job["id"])["status"] == "validating_files"
    events = http.get(f"/v1/fine_tuning/jobs/{job['id']}/events").json()["data"]
    assert [e["message"] for e in events][-1].startswith("Created fine-tuning job")
    settings.worker_min_bytes = INLINE
    reference = create(http, file_id)
    assert prep_state(store, reference["id"]) is None

    preparer.start()
    advance(http, 3600)  # waits for the preparation first
    done, expected = retrieve(http, job["id"]), retrieve(http, reference["id"])
    assert prep_state(store, job["id"]) == "done"
    assert done["status"] == "succeeded", done
    assert without_ids(done) == without_ids(expected)
    answer = http.post("/v1/chat/completions", json={"model": done["fine_tuned_model"], "messages": [
        {"role": "system", "content": MARV}, {"role": "user", "content": SEED_QUESTION}]})
    assert answer.json()["choices"][0]["message"]["content"] == SEED_ANSWER


def test_invalid_big_file_fails_the_job_later_with_the_validators_message(
    http: httpx.Client, store: Store, settings: Settings
) -> None:
    file_id = upload(http, SEED_FILE.read_bytes() + INVALID_LINE)
    job = create(http, file_id)
    assert job["status"] == "validating_files" and job["error"] is None
    settings.worker_min_bytes = INLINE
    reference = create(http, file_id)
    advance(http, 3600)
    failed, expected = retrieve(http, job["id"]), retrieve(http, reference["id"])
    assert failed["status"] == "failed" and failed["error"] == expected["error"]
    assert "Example 11" in failed["error"]["message"], failed["error"]
    assert builds_of(store, job["id"]) == 0  # no index for files that failed validation


def test_cancel_while_preparing_ends_the_preparation_and_keeps_no_index(
    http: httpx.Client, store: Store, preparer: PassRunner
) -> None:
    preparer.stop()
    job = create(http, upload(http, SEED_FILE.read_bytes()))
    cancelled = http.post(f"/v1/fine_tuning/jobs/{job['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    preparer.start()
    advance(http, 3600)
    assert retrieve(http, job["id"])["status"] == "cancelled"
    assert prep_state(store, job["id"]) == "cancelled" and builds_of(store, job["id"]) == 0


def test_a_script_is_refused_until_the_files_are_prepared(http: httpx.Client, preparer: PassRunner) -> None:
    preparer.stop()
    job = create(http, upload(http, SEED_FILE.read_bytes()))
    scripted = http.post(f"/_mock/jobs/{job['id']}/script", json={"outcome": "fail"})
    assert scripted.status_code == 409 and scripted.json()["error"]["code"] == "job_files_preparing"
    preparer.start()


def ask(base_url: str, model: str) -> str:
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=120) as client:
        answered = client.post("/v1/chat/completions", json={"model": model, "messages": [
            {"role": "system", "content": MARV}, {"role": "user", "content": SEED_QUESTION}]})
    assert answered.status_code == 200, answered.text
    return str(answered.json()["choices"][0]["message"]["content"])


def test_a_missing_index_is_built_by_the_preparer_while_other_requests_go_on(
    http: httpx.Client, store: Store, preparer: PassRunner, live_server: LiveServer
) -> None:
    job = create(http, upload(http, SEED_FILE.read_bytes()))
    advance(http, 3600)
    model = retrieve(http, job["id"])["fine_tuned_model"]
    build = store.db.execute("select build from model_indexes where job_id = ?", [job["id"]]).fetchone()[0]
    with store.atomic():  # as a data dir restored without its indexes
        store.db.execute("delete from model_index_models where job_id = ?", [job["id"]])
        store.db.execute("delete from model_indexes where job_id = ?", [job["id"]])
    store.model_indexes.drop_build(build)
    CACHE.clear()
    preparer.stop()
    with ThreadPoolExecutor(1) as pool:
        chat = pool.submit(ask, live_server.base_url, model)
        deadline = time.monotonic() + ASKED_WITHIN_SECONDS
        while not store.job_preparations.index_wanted(job["id"]) and time.monotonic() < deadline:
            time.sleep(0.01)  # another thread's request, not a clock
        assert store.job_preparations.index_wanted(job["id"]), chat.result()
        assert http.get("/v1/models", timeout=5).status_code == 200  # the chat waits off the event loop
        assert not chat.done()
        preparer.start()
        assert chat.result(timeout=120) == SEED_ANSWER
    assert not store.job_preparations.index_wanted(job["id"])
    assert store.model_indexes.exists(job["id"])
