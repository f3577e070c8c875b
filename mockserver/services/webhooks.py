"""Webhooks (`--webhook-url`): a job's terminal state announced once, signed, sent when it is reached.

No state lives outside the data dir. A job's event is claimed (a unique row, so once across workers) and
sent by whoever first finds the job terminal: a read of it, a sweep after the manual clock moves or a job
is cancelled, and, on the system clock, a sweep every second by each worker (`WebhookSweeper`, which only
calls what any request could). A claim made inside a transaction waits in the table (the outbox) until the
next announcement sends it, so an event is never sent for a write that is rolled back. A failed delivery is
logged and never fails the API request; it is retried on the schedule of `mockserver.webhooks.RETRY_DELAYS`
(server's clock) by the first sweep or read once the retry is due. Every attempt is also a row of the
request journal (`kind` "webhook").
"""

from __future__ import annotations

import asyncio
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from mockserver.clock import Clock, SystemClock
from mockserver.config import Settings
from mockserver.schemas.webhooks import WebhookDelivery, WebhookLog
from mockserver.simulator import Control, Plan, state_at
from mockserver.simulator.state import JobState, events_at
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.journal import JournalEntry, JournalRepo
from mockserver.store.pool import ConnectionPool
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
SWEEP_INTERVAL_SECONDS = 1.0


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
        """Claim and send the event of a job seen in a terminal state, the first time anyone sees it."""
        if self.settings.webhook_url is None or state.status not in JOB_EVENT_TYPES:
            return
        event_id, _ = event_ids(plan.inputs.salt, JOB_EVENT_TYPES[state.status])
        due = self.store.webhooks.due_state(event_id, self.clock.now())
        if due is None:  # not claimed yet
            due = self._claim(row, plan, state)
        # else the usual case, announced before: `due` when it failed and its retry time has come
        if due and not self.store.webhooks.in_transaction():
            self.send_due()

    def sweep(self) -> None:
        """Announce every job (any caller's) that has become terminal with no event claimed yet, then send
        every due event and retry. No read of the jobs is needed: what the clock and cancel routes and the
        system clock's `WebhookSweeper` call."""
        if self.settings.webhook_url is None:
            return
        now = self.clock.now()
        for row in self.store.jobs.unannounced():
            plan = Plan.from_dict(row["plan"])
            state = state_at(plan, [Control(**control) for control in row["controls"]], now)
            if state.status in JOB_EVENT_TYPES:
                self._claim(row, plan, state)
        if not self.store.webhooks.in_transaction():
            self.send_due()

    def _claim(self, row: dict[str, Any], plan: Plan, state: JobState) -> bool:
        """Insert the job's event row; True for the one caller (of any worker) whose row went in."""
        url, event_type = self.settings.webhook_url, JOB_EVENT_TYPES[state.status]
        assert url is not None
        event_id, webhook_id = event_ids(plan.inputs.salt, event_type)
        created_at = terminal_time(row, plan, state, self.clock.now())
        body = event_body(event_id=event_id, event_type=event_type, created_at=created_at, job_id=row["id"])
        return self.store.webhooks.claim(Delivery(
            id=event_id, webhook_id=webhook_id, job_id=row["id"], owner=row["owner"], type=event_type, url=url,
            body=body.decode(), created_at=created_at,
        ))

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
            JournalRepo(self.store.db).append(entry, recorded_at_ns=time.time_ns())
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


class WebhookSweeper:
    """On the system clock, jobs finish with nobody looking: every `interval` seconds this worker sweeps
    (`JobWebhooks.sweep`). It owns no state (the data dir has it all), so any number of workers may run one;
    a failed sweep is logged and the next one tries again, so it never takes the server down."""

    def __init__(self, sweep: Callable[[], None], *, interval: float = SWEEP_INTERVAL_SECONDS) -> None:
        self.sweep = sweep
        self.interval = interval
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._failing = False

    @classmethod
    def for_app(cls, *, pool: ConnectionPool, blobs: BlobStore, settings: Settings, clock: Clock) -> WebhookSweeper:
        def sweep() -> None:
            with pool.connection() as db:
                JobWebhooks(store=Store(db, blobs), settings=settings, clock=clock).sweep()
        return cls(sweep)

    def start(self) -> None:
        """Call from the running event loop (the app's lifespan)."""
        self._task = asyncio.get_running_loop().create_task(self._run(), name="mockserver-webhook-sweeper")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        """Let the sweep in progress finish (its deliveries time out after 2 s each), then end."""
        self._stop.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while not self._stop.is_set():
            await self._sweep_once()
            try:
                await asyncio.wait_for(self._stop.wait(), self.interval)
            except TimeoutError:
                pass

    async def _sweep_once(self) -> None:
        try:
            await asyncio.to_thread(self.sweep)  # SQLite and HTTP: blocking, so off the event loop
        except Exception:
            if not self._failing:  # once per run of failures, not every second
                logger.exception("webhook sweep failed; retrying every %s s", self.interval)
            self._failing = True
        else:
            if self._failing:
                logger.info("webhook sweep works again")
            self._failing = False
