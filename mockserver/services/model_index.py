"""What fine-tuned models learned: their training index built when the job is created, loaded to answer chats."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import orjson

from mockserver.catalog import ModelCatalog, UnknownModel
from mockserver.responder.examples import examples_from_lines
from mockserver.responder.index import IndexFormatError, TrainingIndex
from mockserver.services.context import Context
from mockserver.simulator import Control, Plan, state_at
from mockserver.simulator.state import checkpoints_at
from mockserver.store.model_indexes import IndexRef
from mockserver.validation.formats import detect_format

CACHE_SIZE = 64


class _IndexCache:
    """Per-process LRU of loaded indexes, keyed by job id and stored digest, so each worker parses an index once."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], TrainingIndex] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, ref: IndexRef) -> TrainingIndex | None:
        with self._lock:
            index = self._items.get((ref.job_id, ref.digest))
            if index is not None:
                self._items.move_to_end((ref.job_id, ref.digest))
            return index

    def put(self, ref: IndexRef, index: TrainingIndex) -> None:
        with self._lock:
            self._items[(ref.job_id, ref.digest)] = index
            self._items.move_to_end((ref.job_id, ref.digest))
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


CACHE = _IndexCache(CACHE_SIZE)


def build_index(ctx: Context, *, training_file_id: str, method: str, training_format: str | None) -> TrainingIndex:
    """The index of a training file's examples; empty when the file is gone.

    `training_format` is the base model's (`chat` or `prompt_completion`); None sniffs it from the file.
    """
    try:
        with ctx.store.blobs.open(training_file_id) as handle:
            fmt = training_format or sniff_format(handle)
            handle.seek(0)
            return TrainingIndex.build(examples_from_lines(handle, method=method, training_format=fmt))
    except FileNotFoundError:
        return TrainingIndex.build([])


def store_training_index(ctx: Context, *, job_id: str, owner: str, index: TrainingIndex) -> IndexRef:
    """Store a new job's index, built from its training file at creation (the real service trains on the
    data it validated, so deleting the file while the job runs changes nothing). It answers for no model
    until the job succeeds (`publish_index`)."""
    ref = ctx.store.model_indexes.save(job_id=job_id, owner=owner, data=index.to_bytes(), examples=len(index),
                                       models=(), created_at=ctx.clock.now())
    CACHE.put(ref, index)
    return ref


def publish_index(
    ctx: Context, *, job_id: str, training_file_id: str, method: str, training_format: str | None, owner: str,
) -> IndexRef:
    """At success: every model id the job produced answers with the index stored at its creation. A job
    stored without one (created before such indexes, or with files that failed validation) has it built now."""
    models = _job_models(ctx, owner=owner, job_id=job_id)
    ref = ctx.store.model_indexes.attach_models(job_id=job_id, owner=owner, models=models)
    if ref is not None:
        return ref
    return build_and_save_index(ctx, job_id=job_id, training_file_id=training_file_id, method=method,
                                training_format=training_format, owner=owner)


def build_and_save_index(
    ctx: Context, *, job_id: str, training_file_id: str, method: str, training_format: str | None,
    owner: str | None = None,
) -> IndexRef:
    """Build the job's index from its training file now and store it with every model id the job produced.

    A training file that is gone gives an empty index: the model then always falls back.
    """
    owner = owner or ctx.caller.owner
    models = _job_models(ctx, owner=owner, job_id=job_id)
    index = build_index(ctx, training_file_id=training_file_id, method=method, training_format=training_format)
    ref = ctx.store.model_indexes.save(job_id=job_id, owner=owner, data=index.to_bytes(), examples=len(index),
                                       models=models, created_at=ctx.clock.now())
    CACHE.put(ref, index)
    return ref


def _job_models(ctx: Context, *, owner: str, job_id: str) -> list[str]:
    """The job's fine-tuned model and the checkpoint models it has produced by now."""
    row = ctx.store.jobs.get(owner=owner, job_id=job_id)
    plan = Plan.from_dict(row["plan"])
    controls = [Control(**control) for control in row["controls"]]
    return [plan.fine_tuned_model, *(c.model for c in checkpoints_at(plan, controls, ctx.clock.now()))]


def load_index(ctx: Context, model: str) -> TrainingIndex | None:
    """The index a fine-tuned model or checkpoint id of the caller answers with.

    None when the id is not one of the caller's succeeded jobs' models or was deleted. A model
    whose job succeeded but was not materialised yet gets its job's index published here (built
    now only for a job stored without one).
    """
    if not model.startswith("ft:"):
        return None
    ref = ctx.store.model_indexes.find(owner=ctx.caller.owner, model=model)
    if ref is None:
        ref = _build_missing(ctx, model)
        if ref is None:
            return None
    index = CACHE.get(ref)
    if index is not None:
        return index
    data = ctx.store.model_indexes.data(ref)
    if data is None:  # replaced or reset since `find`
        return None
    try:
        index = TrainingIndex.from_bytes(data)
    except IndexFormatError:  # stored by another version: build it again
        return _rebuild(ctx, ref.job_id)
    CACHE.put(ref, index)
    return index


def _build_missing(ctx: Context, model: str) -> IndexRef | None:
    """The index of a model whose job succeeded but answers for it nowhere yet: a settled success's model
    (`job_models`), or one of a job terminal since anyone last read it (the store's `due` jobs, few)."""
    owner = ctx.caller.owner
    if ctx.store.jobs.is_model_deleted(owner=owner, model=model):
        return None
    produced = ctx.store.job_models.get(owner=owner, model=model)
    if produced is not None:
        row = ctx.store.jobs.get(owner=owner, job_id=produced.job_id)
        return _save_for(ctx, row, Plan.from_dict(row["plan"]))
    now = ctx.clock.now()
    for row in ctx.store.jobs.due(now, owner=owner):
        plan = Plan.from_dict(row["plan"])
        controls = [Control(**control) for control in row["controls"]]
        if state_at(plan, controls, now).status != "succeeded":
            continue
        if model == plan.fine_tuned_model or model in {c.model for c in checkpoints_at(plan, controls, now)}:
            return _save_for(ctx, row, plan)
    return None


def _rebuild(ctx: Context, job_id: str) -> TrainingIndex | None:
    row = ctx.store.jobs.get(owner=ctx.caller.owner, job_id=job_id)
    plan = Plan.from_dict(row["plan"])
    return CACHE.get(build_and_save_index(ctx, job_id=row["id"], training_file_id=row["training_file"],
                                          method=plan.inputs.method, training_format=None, owner=row["owner"]))


def _save_for(ctx: Context, row: dict[str, Any], plan: Plan) -> IndexRef:
    return publish_index(ctx, job_id=row["id"], training_file_id=row["training_file"],
                         method=plan.inputs.method, training_format=None, owner=row["owner"])


def training_format_of(catalog: ModelCatalog, model: str) -> str | None:
    """The training format of a job's model (`chat` or `prompt_completion`); None when the catalog lacks it."""
    try:
        return catalog.get(model).training_format
    except UnknownModel:
        return None


def sniff_format(lines: Iterator[bytes] | Any) -> str:
    """`prompt_completion` when the first JSON line is a prompt/completion pair, else `chat`."""
    for raw in lines:
        try:
            obj = orjson.loads(raw.strip().removeprefix(b"\xef\xbb\xbf") or b"null")
        except orjson.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            return "prompt_completion" if detect_format(obj) == "prompt_completion" else "chat"
    return "chat"
