"""The per-process read cache (store/read_cache.py): one counter read per request, and any write to a counted
table, from any connection, seen by the next request."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from mockserver.core.faults import FaultRule
from mockserver.services.faults import FaultsService
from mockserver.store import Stores
from mockserver.store.blobs import BlobStore
from mockserver.store.clock import ClockRepo, SharedManualClock, read_through
from mockserver.store.database import initialise_database, open_database
from mockserver.store.faults import FaultsRepo
from mockserver.store.migrations import COUNTED_TABLES
from mockserver.store.pool import LentConnection
from mockserver.store.read_cache import ReadCache, read_counter
from mockserver.store.reset import reset_tables, scope_tables


def _rule(fault_id: str) -> FaultRule:
    return FaultRule(id=fault_id, method=None, path="/v1/models", status=503, times=None, remaining=None,
                     probability=1.0, headers={}, delay_ms=0, drop_connection=False, error=None, created_at=0)


def _statements(lent: LentConnection) -> list[str]:
    seen: list[str] = []
    lent.get().conn.set_trace_callback(seen.append)
    return seen


@pytest.fixture
def stores(tmp_path: Path) -> Stores:
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    SharedManualClock.open(path, start=1000)
    return Stores(path, BlobStore(tmp_path / "files"))


def _request(stores: Stores, faults: FaultsService) -> tuple[int, FaultRule | None, list[str]]:
    """What a request reads at arrival (as control_middleware.py does): the time and the fault, and its SQL."""
    lent = stores.lend()
    seen = _statements(lent)
    try:
        clock = SharedManualClock(stores.database_path, start=0)
        return read_through(clock, lent).now(), faults.pick("GET", "/v1/models", lent=lent), seen
    finally:
        lent.get().conn.set_trace_callback(None)
        lent.give_back()


def test_a_request_reads_only_the_counter_while_nothing_changed(stores: Stores) -> None:
    faults = FaultsService(stores=stores, clock=SharedManualClock(stores.database_path, start=0), seed=0)
    _request(stores, faults)
    now, fault, seen = _request(stores, faults)
    assert (now, fault) == (1000, None)
    assert seen == ["select value from change_counter where id = 1"]


def test_writes_from_another_connection_are_seen_by_the_next_request(stores: Stores) -> None:
    faults = FaultsService(stores=stores, clock=SharedManualClock(stores.database_path, start=0), seed=0)
    _request(stores, faults)
    other = open_database(stores.database_path)  # another worker process
    FaultsRepo(other).insert(_rule("fault_1"))
    ClockRepo(other).advance(5)
    now, fault, _ = _request(stores, faults)
    assert now == 1005
    assert fault is not None and fault.id == "fault_1"
    other.close()


@pytest.mark.parametrize("table", COUNTED_TABLES)
def test_every_write_to_a_counted_table_changes_the_counter(db: Database, table: str) -> None:
    columns = [row[1] for row in db.execute(f"pragma table_info({table})").fetchall()]
    before = read_counter(db)
    db.execute(f"insert into {table} ({', '.join(columns)}) values ({', '.join('1' * len(columns))})")
    inserted = read_counter(db)
    db.execute(f"update {table} set {columns[-1]} = 2")
    updated = read_counter(db)
    db.execute(f"delete from {table}")
    assert len({before, inserted, updated, read_counter(db)}) == 4


def test_a_full_reset_keeps_the_counter(db: Database) -> None:
    reset_tables(db, scope_tables(db, "everything"))
    assert read_counter(db) is not None


def test_values_kept_at_one_counter_are_dropped_at_another() -> None:
    cache = ReadCache()
    assert cache.get(1, "key", lambda: "first") == "first"
    assert cache.get(1, "key", lambda: "second") == "first"
    assert cache.get(2, "key", lambda: "third") == "third"
    assert cache.get(None, "key", lambda: "fourth") == "fourth"  # no counter: nothing is kept
