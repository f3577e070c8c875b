"""What every request reads (the injected faults, the manual clock, which index answers for a model), kept per
process while the data dir's change counter keeps the value it was read at.

The rule: migration 0027's triggers give `change_counter.value` a new random value at every write to those
tables (`COUNTED_TABLES`), by any connection or process. A request reads the counter once, before it loads
anything, so a kept value is never older than the counter it is filed under; a different counter drops them all.
One counter read replaces a request's three reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlite_utils import Database

T = TypeVar("T")

# Distinct keys (models asked for, above all) kept at most; beyond, the cache starts again empty.
MAX_ENTRIES = 1024


def read_counter(db: Database) -> int | None:
    """The change counter; None where it is missing (nothing can be kept then)."""
    row = db.execute("select value from change_counter where id = 1").fetchone()
    return None if row is None else int(row[0])


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
