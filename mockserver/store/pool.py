"""A few SQLite connections kept open; each request is lent one, for its store and its journal row alike.

Opening a connection costs about half a millisecond. One connection per request also keeps SQLite's
page cache: a connection drops its cache whenever another connection has written since its last
statement, and then reads every page it needs again. A connection is used by one thread at a time
(it is taken out of the pool while in use), which is what `check_same_thread=False` requires.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from sqlite_utils import Database

from mockserver.core.clock import Clock
from mockserver.store.database import open_database
from mockserver.store.read_cache import CommitWatch, ReadCache, T, read_counter

POOL_SIZE = 8


class ConnectionPool:
    def __init__(self, database_path: Path, *, size: int = POOL_SIZE) -> None:
        self.database_path = database_path
        self.size = size
        # A plain list: `pop()` and `append()` are atomic, and cheaper than a queue's locks. Two threads
        # giving back at once may leave one connection more than `size` idle, which does no harm.
        self._idle: list[Database] = []
        self.read_cache = ReadCache()
        self._watch: CommitWatch | None = None  # made at the first counter read
        self._watch_lock = threading.Lock()
        self._last_read: tuple[bytes | None, int | None] | None = None  # (commit watch's moment, counter then)

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

    def connection(self, lent: LentConnection | None = None) -> AbstractContextManager[Database]:
        """The request's `lent` connection when given (and not inside its owner's transaction), else a pooled one."""
        if lent is not None and not lent.in_transaction():
            return nullcontext(lent.get())
        return self._borrowed()

    @contextmanager
    def _borrowed(self) -> Iterator[Database]:
        db = self.take()
        try:
            yield db
        except BaseException:
            db.close()
            raise
        self.give_back(db)

    def change_counter(self, db: Database) -> int | None:
        """The change counter as `db` reads it (store/read_cache.py); not read again while no transaction has
        committed anywhere since the last reading (`CommitWatch`), unless `db` is inside a transaction of its own,
        whose writes only it sees."""
        if db.conn.in_transaction:
            return read_counter(db)
        moment = self._commit_watch().moment()
        last = self._last_read
        if moment is not None and last is not None and last[0] == moment:
            return last[1]
        value = read_counter(db)
        self._last_read = (moment, value)  # one tuple: a reading is never paired with another moment
        return value

    def _commit_watch(self) -> CommitWatch:
        watch = self._watch
        if watch is None:
            with self._watch_lock:
                if self._watch is None:
                    self._watch = CommitWatch(self.database_path)
                watch = self._watch
        return watch

    def close(self) -> None:
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            self._last_read = None
        while True:
            try:
                self._idle.pop().close()
            except IndexError:
                return


class LentConnection:
    """One request's connection: taken from the pool on first use, given back once, when the request is done."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool
        self._db: Database | None = None
        self.clock: Clock | None = None  # the request's reading of a manual clock (store/clock.py `read_through`)
        self._counter: tuple[int, int | None] | None = None  # (connection's total changes, change counter)

    def get(self) -> Database:
        if self._db is None:
            self._db = self.pool.take()
        return self._db

    def cached(self, key: Hashable, load: Callable[[], T]) -> T:
        """`load()` (reading through this connection), or its value kept since an earlier request
        (store/read_cache.py)."""
        return self.pool.read_cache.get(self._change_counter(), key, load)

    def _change_counter(self) -> int | None:
        """Read once per request, and again after this connection's own writes (whose counter it cannot know)."""
        db = self.get()
        changes = db.conn.total_changes
        if self._counter is None or self._counter[0] != changes:
            self._counter = (changes, self.pool.change_counter(db))
        return self._counter[1]

    def in_transaction(self) -> bool:
        return self._db is not None and self._db.conn.in_transaction

    def give_back(self) -> None:
        db, self._db = self._db, None
        self._counter = None
        if db is not None:
            self.pool.give_back(db)
