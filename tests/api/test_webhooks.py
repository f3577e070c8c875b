"""Webhooks (`--webhook-url`): signed job events the SDK's `webhooks.unwrap` accepts, sent once per event.

Delivery runs in the server's sender thread: each test flushes (`POST /_mock/webhooks/flush`) before it looks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from mockserver.core.webhook_signing import default_secret
from tests.conftest import API_KEY
from tests.jobs_support import chat_file
from tests.live_server import LiveServer
from tests.support import sdk_client
from tests.webhooks_support import SECRET, Receiver, deliveries, flush, new_job, running_receiver, unwrap


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as box:
        yield box


@pytest.fixture
def server(start_server: Callable[..., LiveServer], receiver: Receiver) -> LiveServer:
    """A server that sends its webhooks to `receiver`, signed with SECRET."""
    return start_server(webhook_url=receiver.url, webhook_secret=SECRET)


@pytest.fixture
def hooked(server: LiveServer) -> Iterator[openai.OpenAI]:
    """The strict SDK against `server`."""
    client = sdk_client(server.base_url, API_KEY)
    yield client
    client.close()


def test_succeeded_job_sends_a_signed_event_the_sdk_unwraps(
    hooked: openai.OpenAI, server: LiveServer, clock: ManualClock, receiver: Receiver
) -> None:
    job_id = new_job(hooked)
    clock.advance(3600)

    job = hooked.fine_tuning.jobs.retrieve(job_id)
    flush(server)
    [event] = unwrap(receiver)

    assert (event.type, event.data.id, event.object) == ("fine_tuning.job.succeeded", job_id, "event")
    assert event.created_at == job.finished_at
    assert event.id.startswith("evt_")


@pytest.mark.parametrize(("make_terminal", "event_type"), [
    pytest.param(lambda sdk, job_id: None, "fine_tuning.job.failed", id="failed"),
    pytest.param(lambda sdk, job_id: sdk.fine_tuning.jobs.cancel(job_id), "fine_tuning.job.cancelled",
                 id="cancelled"),
])
def test_failed_or_cancelled_job_sends_its_event(
    hooked: openai.OpenAI, server: LiveServer, clock: ManualClock, receiver: Receiver, make_terminal: Any,
    event_type: str,
) -> None:
    job_id = new_job(hooked, chat_file(5) if event_type.endswith("failed") else None)
    make_terminal(hooked, job_id)
    clock.advance(3600)

    hooked.fine_tuning.jobs.retrieve(job_id)
    flush(server)

    assert [(event.type, event.data.id) for event in unwrap(receiver)] == [(event_type, job_id)]


def test_event_is_sent_once_however_often_the_job_is_read(
    hooked: openai.OpenAI, server: LiveServer, clock: ManualClock, receiver: Receiver
) -> None:
    job_id = new_job(hooked)
    clock.advance(3600)

    for _ in range(3):
        hooked.fine_tuning.jobs.retrieve(job_id)
        flush(server)
    list(hooked.fine_tuning.jobs.list())
    hooked.fine_tuning.jobs.list_events(job_id)
    flush(server)

    assert len(receiver.received) == 1


def test_event_carries_standard_webhook_headers(
    hooked: openai.OpenAI, server: LiveServer, clock: ManualClock, receiver: Receiver
) -> None:
    new_job(hooked)
    clock.advance(3600)
    list(hooked.fine_tuning.jobs.list())
    flush(server)

    [(headers, _)] = receiver.received

    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"].startswith("wh_")
    assert headers["webhook-timestamp"].isdigit()
    assert headers["webhook-signature"].startswith("v1,")


def test_receiver_refusing_never_fails_the_api_request(
    hooked: openai.OpenAI, server: LiveServer, clock: ManualClock, receiver: Receiver
) -> None:
    receiver.status = 500
    job_id = new_job(hooked)
    clock.advance(3600)

    assert hooked.fine_tuning.jobs.retrieve(job_id).status == "succeeded"
    flush(server)
    assert len(receiver.received) == 1


def test_delivery_log_records_the_outcome(
    refused_once: tuple[LiveServer, openai.OpenAI, str], receiver: Receiver
) -> None:
    server, _, job_id = refused_once

    log = httpx.get(f"{server.base_url}/_mock/webhooks").json()

    assert (log["url"], log["secret"]) == (receiver.url, SECRET)
    [delivery] = log["data"]
    assert (delivery["job_id"], delivery["status"], delivery["delivered"]) == (job_id, 500, False)
    assert delivery["body"].encode() == receiver.received[0][1]


def test_unreachable_receiver_is_logged_and_the_request_succeeds(
    start_server: Callable[..., LiveServer], clock: ManualClock
) -> None:
    server = start_server(webhook_url="http://127.0.0.1:9/nowhere")
    sdk = sdk_client(server.base_url, API_KEY)
    job_id = new_job(sdk)
    clock.advance(3600)

    assert sdk.fine_tuning.jobs.retrieve(job_id).status == "succeeded"
    [delivery] = flush(server)["data"]
    assert (delivery["status"], delivery["delivered"]) == (None, False)
    assert delivery["error"]


def test_default_secret_comes_from_the_seed_and_verifies(
    start_server: Callable[..., LiveServer], clock: ManualClock, receiver: Receiver
) -> None:
    server = start_server(webhook_url=receiver.url)
    sdk = sdk_client(server.base_url, API_KEY)
    new_job(sdk)
    clock.advance(3600)
    list(sdk.fine_tuning.jobs.list())
    flush(server)

    secret = httpx.get(f"{server.base_url}/_mock/webhooks").json()["secret"]

    assert secret == default_secret(seed=1234, data_dir=Path("ignored-when-seeded"))
    assert [event.type for event in unwrap(receiver, secret)] == ["fine_tuning.job.succeeded"]


def test_without_webhook_url_nothing_is_sent(live_server: LiveServer, sdk: openai.OpenAI, clock: ManualClock) -> None:
    new_job(sdk)
    clock.advance(3600)
    list(sdk.fine_tuning.jobs.list())

    flushed = flush(live_server)
    log = httpx.get(f"{live_server.base_url}/_mock/webhooks").json()

    assert flushed == {"object": "list", "data": [], "has_more": False, "pending": 0}
    assert log == {"object": "list", "url": None, "secret": None, "data": [], "has_more": False}


@pytest.fixture
def refused_once(
    start_server: Callable[..., LiveServer], clock: ManualClock, receiver: Receiver
) -> tuple[LiveServer, openai.OpenAI, str]:
    """A server whose receiver answered the succeeded event's first delivery with a 500."""
    receiver.status = 500
    server = start_server(webhook_url=receiver.url, webhook_secret=SECRET)
    sdk = sdk_client(server.base_url, API_KEY)
    job_id = new_job(sdk)
    clock.advance(3600)
    sdk.fine_tuning.jobs.retrieve(job_id)
    flush(server)
    return server, sdk, job_id


