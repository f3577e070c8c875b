"""The stored manual clock: one row, atomic moves, shared across connections and processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from mockserver.store.clock import ClockRepo, SharedManualClock, read_through
from mockserver.store.database import initialise_database, open_database
from mockserver.store.pool import ConnectionPool, LentConnection
from tests.conftest import START_TIME


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    return path


def test_open_stores_start_only_on_first_use(database_path: Path) -> None:
    assert SharedManualClock.open(database_path, start=START_TIME).now() == START_TIME
    assert SharedManualClock.open(database_path, start=START_TIME + 99).now() == START_TIME


def test_advance_and_set_are_seen_by_other_instances(database_path: Path) -> None:
    first = SharedManualClock.open(database_path, start=START_TIME)
    second = SharedManualClock(database_path, start=0)
    assert first.advance(60) == START_TIME + 60
    assert second.now() == START_TIME + 60
    assert second.set(START_TIME + 3600) == START_TIME + 3600
    assert first.now() == START_TIME + 3600


def test_table_holds_one_row(database_path: Path) -> None:
    SharedManualClock.open(database_path, start=START_TIME)
    db = open_database(database_path)
    try:
        assert ClockRepo(db).initialise(start=1) == START_TIME
        assert db.execute("select count(*) from clock").fetchone()[0] == 1
    finally:
        db.close()


def test_missing_row_restarts_from_start_time(database_path: Path) -> None:
    clock = SharedManualClock.open(database_path, start=START_TIME)
    clock.advance(10)
    db = open_database(database_path)
    try:
        db.execute("delete from clock")
        with pytest.raises(LookupError):
            ClockRepo(db).advance(1)
    finally:
        db.close()
    assert clock.now() == START_TIME


def _advance_many(database_path: Path, times: int) -> None:
    clock = SharedManualClock(database_path, start=0)
    for _ in range(times):
        clock.advance(1)


def test_concurrent_advances_from_processes_all_count(database_path: Path) -> None:
    SharedManualClock.open(database_path, start=START_TIME)
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_advance_many, args=(database_path, 50)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert SharedManualClock(database_path, start=0).now() == START_TIME + 200


def test_a_request_reads_the_clock_once_and_the_next_request_sees_an_advance(database_path: Path) -> None:
    clock = SharedManualClock.open(database_path, start=START_TIME)
    pool = ConnectionPool(database_path)
    try:
        request = LentConnection(pool)
        assert read_through(clock, request).now() == START_TIME
        clock.advance(60)  # by another request, meanwhile
        assert read_through(clock, request).now() == START_TIME  # the middleware's and the use case's reading agree
        request.give_back()

        assert read_through(clock, LentConnection(pool)).now() == START_TIME + 60
    finally:
        pool.close()
