"""The manual clock's one row, and the clock every worker process reads it through."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from mockserver.core.clock import Clock
from mockserver.store.pool import ConnectionPool, LentConnection

ROW_ID = 1
CLOCK_KEY = "clock"  # the stored time, in a request's read cache (store/read_cache.py)


class ClockRepo:
    """Reads and moves the stored time. Each write is a single statement, so it is atomic across processes."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> int | None:
        row = self.db.execute("select now from clock where id = ?", [ROW_ID]).fetchone()
        return None if row is None else int(row[0])

    def initialise(self, *, start: int) -> int:
        """Store `start` unless a time is already stored; return the stored time."""
        self.db.execute("insert or ignore into clock (id, now) values (?, ?)", [ROW_ID, start])
        stored = self.get()
        assert stored is not None
        return stored

    def set(self, now: int) -> int:
        return self._update("update clock set now = ? where id = ? returning now", [now, ROW_ID])

    def advance(self, seconds: int) -> int:
        # Read-modify-write in one UPDATE: concurrent workers' advances add up, none is lost.
        return self._update("update clock set now = now + ? where id = ? returning now", [seconds, ROW_ID])

    def _update(self, sql: str, params: list[int]) -> int:
        # fetchall() steps the statement to its end, so the write commits (and unlocks) at once.
        rows = self.db.execute(sql, params).fetchall()
        if not rows:
            raise LookupError("the clock row is missing; call initialise() first")
        return int(rows[0][0])


class SharedManualClock:
    """A manual clock kept in the data dir's database, so every uvicorn worker agrees on 'now'.

    Each call borrows a connection from the clock's own small pool, as a request's connection
    may be in use by another thread. Satisfies `clock.ControllableClock`.
    """

    def __init__(self, database_path: Path, *, start: int) -> None:
        self.database_path = database_path
        self._start = start
        # Read on every request, several times: a kept-open connection, not a new one each call.
        self._pool = ConnectionPool(database_path, size=4)

    @classmethod
    def open(cls, database_path: Path, *, start: int) -> SharedManualClock:
        """The data dir's clock, set to `start` if the data dir has no stored time yet."""
        clock = cls(database_path, start=start)
        with clock._repo() as repo:
            repo.initialise(start=start)
        return clock

    def now(self) -> int:
        with self._repo() as repo:
            stored = repo.get()
            # A wiped clock table (e.g. a reset data dir) starts again from the start time.
            return stored if stored is not None else repo.initialise(start=self._start)

    def advance(self, seconds: int) -> int:
        with self._repo() as repo:
            repo.initialise(start=self._start)
            return repo.advance(seconds)

    def set(self, now: int) -> int:
        with self._repo() as repo:
            repo.initialise(start=self._start)
            return repo.set(now)

    @contextmanager
    def _repo(self) -> Iterator[ClockRepo]:
        with self._pool.connection() as db:
            yield ClockRepo(db)


class _ClockOnConnection:
    """A shared manual clock read through one request's connection (see `read_through`), once: a request
    happens at one instant, and an advance made meanwhile by another request cannot split it."""

    def __init__(self, clock: SharedManualClock, lent: LentConnection) -> None:
        self.clock = clock
        self.lent = lent
        self._now: int | None = None

    def now(self) -> int:
        if self._now is None:
            stored = self.lent.cached(CLOCK_KEY, lambda: ClockRepo(self.lent.get()).get())
            self._now = stored if stored is not None else self.clock.now()
        return self._now


def read_through(clock: Clock, lent: LentConnection | None) -> Clock:
    """The clock for one request: a shared manual clock reads its row on the request's own connection
    (a second connection would reload its page cache after every write of the request's), once per request
    (the middleware and the request's use case share the reading); others as they are."""
    if lent is None or not isinstance(clock, SharedManualClock):
        return clock
    if lent.clock is None:
        lent.clock = _ClockOnConnection(clock, lent)
    return lent.clock
