"""`/v1/chat/completions`: a completion as JSON, or as server-sent events when `stream` is true."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import Response

from mockserver.deps import AUTHORIZATION_DOC, ChatServiceDep
from mockserver.routers.json_route import JSONBodyRoute
from mockserver.routers.streaming import event_stream
from mockserver.schemas.chat import ChatCompletion, ChatCompletionCreate

if TYPE_CHECKING:
    from mockserver.services.chat import ChatService

router = APIRouter(prefix="/v1/chat", tags=["chat"], route_class=JSONBodyRoute)


def answer(service: ChatService, body: ChatCompletionCreate) -> Response:
    """The completion as JSON, or as SSE frames."""
    from mockserver.services.chat_stream import chat_frames  # loaded with the chat service, not at start-up

    result = service.create(body)
    if not body.stream:
        return Response(result.completion.wire_json(), media_type="application/json", headers=result.headers)
    options = body.stream_options
    frames = chat_frames(result, include_usage=bool(options and options.include_usage),
                         obfuscate=not (options and options.include_obfuscation is False))
    return event_stream(list(frames), result.headers)


@router.post("/completions", response_model=ChatCompletion, openapi_extra=AUTHORIZATION_DOC)
async def create_chat_completion(body: ChatCompletionCreate, chat: ChatServiceDep) -> Response:
    # Inline on the event loop: the work is a few SQLite statements and an index lookup, cheaper
    # than the hop to a worker thread it would otherwise cost.
    return answer(chat, body)
