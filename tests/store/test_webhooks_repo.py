"""The webhook outbox: an attempt is leased by one connection of any number, a lapsed lease is due again, only
the lease's holder records the outcome, and a flush reports each attempt once."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from mockserver.core.webhook_signing import MAX_ATTEMPTS
from mockserver.store.webhooks import Delivery, WebhookDeliveriesRepo
from tests.conftest import START_TIME

WALL = 2_000_000_000  # the wall clock, apart from the (manual) server clock
LEASE = 60


def event(number: int) -> Delivery:
    return Delivery(id=f"evt_{number}", webhook_id=f"wh_{number}", job_id=f"ftjob-{number}", owner="o",
                    type="fine_tuning.job.succeeded", url="http://127.0.0.1:9/hooks", body="{}", created_at=START_TIME)


@pytest.fixture
def repos(connections: tuple[Database, Database]) -> tuple[WebhookDeliveriesRepo, WebhookDeliveriesRepo]:
    return WebhookDeliveriesRepo(connections[0]), WebhookDeliveriesRepo(connections[1])


def due(repo: WebhookDeliveriesRepo, *, now: int = START_TIME, wall_now: int = WALL,
        limit: int = 100) -> list[Delivery]:
    return repo.due(now=now, wall_now=wall_now, max_attempts=MAX_ATTEMPTS, limit=limit)


def due_ids(repo: WebhookDeliveriesRepo, *, now: int = START_TIME, wall_now: int = WALL) -> list[str]:
    return [d.id for d in due(repo, now=now, wall_now=wall_now)]


def pending(repo: WebhookDeliveriesRepo, *, wall_now: int = WALL) -> int:
    return repo.pending(now=START_TIME, wall_now=wall_now, max_attempts=MAX_ATTEMPTS)


def test_an_attempt_is_leased_by_one_worker_only(
    repos: tuple[WebhookDeliveriesRepo, WebhookDeliveriesRepo]
) -> None:
    first, second = repos
    first.claim(event(1))
    [seen_by_first], [seen_by_second] = due(first), due(second)

    leased = [first.lease(seen_by_first, token="a", at=START_TIME, until=WALL + LEASE),
              second.lease(seen_by_second, token="b", at=START_TIME, until=WALL + LEASE)]

    assert leased == [True, False]
    assert (due_ids(first), pending(second)) == ([], 1)  # in flight: not due, still pending


def test_a_lapsed_lease_is_due_again_and_its_late_outcome_is_not_recorded(
    repos: tuple[WebhookDeliveriesRepo, WebhookDeliveriesRepo]
) -> None:
    killed, survivor = repos
    killed.claim(event(1))
    [delivery] = due(killed)
    assert killed.lease(delivery, token="killed", at=START_TIME, until=WALL + LEASE)

    assert due_ids(survivor, wall_now=WALL + LEASE) == []  # the lease still holds
    [again] = due(survivor, wall_now=WALL + LEASE + 1)
    assert (again.id, again.attempts) == ("evt_1", 1)
    assert survivor.lease(again, token="survivor", at=START_TIME, until=WALL + 2 * LEASE)
    assert survivor.record("evt_1", token="survivor", status=200, error=None, next_attempt_at=None)

    assert not killed.record("evt_1", token="killed", status=None, error="timed out", next_attempt_at=START_TIME + 5)
    [final] = survivor.list(limit=1)[0]
    assert (final.attempts, final.status, final.error, final.next_attempt_at) == (2, 200, None, None)


def test_a_lapsed_lease_of_the_last_attempt_is_not_retried(
    repos: tuple[WebhookDeliveriesRepo, WebhookDeliveriesRepo]
) -> None:
    repo, _ = repos
    repo.claim(event(1))
    repo.db.execute("update job_webhook_deliveries set attempts = ?, lease_token = 'x', lease_until = ?",
                    [MAX_ATTEMPTS, WALL])

    assert (due_ids(repo, wall_now=WALL + 1), pending(repo, wall_now=WALL + 1)) == ([], 0)


def test_a_retry_is_due_on_the_server_clock(repos: tuple[WebhookDeliveriesRepo, WebhookDeliveriesRepo]) -> None:
    repo, _ = repos
    repo.claim(event(1))
    [delivery] = due(repo)
    repo.lease(delivery, token="a", at=START_TIME, until=WALL + LEASE)
    repo.record("evt_1", token="a", status=500, error="HTTP 500", next_attempt_at=START_TIME + 5)

    assert due_ids(repo, now=START_TIME + 4, wall_now=WALL + 10**6) == []  # the wall clock does not matter
    assert due_ids(repo, now=START_TIME + 5) == ["evt_1"]


def test_due_reads_a_page_oldest_first(repos: tuple[WebhookDeliveriesRepo, WebhookDeliveriesRepo]) -> None:
    repo, _ = repos
    for number in range(5):
        repo.claim(event(number))

    assert [d.id for d in due(repo, limit=3)] == ["evt_0", "evt_1", "evt_2"]


def test_each_recorded_attempt_is_reported_once(repos: tuple[WebhookDeliveriesRepo, WebhookDeliveriesRepo]) -> None:
    first, second = repos
    for number in (1, 2):
        first.claim(event(number))
    sent, in_flight = due(first)
    first.lease(sent, token="a", at=START_TIME, until=WALL + LEASE)
    first.record(sent.id, token="a", status=200, error=None, next_attempt_at=None)
    first.lease(in_flight, token="b", at=START_TIME, until=WALL + LEASE)

    reported, has_more = first.take_unreported(limit=10)

    assert ([d.id for d in reported], has_more) == (["evt_1"], False)
    assert second.take_unreported(limit=10) == ([], False)
    second.record(in_flight.id, token="b", status=500, error="HTTP 500", next_attempt_at=START_TIME + 5)
    assert [(d.id, d.status) for d in second.take_unreported(limit=10)[0]] == [("evt_2", 500)]
