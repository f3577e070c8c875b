"""Webhooks (`--webhook-url`): a job's terminal state announced once, signed, sent when a read first sees it.

There are no background threads: the reader that first sees a job succeeded, failed or cancelled claims its
event (a unique row, so once across workers) and sends it at once, with a short timeout, before answering.
A claim made inside a transaction waits in the table (the outbox) until the next announcement sends it, so
an event is never sent for a write that is rolled back. A failed delivery is logged and never fails the API
request; it is retried on the schedule of `mockserver.webhooks.RETRY_DELAYS` (server's clock) by the first
read of the job once the retry is due. Every attempt is also a row of the request journal (`kind` "webhook").
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from typing import Any

from mockserver.clock import Clock, SystemClock
from mockserver.config import Settings
from mockserver.schemas.webhooks import WebhookDelivery, WebhookLog
from mockserver.simulator import Control, Plan
from mockserver.simulator.state import JobState, events_at
from mockserver.store import Store
from mockserver.store.journal import JournalEntry, JournalRepo
from mockserver.store.webhooks import Delivery
from mockserver.webhooks import (
    JOB_EVENT_TYPES,
    default_secret,
    event_body,
    event_ids,
    next_attempt_at,
    signed_headers,
)

logger = logging.getLogger("mockserver")

DELIVERY_TIMEOUT_SECONDS = 2.0


def webhook_secret(settings: Settings) -> str:
    return settings.webhook_secret or default_secret(seed=settings.seed, data_dir=settings.data_dir)


def terminal_time(row: dict[str, Any], plan: Plan, state: JobState, now: int) -> int:
    """When the job reached its terminal state, on the server's clock."""
    if state.status == "succeeded" and state.finished_at is not None:
        return state.finished_at
    controls = [Control(**control) for control in row["controls"]]
    if state.status == "cancelled":
        return next((c.at for c in controls if c.action == "cancel"), now)
    errors = [event.created_at for event in events_at(plan, controls, now) if event.level == "error"]
    return errors[-1] if errors else now


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str | None]:
    """(HTTP status, error): never raises."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=DELIVERY_TIMEOUT_SECONDS) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except Exception as exc:  # any failure to deliver is the receiver's problem, not the API caller's
        return None, f"{type(exc).__name__}: {exc}"
    return status, None if 200 <= status < 300 else f"HTTP {status}"


class JobWebhooks:
    def __init__(self, *, store: Store, settings: Settings, clock: Clock, wall_clock: Clock | None = None) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        # The signature's timestamp is wall time: the SDK rejects one more than 5 minutes from its own clock.
        self.wall_clock = wall_clock or SystemClock()

    def announce(self, row: dict[str, Any], plan: Plan, state: JobState) -> None:
        """Claim and send the event of a job seen in a terminal state, the first time any reader sees it."""
        url, event_type = self.settings.webhook_url, JOB_EVENT_TYPES.get(state.status)
        if url is None or event_type is None:
            return
        event_id, webhook_id = event_ids(plan.inputs.salt, event_type)
        now = self.clock.now()
        due = self.store.webhooks.due_state(event_id, now)
        if due is not None:  # the usual case: announced by an earlier read
            if due and not self.store.webhooks.in_transaction():
                self.send_due()  # a failed delivery whose retry time has come
            return
        created_at = terminal_time(row, plan, state, now)
        body = event_body(event_id=event_id, event_type=event_type, created_at=created_at, job_id=row["id"])
        claimed = self.store.webhooks.claim(Delivery(
            id=event_id, webhook_id=webhook_id, job_id=row["id"], owner=row["owner"], type=event_type, url=url,
            body=body.decode(), created_at=created_at,
        ))
        if claimed and not self.store.webhooks.in_transaction():
            self.send_due()

    def send_due(self) -> None:
        """Send every claimed event not yet attempted, and every due retry (each attempt by one worker only)."""
        secret = webhook_secret(self.settings)
        for delivery in self.store.webhooks.due(self.clock.now()):
            attempted_at = self.clock.now()
            if not self.store.webhooks.start_attempt(delivery, attempted_at):
                continue
            body = delivery.body.encode()
            headers = signed_headers(secret, webhook_id=delivery.webhook_id, timestamp=self.wall_clock.now(),
                                     body=body)
            started = time.perf_counter()
            status, error = post(delivery.url, body, headers)
            self.journal(delivery, status=status, at=attempted_at,
                         duration_ms=round((time.perf_counter() - started) * 1000, 3))
            retry_at = None
            if error is not None:
                retry_at = next_attempt_at(attempts=delivery.attempts + 1, failed_at=attempted_at)
                logger.warning("webhook %s for %s to %s (attempt %d): %s", delivery.type, delivery.job_id,
                               delivery.url, delivery.attempts + 1, error)
            self.store.webhooks.record(delivery.id, status=status, error=error, next_attempt_at=retry_at)

    def journal(self, delivery: Delivery, *, status: int | None, at: int, duration_ms: float) -> None:
        """The attempt as a request-journal row; the journal is an aid, so a failure to write it is only logged."""
        entry = JournalEntry(
            id=delivery.webhook_id, method="POST", path=delivery.url, query="", status=status,
            body={"type": delivery.type, "id": delivery.id, "job_id": delivery.job_id}, fault_id=None,
            retry_count=delivery.attempts, duration_ms=duration_ms, created_at=at, kind="webhook",
        )
        try:
            JournalRepo(self.store.db).append(entry)
        except Exception:
            logger.exception("could not record webhook %s to %s in the request journal", delivery.id, delivery.url)

    def log(self, *, limit: int) -> WebhookLog:
        deliveries, has_more = self.store.webhooks.list(limit=limit)
        data = [WebhookDelivery(
            id=d.id, webhook_id=d.webhook_id, type=d.type, job_id=d.job_id, url=d.url, body=d.body,
            created_at=d.created_at, attempted_at=d.attempted_at, status=d.status, error=d.error,
            delivered=d.status is not None and 200 <= d.status < 300, attempts=d.attempts,
            next_attempt_at=d.next_attempt_at,
        ) for d in deliveries]
        secret = webhook_secret(self.settings) if self.settings.webhook_url else None
        return WebhookLog(url=self.settings.webhook_url, secret=secret, data=data, has_more=has_more)
