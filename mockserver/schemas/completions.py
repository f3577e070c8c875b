"""Legacy Completions wire model, mirroring `openai.types.completion_create_params` (the request)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from mockserver.schemas.chat import StreamOptions

# A string, strings, a token array, or token arrays: which one is told apart by the service.
Prompt = str | list[str] | list[int] | list[list[int]]


class CompletionCreate(BaseModel):
    """POST /v1/completions: every parameter the SDK can send. Value ranges are checked by the service
    (worded like the real API); pydantic only checks the JSON types (strictly: no "3" for 3)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    model: str
    prompt: Prompt | None
    best_of: int | None = None
    echo: bool | None = None
    frequency_penalty: float | None = None
    logit_bias: dict[str, int] | None = None
    logprobs: int | None = None
    max_tokens: int | None = None
    n: int | None = None
    presence_penalty: float | None = None
    seed: int | None = None
    stop: str | list[str] | None = None
    stream: bool | None = None
    stream_options: StreamOptions | None = None
    suffix: str | None = None
    temperature: float | None = None
    top_p: float | None = None
    user: str | None = None


# -- response (for the OpenAPI document; the service sends the dict it builds, in this shape) ----------------
class CompletionLogprobs(BaseModel):
    tokens: list[str] | None = None
    token_logprobs: list[float | None] | None = None
    top_logprobs: list[dict[str, float] | None] | None = None
    text_offset: list[int] | None = None


class CompletionChoice(BaseModel):
    text: str
    index: int
    logprobs: CompletionLogprobs | None = None
    finish_reason: Literal["stop", "length", "content_filter"] | None = None


class CompletionUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class Completion(BaseModel):
    id: str
    object: Literal["text_completion"] = "text_completion"
    created: int
    model: str
    choices: list[CompletionChoice]
    system_fingerprint: str | None = None
    usage: CompletionUsage | None = None
