"""`/v1/responses`: create a response, as JSON or as typed server-sent events when `stream` is true."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from mockserver.deps import ResponsesServiceDep
from mockserver.routers.streaming import event_stream
from mockserver.schemas.responses import Response as ResponseObject
from mockserver.schemas.responses import ResponseCreate
from mockserver.services.responses import ResponsesService
from mockserver.services.responses_stream import response_frames

router = APIRouter(prefix="/v1/responses", tags=["responses"])


def answer(service: ResponsesService, body: ResponseCreate) -> bytes | list[bytes]:
    """The response's JSON, or its SSE frames."""
    result = service.create(body)
    return response_frames(result) if body.stream else result.response.wire_json()


@router.post("", response_model=ResponseObject)
async def create_response(body: ResponseCreate, responses: ResponsesServiceDep) -> Response:
    content = answer(responses, body)  # inline, like chat completions (see routers/chat.py)
    if isinstance(content, list):
        return event_stream(content)
    return Response(content, media_type="application/json")
