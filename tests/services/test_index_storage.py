"""Training indexes stored as rows: built chunk by chunk from a training file, answering like one built in memory."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mockserver.core import tokens
from mockserver.responder import ReplyRequest, index_build
from mockserver.responder.examples import TrainingExample
from mockserver.responder.index import TrainingIndex
from mockserver.responder.index_build import IndexBuilder, IndexChunk, IndexSummary
from mockserver.responder.index_data import MemoryIndexData, document_norms
from mockserver.services import index_storage, workers
from mockserver.services.index_storage import BuiltIndex, IndexTask, build_index
from mockserver.store import Store, index_rows
from mockserver.store.blobs import BlobStore
from mockserver.store.database import initialise_database, open_database
from mockserver.store.index_rows import IndexGone
from tests.responder.conftest import VALID_DIR, ask, examples_of
from tests.responder.test_index import synthetic

FIXTURES = [
    ("sarcastic_assistant.jsonl", "supervised", "chat"),
    ("huatuo_medical_zh.jsonl", "supervised", "chat"),
    ("tool_calls.jsonl", "supervised", "chat"),
    ("legacy_functions.jsonl", "supervised", "chat"),
    ("multi_turn_weights.jsonl", "supervised", "chat"),
    ("dpo.jsonl", "dpo", "chat"),
    ("prompt_completion.jsonl", "supervised", "prompt_completion"),
]
OTHER_QUESTIONS = ["What is the capital city of france", "Tell me a joke", "小孩发烧能吃布洛芬吗", "Weather in Tokyo?",
                   "What is the capital of Germany?", "今天天气怎么样？"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    initialise_database(tmp_path / "mockserver.db")
    store = Store(open_database(tmp_path / "mockserver.db"), BlobStore(tmp_path / "files"))
    store.blobs.ensure()
    yield store
    store.close()


def stored(store: Store, content: bytes | None, *, method: str = "supervised", training_format: str | None = "chat",
           job_id: str = "ftjob-1") -> BuiltIndex:
    """Upload `content` (None: no file), build its index into a new build and make it the job's index."""
    if content is not None:
        store.blobs.write_bytes(f"file-{job_id}", content)
    repo = store.model_indexes
    build = repo.new_build(job_id=job_id, owner="o1", created_at=1)
    built = build_index(store, IndexTask(build, f"file-{job_id}", method, training_format))
    repo.save(job_id=job_id, owner="o1", data=built.summary.to_bytes(), examples=built.summary.documents,
              models=(f"ft:{job_id}",), created_at=1, build=build, digest=built.digest)
    return built


def both_loads(store: Store, built: BuiltIndex) -> tuple[TrainingIndex, TrainingIndex]:
    """The stored index read whole into memory, and answering from its rows."""
    rows = store.model_indexes.rows(built.build)
    return (index_storage.memory_index(rows, built.summary),
            index_storage.lazy_index(rows, built.summary, document_norms(rows.lengths(), built.summary)))


def requests_for(examples: list[TrainingExample]) -> list[ReplyRequest]:
    questions = [example.user_turns[-1] for example in examples if example.user_turns] + OTHER_QUESTIONS
    return [ask(question, seed=7) for question in questions] + [
        ask(question, system="You are helpful.") for question in questions[:3]]


@pytest.mark.parametrize("chunk_postings", [1, None])
@pytest.mark.parametrize(("name", "method", "training_format"), FIXTURES)
def test_stored_index_answers_like_the_one_built_in_memory(
    store: Store, monkeypatch: pytest.MonkeyPatch, name: str, method: str, training_format: str,
    chunk_postings: int | None,
) -> None:
    if chunk_postings is not None:  # a chunk per example, merged a few terms at a time: the most pieces
        monkeypatch.setattr(index_build, "CHUNK_POSTINGS", chunk_postings)
        monkeypatch.setattr(index_rows, "MERGE_PAGE_TERMS", 3)
        monkeypatch.setattr(index_rows, "MERGE_PAGE_POSTINGS", 5)
    examples = examples_of(name, method=method, training_format=training_format)
    built_in_memory = TrainingIndex.build(examples)
    built = stored(store, (VALID_DIR / name).read_bytes(), method=method, training_format=training_format)
    for loaded in both_loads(store, built):
        assert len(loaded) == len(built_in_memory)
        for request in requests_for(examples):
            assert loaded.answer(request) == built_in_memory.answer(request), request.messages


