"""`/v1/completions` (legacy): a completion as JSON, or as server-sent events when `stream` is true."""

from __future__ import annotations

import orjson
from fastapi import APIRouter
from fastapi.responses import Response

from mockserver.routers.json_route import JSONBodyRoute
from mockserver.routers.streaming import event_stream
from mockserver.schemas.completions import Completion, CompletionCreate
from mockserver.web.deps import CompletionsServiceDep

router = APIRouter(prefix="/v1", tags=["completions"], route_class=JSONBodyRoute)


@router.post("/completions", response_model=Completion)
async def create_completion(body: CompletionCreate, completions: CompletionsServiceDep) -> Response:
    from mockserver.services.completion_stream import completion_frames  # loaded with the service

    result = completions.create(body)  # inline on the event loop, like chat completions (see routers/chat.py)
    if not body.stream:
        return Response(orjson.dumps(result.completion), media_type="application/json", headers=result.headers)
    options = body.stream_options
    frames = completion_frames(result, include_usage=bool(options and options.include_usage))
    return event_stream(list(frames), result.headers)
