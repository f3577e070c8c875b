"""`/v1/chat/completions`: a completion as JSON, or as server-sent events when `stream` is true."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from mockserver.routers.index_wait import once_index_ready
from mockserver.routers.json_route import JSONBodyRoute
from mockserver.routers.streaming import event_stream
from mockserver.schemas.chat import ChatCompletion, ChatCompletionCreate, completion_json
from mockserver.web.deps import ChatServiceDep, chat_service

if TYPE_CHECKING:
    from mockserver.services.chat import ChatService

JSON = "application/json"


class ChatRoute(JSONBodyRoute):
    """The hot path: a body sent as `application/json` that validates goes straight to the service, sparing
    FastAPI's generic body and dependency handling (a third of a request's work). Anything else (another
    content type, a body that does not validate: too deep, a lone surrogate, a wrong field) takes the checked
    JSON route's path (json_route.py), so every error reads as before."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        generic = super().get_route_handler()

        async def handler(request: Request) -> Response:
            if request.headers.get("content-type") != JSON:
                return await generic(request)
            try:
                body = ChatCompletionCreate.model_validate_json(await request.body())
            except ValidationError:
                return await generic(request)  # the body stays cached on the request
            service = chat_service(request, request.headers.get("authorization"))
            return await once_index_ready(lambda: answer(service, body))

        return handler


router = APIRouter(prefix="/v1/chat", tags=["chat"], route_class=ChatRoute)


def answer(service: ChatService, body: ChatCompletionCreate) -> Response:
    """The completion as JSON, or as SSE frames."""
    from mockserver.services.chat_stream import chat_frames  # loaded with the chat service, not at start-up

    result = service.create(body)
    if not body.stream:
        return Response(completion_json(result.completion), media_type=JSON, headers=result.headers)
    options = body.stream_options
    frames = chat_frames(result, include_usage=bool(options and options.include_usage),
                         obfuscate=not (options and options.include_obfuscation is False))
    return event_stream(list(frames), result.headers)


@router.post("/completions", response_model=ChatCompletion)
async def create_chat_completion(body: ChatCompletionCreate, chat: ChatServiceDep) -> Response:
    # Inline on the event loop: the work is a few SQLite statements and an index lookup, cheaper
    # than the hop to a worker thread it would otherwise cost.
    return await once_index_ready(lambda: answer(chat, body))
