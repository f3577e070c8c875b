"""Stored chat completions (`store: true`): list, retrieve, update metadata, delete, and their messages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from mockserver.routers.fine_tuning import metadata_filter
from mockserver.web.deps import StoredChatServiceDep

router = APIRouter(prefix="/v1/chat/completions", tags=["chat"])


class CompletionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    metadata: dict[str, str] | None


@router.get("")
async def list_chat_completions(
    request: Request, service: StoredChatServiceDep, model: str | None = None, after: str | None = None,
    limit: Annotated[int, Query()] = 20, order: str = "asc",
) -> JSONResponse:
    metadata, _ = metadata_filter(request)
    return JSONResponse(service.list(model=model, metadata=metadata, after=after, limit=limit, order=order))


@router.get("/{completion_id}")
async def retrieve_chat_completion(completion_id: str, service: StoredChatServiceDep) -> JSONResponse:
    return JSONResponse(service.retrieve(completion_id))


@router.post("/{completion_id}")
async def update_chat_completion(
    completion_id: str, body: CompletionUpdate, service: StoredChatServiceDep,
) -> JSONResponse:
    return JSONResponse(service.update(completion_id, body.metadata))


@router.delete("/{completion_id}")
async def delete_chat_completion(completion_id: str, service: StoredChatServiceDep) -> JSONResponse:
    return JSONResponse(service.delete(completion_id))


@router.get("/{completion_id}/messages")
async def list_chat_completion_messages(
    completion_id: str, service: StoredChatServiceDep, after: str | None = None,
    limit: Annotated[int, Query()] = 20, order: str = "asc",
) -> JSONResponse:
    return JSONResponse(service.messages(completion_id, after=after, limit=limit, order=order))