def test_failed_delivery_schedules_a_retry(
    refused_once: tuple[LiveServer, openai.OpenAI, str], clock: ManualClock, receiver: Receiver
) -> None:
    server, sdk, job_id = refused_once

    [delivery] = deliveries(server)

    assert (delivery["attempts"], delivery["status"], delivery["delivered"]) == (1, 500, False)
    assert delivery["next_attempt_at"] == delivery["attempted_at"] + 5


def test_retry_is_sent_once_due_with_the_same_event(
    refused_once: tuple[LiveServer, openai.OpenAI, str], clock: ManualClock, receiver: Receiver
) -> None:
    server, sdk, job_id = refused_once
    receiver.status = 200
    clock.advance(4)
    sdk.fine_tuning.jobs.retrieve(job_id)
    assert flush(server)["data"] == []  # not due yet
    assert len(receiver.received) == 1

    clock.advance(1)
    sdk.fine_tuning.jobs.retrieve(job_id)
    flush(server)

    first, second = receiver.received
    assert second[1] == first[1]
    assert second[0]["webhook-id"] == first[0]["webhook-id"]
    assert [event.type for event in unwrap(receiver)] == ["fine_tuning.job.succeeded"] * 2
    [delivery] = deliveries(server)
    assert (delivery["attempts"], delivery["status"], delivery["delivered"], delivery["next_attempt_at"]) == (
        2, 200, True, None)


