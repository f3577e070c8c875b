"""`/_mock/*`: the control plane (our extension, no API key needed): the server's clock.

A move first waits (bounded) until no job's files are still being prepared (services/job_preparation.py), so
a test that creates a job on a big file and advances sees it as on a small one. After the move it waits
(bounded) until the batches it finished are run by the batch runner (services/batch_runner.py), so a report
read next finds their charges written and runs nothing. Moving the clock finishes jobs
with nobody reading them: the move then claims their webhook events and wakes the sender, without waiting for
it (`POST /_mock/webhooks/flush` waits). These handlers are sync (run in the thread pool): the waits and the
sweep read the database."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.control import ClockAdvance, ClockSet, ClockState
from mockserver.web.deps import ControlServiceDep, JobWebhooksDep, PendingBatchesDep, PendingPreparationsDep

router = APIRouter(prefix="/_mock", tags=["control"], route_class=JSONBodyRoute)


@router.get("/clock", response_model=ClockState)
async def get_clock(service: ControlServiceDep) -> ClockState:
    return service.clock_state()


@router.post("/clock/advance", response_model=ClockState)
def advance_clock(body: ClockAdvance, service: ControlServiceDep, webhooks: JobWebhooksDep,
                  preparations: PendingPreparationsDep, batches: PendingBatchesDep) -> ClockState:
    """Move the manual clock forward by `seconds` (whole, >= 0); 409 on the system clock."""
    preparations.wait()
    moved = service.advance_clock(seconds=int(body.seconds))
    batches.wait(now=moved.now)
    webhooks.sweep()
    return moved


@router.post("/clock", response_model=ClockState)
def set_clock(body: ClockSet, service: ControlServiceDep, webhooks: JobWebhooksDep,
              preparations: PendingPreparationsDep, batches: PendingBatchesDep) -> ClockState:
    """Jump the manual clock to `now` (unix seconds, not earlier than now); 409 on the system clock."""
    preparations.wait()
    moved = service.set_clock(now=int(body.now))
    batches.wait(now=moved.now)
    webhooks.sweep()
    return moved
