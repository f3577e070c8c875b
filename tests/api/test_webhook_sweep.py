"""Webhooks sent with nobody reading the job: a sweep after the manual clock moves or a cancel claims the event
and wakes the sender (no flush needed: the tests wait on the receiver), and every second on the system clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from mockserver.core.config import Settings
from tests.conftest import API_KEY, START_TIME
from tests.live_server import LiveServer
from tests.support import sdk_client
from tests.webhooks_support import SECRET, Receiver, deliveries, flush, new_job, running_receiver, unwrap

HOUR = 3600  # far past the end of any small job at speed 1
DELIVERY_DEADLINE_SECONDS = 20.0  # generous: the sweep runs every second, the machine may be busy


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as box:
        yield box


@pytest.fixture
def hooked(start_server: Callable[..., LiveServer], receiver: Receiver) -> Iterator[tuple[LiveServer, openai.OpenAI]]:
    """A manual-clock server sending its webhooks to `receiver`, and the strict SDK against it."""
    server = start_server(webhook_url=receiver.url, webhook_secret=SECRET)
    client = sdk_client(server.base_url, API_KEY)
    yield server, client
    client.close()


def advance(server: LiveServer, seconds: int) -> None:
    response = httpx.post(f"{server.base_url}/_mock/clock/advance", json={"seconds": seconds})
    assert response.status_code == 200, response.text


def set_clock(server: LiveServer, now: int) -> None:
    response = httpx.post(f"{server.base_url}/_mock/clock", json={"now": now})
    assert response.status_code == 200, response.text


def job_reads(server: LiveServer, job_id: str) -> list[dict[str, Any]]:
    """The journal's requests that looked at the job (its own URL, its events or checkpoints, or a list)."""
    entries = httpx.get(f"{server.base_url}/_mock/requests", params={"method": "GET"}).json()["data"]
    return [e for e in entries if e["kind"] == "request" and e["path"].startswith("/v1/fine_tuning/jobs")]


@pytest.mark.parametrize("move", [
    pytest.param(lambda server: advance(server, HOUR), id="advance"),
    pytest.param(lambda server: set_clock(server, START_TIME + HOUR), id="set"),
])
def test_clock_move_sends_the_succeeded_event_without_a_read(
    hooked: tuple[LiveServer, openai.OpenAI], receiver: Receiver, move: Callable[[LiveServer], None]
) -> None:
    server, sdk = hooked
    job_id = new_job(sdk)

    move(server)

    assert [d["job_id"] for d in deliveries(server)] == [job_id]  # claimed by the move itself
    assert receiver.wait_for(1, timeout=DELIVERY_DEADLINE_SECONDS), "no webhook arrived"
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.succeeded", job_id)]
    assert job_reads(server, job_id) == []


def test_clock_move_sends_the_failed_event_of_a_scripted_failure(
    hooked: tuple[LiveServer, openai.OpenAI], receiver: Receiver
) -> None:
    server, sdk = hooked
    job_id = new_job(sdk, metadata={"mock_fail_at": "3"})

    advance(server, HOUR)

    assert receiver.wait_for(1, timeout=DELIVERY_DEADLINE_SECONDS), "no webhook arrived"
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.failed", job_id)]
    assert job_reads(server, job_id) == []


def test_cancel_sends_the_cancelled_event_without_a_read(
    hooked: tuple[LiveServer, openai.OpenAI], receiver: Receiver
) -> None:
    server, sdk = hooked
    job_id = new_job(sdk)

    sdk.fine_tuning.jobs.cancel(job_id)

    assert [d["job_id"] for d in deliveries(server)] == [job_id]  # claimed by the cancel itself
    assert receiver.wait_for(1, timeout=DELIVERY_DEADLINE_SECONDS), "no webhook arrived"
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.cancelled", job_id)]
    assert job_reads(server, job_id) == []


