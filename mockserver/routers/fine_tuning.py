"""`/v1/fine_tuning/jobs`: create, list, retrieve, cancel, pause, resume, events, checkpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.common import CursorList, ListPage
from mockserver.schemas.fine_tuning import (
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    JobCreate,
)
from mockserver.web.deps import FineTuningServiceDep

router = APIRouter(prefix="/v1/fine_tuning/jobs", tags=["fine_tuning"], route_class=JSONBodyRoute)


def metadata_filter(request: Request) -> tuple[dict[str, str], bool]:
    """`metadata[k]=v` pairs (deepObject style), and whether `metadata=null` asked for jobs without any."""
    pairs = {
        key[len("metadata["):-1]: value
        for key, value in request.query_params.multi_items()
        if key.startswith("metadata[") and key.endswith("]")
    }
    return pairs, request.query_params.get("metadata") == "null"


@router.post("", response_model=FineTuningJob)
def create_fine_tuning_job(body: JobCreate, service: FineTuningServiceDep) -> FineTuningJob:
    return service.create(body)


@router.get("", response_model=CursorList[FineTuningJob])
def list_fine_tuning_jobs(
    request: Request, service: FineTuningServiceDep, after: str | None = None,
    limit: Annotated[int, Query()] = 20,
) -> CursorList[FineTuningJob]:
    metadata, without_metadata = metadata_filter(request)
    return service.list(after=after, limit=limit, metadata=metadata, without_metadata=without_metadata)


@router.get("/{job_id}", response_model=FineTuningJob)
def retrieve_fine_tuning_job(job_id: str, service: FineTuningServiceDep) -> FineTuningJob:
    return service.retrieve(job_id)


@router.post("/{job_id}/cancel", response_model=FineTuningJob)
def cancel_fine_tuning_job(job_id: str, service: FineTuningServiceDep) -> FineTuningJob:
    return service.cancel(job_id)


@router.post("/{job_id}/pause", response_model=FineTuningJob)
def pause_fine_tuning_job(job_id: str, service: FineTuningServiceDep) -> FineTuningJob:
    return service.pause(job_id)


@router.post("/{job_id}/resume", response_model=FineTuningJob)
def resume_fine_tuning_job(job_id: str, service: FineTuningServiceDep) -> FineTuningJob:
    return service.resume(job_id)


@router.get("/{job_id}/events", response_model=CursorList[FineTuningJobEvent])
def list_fine_tuning_events(
    job_id: str, service: FineTuningServiceDep, after: str | None = None, limit: Annotated[int, Query()] = 20
) -> CursorList[FineTuningJobEvent]:
    return service.list_events(job_id, after=after, limit=limit)


@router.get("/{job_id}/checkpoints", response_model=ListPage[FineTuningJobCheckpoint])
def list_fine_tuning_checkpoints(
    job_id: str, service: FineTuningServiceDep, after: str | None = None, limit: Annotated[int, Query()] = 10
) -> ListPage[FineTuningJobCheckpoint]:
    return service.list_checkpoints(job_id, after=after, limit=limit)
