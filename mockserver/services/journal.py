"""The request journal's use cases: record a `/v1/*` request, list recent ones, clear them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict

from mockserver.schemas.faults import JournalEntry, JournalList
from mockserver.store import JournalRow, Stores
from mockserver.store.journal import JournalRepo

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000


class JournalService:
    def __init__(self, *, stores: Stores) -> None:
        self.stores = stores

    @contextmanager
    def _repo(self) -> Iterator[JournalRepo]:
        self.stores.settle()  # every request answered so far is in the table
        with self.stores.borrowed() as store:
            yield store.journal

    def record(self, entry: JournalRow) -> None:
        """Written behind the request (store/write_behind.py)."""
        self.stores.record_journal(entry)

    def list(self, *, method: str | None = None, path: str | None = None, limit: int = DEFAULT_LIMIT) -> JournalList:
        """Newest first."""
        with self._repo() as repo:
            rows, has_more = repo.list(method=method, path=path, limit=limit)
        return JournalList(data=[JournalEntry(**asdict(row)) for row in rows], has_more=has_more)

    def clear(self) -> int:
        with self._repo() as repo:
            return repo.clear()