def test_retries_back_off_and_stop_after_ten_attempts(
    refused_once: tuple[LiveServer, openai.OpenAI, str], clock: ManualClock, receiver: Receiver
) -> None:
    server, sdk, job_id = refused_once
    gaps = []
    for _ in range(12):
        [delivery] = deliveries(server)
        if delivery["next_attempt_at"] is None:
            break
        gaps.append(delivery["next_attempt_at"] - delivery["attempted_at"])
        clock.set(delivery["next_attempt_at"])
        sdk.fine_tuning.jobs.retrieve(job_id)
        flush(server)

    assert gaps == [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 72000]
    assert sum(gaps) <= 72 * 3600
    assert len(receiver.received) == 10
    clock.advance(30 * 24 * 3600)
    sdk.fine_tuning.jobs.retrieve(job_id)
    assert flush(server)["data"] == []
    assert len(receiver.received) == 10


def test_delivery_is_recorded_in_the_request_journal(
    start_server: Callable[..., LiveServer], clock: ManualClock, receiver: Receiver
) -> None:
    server = start_server(webhook_url=receiver.url, webhook_secret=SECRET)
    sdk = sdk_client(server.base_url, API_KEY)
    job_id = new_job(sdk)
    clock.advance(3600)
    assert sdk.fine_tuning.jobs.retrieve(job_id).status == "succeeded"
    flush(server)

    [entry] = httpx.get(f"{server.base_url}/_mock/requests", params={"path": receiver.url}).json()["data"]
    [(headers, _)] = receiver.received

    assert (entry["kind"], entry["method"], entry["path"], entry["status"]) == ("webhook", "POST", receiver.url, 200)
    assert entry["id"] == headers["webhook-id"]
    assert entry["body"]["type"] == "fine_tuning.job.succeeded"
    assert entry["body"]["job_id"] == job_id
    assert entry["body"]["id"].startswith("evt_")
    assert entry["created_at"] == clock.now()
    requests = httpx.get(f"{server.base_url}/_mock/requests", params={"method": "GET"}).json()["data"]
    assert {r["kind"] for r in requests} == {"request"}
    assert f"/v1/fine_tuning/jobs/{job_id}" in {r["path"] for r in requests}


@pytest.mark.parametrize("body", [{"timeout": 0}, {"timeout": 61}, {"timeout": "soon"}, {"timeout": 1, "x": 1}])
def test_flush_refuses_a_bad_timeout_naming_it(server: LiveServer, body: dict[str, Any]) -> None:
    response = httpx.post(f"{server.base_url}/_mock/webhooks/flush", json=body)

    error = response.json()["error"]
    assert (response.status_code, error["type"]) == (400, "invalid_request_error")
    assert error["param"] in ("timeout", "x")
    assert error["param"] in error["message"]


def test_flush_without_a_body_waits_with_the_default_timeout(
    server: LiveServer, hooked: openai.OpenAI, receiver: Receiver
) -> None:
    hooked.fine_tuning.jobs.cancel(new_job(hooked))

    response = httpx.post(f"{server.base_url}/_mock/webhooks/flush", timeout=60)

    assert [(d["type"], d["delivered"]) for d in response.json()["data"]] == [("fine_tuning.job.cancelled", True)]
    assert len(receiver.received) == 1
