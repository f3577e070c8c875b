"""The control plane's use cases: read, advance and set the server's clock."""

from __future__ import annotations

import math
import os

from mockserver.core.clock import Clock, ControllableClock
from mockserver.core.config import Settings
from mockserver.core.errors import Conflict, InvalidRequest
from mockserver.schemas.control import ClockState

SYSTEM_CLOCK_MESSAGE = (
    "The server runs on the system clock, which cannot be set or advanced. Start it with "
    "`mockserver serve --clock manual` (or MOCKSERVER_CLOCK=manual) to control time."
)


class ControlService:
    """Moves only clocks that can be moved (`ControllableClock`): a test's `ManualClock` or the shared one."""

    def __init__(self, *, clock: Clock, settings: Settings) -> None:
        self.clock = clock
        self.settings = settings

    def clock_state(self, now: int | None = None) -> ClockState:
        speed = self.settings.speed
        return ClockState(
            mode="manual" if isinstance(self.clock, ControllableClock) else "system",
            now=self.clock.now() if now is None else now,
            speed="inf" if math.isinf(speed) else speed,
            pid=os.getpid(),
        )

    def advance_clock(self, *, seconds: int) -> ClockState:
        return self.clock_state(self._controllable().advance(seconds))

    def set_clock(self, *, now: int) -> ClockState:
        """Jump to `now`. Never backwards: job timelines and `created_at` orderings assume time only grows."""
        clock = self._controllable()
        current = clock.now()
        if now < current:
            raise InvalidRequest(
                f"The clock cannot move backwards: 'now' ({now}) is earlier than the current time "
                f"({current}).",
                param="now", code="invalid_value",
            )
        return self.clock_state(clock.set(now))

    def _controllable(self) -> ControllableClock:
        if not isinstance(self.clock, ControllableClock):
            raise Conflict(SYSTEM_CLOCK_MESSAGE, code="clock_not_manual")
        return self.clock
