"""Each worker's webhook sender: a thread that passes when woken, keeps going through failures, stops cleanly;
and the attempts it makes (a lapsed lease of a killed worker is sent again)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockserver.core.clock import ManualClock, SystemClock
from mockserver.core.config import Settings
from mockserver.core.webhook_signing import MAX_ATTEMPTS
from mockserver.server.app import create_app
from mockserver.services.webhook_delivery import DeliveryAttempts, WebhookSender, lease_seconds
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import initialise_database, open_database
from mockserver.store.webhooks import Delivery
from tests.conftest import START_TIME
from tests.webhooks_support import Receiver, running_receiver

WAIT_SECONDS = 10.0  # a deadline for a background thread, not a timing under test
NEVER = 3600.0  # an interval no test waits out: every pass it sees was woken


class CountingPass:
    """A pass that raises on its first `failures` calls and reports a full batch on its first `full` calls."""

    def __init__(self, *, failures: int = 0, full: int = 0) -> None:
        self.calls = 0
        self.failures = failures
        self.full = full

    def __call__(self) -> bool:
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError("database is locked")
        return self.calls <= self.full


@pytest.fixture
def started() -> Iterator[list[WebhookSender]]:
    """Senders a test starts; all stopped afterwards."""
    senders: list[WebhookSender] = []
    yield senders
    for sender in senders:
        sender.stop()


def start(senders: list[WebhookSender], sender: WebhookSender) -> WebhookSender:
    senders.append(sender)
    sender.start()
    return sender


def wait_for_passes(sender: WebhookSender, count: int) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while sender.passes < count and time.monotonic() < deadline:
        sender.wait_for_pass(sender.passes, deadline - time.monotonic())
    assert sender.passes >= count, f"only {sender.passes} passes ran"


def test_sender_passes_at_start_and_when_woken(started: list[WebhookSender]) -> None:
    send_pass = CountingPass()
    sender = start(started, WebhookSender(send_pass, interval=NEVER))
    wait_for_passes(sender, 1)  # the first pass: what the last run of the server left due

    sender.wake()

    wait_for_passes(sender, 2)
    assert send_pass.calls == 2


def test_a_full_batch_is_followed_by_another_pass(started: list[WebhookSender]) -> None:
    send_pass = CountingPass(full=2)

    sender = start(started, WebhookSender(send_pass, interval=NEVER))

    wait_for_passes(sender, 3)  # two full batches, then the one that found the rest
    assert send_pass.calls == 3


def test_sender_keeps_passing_after_a_pass_fails(
    started: list[WebhookSender], caplog: pytest.LogCaptureFixture
) -> None:
    sender = start(started, WebhookSender(CountingPass(failures=2), interval=0))

    wait_for_passes(sender, 4)

    failures = [record for record in caplog.records if "webhook delivery pass failed" in record.getMessage()]
    assert len(failures) == 1  # logged once per run of failures, not once per pass


def test_sweep_runs_at_most_once_an_interval(started: list[WebhookSender]) -> None:
    sweeps = CountingPass()
    sender = start(started, WebhookSender(CountingPass(), sweep=sweeps, interval=NEVER))
    for passes in (2, 3):
        sender.wake()
        wait_for_passes(sender, passes)

    assert sweeps.calls == 1


def test_sender_stops_and_passes_no_more() -> None:
    send_pass = CountingPass()
    sender = WebhookSender(send_pass, interval=NEVER)
    sender.start()
    wait_for_passes(sender, 1)

    sender.stop()
    sender.wake()

    assert (sender.running, send_pass.calls) == (False, 1)


@pytest.mark.parametrize(("clock", "webhook_url", "sends", "sweeps"), [
    (SystemClock(), "http://127.0.0.1:9/hooks", True, True),
    (ManualClock(0), "http://127.0.0.1:9/hooks", True, False),  # its clock routes sweep instead
    (SystemClock(), None, False, False),
])
def test_app_has_a_sender_with_a_webhook_url_sweeping_on_the_system_clock(
    tmp_path: Path, clock: SystemClock | ManualClock, webhook_url: str | None, sends: bool, sweeps: bool
) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", webhook_url=webhook_url), clock=clock)

    sender = app.state.webhook_sender
    assert (sender is not None, sender is not None and sender.sweep is not None) == (sends, sweeps)


class FixedClock:
    def __init__(self, now: int) -> None:
        self.value = now

    def now(self) -> int:
        return self.value


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as box:
        yield box


def test_the_lapsed_lease_of_a_killed_worker_is_sent_again(tmp_path: Path, receiver: Receiver) -> None:
    settings = Settings(data_dir=tmp_path / "data", seed=1, webhook_url=receiver.url)
    initialise_database(settings.database_path)
    store = Store(open_database(settings.database_path), BlobStore(settings.blobs_dir))
    wall = FixedClock(2_000_000_000)
    attempts = DeliveryAttempts(store=store, settings=settings, clock=ManualClock(START_TIME), wall_clock=wall)
    store.webhooks.claim(Delivery(id="evt_1", webhook_id="wh_1", job_id="ftjob-1", owner="o",
                                  type="fine_tuning.job.succeeded", url=receiver.url, body="{}",
                                  created_at=START_TIME))
    [delivery] = store.webhooks.due(now=START_TIME, wall_now=wall.value, max_attempts=MAX_ATTEMPTS, limit=1)
    store.webhooks.lease(delivery, token="killed-worker", at=START_TIME, until=wall.value + lease_seconds(2.0))

    assert attempts.send_due() is False and receiver.received == []  # the lease holds
    wall.value += lease_seconds(2.0) + 1
    attempts.send_due()

    [(headers, _)] = receiver.received
    [logged] = store.webhooks.list(limit=1)[0]
    assert headers["webhook-id"] == "wh_1"
    assert (logged.attempts, logged.status) == (2, 200)
    store.close()
