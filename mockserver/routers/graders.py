"""`/v1/fine_tuning/alpha/graders`: validate and run RFT graders."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.graders import GraderRunRequest, GraderValidateRequest
from mockserver.web.deps import GradersServiceDep

router = APIRouter(prefix="/v1/fine_tuning/alpha/graders", tags=["fine_tuning"], route_class=JSONBodyRoute)


@router.post("/validate")
def validate_grader(body: GraderValidateRequest, service: GradersServiceDep) -> dict[str, Any]:
    return service.validate(body.grader)


@router.post("/run")
def run_grader(body: GraderRunRequest, service: GradersServiceDep) -> dict[str, Any]:
    """Sync: a python grader's child process is waited for on a worker thread, not on the event loop."""
    return service.run(body.grader, body.model_sample, body.item)
