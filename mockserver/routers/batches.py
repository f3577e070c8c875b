"""`/v1/batches`: create, list, retrieve, cancel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.schemas.batches import Batch, BatchCreate
from mockserver.schemas.common import ListPage
from mockserver.web.deps import BatchesServiceDep

router = APIRouter(prefix="/v1/batches", tags=["batches"], route_class=JSONBodyRoute)


@router.post("", response_model=Batch)
def create_batch(body: BatchCreate, service: BatchesServiceDep) -> Batch:
    return service.create(body)


@router.get("", response_model=ListPage[Batch])
def list_batches(
    service: BatchesServiceDep, after: str | None = None, limit: Annotated[int, Query()] = 20
) -> ListPage[Batch]:
    return service.list(after=after, limit=limit)


@router.get("/{batch_id}", response_model=Batch)
def retrieve_batch(batch_id: str, service: BatchesServiceDep) -> Batch:
    return service.retrieve(batch_id)


@router.post("/{batch_id}/cancel", response_model=Batch)
def cancel_batch(batch_id: str, service: BatchesServiceDep) -> Batch:
    return service.cancel(batch_id)
