"""`/_mock/webhooks`: the webhook delivery log (our extension, no API key needed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mockserver.deps import JobWebhooksDep
from mockserver.schemas.webhooks import WebhookLog

router = APIRouter(prefix="/_mock/webhooks", tags=["control"])


@router.get("", response_model=WebhookLog)
def list_webhook_deliveries(
    service: JobWebhooksDep, limit: Annotated[int, Query(ge=1, le=10_000)] = 100
) -> WebhookLog:
    """Newest first, with the URL and the signing secret."""
    return service.log(limit=limit)
