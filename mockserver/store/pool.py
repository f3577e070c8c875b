"""A few SQLite connections kept open: one is lent to each request, and to the per-request bookkeeping.

Opening a connection costs about half a millisecond; every `/v1/*` request borrows one for its store,
and the journal and fault lookup run on every request too. A connection is used by one thread at a
time (it is taken out of the pool while in use), which is what `check_same_thread=False` requires.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from mockserver.store.database import open_database

POOL_SIZE = 8


class ConnectionPool:
    def __init__(self, database_path: Path, *, size: int = POOL_SIZE) -> None:
        self.database_path = database_path
        self.size = size
        # A plain list: `pop()` and `append()` are atomic, and cheaper than a queue's locks. Two threads
        # giving back at once may leave one connection more than `size` idle, which does no harm.
        self._idle: list[Database] = []

    def take(self) -> Database:
        """An idle connection, or a new one; hand it back with `give_back()`."""
        try:
            return self._idle.pop()
        except IndexError:
            return open_database(self.database_path)

    def give_back(self, db: Database) -> None:
        """Keep the connection for the next borrower, unless it was left inside a transaction or the pool is full."""
        if not db.conn.in_transaction and len(self._idle) < self.size:
            self._idle.append(db)
        else:
            db.close()

    @contextmanager
    def connection(self) -> Iterator[Database]:
        db = self.take()
        try:
            yield db
        except BaseException:
            db.close()
            raise
        self.give_back(db)

    def close(self) -> None:
        while self._idle:
            self._idle.pop().close()


class LentConnection:
    """One request's connection: taken from the pool on first use, given back once, when the request is done."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool
        self._db: Database | None = None

    def get(self) -> Database:
        if self._db is None:
            self._db = self.pool.take()
        return self._db

    def give_back(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            self.pool.give_back(db)
