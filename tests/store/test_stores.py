"""`Stores`, the one way to the database: which connection each store it gives works on, and where a journal row
goes with and without a write-behind buffer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mockserver.store import JournalRow, Stores
from mockserver.store.blobs import BlobStore
from mockserver.store.database import initialise_database


def _entry(request_id: str) -> JournalRow:
    return JournalRow(id=request_id, method="GET", path="/v1/models", query="", status=200, body=None,
                        fault_id=None, retry_count=None, duration_ms=1.0, created_at=0)


def _stores(tmp_path: Path, flush_interval: float | None) -> Iterator[Stores]:
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    stores = Stores(path, BlobStore(tmp_path / "files"), flush_interval=flush_interval)
    yield stores
    stores.close()


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[Stores]:
    yield from _stores(tmp_path, None)


@pytest.fixture
def server_stores(tmp_path: Path) -> Iterator[Stores]:
    yield from _stores(tmp_path, 3600.0)  # nothing is flushed by the thread during a test


def _journal_ids(stores: Stores) -> list[str]:
    with stores.borrowed() as store:
        rows, _ = store.journal.list(method=None, path=None, limit=10)
    return [row.id for row in rows]


def test_a_borrowed_store_works_on_the_requests_connection_outside_its_transaction(stores: Stores) -> None:
    lent = stores.lend()
    try:
        with stores.borrowed(lent) as store:
            assert store.db is lent.get() and store.lent is lent
        with stores.request(lent).atomic(), stores.borrowed(lent) as store:
            assert store.db is not lent.get() and store.lent is None
    finally:
        lent.give_back()


def test_without_a_write_behind_buffer_a_journal_row_is_written_at_once(stores: Stores) -> None:
    assert stores.write_behind is None
    stores.record_journal(_entry("req_1"))
    assert _journal_ids(stores) == ["req_1"]


def test_a_servers_journal_row_waits_for_its_buffer_until_settled(server_stores: Stores) -> None:
    server_stores.record_journal(_entry("req_1"))
    assert _journal_ids(server_stores) == []
    server_stores.settle()
    assert _journal_ids(server_stores) == ["req_1"]
