"""Webhook events as the real service signs them (Standard Webhooks): ids, the secret, the body, the headers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

SECRET_PREFIX = "whsec_"
USER_AGENT = "OpenAI/1.0 (+https://platform.openai.com/docs/webhooks)"
JOB_EVENT_TYPES = {
    "succeeded": "fine_tuning.job.succeeded",
    "failed": "fine_tuning.job.failed",
    "cancelled": "fine_tuning.job.cancelled",
}


# Seconds from a failed attempt to the next: exponential backoff for up to about 72 hours after the event,
# as the real service retries. Ten attempts in all.
RETRY_DELAYS = (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 14 * 3600, 20 * 3600, 20 * 3600)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def next_attempt_at(*, attempts: int, failed_at: int) -> int | None:
    """When to try again after the `attempts`-th attempt failed at `failed_at`; None: no more attempts."""
    if attempts > len(RETRY_DELAYS):
        return None
    return failed_at + RETRY_DELAYS[attempts - 1]


def default_secret(*, seed: int | None, data_dir: Path) -> str:
    """The secret when none is set: derived from the seed (or the data dir), so every worker signs alike."""
    origin = f"seed:{seed}" if seed is not None else f"data_dir:{data_dir.resolve()}"
    key = hashlib.sha256(f"mockserver-webhook-secret:{origin}".encode()).digest()
    return SECRET_PREFIX + base64.b64encode(key).decode()


def secret_key(secret: str) -> bytes:
    """The HMAC key, read as the SDK reads it: base64 after `whsec_`, else the text itself."""
    if secret.startswith(SECRET_PREFIX):
        return base64.b64decode(secret[len(SECRET_PREFIX):])
    return secret.encode()


def event_ids(salt: str, event_type: str) -> tuple[str, str]:
    """(event id `evt_…`, delivery id `wh_…`): a pure function of the job's salt, once per event type."""
    digest = hashlib.sha256(f"{salt}:webhook:{event_type}".encode()).hexdigest()
    return "evt_" + digest[:32], "wh_" + digest[32:64]


def event_body(*, event_id: str, event_type: str, created_at: int, job_id: str) -> bytes:
    """The delivered JSON, exactly as signed."""
    event: dict[str, Any] = {"id": event_id, "object": "event", "created_at": created_at, "type": event_type,
                             "data": {"id": job_id}}
    return json.dumps(event, separators=(",", ":")).encode()


def signature(secret: str, *, webhook_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(secret_key(secret), signed, hashlib.sha256).digest()).decode()


def signed_headers(secret: str, *, webhook_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, webhook_id=webhook_id, timestamp=timestamp, body=body),
    }
