"""Clocks: the only source of 'now' for the server, so tests can control time."""

from __future__ import annotations

import threading
import time
from typing import Protocol, runtime_checkable


class Clock(Protocol):
    def now(self) -> int:
        """Current time as integer unix seconds."""
        ...


@runtime_checkable
class ControllableClock(Clock, Protocol):
    """A clock the control plane (`/_mock/clock`) may move: in-process or shared through the data dir."""

    def advance(self, seconds: int) -> int:
        """Move forward by `seconds` (>= 0) atomically; return the new time."""
        ...

    def set(self, now: int) -> int:
        """Jump to `now`; return it."""
        ...


class SystemClock:
    """Wall-clock time."""

    def now(self) -> int:
        return int(time.time())


class ManualClock:
    """A clock that moves only when told to, held in this process (tests inject it into `create_app`)."""

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
