"""`/v1/responses`: create a response, as JSON or as typed server-sent events when `stream` is true."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import Response

from mockserver.routers.index_wait import once_index_ready
from mockserver.routers.json_route import JSONBodyRoute
from mockserver.routers.streaming import event_stream
from mockserver.schemas.responses import Response as ResponseObject
from mockserver.schemas.responses import ResponseCreate
from mockserver.web.deps import ResponsesServiceDep

if TYPE_CHECKING:
    from mockserver.services.responses import ResponsesService

router = APIRouter(prefix="/v1/responses", tags=["responses"], route_class=JSONBodyRoute)


def answer(service: ResponsesService, body: ResponseCreate) -> Response:
    """The response as JSON, or as SSE frames."""
    from mockserver.services.responses_stream import response_frames  # loaded with the service, not at start-up

    result = service.create(body)
    if body.stream:
        return event_stream(response_frames(result), result.headers)
    return Response(result.response.wire_json(), media_type="application/json", headers=result.headers)


@router.post("", response_model=ResponseObject)
async def create_response(body: ResponseCreate, responses: ResponsesServiceDep) -> Response:
    return await once_index_ready(lambda: answer(responses, body))  # inline, like chat completions (routers/chat.py)
