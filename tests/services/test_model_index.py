"""Fine-tuned models' indexes: built when the job is created, stored, found by model id, cached per process."""

from __future__ import annotations

import random
import subprocess
import sys
from array import array
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from mockserver.core.catalog import ModelCatalog
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.core.errors import NotFound
from mockserver.responder import ReplyRequest
from mockserver.responder.index_build import IndexSummary
from mockserver.responder.index_data import LazyIndexData
from mockserver.responder.rules import ResponseRules
from mockserver.services import index_storage, model_index, workers
from mockserver.services.inference import reply, resolve_inference_model
from mockserver.services.model_index import (
    CACHE,
    StoredIndex,
    build_and_save_index,
    load_index,
    ranked_lists_bytes,
    sniff_format,
)
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import initialise_database, open_database
from mockserver.store.model_indexes import IndexRef
from tests.services.conftest import VALID_DIR, create_job, retrieve_job, succeeded_job, upload

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
    return str(ctx.store.jobs.get(owner=ctx.caller.owner, job_id=job_id).plan.fine_tuned_model)


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


def test_load_index_is_read_once_per_process(
    seed_job: dict[str, Any], context_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    CACHE.clear()
    reads: list[IndexSummary] = []
    original = index_storage.memory_index

    def counted(rows: Any, summary: IndexSummary) -> Any:
        reads.append(summary)
        return original(rows, summary)

    monkeypatch.setattr(index_storage, "memory_index", counted)
    first, second = load_index(context_for(), seed_job["fine_tuned_model"]), load_index(
        context_for(), seed_job["fine_tuned_model"])
    assert first is second
    assert len(reads) == 1


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
    monkeypatch.setattr("mockserver.services.job_lifecycle.publish_index", lambda *a, **k: calls.append(k))
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


def test_load_index_too_big_for_memory_answers_from_its_rows(
    seed_job: dict[str, Any], context_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_index, "MEMORY_INDEX_MAX_BYTES", 0)
    model = seed_job["fine_tuned_model"]
    first, second = load_index(context_for(), model), load_index(context_for(), model)
    assert isinstance(first.data, LazyIndexData) and isinstance(second.data, LazyIndexData)  # type: ignore[union-attr]
    assert first.answer(ask(model, "What's the capital of France?")).content == SEED_ANSWER  # type: ignore[union-attr]
    assert second.answer(ask(model, "what is the capital city of france")).content == SEED_ANSWER  # type: ignore[union-attr]
    # only the summary, the ten norms and the budget of the ranked lists kept (what all its postings would take)
    assert CACHE.bytes < 4096 + 8 * 10 + ranked_lists_bytes(first.data.summary) + 1  # type: ignore[union-attr]


def test_index_cache_stays_within_its_bytes(seed_job: dict[str, Any], context_for: Any) -> None:
    cache = model_index._IndexCache(1000)
    index = load_index(context_for(), seed_job["fine_tuned_model"])
    assert index is not None
    refs = [IndexRef(f"ftjob-{n}", "d") for n in range(3)]
    cache.put(refs[0], index, 600)
    cache.put(refs[1], index, 300)
    assert cache.get(refs[0]) is index  # now the most recently used
    cache.put(refs[2], index, 300)
    assert (cache.get(refs[0]), cache.get(refs[1]), cache.get(refs[2])) == (index, None, index)
    assert cache.bytes == 900
    cache.put(IndexRef("ftjob-big", "d"), index, 1001)
    assert cache.get(IndexRef("ftjob-big", "d")) is None and cache.bytes == 900


def test_load_index_stored_whole_by_an_older_version_builds_it_again(
    seed_job: dict[str, Any], context_for: Any
) -> None:
    ctx = context_for()
    model = seed_job["fine_tuned_model"]
    old_blob = orjson.dumps({"v": 3, "answers": [], "postings": {}})
    ctx.store.model_indexes.save(job_id=seed_job["id"], owner=ctx.caller.owner, data=old_blob, examples=0,
                                 models=[model], created_at=0)
    CACHE.clear()
    index = load_index(ctx, model)
    assert index is not None and index.answer(ask(model, "What's the capital of France?")).content == SEED_ANSWER
    assert ctx.store.model_indexes.find(owner=ctx.caller.owner, model=model).build is not None


def test_create_of_job_through_a_worker_process_answers_after_its_file_is_deleted(
    app_client: TestClient, clock: ManualClock, context_for: Any, settings: Settings
) -> None:
    settings.worker_min_bytes = 0  # the ten-line file is validated and indexed in a child, after the create
    job = create_job(app_client, "sarcastic_assistant.jsonl")
    assert app_client.post("/_mock/clock/advance", json={"seconds": 0}).status_code == 200  # prepared by then
    assert app_client.delete(f"/v1/files/{job['training_file']}").status_code == 200
    clock.advance(3600)
    done = retrieve_job(app_client, job["id"])
    index = load_index(context_for(), done["fine_tuned_model"])
    assert index is not None and len(index) == 10
    assert index.answer(ask(done["fine_tuned_model"], "What's the capital of France?")).content == SEED_ANSWER


def test_create_of_job_on_file_with_a_huge_line_is_done_in_a_worker_process(
    app_client: TestClient, clock: ManualClock, context_for: Any, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    children: list[list[str]] = []
    spawn = subprocess.run

    def spied(command: list[str], **options: Any) -> Any:
        children.append(command)
        return spawn(command, **options)

    monkeypatch.setattr(workers.subprocess, "run", spied)
    huge = {"messages": [{"role": "user", "content": "word " * (settings.worker_min_bytes // 5)},
                         {"role": "assistant", "content": "A long one."}]}
    content = (VALID_DIR / "sarcastic_assistant.jsonl").read_bytes() + orjson.dumps(huge) + b"\n"
    job = create_job_on(app_client, upload(app_client, "huge.jsonl", content))
    assert app_client.post("/_mock/clock/advance", json={"seconds": 3600}).status_code == 200  # waits for it
    # validate (the child builds gpt-3.5-turbo's tokenizer first), then index (no tokenizer)
    assert [command[1:] for command in children] == [["-m", "mockserver.services.workers", "cl100k_base"],
                                                     ["-m", "mockserver.services.workers"]]
    done = retrieve_job(app_client, job["id"])
    assert done["status"] == "succeeded", done
    index = load_index(context_for(), done["fine_tuned_model"])
    assert index is not None and len(index) == 11
    assert index.answer(ask(done["fine_tuned_model"], "What's the capital of France?")).content == SEED_ANSWER


def create_job_on(client: TestClient, file_id: str) -> dict[str, Any]:
    response = client.post("/v1/fine_tuning/jobs", json={"model": "gpt-3.5-turbo", "training_file": file_id})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_reply_of_model_whose_index_was_reset_since_it_was_resolved_is_not_found(
    seed_job: dict[str, Any], app_client: TestClient, context_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model_index, "MEMORY_INDEX_MAX_BYTES", 0)  # answered from its rows
    ctx = context_for()
    catalog = ModelCatalog.load(ctx.settings.fixtures_dir / "models.json")
    model = resolve_inference_model(ctx, catalog, seed_job["fine_tuned_model"])
    assert app_client.post("/_mock/reset", params={"scope": "jobs"}).status_code == 200
    with pytest.raises(NotFound, match="does not exist"):
        reply(model, ResponseRules(), ask(model.requested, "What's the capital of France?"))


def random_text(rng: random.Random, chinese: bool) -> str:
    english = "the of and to in is you that it was for on are model price market health doctor river".split()
    zh = "高血压 糖尿病 建议 医生 检查 治疗 症状 患者 饮食 运动 药物 休息 头晕 发烧 孩子 咳嗽".split()
    words = ("" if chinese else " ").join(rng.choices(zh if chinese else english, k=rng.randint(5, 40)))
    return f"{words} {rng.randint(0, 99_999)}"


def write_mixed_examples(path: Path, examples: int) -> None:
    """Chat examples of random English and Chinese text, a number in each (like bench/job_create.py's files)."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for number in range(examples):
            chinese = rng.random() < 0.4
            messages = [{"role": "user", "content": f"#{number} {random_text(rng, chinese)}"},
                        {"role": "assistant", "content": random_text(rng, chinese)}]
            out.write(orjson.dumps({"messages": messages}).decode() + "\n")


def test_index_cache_accounts_what_a_whole_index_adds_to_the_process(tmp_path: Path) -> None:
    """The cache's budget is of memory: an index held whole must be counted for what holding it adds to the
    process's RSS, measured in a fresh process (its objects alone, the old estimate, fell short by ~30%)."""
    initialise_database(tmp_path / "mockserver.db")
    store = Store(open_database(tmp_path / "mockserver.db"), BlobStore(tmp_path / "files"))
    store.blobs.ensure()
    write_mixed_examples(tmp_path / "train.jsonl", 4000)
    store.blobs.write_bytes("file-probe", (tmp_path / "train.jsonl").read_bytes())
    build = store.model_indexes.new_build(job_id="ftjob-probe", owner="probe", created_at=1)
    built = index_storage.build_index(store, index_storage.IndexTask(build, "file-probe", "supervised", "chat"))
    store.model_indexes.save(job_id="ftjob-probe", owner="probe", data=built.summary.to_bytes(),
                             examples=built.summary.documents, models=("ft:probe",), created_at=1, build=build,
                             digest=built.digest)
    store.close()
    probe = subprocess.run([sys.executable, "-m", "tests.services.index_memory_probe", str(tmp_path), "ft:probe"],
                           capture_output=True, check=True, cwd=Path(__file__).resolve().parents[2])
    measured = orjson.loads(probe.stdout)
    assert measured["rss_growth"] > 5_000_000  # big enough for the allocator's behaviour to show
    # Within 10% of the measured growth (allocators differ a little between machines; the old estimate was 29% short)
    assert measured["accounted"] >= 0.9 * measured["rss_growth"], measured
    assert measured["accounted"] <= 2 * measured["rss_growth"], measured  # nor so high it wastes the budget
    budget = min(measured["rss_growth"], measured["accounted"]) - 1  # a budget holding it whole would exceed
    cache = model_index._IndexCache(budget)
    cache.put(IndexRef("ftjob-probe", "d"), StoredIndex(built.summary, array("d")), measured["accounted"])
    assert cache.get(IndexRef("ftjob-probe", "d")) is None and cache.bytes == 0
