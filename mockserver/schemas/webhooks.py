"""`/_mock/webhooks` shapes: the webhook delivery log (our extension, not part of OpenAI's API)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class WebhookDelivery(BaseModel):
    """One job event: claimed once, sent until the receiver answers 2xx or the retries run out."""

    id: str = Field(description="The event id (`evt_…`), as in the body.")
    object: Literal["mock.webhook_delivery"] = "mock.webhook_delivery"
    webhook_id: str = Field(description="The `webhook-id` header (`wh_…`).")
    type: str
    job_id: str
    url: str
    body: str = Field(description="The JSON body exactly as sent and signed.")
    created_at: int = Field(description="When the job reached the state, on the server's clock.")
    attempted_at: int | None = Field(description="When it was last sent (server's clock); null: not yet.")
    status: int | None = Field(description="The last attempt's HTTP status; null: no answer (see `error`).")
    error: str | None
    delivered: bool = Field(description="The receiver answered 2xx.")
    attempts: int = Field(description="Attempts made so far.")
    next_attempt_at: int | None = Field(description="When the next retry is due (server's clock); null: none.")


class WebhookLog(BaseModel):
    object: Literal["list"] = "list"
    url: str | None = Field(description="--webhook-url; null: webhooks are off.")
    secret: str | None = Field(description="The signing secret (`whsec_…`), for `client.webhooks.unwrap`.")
    data: list[WebhookDelivery]
    has_more: bool
