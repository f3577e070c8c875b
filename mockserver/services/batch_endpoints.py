"""The endpoints a batch may target, each answered by the same service as its HTTP route.

Serving another endpoint in batches is one entry of `batch_runners` (its runner parses the body with the
route's request model and calls the route's service).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from mockserver.core.catalog import ModelCatalog
from mockserver.responder.rules import ResponseRules
from mockserver.services.context import Context

# Every endpoint the real API accepts for a batch (openai-openapi.yaml, `POST /batches` `endpoint`).
SPEC_ENDPOINTS = ("/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations",
                  "/v1/images/generations", "/v1/images/edits", "/v1/videos")


@dataclass(frozen=True)
class RunResult:
    """A request's answer as the route sends it, and its tokens (for the batch's `usage`)."""

    body: dict[str, Any]
    input_tokens: int
    cached_tokens: int
    output_tokens: int


# Given the batch's context and a line's `body`; raises what the route's service raises (OpenAIError), or
# pydantic's ValidationError for a body the route's request model refuses.
Runner = Callable[[Context, dict[str, Any]], RunResult]


def batch_runners(catalog: ModelCatalog, rules: ResponseRules) -> Mapping[str, Runner]:
    """The endpoints this server answers in batches."""
    return {
        "/v1/chat/completions": lambda ctx, body: _chat(ctx, catalog, rules, body),
        "/v1/responses": lambda ctx, body: _responses(ctx, catalog, rules, body),
        "/v1/completions": lambda ctx, body: _completions(ctx, catalog, rules, body),
    }


def _chat(ctx: Context, catalog: ModelCatalog, rules: ResponseRules, body: dict[str, Any]) -> RunResult:
    from mockserver.schemas.chat import ChatCompletionCreate, completion_json
    from mockserver.services.chat import ChatService

    result = ChatService(ctx, catalog=catalog, rules=rules).create(ChatCompletionCreate.model_validate(body))
    sent = orjson.loads(completion_json(result.completion))
    usage = sent["usage"]
    return RunResult(body=sent, input_tokens=usage["prompt_tokens"],
                     cached_tokens=usage["prompt_tokens_details"]["cached_tokens"],
                     output_tokens=usage["completion_tokens"])


def _responses(ctx: Context, catalog: ModelCatalog, rules: ResponseRules, body: dict[str, Any]) -> RunResult:
    from mockserver.schemas.responses import ResponseCreate
    from mockserver.services.responses import ResponsesService

    result = ResponsesService(ctx, catalog=catalog, rules=rules).create(ResponseCreate.model_validate(body))
    sent = orjson.loads(result.response.wire_json())
    usage = sent["usage"]
    return RunResult(body=sent, input_tokens=usage["input_tokens"],
                     cached_tokens=usage["input_tokens_details"]["cached_tokens"],
                     output_tokens=usage["output_tokens"])


def _completions(ctx: Context, catalog: ModelCatalog, rules: ResponseRules, body: dict[str, Any]) -> RunResult:
    from mockserver.schemas.completions import CompletionCreate
    from mockserver.services.completions import CompletionsService

    result = CompletionsService(ctx, catalog=catalog, rules=rules).create(CompletionCreate.model_validate(body))
    usage = result.completion["usage"]
    return RunResult(body=result.completion, input_tokens=usage["prompt_tokens"], cached_tokens=0,
                     output_tokens=usage["completion_tokens"])