def test_job_finished_at_creation_sends_its_event_from_the_create(
    start_server: Callable[..., LiveServer], receiver: Receiver
) -> None:
    server = start_server(speed=float("inf"), webhook_url=receiver.url, webhook_secret=SECRET)
    with sdk_client(server.base_url, API_KEY) as sdk:
        job_id = new_job(sdk)  # at speed inf it is finished already, though create answers validating_files

    assert [d["job_id"] for d in deliveries(server)] == [job_id]  # claimed by the create itself
    assert receiver.wait_for(1, timeout=DELIVERY_DEADLINE_SECONDS), "no webhook arrived"
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.succeeded", job_id)]


def test_event_sent_by_a_sweep_is_not_sent_again_by_reads_or_sweeps(
    hooked: tuple[LiveServer, openai.OpenAI], receiver: Receiver
) -> None:
    server, sdk = hooked
    job_id = new_job(sdk)
    advance(server, HOUR)
    flush(server)

    job = sdk.fine_tuning.jobs.retrieve(job_id)
    list(sdk.fine_tuning.jobs.list())
    advance(server, HOUR)
    flush(server)

    [event] = unwrap(receiver)
    assert (event.type, event.created_at) == ("fine_tuning.job.succeeded", job.finished_at)


def test_clock_move_sends_a_due_retry_without_a_read(
    hooked: tuple[LiveServer, openai.OpenAI], receiver: Receiver
) -> None:
    server, sdk = hooked
    receiver.status = 500
    new_job(sdk)
    advance(server, HOUR)
    flush(server)
    receiver.status = 200

    advance(server, 5)  # the first retry is due 5 s after the failed attempt

    assert receiver.wait_for(2, timeout=DELIVERY_DEADLINE_SECONDS), "the retry did not arrive"
    flush(server)  # its outcome recorded
    first, second = receiver.received
    assert (second[1], second[0]["webhook-id"]) == (first[1], first[0]["webhook-id"])
    delivery = httpx.get(f"{server.base_url}/_mock/webhooks").json()["data"][0]
    assert (delivery["attempts"], delivery["delivered"]) == (2, True)


def test_job_finished_while_webhooks_were_off_is_announced_by_the_next_sweep(
    start_server: Callable[..., LiveServer], receiver: Receiver, tmp_path: Path
) -> None:
    # Its success was recorded (charge, result file) by a read when no webhook URL was set, as the
    # `mockserver costs` command does: the event still goes out once webhooks are on.
    data_dir = tmp_path / "shared"
    quiet = start_server(data_dir=data_dir)
    with sdk_client(quiet.base_url, API_KEY) as sdk:
        job_id = new_job(sdk)
        advance(quiet, HOUR)
        assert sdk.fine_tuning.jobs.retrieve(job_id).status == "succeeded"
    quiet.stop()
    hooked = start_server(data_dir=data_dir, webhook_url=receiver.url, webhook_secret=SECRET)

    advance(hooked, 0)

    assert receiver.wait_for(1, timeout=DELIVERY_DEADLINE_SECONDS), "no webhook arrived"
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.succeeded", job_id)]


@pytest.fixture
def system_clock_server(tmp_path: Path, receiver: Receiver) -> Iterator[LiveServer]:
    """On the wall clock, at a speed that finishes the seed job within about a second."""
    settings = Settings(data_dir=tmp_path / "data", seed=1234, clock="system", speed=600,
                        webhook_url=receiver.url, webhook_secret=SECRET)
    server = LiveServer(settings=settings).start()
    yield server
    server.stop()


def test_system_clock_sends_the_event_without_a_read(system_clock_server: LiveServer, receiver: Receiver) -> None:
    with sdk_client(system_clock_server.base_url, API_KEY) as sdk:
        job_id = new_job(sdk)

    assert receiver.wait_for(1, timeout=DELIVERY_DEADLINE_SECONDS), "no webhook arrived"
    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [("fine_tuning.job.succeeded", job_id)]
    assert job_reads(system_clock_server, job_id) == []
