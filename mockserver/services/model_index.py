"""What fine-tuned models learned: their training index built when the job is created, loaded to answer chats.

An index lives in the store as rows (index_storage.py). A process keeps the indexes it reads in CACHE,
bounded in bytes: a small index whole in memory (the fastest to answer from), a large one as its summary
and document norms only, its other rows read by each query as it needs them.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mockserver.core.catalog import ModelCatalog, UnknownModel
from mockserver.core.errors import ModelLoading
from mockserver.responder.index import IndexFormatError, TrainingIndex
from mockserver.responder.index_build import IndexSummary
from mockserver.responder.index_data import LIST_OVERHEAD_BYTES, RankedList, document_norms
from mockserver.services import index_storage
from mockserver.services.context import Context
from mockserver.services.index_storage import BuiltIndex, IndexTask
from mockserver.services.input_files import training_stand_in
from mockserver.services.workers import file_bytes, in_worker, run_heavy
from mockserver.simulator import observe
from mockserver.simulator.state import checkpoints_at
from mockserver.store.jobs import JobRecord
from mockserver.store.model_indexes import IndexRef

CACHE_BYTES = 48 * 1024 * 1024
INDEX_WAIT_SECONDS = 600.0  # what a chat waits for the preparer to build its model's index
INDEX_WAIT_POLL_SECONDS = 0.1
# What a stored index answered from its rows keeps of its most used ranked lists (RankedList.bytes: a common
# term's impact list some 16 KB with its weights, so some 500 of them), counted in CACHE_BYTES with the index.
RANKED_LISTS_BYTES = 8 * 1024 * 1024
# An index whose in-memory form would take more than this is answered from its rows instead.
MEMORY_INDEX_MAX_BYTES = 16 * 1024 * 1024
# What the process's RSS grows by, over what an index's objects take (tracemalloc): the allocator's
# overhead and the pages its load's temporaries leave behind. Measured 1.25-1.40.
ALLOCATOR_OVERHEAD = 1.5


def memory_bytes(summary: IndexSummary) -> int:
    """About what an index held whole adds to the process's RSS (tests/services/test_model_index.py measures
    it). Its objects (fitted with tracemalloc on English and Chinese files, 1-20 MB: within 5%, or over) take
    some 100 bytes per posting, 5,500 per example (its forward weights, question, answer and the terms only
    it has: ids, numbers) and the answers' text."""
    objects = 100 * summary.postings + 5_500 * summary.documents + 2 * summary.answer_chars + 16_384
    return int(objects * ALLOCATOR_OVERHEAD)


class RankedLists:
    """The ranked lists (with their weights) of a stored index's most used terms, kept from one request to the
    next: the least recently used dropped beyond `max_bytes`. Shared by the threads answering its chats."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, bool], RankedList] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, bool]) -> RankedList | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, bool], value: RankedList) -> None:
        if value.bytes > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += value.bytes - (old.bytes if old is not None else 0)
            self._items[key] = value
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.bytes

    @property
    def bytes(self) -> int:
        return self._bytes


def ranked_lists_bytes(summary: IndexSummary) -> int:
    """The budget of an index's kept ranked lists: RANKED_LISTS_BYTES, or at most what all its postings would
    take (a list of n postings, RankedList.bytes: at most this much a posting)."""
    return min(RANKED_LISTS_BYTES, (4 + 4 + 8 + LIST_OVERHEAD_BYTES) * summary.postings)


@dataclass(frozen=True)
class StoredIndex:
    """What a process keeps of an index answered from its rows: its summary, norms and most used ranked lists
    (accounted at their budget)."""

    summary: IndexSummary
    norms: array[float]
    lists: RankedLists = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lists", RankedLists(ranked_lists_bytes(self.summary)))

    @property
    def bytes(self) -> int:
        return self.norms.itemsize * len(self.norms) + 4096 + self.lists.max_bytes


Cached = TrainingIndex | StoredIndex


class _IndexCache:
    """Per-process LRU of loaded indexes, keyed by job id and stored digest, within `max_bytes` in all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, str], tuple[Cached, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, ref: IndexRef) -> Cached | None:
        with self._lock:
            item = self._items.get((ref.job_id, ref.digest))
            if item is None:
                return None
            self._items.move_to_end((ref.job_id, ref.digest))
            return item[0]

    def put(self, ref: IndexRef, value: Cached, size: int) -> None:
        """Keep `value` (about `size` bytes), dropping the least recently used beyond the budget."""
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop((ref.job_id, ref.digest), None)
            self._bytes += size - (old[1] if old is not None else 0)
            self._items[(ref.job_id, ref.digest)] = (value, size)
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    @property
    def bytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


