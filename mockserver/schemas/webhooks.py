"""`/_mock/webhooks` shapes: the webhook delivery log (our extension, not part of OpenAI's API)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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


class WebhookFlushRequest(BaseModel):
    """Body of `POST /_mock/webhooks/flush` (optional)."""

    model_config = ConfigDict(extra="forbid")

    timeout: float = Field(10.0, gt=0, le=60, allow_inf_nan=False,
                           description="Seconds to wait at most for the due deliveries to be attempted.")


class WebhookFlush(BaseModel):
    """What `POST /_mock/webhooks/flush` answers once nothing is due or being sent (or its timeout is up)."""

    object: Literal["list"] = "list"
    data: list[WebhookDelivery] = Field(description="The deliveries attempted since the last flush (by any worker), "
                                        "as they stand now, oldest first, at most 1000; each is reported once.")
    has_more: bool = Field(description="More were attempted: the next flush reports them.")
    pending: int = Field(description="Deliveries still due or being sent when the wait ended (0 unless it timed "
                                     "out, e.g. on a receiver that does not answer).")
