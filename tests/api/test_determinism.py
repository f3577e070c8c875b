"""`--seed` with a manual clock: the same requests on a fresh data dir give byte-identical bodies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockserver.core.config import Settings
from tests.conftest import API_KEY, START_TIME
from tests.jobs_support import SEED_FILE, SEED_MODEL
from tests.live_server import LiveServer

Exchange = tuple[str, str, int, bytes]
SEED_QUESTION = [{"role": "user", "content": "What's the capital of France?"}]
WEATHER_TOOL = {"type": "function", "function": {
    "name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                          "required": ["city"]}}}


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """A live server on a new data dir with the manual clock the data dir keeps (as `mockserver serve` runs)."""
    servers: list[LiveServer] = []

    def start(**overrides: Any) -> LiveServer:
        fields: dict[str, Any] = {"data_dir": tmp_path / f"data-{len(servers)}", "clock": "manual",
                                  "start_time": START_TIME, "seed": 7, **overrides}
        server = LiveServer(settings=Settings(**fields)).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop(wait=False)


class Script:
    """Runs requests and keeps every (method, path, status, body)."""

    def __init__(self, client: httpx.Client) -> None:
        self.client, self.exchanges = client, list[Exchange]()

    def __call__(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.client.request(method, path, **kwargs)
        self.exchanges.append((method, path, response.status_code, response.content))
        content_type = response.headers.get("content-type", "")
        return response.json() if content_type.startswith("application/json") else response.content


def _files(run: Script) -> str:
    content = SEED_FILE.read_bytes()
    created = run("POST", "/v1/files", files={"file": ("train.jsonl", content)}, data={"purpose": "fine-tune"})
    file_id: str = created["id"]
    run("GET", "/v1/files")
    upload = run("POST", "/v1/uploads", json={"filename": "big.jsonl", "purpose": "fine-tune", "bytes": len(content),
                                              "mime_type": "text/jsonl"})
    part = run("POST", f"/v1/uploads/{upload['id']}/parts", files={"data": ("blob", content)})
    run("POST", f"/v1/uploads/{upload['id']}/complete", json={"part_ids": [part["id"]]})
    return file_id


def _jobs(run: Script, file_id: str) -> dict[str, Any]:
    job = run("POST", "/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": file_id, "suffix": "marv"})
    other = run("POST", "/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": file_id,
                                                      "metadata": {"mock_fail_at": "3"}})
    run("POST", f"/_mock/jobs/{job['id']}/script", json={"outcome": "succeed"})
    run("POST", "/_mock/clock/advance", json={"seconds": 3600})
    job = run("GET", f"/v1/fine_tuning/jobs/{job['id']}")
    run("GET", f"/v1/fine_tuning/jobs/{other['id']}/events", params={"limit": 100})
    run("GET", f"/v1/fine_tuning/jobs/{job['id']}/events", params={"limit": 100})
    checkpoints = run("GET", f"/v1/fine_tuning/jobs/{job['id']}/checkpoints")
    run("GET", f"/v1/files/{job['result_files'][0]}/content")
    run("POST", f"/v1/fine_tuning/checkpoints/{checkpoints['data'][-1]['fine_tuned_model_checkpoint']}/permissions",
        json={"project_ids": ["proj_abc"]})
    run("GET", "/v1/fine_tuning/jobs")
    run("GET", "/v1/models")
    run("GET", f"/v1/models/{job['fine_tuned_model']}")
    return job


def _inference(run: Script, model: str) -> None:
    run("POST", "/v1/chat/completions", json={"model": model, "messages": SEED_QUESTION})
    run("POST", "/v1/chat/completions", json={"model": "gpt-4o-mini", "messages": SEED_QUESTION, "stream": True})
    run("POST", "/v1/chat/completions", json={"model": "gpt-4o-mini", "n": 2, "messages": SEED_QUESTION,
                                              "tools": [WEATHER_TOOL], "tool_choice": "required"})
    run("POST", "/v1/chat/completions", json={"model": model, "messages": SEED_QUESTION, "logprobs": True,
                                              "top_logprobs": 2})
    run("POST", "/v1/responses", json={"model": model, "input": SEED_QUESTION[0]["content"]})
    run("POST", "/v1/responses", json={"model": "gpt-4o-mini", "input": "Hello", "stream": True})


def _errors(run: Script) -> None:
    run("GET", "/v1/files/file-missing")
    run("POST", "/v1/fine_tuning/jobs", json={"model": "no-such-model", "training_file": "file-x"})
    run("GET", "/v1/no/such/route")
    run("POST", "/v1/chat/completions", json={"model": "gpt-4o-mini"})
    run("POST", "/_mock/faults", json={"path": "/v1/models", "status": 503})
    run("GET", "/v1/models")


def scripted_session(server: LiveServer) -> list[Exchange]:
    """Upload, list, create jobs, advance, retrieve, events, checkpoints, result file, models, chat, responses,
    errors; every exchange recorded."""
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, verify=False,
                      timeout=30) as client:
        run = Script(client)
        job = _jobs(run, _files(run))
        _inference(run, job["fine_tuned_model"])
        _errors(run)
        return run.exchanges


def test_same_seed_and_start_time_give_identical_bodies(fresh_server: Callable[..., LiveServer]) -> None:
    first, second = scripted_session(fresh_server()), scripted_session(fresh_server())

    assert [exchange[:3] for exchange in first] == [exchange[:3] for exchange in second]
    differing = [f"{method} {path}" for (method, path, _, one), (*_, two) in zip(first, second, strict=True)
                 if one != two]
    assert differing == []


def test_full_reset_answers_like_a_fresh_server(fresh_server: Callable[..., LiveServer]) -> None:
    server = fresh_server()
    scripted_session(server)  # leaves the clock an hour on (time never moves back)
    httpx.post(f"{server.base_url}/_mock/reset").raise_for_status()
    fresh = scripted_session(fresh_server(start_time=START_TIME + 3600))

    again = scripted_session(server)

    assert [exchange[3] for exchange in again] == [exchange[3] for exchange in fresh]


def test_other_seed_gives_other_ids(fresh_server: Callable[..., LiveServer]) -> None:
    first, second = scripted_session(fresh_server()), scripted_session(fresh_server(seed=8))

    file_ids = [exchange[3] for exchange in (first[0], second[0])]

    assert file_ids[0] != file_ids[1]


def test_without_seed_ids_differ(fresh_server: Callable[..., LiveServer]) -> None:
    first, second = scripted_session(fresh_server(seed=None)), scripted_session(fresh_server(seed=None))

    assert first[0][3] != second[0][3]