CACHE = _IndexCache(CACHE_BYTES)


def store_training_index(ctx: Context, *, job_id: str, owner: str, index: BuiltIndex) -> IndexRef:
    """Store a new job's index, built from its training file at creation (the real service trains on the
    data it validated, so deleting the file while the job runs changes nothing). It answers for no model
    until the job succeeds (`publish_index`)."""
    ref, _ = ctx.store.model_indexes.save(
        job_id=job_id, owner=owner, data=index.summary.to_bytes(), examples=index.summary.documents, models=(),
        created_at=ctx.clock.now(), build=index.build, digest=index.digest)
    return ref


def wait_for_index(ctx: Context, job_id: str, *, timeout: float = INDEX_WAIT_SECONDS) -> None:
    """Until the preparer has built (or failed to build) the job's wanted index, for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while ctx.store.job_preparations.index_wanted(job_id) and time.monotonic() < deadline:
        time.sleep(INDEX_WAIT_POLL_SECONDS)


def _built_in_background(ctx: Context, job_id: str, training_file_id: str) -> bool:
    """Ask the preparer to build the index of a job on a big file (minutes of work: never inside a request)."""
    if not in_worker(ctx, file_bytes(ctx, training_file_id)):
        return False
    ctx.store.job_preparations.want_index(job_id, at=ctx.clock.now())
    return True


def publish_index(
    ctx: Context, *, job_id: str, training_file_id: str, method: str, training_format: str | None, owner: str,
) -> IndexRef | None:
    """At success: every model id the job produced answers with the index stored at its creation. A job
    stored without one (created before such indexes, or with files that failed validation, or a data dir
    restored without it) has it built now; None when, its file being big, the preparer is asked to build it."""
    models = _job_models(ctx, owner=owner, job_id=job_id)
    ref = ctx.store.model_indexes.attach_models(job_id=job_id, owner=owner, models=models)
    if ref is not None:
        return ref
    if _built_in_background(ctx, job_id, training_file_id):
        return None
    return build_and_save_index(ctx, job_id=job_id, training_file_id=training_file_id, method=method,
                                training_format=training_format, owner=owner)


def build_and_save_index(
    ctx: Context, *, job_id: str, training_file_id: str, method: str, training_format: str | None,
    owner: str | None = None,
) -> IndexRef:
    """Build the job's index from its training file now and store it with every model id the job produced,
    in place of any it had. A training file that is gone gives an empty index: the model then always falls back.
    """
    owner = owner or ctx.caller.owner
    models = _job_models(ctx, owner=owner, job_id=job_id)
    repo = ctx.store.model_indexes
    build = repo.new_build(job_id=job_id, owner=owner, created_at=ctx.clock.now())
    try:
        task = IndexTask(build, training_file_id, method, training_format,
                         training_stand_in(ctx, training_format))
        built = run_heavy(ctx, file_bytes(ctx, training_file_id), index_storage.build_index, task)
        ref, replaced = repo.save(job_id=job_id, owner=owner, data=built.summary.to_bytes(),
                                  examples=built.summary.documents, models=models, created_at=ctx.clock.now(),
                                  build=built.build, digest=built.digest)
    except BaseException:
        repo.drop_build(build)
        raise
    if replaced is not None:
        repo.drop_build(replaced)
    return ref


def _job_models(ctx: Context, *, owner: str, job_id: str) -> list[str]:
    """The job's fine-tuned model and the checkpoint models it has produced by now."""
    job = ctx.store.jobs.get(owner=owner, job_id=job_id)
    return [job.plan.fine_tuned_model, *(c.model for c in checkpoints_at(job.plan, job.controls, ctx.clock.now()))]


