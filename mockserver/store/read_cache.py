"""What every request reads (the injected faults, the manual clock, which index answers for a model), kept per
process while the data dir's change counter keeps the value it was read at.

The rule: migration 0027's triggers give `change_counter.value` a new random value at every write to those
tables (`COUNTED_TABLES`), by any connection or process. A request reads the counter once, before it loads
anything, so a kept value is never older than the counter it is filed under; a different counter drops them all.
One counter read replaces a request's three reads, and a request skips even that while no transaction has committed
since the last read (`CommitWatch`).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from mockserver.store.database import open_database

T = TypeVar("T")

# Distinct keys (models asked for, above all) kept at most; beyond, the cache starts again empty.
MAX_ENTRIES = 1024


def read_counter(db: Database) -> int | None:
    """The change counter; None where it is missing (nothing can be kept then)."""
    row = db.execute("select value from change_counter where id = 1").fetchone()
    return None if row is None else int(row[0])


# SQLite's WAL index (https://sqlite.org/walformat.html): the shared-memory file begins with two copies of a 48-byte
# header; a commit writes the second copy, then the first, and readers trust a header only when both agree.
WAL_INDEX_HEADER_BYTES = 48


class CommitWatch:
    """Whether any connection, in any process, has committed to a WAL database since a moment seen before: the
    first copy of the WAL index header, read from the shared-memory file (`<database>-shm`) mapped into this
    process. Every commit changes it (its transaction counter, `iChange`, and its last frame, `mxFrame`), and what
    a commit wrote is visible to no reader before it changed. Reading it is a memory read, where reading the change
    counter through SQLite takes a read transaction (two `fcntl` locks) and a statement: 1.06x the paraphrases a
    second when a chat server skipped it (A/B under wrk).

    The watch keeps a connection of its own open for as long as it maps the file: SQLite deletes or truncates the
    shared-memory file only when no connection of any process has the database open, and then a mapping would
    show an old file forever."""

    def __init__(self, database_path: Path) -> None:
        self._pin = open_database(database_path)
        self._map: mmap.mmap | None = None
        try:
            # A read (the WAL and its index are opened), finished (an open statement would pin a snapshot).
            (mode,), = self._pin.execute("pragma journal_mode").fetchall()
            if mode == "wal":
                # Where SQLite puts it: beside the database file, symbolic links resolved.
                descriptor = os.open(f"{os.path.realpath(database_path)}-shm", os.O_RDONLY)
                try:
                    self._map = mmap.mmap(descriptor, WAL_INDEX_HEADER_BYTES, access=mmap.ACCESS_READ)
                finally:
                    os.close(descriptor)
        except (OSError, ValueError):  # no shared-memory file (not WAL), or one too short to map: no watch
            self._map = None
        if self._map is None:
            self._pin.close()

    @property
    def watching(self) -> bool:
        return self._map is not None

    def moment(self) -> bytes | None:
        """What the header reads now (None without a watch): equal to an earlier moment's when nothing has
        committed in between. Read before what it vouches for, so a commit meanwhile shows as a change."""
        return self._map[:WAL_INDEX_HEADER_BYTES] if self._map is not None else None

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
            self._map = None
            with contextlib.suppress(Exception):
                self._pin.close()


class ReadCache:
    """One data dir's kept reads in this process (each ConnectionPool owns one)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counter: int | None = None
        self._values: dict[Hashable, object] = {}

    def get(self, counter: int | None, key: Hashable, load: Callable[[], T]) -> T:
        """The value kept under `key` at `counter`, else `load()` (kept when `counter` is still current)."""
        if counter is None:
            return load()
        with self._lock:
            if counter != self._counter:
                self._counter, self._values = counter, {}
            if key in self._values:
                return self._values[key]  # type: ignore[return-value]  # `key` names what `load` returns
        value = load()
        with self._lock:
            if counter == self._counter:
                if len(self._values) >= MAX_ENTRIES:
                    self._values = {}
                self._values[key] = value
        return value