def synthetic_file(examples: list[TrainingExample]) -> bytes:
    lines = []
    for example in examples:
        system, question = example.prompt_text.split("\n", 1)
        lines.append(json.dumps({"messages": [{"role": "system", "content": system},
                                              {"role": "user", "content": question},
                                              {"role": "assistant", "content": example.answer.content}]}))
    return "\n".join(lines).encode()


def test_stored_index_of_thousand_examples_ranks_like_the_one_in_memory(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_build, "CHUNK_POSTINGS", 500)
    rng = random.Random(11)
    examples = synthetic(1000, rng)
    built_in_memory = TrainingIndex.build(examples)
    built = stored(store, synthetic_file(examples))
    assert built.summary == built_in_memory.data.summary
    memory, lazy = both_loads(store, built)
    terms = sorted({term for example in examples[:80] for term in example.user_turns[0].split()})
    for _ in range(150):
        query = tuple((term, rng.choice((0.5, 1.0))) for term in rng.sample(terms, 5))
        assert memory.best(query, False) == lazy.best(query, False) == built_in_memory.best(query, False)
    for request in requests_for(examples[::9]):
        assert lazy.answer(request) == built_in_memory.answer(request)


class RecordingSink:
    def __init__(self) -> None:
        self.chunks: list[IndexChunk] = []
        self.summary: IndexSummary | None = None

    def add(self, chunk: IndexChunk) -> None:
        self.chunks.append(chunk)

    def finish(self, summary: IndexSummary) -> None:
        self.summary = summary


def test_builder_hands_on_postings_in_chunks_of_the_size_asked() -> None:
    examples = synthetic(300, random.Random(5))
    sink = RecordingSink()
    IndexBuilder(sink, chunk_postings=200).add_all(examples)
    largest_example = max(len(set(example.prompt_text.lower().split())) for example in examples)
    sizes = [sum(len(row.docs) for row in chunk.postings) for chunk in sink.chunks]
    assert len(sink.chunks) > 10
    assert max(sizes) < 200 + largest_example  # flushed as soon as a chunk reaches the size
    assert sum(sizes) == sink.summary.postings  # type: ignore[union-attr]
    assert [document.doc for chunk in sink.chunks for document in chunk.documents] == list(range(300))


def test_builder_hands_on_chunks_of_at_most_chunk_terms_distinct_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_build, "CHUNK_TERMS", 100)
    examples = synthetic(300, random.Random(5))
    sink = RecordingSink()
    IndexBuilder(sink).add_all(examples)
    largest_example = max(len(set(example.prompt_text.lower().split())) for example in examples)
    assert len(sink.chunks) > 5
    assert max(len(chunk.postings) for chunk in sink.chunks) < 100 + largest_example


def test_builder_in_small_chunks_answers_like_one_chunk() -> None:
    examples = examples_of("huatuo_medical_zh.jsonl") + examples_of("sarcastic_assistant.jsonl")
    one, many = MemoryIndexData(), MemoryIndexData()
    IndexBuilder(one).add_all(examples)
    IndexBuilder(many, chunk_postings=3).add_all(examples)
    for request in requests_for(examples):
        assert TrainingIndex(many).answer(request) == TrainingIndex(one).answer(request)