def load_index(ctx: Context, model: str) -> TrainingIndex | None:
    """The index a fine-tuned model or checkpoint id of the caller answers with.

    None when the id is not one of the caller's succeeded jobs' models or was deleted. A model
    whose job succeeded but was not materialised yet gets its job's index published here (built
    now only for a job stored without one); one stored by an older version is built again. An index
    to build from a big file is built by the preparer instead: ModelLoading is raised meanwhile.
    """
    if not model.startswith("ft:"):
        return None
    ref = ctx.store.model_index_ref(owner=ctx.caller.owner, model=model)
    if ref is None:
        ref = _build_missing(ctx, model)
        if ref is None:
            return None
    cached = CACHE.get(ref)
    if cached is None:
        loaded = _load(ctx, ref)
        if loaded is None:
            return None
        ref, cached = loaded
    if isinstance(cached, TrainingIndex):
        return cached
    assert ref.build is not None  # only indexes stored as rows are cached as StoredIndex
    return index_storage.lazy_index(ctx.store.model_indexes.rows(ref.build), cached.summary, cached.norms,
                                    cached.lists)


def _build_missing(ctx: Context, model: str) -> IndexRef | None:
    """The index of a model whose job succeeded but answers for it nowhere yet: a settled success's model
    (`job_models`), or one of a job terminal since anyone last read it (the store's `due` jobs, few)."""
    owner = ctx.caller.owner
    if ctx.store.jobs.is_model_deleted(owner=owner, model=model):
        return None
    produced = ctx.store.job_models.get(owner=owner, model=model)
    if produced is not None:
        return _save_for(ctx, ctx.store.jobs.get(owner=owner, job_id=produced.job_id))
    now = ctx.clock.now()
    for job in ctx.store.jobs.due(now, owner=owner):
        if observe(job, now).status != "succeeded":
            continue
        produced_models = {c.model for c in checkpoints_at(job.plan, job.controls, now)}
        if model == job.plan.fine_tuned_model or model in produced_models:
            return _save_for(ctx, job)
    return None


def _load(ctx: Context, ref: IndexRef) -> tuple[IndexRef, Cached] | None:
    """Read a stored index into the cache: whole when small, else its summary and norms. An index stored by
    another version is built again (the ref returned is then the new one)."""
    repo = ctx.store.model_indexes
    data = repo.data(ref)
    if data is None:  # replaced or reset since `find`
        return None
    try:
        if ref.build is None:
            raise IndexFormatError("stored whole, by an older version")
        summary = IndexSummary.from_bytes(data)
    except IndexFormatError:
        return _rebuild(ctx, ref.job_id)
    rows = repo.rows(ref.build)
    with rows.reading():
        size = memory_bytes(summary)
        if size <= MEMORY_INDEX_MAX_BYTES:
            index = index_storage.memory_index(rows, summary)
            CACHE.put(ref, index, size)
            return ref, index
        stored = StoredIndex(summary, document_norms(rows.lengths(), summary))
    CACHE.put(ref, stored, stored.bytes)
    return ref, stored


def _rebuild(ctx: Context, job_id: str) -> tuple[IndexRef, Cached] | None:
    job = ctx.store.jobs.get(owner=ctx.caller.owner, job_id=job_id)
    if _built_in_background(ctx, job_id, job.training_file):
        raise _building(ctx, job_id)
    ref = build_and_save_index(ctx, job_id=job.id, training_file_id=job.training_file,
                               method=job.plan.inputs.method, training_format=None, owner=job.owner)
    return _load(ctx, ref)


def _save_for(ctx: Context, job: JobRecord) -> IndexRef:
    ref = publish_index(ctx, job_id=job.id, training_file_id=job.training_file,
                        method=job.plan.inputs.method, training_format=None, owner=job.owner)
    if ref is None:
        raise _building(ctx, job.id)
    return ref


def _building(ctx: Context, job_id: str) -> ModelLoading:
    return ModelLoading(lambda: wait_for_index(ctx, job_id))


def training_format_of(catalog: ModelCatalog, model: str) -> str | None:
    """The training format of a job's model (`chat` or `prompt_completion`); None when the catalog lacks it."""
    try:
        return catalog.get(model).training_format
    except UnknownModel:
        return None


def sniff_format(lines: Iterator[bytes] | Any) -> str:
    """`prompt_completion` when the first JSON line is a prompt/completion pair, else `chat`."""
    return index_storage.sniff_format(lines)
