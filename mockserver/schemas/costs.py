"""Wire shapes of cost accounting: `POST /_mock/estimate`, and exact-decimal JSON for the Admin usage/costs pages."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class EstimateRequest(BaseModel):
    """`POST /_mock/estimate`: a file the caller uploaded and the job it would be used for."""

    model_config = ConfigDict(extra="forbid")

    file_id: str = Field(description="An uploaded file of the caller (purpose `fine-tune`).")
    model: str = Field(description="Base model (snapshot, alias or `ft:` id) to fine-tune.")
    method: Literal["supervised", "dpo", "reinforcement"] | None = Field(
        None, description="Default: supervised, or the model's only method.")
    n_epochs: int | Literal["auto"] = Field("auto", description="1-50, or `auto` (the job's own rule).")


class EstimatePrice(BaseModel):
    set: str = Field(description="The price set used (`--price-set`, else the newest that prices the model).")
    as_of: str
    source: str
    rate: str = Field(description="USD per `unit`, as exact decimal text.")
    unit: Literal["1M tokens", "hour"]


class TrainingEstimate(BaseModel):
    """What the job would be charged, by the rules the ledger uses (money as exact decimal strings)."""

    object: Literal["mock.training_estimate"] = "mock.training_estimate"
    file_id: str
    model: str = Field(description="The snapshot the model resolves to.")
    method: str
    valid: bool = Field(description="False: the job would fail validation (see `job_error`) and cost nothing.")
    n_examples: int
    billing_tokens: int
    n_epochs: int
    trained_tokens: int
    training_hours: str | None = Field(None, description="Simulated training hours, for per-hour models.")
    estimated_cost: str | None = Field(
        description="USD; null when the job would fail validation or no training price is known (`estimate_note`).")
    estimate_note: str | None = Field(None, description="Why there is no estimate (or a zero one); else null.")
    price: EstimatePrice | None
    job_error: dict[str, Any] | None


def decimal_text(value: Decimal) -> str:
    """A Decimal as a plain JSON number: every significant digit, no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def dumps(value: Any) -> str:
    """JSON in which every Decimal is a number written from its exact text (never through a float)."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(str(key)) + ":" + dumps(item) for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(dumps(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)
