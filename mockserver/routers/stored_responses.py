"""Stored responses: retrieve, delete, cancel, and the input items of one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from mockserver.web.deps import StoredResponsesServiceDep

router = APIRouter(prefix="/v1/responses", tags=["responses"])


@router.get("/{response_id}")
async def retrieve_response(response_id: str, service: StoredResponsesServiceDep) -> JSONResponse:
    return JSONResponse(service.retrieve(response_id))


@router.delete("/{response_id}")
async def delete_response(response_id: str, service: StoredResponsesServiceDep) -> JSONResponse:
    return JSONResponse(service.delete(response_id))


@router.post("/{response_id}/cancel")
async def cancel_response(response_id: str, service: StoredResponsesServiceDep) -> JSONResponse:
    return JSONResponse(service.cancel(response_id))


@router.get("/{response_id}/input_items")
async def list_input_items(
    response_id: str, service: StoredResponsesServiceDep, after: str | None = None,
    limit: Annotated[int, Query()] = 20, order: str = "desc",
) -> JSONResponse:
    return JSONResponse(service.input_items(response_id, after=after, limit=limit, order=order))
