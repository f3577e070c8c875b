"""A few SQLite connections kept open for the per-request bookkeeping of the control middleware.

Opening a connection costs about half a millisecond; the journal and fault lookup run on every
`/v1/*` request, so they borrow one instead. A connection is used by one thread at a time (it is
taken out of the pool while in use), which is what `check_same_thread=False` requires.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from mockserver.store.database import open_database

POOL_SIZE = 8


class ConnectionPool:
    def __init__(self, database_path: Path, *, size: int = POOL_SIZE) -> None:
        self.database_path = database_path
        self._idle: queue.LifoQueue[Database] = queue.LifoQueue(maxsize=size)

    @contextmanager
    def connection(self) -> Iterator[Database]:
        try:
            db = self._idle.get_nowait()
        except queue.Empty:
            db = open_database(self.database_path)
        healthy = False
        try:
            yield db
            healthy = not db.conn.in_transaction
        finally:
            if healthy:
                try:
                    self._idle.put_nowait(db)
                except queue.Full:
                    db.close()
            else:
                db.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
