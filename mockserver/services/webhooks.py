"""Webhooks (`--webhook-url`): a job's terminal state announced once, signed, sent off the request path.

No state lives outside the data dir. A job's event is claimed (a unique row, so once across workers) by whoever
first finds the job terminal: a read of it, the cancel, a create at `--speed inf`, a sweep after the manual
clock moves, and, on the system clock, each worker's sender once a second. The claim is the outbox entry: the
request that makes it wakes its worker's `WebhookSender` (services/webhook_delivery.py), which sends it; the
request never waits for the receiver. A claim made inside a transaction is only seen once that commits (an
event is never sent for a write that is rolled back); the next wake or the sender's next pass sends it.
A failed delivery is logged and retried on the schedule of `core.webhook_signing.RETRY_DELAYS` (server's clock).
`flush` waits, bounded, until nothing is due: what `POST /_mock/webhooks/flush` calls, for tests.
"""

from __future__ import annotations

import time

from mockserver.core.clock import Clock, ControllableClock, SystemClock
from mockserver.core.config import Settings
from mockserver.core.webhook_signing import JOB_EVENT_TYPES, MAX_ATTEMPTS, event_body, event_ids
from mockserver.schemas.webhooks import WebhookDelivery, WebhookFlush, WebhookLog
from mockserver.services.webhook_delivery import DeliveryAttempts, WebhookSender, webhook_secret
from mockserver.simulator import JobState, observe
from mockserver.simulator.state import events_at
from mockserver.store import Store, Stores
from mockserver.store.jobs import JobRecord
from mockserver.store.webhooks import Delivery

FLUSH_POLL_SECONDS = 0.05  # how often a flush looks at the outbox while other workers' senders may be sending
FLUSH_LIMIT = 1000  # deliveries a flush returns


def terminal_time(job: JobRecord, state: JobState, now: int) -> int:
    """When the job reached its terminal state, on the server's clock."""
    if state.status == "succeeded" and state.finished_at is not None:
        return state.finished_at
    if state.status == "cancelled":
        return next((c.at for c in job.controls if c.action == "cancel"), now)
    errors = [event.created_at for event in events_at(job.plan, job.controls, now) if event.level == "error"]
    return errors[-1] if errors else now


class JobWebhooks:
    def __init__(self, *, store: Store, settings: Settings, clock: Clock, sender: WebhookSender | None = None,
                 wall_clock: Clock | None = None) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.sender = sender  # this worker's; None where nothing sends (the `costs` command, an unstarted app)
        self.wall_clock = wall_clock or SystemClock()  # the sender's lease times

    def announce(self, job: JobRecord, state: JobState) -> None:
        """Claim the event of a job seen in a terminal state, the first time anyone sees it, and have it sent."""
        if self.settings.webhook_url is None or state.status not in JOB_EVENT_TYPES:
            return
        event_id, _ = event_ids(job.plan.inputs.salt, JOB_EVENT_TYPES[state.status])
        due = self.store.webhooks.due_state(event_id, self.clock.now())
        if due is None:  # not claimed yet
            due = self._claim(job, state)
        # else the usual case, announced before: `due` when it failed and its retry time has come
        if due:
            self._wake()

    def sweep(self) -> None:
        """Claim the event of every job (any caller's) that has become terminal, then have every due event and
        retry sent. No read of the jobs is needed: what the clock and cancel routes call."""
        if self.settings.webhook_url is None:
            return
        self.claim_finished()
        self._wake()

    def claim_finished(self) -> None:
        """Claim the event of every job that has become terminal with no event claimed yet (sends nothing)."""
        if self.settings.webhook_url is None:
            return
        now = self.clock.now()
        for job in self.store.jobs.unannounced(now):
            state = observe(job, now)
            if state.status in JOB_EVENT_TYPES:
                self._claim(job, state)

    def _claim(self, job: JobRecord, state: JobState) -> bool:
        """Insert the job's event row; True for the one caller (of any worker) whose row went in."""
        url, event_type = self.settings.webhook_url, JOB_EVENT_TYPES[state.status]
        assert url is not None
        event_id, webhook_id = event_ids(job.plan.inputs.salt, event_type)
        created_at = terminal_time(job, state, self.clock.now())
        body = event_body(event_id=event_id, event_type=event_type, created_at=created_at, job_id=job.id)
        return self.store.webhooks.claim(Delivery(
            id=event_id, webhook_id=webhook_id, job_id=job.id, owner=job.owner, type=event_type, url=url,
            body=body.decode(), created_at=created_at,
        ))

    def _wake(self) -> None:
        """Wake this worker's sender, unless the claim is not committed yet (the sender would not see it)."""
        if self.sender is not None and not self.store.webhooks.in_transaction():
            self.sender.wake()

    def flush(self, *, timeout: float) -> WebhookFlush:
        """Sweep, then wait until no event is due or being sent (by any worker), for at most `timeout` seconds.
        Returns the deliveries attempted since the last flush (each reported once) and how many are left."""
        if self.settings.webhook_url is None or self.sender is None:
            return WebhookFlush(data=[], has_more=False, pending=0)
        self.sweep()
        deadline = time.monotonic() + timeout
        while True:
            passes = self.sender.passes
            pending = self.store.webhooks.pending(now=self.clock.now(), wall_now=self.wall_clock.now(),
                                                  max_attempts=MAX_ATTEMPTS)
            remaining = deadline - time.monotonic()
            if not pending or remaining <= 0:
                break
            self.sender.wake()
            self.sender.wait_for_pass(passes, min(remaining, FLUSH_POLL_SECONDS))
        reported, has_more = self.store.webhooks.take_unreported(limit=FLUSH_LIMIT)
        return WebhookFlush(data=[wire_delivery(d) for d in reported], has_more=has_more, pending=pending)

    def log(self, *, limit: int) -> WebhookLog:
        deliveries, has_more = self.store.webhooks.list(limit=limit)
        secret = webhook_secret(self.settings) if self.settings.webhook_url else None
        return WebhookLog(url=self.settings.webhook_url, secret=secret, data=[wire_delivery(d) for d in deliveries],
                          has_more=has_more)


def wire_delivery(d: Delivery) -> WebhookDelivery:
    return WebhookDelivery(
        id=d.id, webhook_id=d.webhook_id, type=d.type, job_id=d.job_id, url=d.url, body=d.body,
        created_at=d.created_at, attempted_at=d.attempted_at, status=d.status, error=d.error,
        delivered=d.status is not None and 200 <= d.status < 300, attempts=d.attempts,
        next_attempt_at=d.next_attempt_at,
    )


def sender_for_app(*, stores: Stores, settings: Settings, clock: Clock) -> WebhookSender:
    """A worker's sender over the app's connections. On the system clock it also sweeps, as jobs finish with
    nobody looking; on a manual one time moves only through the clock routes, which sweep themselves."""

    def send_pass() -> bool:
        with stores.borrowed() as store:
            return DeliveryAttempts(store=store, settings=settings, clock=clock).send_due()

    def sweep() -> None:
        with stores.borrowed() as store:
            JobWebhooks(store=store, settings=settings, clock=clock).claim_finished()

    return WebhookSender(send_pass, sweep=None if isinstance(clock, ControllableClock) else sweep)
