"""Fine-tuned models' indexes: built when the job is created, stored, found by model id, cached per process."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.clock import ManualClock
from mockserver.responder import ReplyRequest
from mockserver.services import model_index
from mockserver.services.model_index import CACHE, build_and_save_index, load_index, sniff_format
from mockserver.simulator import Plan
from tests.services.conftest import create_job, retrieve_job, succeeded_job, upload

SEED_ANSWER = "Paris, as if everyone doesn't know that already."


def ask(model: str, text: str) -> ReplyRequest:
    return ReplyRequest(model=model, messages=({"role": "user", "content": text},))


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    CACHE.clear()


@pytest.fixture
def seed_job(app_client: TestClient, clock: ManualClock) -> dict[str, Any]:
    return succeeded_job(app_client, clock, "sarcastic_assistant.jsonl", suffix="marv")


def test_retrieve_of_succeeded_job_stores_its_index(seed_job: dict[str, Any], context_for: Any) -> None:
    ctx = context_for()
    ref = ctx.store.model_indexes.find(owner=ctx.caller.owner, model=seed_job["fine_tuned_model"])
    assert ref is not None and ref.job_id == seed_job["id"]


def test_load_index_of_fine_tuned_model_answers_from_training(seed_job: dict[str, Any], context_for: Any) -> None:
    model = seed_job["fine_tuned_model"]
    index = load_index(context_for(), model)
    assert index is not None and len(index) == 10
    assert index.answer(ask(model, "What's the capital of France?")).content == SEED_ANSWER


def test_load_index_of_checkpoint_is_its_jobs_index(
    seed_job: dict[str, Any], app_client: TestClient, context_for: Any
) -> None:
    checkpoints = app_client.get(f"/v1/fine_tuning/jobs/{seed_job['id']}/checkpoints").json()["data"]
    assert len(checkpoints) == 3
    ctx = context_for()
    indexes = [load_index(ctx, c["fine_tuned_model_checkpoint"]) for c in checkpoints]
    assert all(index is load_index(ctx, seed_job["fine_tuned_model"]) for index in indexes)


def test_load_index_of_other_callers_model_is_none(seed_job: dict[str, Any], context_for: Any) -> None:
    assert load_index(context_for("sk-someone-else"), seed_job["fine_tuned_model"]) is None


def test_load_index_of_deleted_model_is_none(
    seed_job: dict[str, Any], app_client: TestClient, context_for: Any
) -> None:
    assert app_client.delete(f"/v1/models/{seed_job['fine_tuned_model']}").status_code == 200
    assert load_index(context_for(), seed_job["fine_tuned_model"]) is None


@pytest.mark.parametrize("model", ["gpt-4o-mini", "ft:gpt-3.5-turbo-0125:mockserver:marv:nosuchid"])
def test_load_index_of_base_or_unknown_model_is_none(seed_job: dict[str, Any], context_for: Any, model: str) -> None:
    assert load_index(context_for(), model) is None


def planned_model(ctx: Any, job_id: str) -> str:
    row = ctx.store.jobs.get(owner=ctx.caller.owner, job_id=job_id)
    return Plan.from_dict(row["plan"]).fine_tuned_model


def test_load_index_of_unfinished_jobs_model_is_none(app_client: TestClient, context_for: Any) -> None:
    job = create_job(app_client, "sarcastic_assistant.jsonl")
    ctx = context_for()
    assert load_index(ctx, planned_model(ctx, job["id"])) is None


def test_load_index_of_succeeded_job_never_read_builds_it(
    app_client: TestClient, clock: ManualClock, context_for: Any
) -> None:
    job = create_job(app_client, "sarcastic_assistant.jsonl")
    clock.advance(3600)
    ctx = context_for()
    model = planned_model(ctx, job["id"])
    assert ctx.store.model_indexes.find(owner=ctx.caller.owner, model=model) is None
    index = load_index(ctx, model)
    assert index is not None and index.answer(ask(model, "What's the capital of France?")).content == SEED_ANSWER
    assert ctx.store.model_indexes.find(owner=ctx.caller.owner, model=model) is not None


def test_load_index_is_parsed_once_per_process(
    seed_job: dict[str, Any], context_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    CACHE.clear()  # the job's build put its index there
    parsed = []
    original = model_index.TrainingIndex.from_bytes
    monkeypatch.setattr(model_index.TrainingIndex, "from_bytes",
                        classmethod(lambda cls, data: parsed.append(data) or original(data)))
    first, second = load_index(context_for(), seed_job["fine_tuned_model"]), load_index(
        context_for(), seed_job["fine_tuned_model"])
    assert first is second
    assert len(parsed) == 1


def test_load_index_of_stored_index_answers_like_the_built_one(seed_job: dict[str, Any], context_for: Any) -> None:
    model = seed_job["fine_tuned_model"]
    built = load_index(context_for(), model)
    CACHE.clear()
    loaded = load_index(context_for(), model)
    assert loaded is not built and loaded is not None and built is not None
    assert loaded.answers == built.answers


def test_index_of_dpo_job_answers_with_preferred_output(
    app_client: TestClient, clock: ManualClock, context_for: Any
) -> None:
    job = succeeded_job(app_client, clock, "dpo.jsonl", model="gpt-4o-mini-2024-07-18",
                        method={"type": "dpo", "dpo": {}})
    answer = load_index(context_for(), job["fine_tuned_model"]).answer(  # type: ignore[union-attr]
        ask(job["fine_tuned_model"], "Recommend a number between 0 and 10."))
    assert answer.content == "How about 5? It sits right in the middle."


def test_index_of_completions_job_answers_with_completion(
    app_client: TestClient, clock: ManualClock, context_for: Any
) -> None:
    job = succeeded_job(app_client, clock, "prompt_completion.jsonl", model="babbage-002")
    index = load_index(context_for(), job["fine_tuned_model"])
    assert index is not None
    assert index.answer(ask(job["fine_tuned_model"], "Translate to French: dog ->")).content == " chien\n"


def test_build_and_save_index_without_training_blob_is_empty(
    seed_job: dict[str, Any], context_for: Any, app_client: TestClient
) -> None:
    ctx = context_for()
    ctx.store.blobs.delete(seed_job["training_file"])
    build_and_save_index(ctx, job_id=seed_job["id"], training_file_id=seed_job["training_file"],
                         method="supervised", training_format="chat")
    index = load_index(ctx, seed_job["fine_tuned_model"])
    assert index is not None and len(index) == 0
    assert index.answer(ask(seed_job["fine_tuned_model"], "Hi")).source == "fallback"


def test_retrieve_again_does_not_rebuild_the_index(
    seed_job: dict[str, Any], app_client: TestClient, context_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    monkeypatch.setattr("mockserver.services.fine_tuning.publish_index", lambda *a, **k: calls.append(k))
    retrieve_job(app_client, seed_job["id"])
    assert calls == []


@pytest.mark.parametrize(("lines", "expected"), [
    ([b'{"prompt": "a", "completion": "b"}\n'], "prompt_completion"),
    ([b"\xef\xbb\xbf\n", b'{"messages": []}\n'], "chat"),
    ([b"garbage\n"], "chat"),
])
def test_sniff_format_reads_the_first_json_line(lines: list[bytes], expected: str) -> None:
    assert sniff_format(iter(lines)) == expected


def test_create_of_job_stores_its_index_before_it_succeeds(app_client: TestClient, context_for: Any) -> None:
    job = create_job(app_client, "sarcastic_assistant.jsonl")
    ctx = context_for()
    assert ctx.store.model_indexes.exists(job["id"])
    assert ctx.store.model_indexes.find(owner=ctx.caller.owner, model=planned_model(ctx, job["id"])) is None


def test_create_of_job_with_invalid_training_file_stores_no_index(app_client: TestClient, context_for: Any) -> None:
    response = app_client.post("/v1/fine_tuning/jobs", json={
        "model": "gpt-3.5-turbo", "training_file": upload(app_client, "bad.jsonl", b'{"prompt": "x"}\n')})
    assert response.status_code == 200, response.text
    assert not context_for().store.model_indexes.exists(response.json()["id"])
