"""`POST /_mock/explain` shapes: which training example a fine-tuned model answers with (our extension)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ExplainRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = Field(description="A fine-tuned model (or checkpoint) of the caller, or a base model.")
    messages: list[dict[str, Any]] = Field(description="The chat messages, as for /v1/chat/completions.")


class Explanation(BaseModel):
    """How the model chose its reply. Asking changes nothing: no usage, no charge, no journal row's body."""

    object: Literal["mock.explanation"] = "mock.explanation"
    model: str
    source: Literal["training", "fallback", "rule", "default"] = Field(
        description="training: an example's answer; fallback: no example matched well enough; rule/default: a "
        "base model's answer from fixtures/responses.json or its default.")
    score: float = Field(description="How well the example matched (1.0: exactly), else 0.")
    example: int | None = Field(None, description="training: the example's number (1-based, file order).")
    job_id: str | None = None
    training_file: str | None = None
    line: int | None = Field(None, description="The example's line in the training file; None once it is deleted.")
    question: str | None = Field(None, description="The example's last user message.")
    answer: str | None = Field(None, description="The answer before it is shaped to the request.")
