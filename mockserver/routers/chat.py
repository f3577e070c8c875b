"""`/v1/chat/completions`: a completion as JSON, or as server-sent events when `stream` is true."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockserver.core.errors import OpenAIError
from mockserver.routers.index_wait import once_index_ready
from mockserver.routers.json_route import JSONBodyRoute
from mockserver.routers.streaming import event_stream
from mockserver.schemas.chat import ChatCompletion, ChatCompletionCreate, completion_json
from mockserver.web.deps import ChatServiceDep, chat_service
from mockserver.web.raw_headers import first_values

if TYPE_CHECKING:
    from mockserver.services.chat import ChatService

JSON = "application/json"
PATH = "/v1/chat/completions"
LANE_HEADERS = frozenset((b"content-type", b"authorization"))

router = APIRouter(prefix="/v1/chat", tags=["chat"], route_class=JSONBodyRoute)


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


class ChatLane:
    """The hot path, as the innermost middleware: a chat completion sent as `application/json` whose body
    validates goes straight to the service, sparing the exception middleware, the router, the route and
    FastAPI's body and dependency handling (a tenth of a chat request's work). It still runs inside every
    middleware of ours (request id, faults, rate limits, journal). Anything else (another path or content
    type, a body that does not validate: too deep, a lone surrogate, a wrong field) goes to the route above
    with the body replayed, so every error reads as before; an error of the service is answered by the app's
    own exception handler."""

    def __init__(self, app: ASGIApp, *, api: FastAPI) -> None:
        self.app = app
        self.api = api
        self.route = next(route for route in api.router.routes if isinstance(route, APIRoute) and route.path == PATH)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = first_values(scope["headers"], LANE_HEADERS)
        if headers.get(b"content-type") != JSON:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        try:
            parsed = ChatCompletionCreate.model_validate_json(body)
        except ValidationError:
            await self.app(scope, _replay(body, receive), send)
            return
        try:
            service = chat_service(self.api.state, scope, headers.get(b"authorization"))
            response = await once_index_ready(lambda: answer(service, parsed))
        except OpenAIError as error:
            scope["route"] = self.route  # what the handler's `--lenient-ids` placeholder looks at
            handled = self.api.exception_handlers[OpenAIError](Request(scope, receive), error)
            response = handled if isinstance(handled, Response) else await handled
        await response(scope, receive, send)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientDisconnect  # as Starlette's `Request.body()` does (RequestMiddleware logs it)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body already read, then what the client sends next (a disconnect)."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replayed
