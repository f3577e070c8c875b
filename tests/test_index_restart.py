"""A fine-tuned model's index lives in the data dir: new server processes, with empty caches, answer from it."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.chat_support import MARV, SEED_ANSWER, SEED_QUESTION
from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL
from tests.server_process import two_worker_server

AUTH = {"Authorization": f"Bearer {API_KEY}"}


def _fine_tune(client: httpx.Client) -> str:
    uploaded = client.post("/v1/files", files={"file": (SEED_FILE.name, SEED_FILE.read_bytes())},
                           data={"purpose": "fine-tune"})
    job = client.post("/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": uploaded.json()["id"]})
    assert job.status_code == 200, job.text
    assert client.delete(f"/v1/files/{uploaded.json()['id']}").status_code == 200  # the index needs it no more
    client.post("/_mock/clock/advance", json={"seconds": 10_000})
    done = client.get(f"/v1/fine_tuning/jobs/{job.json()['id']}").json()
    assert done["status"] == "succeeded", done
    return str(done["fine_tuned_model"])


def _answer(client: httpx.Client, model: str, question: str) -> str:
    response = client.post("/v1/chat/completions", json={
        "model": model, "messages": [{"role": "system", "content": MARV}, {"role": "user", "content": question}]})
    assert response.status_code == 200, response.text
    return str(response.json()["choices"][0]["message"]["content"])


def test_model_answers_from_training_after_the_server_restarts(tmp_path: Path) -> None:
    with two_worker_server(tmp_path) as base_url, httpx.Client(base_url=base_url, headers=AUTH, timeout=30) as client:
        model = _fine_tune(client)
    with two_worker_server(tmp_path) as base_url, httpx.Client(base_url=base_url, headers=AUTH, timeout=30) as client:
        assert _answer(client, model, SEED_QUESTION) == SEED_ANSWER
        assert _answer(client, model, "what is the capital city of france") == SEED_ANSWER
