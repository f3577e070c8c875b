"""Chat Completions wire models, mirroring `openai.types.chat` (request params, completion, chunk).

Responses are `WireModel`s: a field defaulting to null is sent only when the service sets it, so
the real API's `"refusal": null` is sent while `tool_calls` without calls, or `usage` without
`include_usage`, is left out.
"""

from __future__ import annotations

from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from mockserver.schemas.wire import WireModel

ServiceTier = Literal["auto", "default", "flex", "scale", "priority", "fast"]
FinishReason = Literal["stop", "length", "tool_calls", "content_filter", "function_call"]


class _Request(BaseModel):
    # strict: the real API does not coerce "3" into 3 or 1 into true.
    model_config = ConfigDict(extra="forbid", strict=True)


class StreamOptions(_Request):
    include_usage: bool | None = None
    include_obfuscation: bool | None = None


class ChatCompletionCreate(_Request):
    """POST /v1/chat/completions: every parameter the SDK can send.

    Messages, tools and the value ranges are checked by the service, which words the errors like the
    real API (`messages[0].role`, `integer_above_max_value`, …); pydantic only checks the JSON types.
    """

    model: str
    messages: list[Any]
    stream: bool | None = None
    stream_options: StreamOptions | None = None
    n: int | None = None
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    stop: str | list[str] | None = None
    temperature: float | None = None
    top_p: float | None = None
    seed: int | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    parallel_tool_calls: bool | None = None
    response_format: dict[str, Any] | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = None
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
    logit_bias: dict[str, int] | None = None
    user: str | None = None
    safety_identifier: str | None = None
    metadata: dict[str, str] | None = None
    store: bool | None = None
    service_tier: ServiceTier | None = None
    reasoning_effort: str | None = None
    verbosity: Literal["low", "medium", "high"] | None = None
    prediction: dict[str, Any] | None = None
    modalities: list[Literal["text", "audio"]] | None = None
    audio: dict[str, Any] | None = None
    functions: list[dict[str, Any]] | None = None
    function_call: str | dict[str, Any] | None = None
    web_search_options: dict[str, Any] | None = None
    prompt_cache_key: str | None = None
    prompt_cache_retention: Literal["in_memory", "24h"] | None = None
    prompt_cache_options: dict[str, Any] | None = None
    moderation: dict[str, Any] | None = None


# -- responses --------------------------------------------------------------------------------
class FunctionCall(WireModel):
    name: str
    arguments: str


class ToolCall(WireModel):
    id: str
    type: Literal["function"] = "function"
    function: FunctionCall


class ChatMessage(WireModel):
    role: Literal["assistant"] = "assistant"
    content: str | None = None
    tool_calls: list[ToolCall] | None = None
    function_call: FunctionCall | None = None
    refusal: str | None = None
    annotations: list[dict[str, Any]] | None = None


class TopLogprob(WireModel):
    token: str
    logprob: float
    bytes: list[int] | None = None


class TokenLogprob(WireModel):
    token: str
    logprob: float
    bytes: list[int] | None = None
    top_logprobs: list[TopLogprob]


class ChoiceLogprobs(WireModel):
    content: list[TokenLogprob] | None = None
    refusal: list[TokenLogprob] | None = None


class Choice(WireModel):
    index: int
    message: ChatMessage
    logprobs: ChoiceLogprobs | None = None
    finish_reason: FinishReason


class PromptTokensDetails(WireModel):
    cached_tokens: int = 0
    audio_tokens: int = 0


class CompletionTokensDetails(WireModel):
    reasoning_tokens: int = 0
    audio_tokens: int = 0
    accepted_prediction_tokens: int = 0
    rejected_prediction_tokens: int = 0


class CompletionUsage(WireModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    prompt_tokens_details: PromptTokensDetails = Field(default_factory=PromptTokensDetails)
    completion_tokens_details: CompletionTokensDetails = Field(default_factory=CompletionTokensDetails)


class ChatCompletion(WireModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: CompletionUsage
    service_tier: ServiceTier | None = None
    system_fingerprint: str | None = None


def completion_json(completion: dict[str, Any]) -> bytes:
    """`ChatCompletion.model_validate(completion).wire_json()` for a completion already in its sent form (every
    field in the model's order, unset nulls left out: services/chat.py), written directly, several times
    cheaper. With logprobs, through the model: the models then normalise what the responder drew."""
    if any(choice["logprobs"] is not None for choice in completion["choices"]):
        return ChatCompletion.model_validate(completion).wire_json()
    return orjson.dumps(completion)


class DeltaFunction(WireModel):
    name: str | None = None
    arguments: str | None = None


class DeltaToolCall(WireModel):
    index: int
    id: str | None = None
    type: Literal["function"] | None = None
    function: DeltaFunction | None = None


class ChoiceDelta(WireModel):
    role: Literal["assistant"] | None = None
    content: str | None = None
    tool_calls: list[DeltaToolCall] | None = None
    function_call: DeltaFunction | None = None
    refusal: str | None = None


class ChunkChoice(WireModel):
    index: int
    delta: ChoiceDelta
    logprobs: ChoiceLogprobs | None = None
    finish_reason: FinishReason | None = None


class ChatCompletionChunk(WireModel):
    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    service_tier: ServiceTier | None = None
    system_fingerprint: str | None = None
    choices: list[ChunkChoice]
    usage: CompletionUsage | None = None
    obfuscation: str | None = None