def test_builder_indexes_a_huge_text_by_its_start(store: Store) -> None:
    huge = "alpha " * (index_build.MAX_INDEXED_CHARS // 3)  # twice the indexed length
    lines = [{"messages": [{"role": "user", "content": huge + "omega"},
                           {"role": "assistant", "content": "huge"}]},
             {"messages": [{"role": "user", "content": "omega"}, {"role": "assistant", "content": "small"}]}]
    built = stored(store, "\n".join(json.dumps(line) for line in lines).encode())
    _, lazy = both_loads(store, built)
    # the first MAX_INDEXED_CHARS characters: that many "alpha " and the start of one more ("alph")
    assert store.model_indexes.rows(built.build).lengths().tolist() == [index_build.MAX_INDEXED_CHARS // 6 + 1, 1]
    assert lazy.answer(ask("omega")).content == "small"  # "omega" is past the start of the huge text
    assert lazy.answer(ask(huge + "omega")).content == "huge"  # the request is cut the same way


def test_build_of_missing_training_file_is_empty(store: Store) -> None:
    built = stored(store, None, training_format=None)
    assert built.summary.documents == 0
    _, lazy = both_loads(store, built)
    assert lazy.answer(ask("Hello?")).source == "fallback"


def test_lazy_index_of_replaced_build_raises_index_gone(store: Store) -> None:
    first = stored(store, (VALID_DIR / "sarcastic_assistant.jsonl").read_bytes())
    _, lazy = both_loads(store, first)
    stored(store, (VALID_DIR / "huatuo_medical_zh.jsonl").read_bytes())  # the same job, indexed again
    with pytest.raises(IndexGone):
        lazy.answer(ask("What's the capital of France?"))


def test_drop_build_deletes_its_rows(store: Store) -> None:
    built = stored(store, (VALID_DIR / "sarcastic_assistant.jsonl").read_bytes())
    rows = store.model_indexes.rows(built.build)
    assert len(rows.lengths()) == 10 and list(rows.all_exact())
    store.model_indexes.drop_build(built.build)
    assert len(rows.lengths()) == 0
    assert not list(rows.all_documents()) and not list(rows.all_postings()) and not list(rows.all_exact())
    assert rows.term_stats(["capit"]) == {}


def pid_of_worker(store: Store, argument: Any) -> int:
    return os.getpid()


def test_run_heavy_of_big_file_runs_in_a_child_process(app_client: Any, context_for: Any) -> None:
    ctx = context_for()
    assert workers.run_heavy(ctx, ctx.settings.worker_min_bytes - 1, pid_of_worker, None) == os.getpid()
    assert workers.run_heavy(ctx, ctx.settings.worker_min_bytes, pid_of_worker, None) != os.getpid()


def fail_in_worker(store: Store, argument: str) -> None:
    raise ValueError(f"bad {argument}")


def test_run_heavy_of_big_file_raises_the_childs_exception(app_client: Any, context_for: Any) -> None:
    with pytest.raises(ValueError, match="bad input"):
        ctx = context_for()
        workers.run_heavy(ctx, ctx.settings.worker_min_bytes, fail_in_worker, "input")


def priority_of_worker(store: Store, argument: Any) -> tuple[int, int | None]:
    policy = os.sched_getscheduler(0) if hasattr(os, "sched_getscheduler") else None
    return os.getpriority(os.PRIO_PROCESS, 0), policy


def test_run_heavy_child_runs_at_the_lowest_priority(app_client: Any, context_for: Any) -> None:
    ctx = context_for()
    niceness, policy = workers.run_heavy(ctx, ctx.settings.worker_min_bytes, priority_of_worker, None)
    assert niceness == 19
    if hasattr(os, "SCHED_IDLE"):  # Linux: only CPU time nothing else wants
        assert policy == os.SCHED_IDLE


def encodings_built_in_worker(store: Store, argument: Any) -> list[str]:
    return sorted(tokens._BUILT)


def test_run_heavy_child_builds_the_encoding_it_is_given_and_no_other(app_client: Any, context_for: Any) -> None:
    ctx = context_for()
    size = ctx.settings.worker_min_bytes
    assert workers.run_heavy(ctx, size, encodings_built_in_worker, None, encoding="cl100k_base") == ["cl100k_base"]
    assert workers.run_heavy(ctx, size, encodings_built_in_worker, None) == []


def test_the_worker_module_builds_a_tokenizer_before_anything_heavy_is_imported() -> None:
    """The child's peak: the ranks' Python copy, freed once the encoding is built, must not sit on top of
    the task's imports (pydantic, sqlite-utils)."""
    probe = ("import sys; import mockserver.services.workers as w; w.build_tokenizer_first(['o200k_base']); "
             "print(sorted(m for m in ('pydantic', 'pydantic_core', 'sqlite_utils') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
