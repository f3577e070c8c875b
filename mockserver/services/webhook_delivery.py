"""Sending webhook events off the request path: each worker process's `WebhookSender` and its attempts.

A request only claims an event (its row in `job_webhook_deliveries`, the outbox, written with the state change
that made it) and wakes its process's sender; it never waits for the receiver. The sender, a thread started
with the app, sends every due row: an event never attempted, a failed one whose retry has come on the server's
clock (`core.webhook_signing.RETRY_DELAYS`), and an attempt whose lease lapsed. It runs when woken and at least
every `SEND_INTERVAL_SECONDS` (so it also sees other workers' rows, and retries on the system clock).

Exactly once across workers: each attempt is leased before it is sent (one atomic UPDATE, so one worker of any
number makes it) and its outcome recorded by the lease's holder only. A worker killed mid-send leaves its lease
to lapse (`lease_seconds`, on the wall clock) and another worker then sends the event again: at the wire,
delivery is at-least-once (the receiver may have got the first attempt), as with any webhook sender.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable

from mockserver.core.clock import Clock, SystemClock
from mockserver.core.config import Settings
from mockserver.core.webhook_signing import MAX_ATTEMPTS, default_secret, next_attempt_at, signed_headers
from mockserver.services.background import PassRunner
from mockserver.store import Store
from mockserver.store.journal import JournalRow
from mockserver.store.webhooks import Delivery

logger = logging.getLogger("mockserver")

DELIVERY_TIMEOUT_SECONDS = 2.0
LEASE_MARGIN_SECONDS = 30  # beyond the delivery timeout: a live worker records its attempt well within it
SEND_INTERVAL_SECONDS = 1.0
BATCH_SIZE = 100  # rows read per pass; a full batch is followed by another pass at once


def webhook_secret(settings: Settings) -> str:
    return settings.webhook_secret or default_secret(seed=settings.seed, data_dir=settings.data_dir)


def lease_seconds(timeout: float) -> int:
    """How long an attempt is leased: longer than the attempt can take, so only a dead worker's lapses."""
    return math.ceil(timeout) + LEASE_MARGIN_SECONDS


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> tuple[int | None, str | None]:
    """(HTTP status, error): never raises."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except Exception as exc:  # any failure to deliver is the receiver's problem, not the API caller's
        return None, f"{type(exc).__name__}: {exc}"
    return status, None if 200 <= status < 300 else f"HTTP {status}"


class DeliveryAttempts:
    """Attempts at due events, over one connection."""

    def __init__(self, *, store: Store, settings: Settings, clock: Clock, wall_clock: Clock | None = None,
                 timeout: float | None = None) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        # Leases and the signature's timestamp are wall time: the manual clock may stand still, and the SDK
        # rejects a signature more than 5 minutes from its own clock.
        self.wall_clock = wall_clock or SystemClock()
        self.timeout = DELIVERY_TIMEOUT_SECONDS if timeout is None else timeout

    def send_due(self) -> bool:
        """Attempt a batch of due events, oldest first; True when the batch was full (more may be due)."""
        batch = self.store.webhooks.due(now=self.clock.now(), wall_now=self.wall_clock.now(),
                                        max_attempts=MAX_ATTEMPTS, limit=BATCH_SIZE)
        for delivery in batch:
            self.attempt(delivery)
        return len(batch) == BATCH_SIZE

    def attempt(self, delivery: Delivery) -> bool:
        """Lease, send and record one attempt; False when another worker leased it first."""
        token, attempted_at = secrets.token_hex(16), self.clock.now()
        lease_until = self.wall_clock.now() + lease_seconds(self.timeout)
        if not self.store.webhooks.lease(delivery, token=token, at=attempted_at, until=lease_until):
            return False
        body = delivery.body.encode()
        headers = signed_headers(webhook_secret(self.settings), webhook_id=delivery.webhook_id,
                                 timestamp=self.wall_clock.now(), body=body)
        started = time.perf_counter()
        status, error = post(delivery.url, body, headers, timeout=self.timeout)
        self.journal(delivery, status=status, at=attempted_at,
                     duration_ms=round((time.perf_counter() - started) * 1000, 3))
        retry_at = None
        if error is not None:
            retry_at = next_attempt_at(attempts=delivery.attempts + 1, failed_at=attempted_at)
            logger.warning("webhook %s for %s to %s (attempt %d): %s", delivery.type, delivery.job_id,
                           delivery.url, delivery.attempts + 1, error)
        if not self.store.webhooks.record(delivery.id, token=token, status=status, error=error,
                                          next_attempt_at=retry_at):
            logger.warning("webhook %s for %s: its lease was lost while it was sent (it lapsed, or the data dir was "
                           "reset); the outcome is not recorded", delivery.type, delivery.job_id)
        return True

    def journal(self, delivery: Delivery, *, status: int | None, at: int, duration_ms: float) -> None:
        """The attempt as a request-journal row; the journal is an aid, so a failure to write it is only logged."""
        entry = JournalRow(
            id=delivery.webhook_id, method="POST", path=delivery.url, query="", status=status,
            body={"type": delivery.type, "id": delivery.id, "job_id": delivery.job_id}, fault_id=None,
            retry_count=delivery.attempts, duration_ms=duration_ms, created_at=at, kind="webhook",
        )
        try:
            self.store.journal.append(entry, recorded_at_ns=time.time_ns())
        except Exception:
            logger.exception("could not record webhook %s to %s in the request journal", delivery.id, delivery.url)


class WebhookSender(PassRunner):
    """This worker's background sender: `send_pass` when woken and every `interval` seconds, and `sweep`
    (claiming the events of jobs that finished with nobody looking) at most every `interval`."""

    def __init__(self, send_pass: Callable[[], bool], *, sweep: Callable[[], None] | None = None,
                 interval: float = SEND_INTERVAL_SECONDS) -> None:
        super().__init__(send_pass, sweep=sweep, interval=interval, name="webhook delivery")
