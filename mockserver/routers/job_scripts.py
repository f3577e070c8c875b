"""`/_mock/jobs/{job_id}/script`: a fine-tuning job's scripted outcome (our extension, no API key needed)."""

from __future__ import annotations

from fastapi import APIRouter

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.job_scripts import JobScript, JobScriptCreate
from mockserver.web.deps import JobScriptsServiceDep

router = APIRouter(prefix="/_mock/jobs", tags=["control"], route_class=JSONBodyRoute)


@router.post("/{job_id}/script", response_model=JobScript)
def script_job(job_id: str, body: JobScriptCreate, service: JobScriptsServiceDep) -> JobScript:
    """Make the job fail at a point, stay in a status, or succeed; 409 once it is terminal or past that point."""
    return service.script(job_id, body)
