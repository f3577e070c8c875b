"""Clocks: the only source of 'now' for the server, so tests can control time."""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> int:
        """Current time as integer unix seconds."""
        ...


class SystemClock:
    """Wall-clock time."""

    def now(self) -> int:
        return int(time.time())


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self, start: int) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> int:
        return self._now

    def advance(self, seconds: int) -> int:
        with self._lock:
            self._now += seconds
            return self._now

    def set(self, now: int) -> int:
        with self._lock:
            self._now = now
            return self._now
