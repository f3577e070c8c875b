"""The per-process read cache (store/read_cache.py): at most one counter read per request, none while nothing has
committed, and any write to a counted table, from any connection or process, seen by the next request."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
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
from mockserver.store.read_cache import CommitWatch, ReadCache, read_counter
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


COUNTER_READ = "select value from change_counter where id = 1"


def test_a_request_reads_nothing_while_nothing_committed(stores: Stores) -> None:
    faults = FaultsService(stores=stores, clock=SharedManualClock(stores.database_path, start=0), seed=0)
    _request(stores, faults)
    now, fault, seen = _request(stores, faults)
    assert (now, fault) == (1000, None)
    assert seen == []


def test_a_commit_to_any_table_costs_the_next_request_one_counter_read(stores: Stores) -> None:
    """The journal and the ledgers are not counted tables: after their batch the counter is read, and the
    values kept are still good."""
    faults = FaultsService(stores=stores, clock=SharedManualClock(stores.database_path, start=0), seed=0)
    _request(stores, faults)
    other = open_database(stores.database_path)
    other.execute("insert into request_journal (id, method, path, query, duration_ms, created_at) "
                  "values ('req_1', 'GET', '/v1/models', '', 1.0, 0)")
    now, fault, seen = _request(stores, faults)
    assert (now, fault, seen) == (1000, None, [COUNTER_READ])
    assert _request(stores, faults)[2] == []
    other.close()


def test_writes_from_another_process_are_seen_by_the_next_request(stores: Stores) -> None:
    """Another process, through sqlite3 itself: its commit changes the shared WAL index the watch reads."""
    faults = FaultsService(stores=stores, clock=SharedManualClock(stores.database_path, start=0), seed=0)
    assert _request(stores, faults)[:2] == (1000, None)
    subprocess.run([sys.executable, "-c", f"""if True:
        import sqlite3
        conn = sqlite3.connect({str(stores.database_path)!r}, isolation_level=None)
        conn.execute("update clock set now = now + 7")
        conn.close()"""], check=True)
    now, _, seen = _request(stores, faults)
    assert now == 1007
    assert COUNTER_READ in seen


def test_inside_a_transaction_the_counter_is_read_through_the_connection(stores: Stores) -> None:
    """Its own writes, not yet committed, are seen by it alone: no commit watch can vouch for them."""
    faults = FaultsService(stores=stores, clock=SharedManualClock(stores.database_path, start=0), seed=0)
    _request(stores, faults)
    lent = stores.lend()
    try:
        db = lent.get()
        db.execute("begin immediate")
        FaultsRepo(db).insert(_rule("fault_2"))
        assert stores.pool.change_counter(db) == read_counter(db) != stores.pool.change_counter(open_database(
            stores.database_path))
        db.execute("rollback")
    finally:
        lent.give_back()


def test_the_watch_sees_commits_and_not_reads(tmp_path: Path) -> None:
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    watch = CommitWatch(path)
    assert watch.watching
    before = watch.moment()
    reader = sqlite3.connect(path)
    reader.execute("select count(*) from faults").fetchall()
    assert watch.moment() == before
    reader.execute("insert into clock (id, now) values (1, 0)")
    reader.commit()
    assert watch.moment() != before
    reader.close()
    watch.close()
    assert watch.moment() is None


def test_no_watch_for_a_database_not_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    sqlite3.connect(path).execute("create table t (x)").connection.close()
    watch = CommitWatch(path)
    assert not watch.watching and watch.moment() is None


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


def test_the_watch_follows_a_database_reached_through_a_symbolic_link(tmp_path: Path) -> None:
    """SQLite keeps the shared-memory file beside the file the link points to; a stale one beside the link is
    not it."""
    real = tmp_path / "real" / "mockserver.db"
    real.parent.mkdir()
    initialise_database(real)
    link = tmp_path / "mockserver.db"
    link.symlink_to(real)
    (tmp_path / "mockserver.db-shm").write_bytes(b"\0" * 32768)  # left by something else
    watch = CommitWatch(link)
    before = watch.moment()
    writer = sqlite3.connect(real)
    writer.execute("insert into clock (id, now) values (1, 0)")
    writer.commit()
    writer.close()
    assert watch.moment() != before
    watch.close()
