"""`/_mock/*`: the control plane (our extension, no API key needed): the server's clock."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.deps import ControlServiceDep
from mockserver.schemas.control import ClockAdvance, ClockSet, ClockState

router = APIRouter(prefix="/_mock", tags=["control"])


@router.get("/clock", response_model=ClockState)
async def get_clock(service: ControlServiceDep) -> ClockState:
    return service.clock_state()


@router.post("/clock/advance", response_model=ClockState)
async def advance_clock(body: ClockAdvance, service: ControlServiceDep) -> ClockState:
    """Move the manual clock forward by `seconds` (whole, >= 0); 409 on the system clock."""
    return service.advance_clock(seconds=int(body.seconds))


@router.post("/clock", response_model=ClockState)
async def set_clock(body: ClockSet, service: ControlServiceDep) -> ClockState:
    """Jump the manual clock to `now` (unix seconds, not earlier than now); 409 on the system clock."""
    return service.set_clock(now=int(body.now))
