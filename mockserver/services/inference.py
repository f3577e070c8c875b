"""What chat completions and responses share: the answering model, the reply, the usage ledger row."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import tiktoken

from mockserver.core import tokens
from mockserver.core.catalog import ModelCatalog, ModelSpec, UnknownModel
from mockserver.responder import Choice, ReplyRequest
from mockserver.responder.index import TrainingIndex
from mockserver.responder.rules import ResponseRules
from mockserver.responder.shaping import shape
from mockserver.services.context import Context
from mockserver.services.costs import inference_records
from mockserver.services.lenient_ids import PLACEHOLDER_BASE_MODEL
from mockserver.services.model_index import load_index
from mockserver.services.models import model_not_found
from mockserver.services.prompt_cache import use_prompt_cache
from mockserver.store.index_rows import IndexGone
from mockserver.store.usage import UsageRecord


@dataclass(frozen=True)
class InferenceModel:
    """A model that can answer: its snapshot's spec, its tokenizer and, when fine-tuned, what it learned."""

    requested: str
    spec: ModelSpec  # the base snapshot (for `ft:` ids, the snapshot they were trained from)
    index: TrainingIndex | None  # None for base models: they answer from the rules
    encoding: tiktoken.Encoding

    @property
    def shown(self) -> str:
        """`model` in responses: an alias resolves to its snapshot; a fine-tuned id is echoed as asked."""
        return self.requested if self.index is not None else self.spec.id

    @property
    def fingerprint(self) -> str:
        """`system_fingerprint`: `fp_` and 10 hex digits, stable per model."""
        return fingerprint_of(self.shown)


@functools.lru_cache(maxsize=1024)  # a hash per request otherwise
def fingerprint_of(model: str) -> str:
    return "fp_" + hashlib.sha256(model.encode()).hexdigest()[:10]


def resolve_inference_model(ctx: Context, catalog: ModelCatalog, model: str) -> InferenceModel:
    """The model to answer with; 404 `model_not_found` for unknown, foreign, unfinished or deleted ids."""
    try:
        spec = catalog.get(model)
    except UnknownModel:
        if ctx.settings.lenient_ids:
            return placeholder_model(catalog, model)
        raise model_not_found(model) from None
    if not model.startswith("ft:"):
        return InferenceModel(model, spec, None, tokens.get_encoding(spec.encoding))
    index = load_index(ctx, model)
    if index is None:
        if ctx.settings.lenient_ids:
            return placeholder_model(catalog, model)
        raise model_not_found(model)
    return InferenceModel(model, spec, index, tokens.get_encoding(spec.encoding))


def placeholder_model(catalog: ModelCatalog, model: str) -> InferenceModel:
    """`--lenient-ids`: an unknown model answers as the placeholder base model does (services/lenient_ids.py)."""
    spec = catalog.get(PLACEHOLDER_BASE_MODEL)
    return InferenceModel(model, spec, None, tokens.get_encoding(spec.encoding))


def reply(model: InferenceModel, rules: ResponseRules, request: ReplyRequest) -> list[Choice]:
    """The shaped choices: a fine-tuned model answers from its training, a base model from the rules. A
    model whose index was reset (or replaced) since it was resolved is not found."""
    try:
        answer = model.index.answer(request) if model.index is not None else rules.answer(request)
    except IndexGone:
        raise model_not_found(model.requested) from None
    return shape(answer, request, model.encoding)


def prompt_tokens(
    model: InferenceModel, messages: Iterable[Mapping[str, Any]], *, tools: Any = None, functions: Any = None
) -> int:
    return tokens.count_messages(model.encoding, messages, tools=tools, functions=functions)


def record_usage(
    ctx: Context, model: InferenceModel, *, endpoint: str, request_id: str, prompt: int, completion: int,
    created_at: int, messages: Iterable[Any] = (), tools: Iterable[Any] = (),
) -> int:
    """Append the call to the usage ledger and its charge to the cost ledger, together (never shown in API
    responses; the server writes both behind the request). Returns the prompt's cached tokens
    (services/prompt_cache.py), for the response's usage."""
    cached = use_prompt_cache(ctx, model, prompt=prompt, messages=messages, tools=tools, at=created_at)
    usage = UsageRecord(
        request_id=request_id, owner=ctx.caller.owner, endpoint=endpoint, model=model.requested,
        base_model=model.spec.id, prompt_tokens=prompt, cached_tokens=cached, completion_tokens=completion,
        created_at=created_at, batch=ctx.batch,
    )
    ctx.store.record_call(usage, inference_records(
        ctx, request_id=request_id, model=model.requested, snapshot=model.spec.id, prompt=prompt, cached=cached,
        completion=completion, at=created_at))
    return cached


def service_tier(requested: str | None) -> str:
    """The tier that served the call: `flex` and `priority` as asked (`fast` shows as `priority`), else default."""
    if requested == "fast":
        return "priority"
    return requested if requested in ("flex", "priority") else "default"
