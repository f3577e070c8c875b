"""Requests cost O(what they touch), not O(every job): once finished jobs are settled, listing models, creating a
job, chatting with an unknown `ft:` id and reading costs decode no job row; and what they answer stays right as
jobs finish unread, fail, get cancelled, paused and resumed, or scripted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.store import jobs as jobs_store
from mockserver.store.sql import JsonColumns
from tests.conftest import START_TIME
from tests.jobs_support import chat_file
from tests.services.conftest import create_job, retrieve_job, upload

SEED = "sarcastic_assistant.jsonl"
HOUR = 3_600


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the job rows the store decodes from now on (every read of a job decodes its JSON columns)."""
    seen: list[str] = []
    columns = jobs_store.JSON_COLUMNS

    class Counting(JsonColumns):
        def decode(self, row: dict[str, Any]) -> dict[str, Any]:
            seen.append(row["id"])
            return super().decode(row)

    monkeypatch.setattr(jobs_store, "JSON_COLUMNS", Counting(columns.names))
    return seen


def fine_tuned(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/v1/models")
    assert response.status_code == 200, response.text
    return [model for model in response.json()["data"] if model["id"].startswith("ft:")]


def checkpoint_models(client: TestClient, job_id: str) -> list[tuple[str, int]]:
    response = client.get(f"/v1/fine_tuning/jobs/{job_id}/checkpoints")
    assert response.status_code == 200, response.text
    return sorted((c["fine_tuned_model_checkpoint"], c["created_at"]) for c in response.json()["data"])


def costs(client: TestClient) -> dict[str, Any]:
    response = client.get("/v1/organization/costs", params={"start_time": START_TIME})
    assert response.status_code == 200, response.text
    return dict(response.json())


def listed(client: TestClient) -> list[tuple[str, int]]:
    return sorted((model["id"], model["created"]) for model in fine_tuned(client))


@pytest.fixture
def finished(app_client: TestClient, clock: ManualClock) -> dict[str, str]:
    """Two succeeded jobs, a failed one and a cancelled one, none read by id; a models list and a costs read
    have seen them (and settled them)."""
    jobs = {"first": create_job(app_client, SEED)["id"], "second": create_job(app_client, SEED)["id"]}
    failing = upload(app_client, "five.jsonl", chat_file(5))
    created = app_client.post("/v1/fine_tuning/jobs", json={"model": "gpt-3.5-turbo", "training_file": failing})
    jobs["failed"] = created.json()["id"]
    jobs["cancelled"] = create_job(app_client, SEED)["id"]
    assert app_client.post(f"/v1/fine_tuning/jobs/{jobs['cancelled']}/cancel").status_code == 200
    clock.advance(HOUR)
    assert len(fine_tuned(app_client)) == 6  # the two successes' three checkpoints each
    assert costs(app_client)["data"]
    return jobs


@pytest.mark.parametrize("request_", [
    pytest.param(lambda client, jobs: client.get("/v1/models"), id="list models"),
    pytest.param(lambda client, jobs: client.get("/v1/organization/costs", params={"start_time": START_TIME}),
                 id="costs"),
    pytest.param(lambda client, jobs: client.post("/v1/fine_tuning/jobs", json={
        "model": "gpt-3.5-turbo", "training_file": jobs["file"]}), id="create a job"),
    pytest.param(lambda client, jobs: client.post("/v1/chat/completions", json={
        "model": "ft:gpt-3.5-turbo-0125:mockserver::nosuchid", "messages": [{"role": "user", "content": "Hi"}]}),
        id="chat with an unknown ft id"),
])
def test_requests_decode_no_job_once_every_finished_job_is_settled(
    app_client: TestClient, finished: dict[str, str], decoded: list[str],
    request_: Callable[[TestClient, dict[str, str]], Any],
) -> None:
    jobs = {**finished, "file": upload(app_client, SEED)}
    decoded.clear()

    response = request_(app_client, jobs)

    assert response.status_code in (200, 404), response.text
    assert decoded == []


def test_the_decode_counter_sees_a_job_read_by_id(app_client: TestClient, finished: dict[str, str],
                                                 decoded: list[str]) -> None:
    """The control for the two tests above and below: reading a job by id decodes it, and the fixture sees that."""
    decoded.clear()
    retrieve_job(app_client, finished["first"])
    assert finished["first"] in decoded


def test_model_lookups_decode_no_job(app_client: TestClient, finished: dict[str, str], decoded: list[str]) -> None:
    model = fine_tuned(app_client)[0]["id"]
    decoded.clear()

    assert app_client.get(f"/v1/models/{model}").status_code == 200
    created = app_client.post("/v1/fine_tuning/jobs", json={"model": model,
                                                             "training_file": upload(app_client, SEED)})
    assert created.status_code == 200, created.text
    assert decoded == []


def test_a_job_finished_unread_is_listed_with_its_checkpoints_and_charged_once(
    app_client: TestClient, clock: ManualClock
) -> None:
    job = create_job(app_client, SEED)
    clock.advance(HOUR)

    models = listed(app_client)  # the job itself never read
    reads = [costs(app_client) for _ in range(2)]

    assert models == checkpoint_models(app_client, job["id"])
    assert retrieve_job(app_client, job["id"])["fine_tuned_model"] in dict(models)
    (charge,) = reads[0]["data"][0]["results"]
    assert reads[0] == reads[1] and charge["amount"]["value"] > 0


def test_failed_and_cancelled_jobs_leave_the_due_range_once_seen(
    finished: dict[str, str], context_for: Any, clock: ManualClock
) -> None:
    ctx = context_for()
    jobs = {key: ctx.store.jobs.get(owner=ctx.caller.owner, job_id=job_id) for key, job_id in finished.items()}

    assert all(job.materialised_at is not None for job in jobs.values())
    assert list(ctx.store.jobs.due(clock.now())) == []


def test_a_paused_job_is_not_due_until_resumed_then_lists_its_pause_checkpoint_too(
    app_client: TestClient, clock: ManualClock, context_for: Any
) -> None:
    job = create_job(app_client, SEED)
    clock.advance(20)  # running: the seed job trains from about 8 s to about 58 s
    assert app_client.post(f"/v1/fine_tuning/jobs/{job['id']}/pause").status_code == 200
    clock.advance(HOUR)
    ctx = context_for()

    assert listed(app_client) == []
    assert ctx.store.jobs.get(owner=ctx.caller.owner, job_id=job["id"]).terminal_at is None

    assert app_client.post(f"/v1/fine_tuning/jobs/{job['id']}/resume").status_code == 200
    clock.advance(HOUR)

    assert listed(app_client) == checkpoint_models(app_client, job["id"])
    assert len(listed(app_client)) == 4  # the last three epochs' and the pause's


def test_a_scripted_stay_keeps_a_job_from_being_due_until_scripted_to_succeed(
    app_client: TestClient, clock: ManualClock
) -> None:
    job = create_job(app_client, SEED)
    stay = app_client.post(f"/_mock/jobs/{job['id']}/script", json={"outcome": "stay", "status": "queued"})
    assert stay.status_code == 200, stay.text
    clock.advance(HOUR)

    assert listed(app_client) == []

    succeed = app_client.post(f"/_mock/jobs/{job['id']}/script", json={"outcome": "succeed"})
    assert succeed.status_code == 200, succeed.text
    clock.advance(HOUR)

    assert listed(app_client) == checkpoint_models(app_client, job["id"])


def test_a_deleted_model_stays_deleted_for_every_lookup(app_client: TestClient, finished: dict[str, str]) -> None:
    before = listed(app_client)
    model = fine_tuned(app_client)[0]["id"]

    assert app_client.delete(f"/v1/models/{model}").status_code == 200

    assert listed(app_client) == [entry for entry in before if entry[0] != model]
    assert app_client.get(f"/v1/models/{model}").status_code == 404
    chat = app_client.post("/v1/chat/completions", json={"model": model,
                                                         "messages": [{"role": "user", "content": "Hi"}]})
    assert chat.status_code == 404
    created = app_client.post("/v1/fine_tuning/jobs", json={"model": model,
                                                             "training_file": upload(app_client, SEED)})
    assert created.status_code == 400 and created.json()["error"]["code"] == "model_not_available"
