"""`/_mock/webhooks`: the webhook delivery log, and a flush (our extension, no API key needed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mockserver.schemas.webhooks import WebhookFlush, WebhookFlushRequest, WebhookLog
from mockserver.web.deps import JobWebhooksDep

router = APIRouter(prefix="/_mock/webhooks", tags=["control"])


@router.get("", response_model=WebhookLog)
def list_webhook_deliveries(
    service: JobWebhooksDep, limit: Annotated[int, Query(ge=1, le=10_000)] = 100
) -> WebhookLog:
    """Newest first, with the URL and the signing secret."""
    return service.log(limit=limit)


@router.post("/flush", response_model=WebhookFlush)
def flush_webhooks(service: JobWebhooksDep, body: WebhookFlushRequest | None = None) -> WebhookFlush:
    """Claim the events of jobs now terminal, then wait (at most `timeout` seconds) until no delivery is due or
    being sent; sync, as it blocks a thread while it waits."""
    return service.flush(timeout=(body or WebhookFlushRequest()).timeout)
