"""Webhook delivery runs off the request path: a receiver that never answers slows no API or clock request, the
event still arrives once it answers, and an attempt that times out is retried."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from mockserver.services import webhook_delivery
from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, SEED_MODEL, upload
from tests.live_server import LiveServer
from tests.support import sdk_client
from tests.webhooks_support import SECRET, Receiver, deliveries, flush, new_job, running_receiver, unwrap

HOUR = 3600
SLOW_RECEIVER_TIMEOUT = 30.0  # the delivery timeout these tests run with: far above any request's duration
REQUEST_BOUND_SECONDS = 10.0  # a request returns well within this unless it waits for the receiver
ARRIVAL_SECONDS = 20.0  # a deadline for the sender thread to reach the receiver, not a timing under test


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as box:
        yield box


@dataclass
class Hooked:
    server: LiveServer
    sdk: openai.OpenAI
    clock: ManualClock

    def advance(self, seconds: int) -> None:
        response = httpx.post(f"{self.server.base_url}/_mock/clock/advance", json={"seconds": seconds}, timeout=60)
        assert response.status_code == 200, response.text


@pytest.fixture
def hooked(
    start_server: Callable[..., LiveServer], receiver: Receiver, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Hooked]]:
    """Start a manual-clock server whose webhooks go to `receiver`, with a 30-second delivery timeout."""
    monkeypatch.setattr(webhook_delivery, "DELIVERY_TIMEOUT_SECONDS", SLOW_RECEIVER_TIMEOUT)
    clients: list[openai.OpenAI] = []

    def start(**settings: object) -> Hooked:
        server = start_server(webhook_url=receiver.url, webhook_secret=SECRET, **settings)
        clients.append(sdk_client(server.base_url, API_KEY))
        return Hooked(server, clients[-1], clock)

    yield start
    for client in clients:
        client.close()


def timed(call: Callable[[], object]) -> float:
    started = time.monotonic()
    call()
    return time.monotonic() - started


def create_finished_job(hooked: Hooked) -> float:
    """At speed inf the job is finished at creation: the create claims its event."""
    training_file = upload(hooked.sdk, SEED_FILE)
    return timed(lambda: hooked.sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file))


def retrieve_finished_job(hooked: Hooked) -> float:
    job_id = new_job(hooked.sdk)
    hooked.clock.advance(HOUR)  # in process: the retrieve is the first to find the job succeeded
    return timed(lambda: hooked.sdk.fine_tuning.jobs.retrieve(job_id))


def cancel_job(hooked: Hooked) -> float:
    job_id = new_job(hooked.sdk)
    return timed(lambda: hooked.sdk.fine_tuning.jobs.cancel(job_id))


def advance_past_a_job(hooked: Hooked) -> float:
    new_job(hooked.sdk)
    return timed(lambda: hooked.advance(HOUR))


@pytest.mark.parametrize(("make_terminal", "speed", "event_type"), [
    pytest.param(create_finished_job, float("inf"), "fine_tuning.job.succeeded", id="create"),
    pytest.param(retrieve_finished_job, 1.0, "fine_tuning.job.succeeded", id="retrieve"),
    pytest.param(cancel_job, 1.0, "fine_tuning.job.cancelled", id="cancel"),
    pytest.param(advance_past_a_job, 1.0, "fine_tuning.job.succeeded", id="clock-advance"),
])
def test_a_receiver_that_never_answers_slows_no_request(
    hooked: Callable[..., Hooked], receiver: Receiver, make_terminal: Callable[[Hooked], float], speed: float,
    event_type: str,
) -> None:
    receiver.hold()
    server = hooked(speed=speed)

    seconds = make_terminal(server)

    assert seconds < REQUEST_BOUND_SECONDS, f"the request waited {seconds:.1f} s for the receiver"
    assert receiver.wait_for(1, timeout=ARRIVAL_SECONDS), "the event was never sent"
    assert flush(server.server, timeout=0.2)["pending"] == 1  # in flight: the receiver has not answered
    receiver.release()
    [delivered] = flush(server.server)["data"]
    assert (delivered["type"], delivered["attempts"], delivered["delivered"]) == (event_type, 1, True)
    assert [event.type for event in unwrap(receiver)] == [event_type]


def test_requests_go_on_while_a_delivery_hangs(hooked: Callable[..., Hooked], receiver: Receiver) -> None:
    receiver.hold()
    server = hooked()
    first = new_job(server.sdk)
    server.sdk.fine_tuning.jobs.cancel(first)
    assert receiver.wait_for(1, timeout=ARRIVAL_SECONDS)

    second = new_job(server.sdk)
    seconds = timed(lambda: (server.advance(HOUR), server.sdk.fine_tuning.jobs.retrieve(second)))

    assert seconds < REQUEST_BOUND_SECONDS
    receiver.release()
    flush(server.server)
    assert sorted((event.type, event.data.id) for event in unwrap(receiver)) == sorted([
        ("fine_tuning.job.cancelled", first), ("fine_tuning.job.succeeded", second)])


def test_an_attempt_that_times_out_is_retried(
    hooked: Callable[..., Hooked], receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhook_delivery, "DELIVERY_TIMEOUT_SECONDS", 0.5)  # a short wait for the first attempt
    receiver.hold()
    server = hooked()
    job_id = new_job(server.sdk)
    server.advance(HOUR)

    [timed_out] = flush(server.server)["data"]  # returns once the attempt has timed out
    receiver.release()
    server.advance(5)  # the first retry is due 5 s (server's clock) after the failed attempt
    [retried] = flush(server.server)["data"]

    assert (timed_out["attempts"], timed_out["status"], timed_out["delivered"]) == (1, None, False)
    assert "timed out" in timed_out["error"]
    assert timed_out["next_attempt_at"] == timed_out["attempted_at"] + 5
    assert (retried["attempts"], retried["status"], retried["delivered"]) == (2, 200, True)
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.succeeded", job_id)] * 2
    assert [d["attempts"] for d in deliveries(server.server)] == [2]
