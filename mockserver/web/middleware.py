"""ASGI middleware: a request id on every response, unexpected exceptions as OpenAI 500s, the
database connection lent to each request, and the admin key checked on the control plane."""

from __future__ import annotations

import logging
import time

from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect, cookie_parser
from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocketClose

from mockserver.core.admin_auth import (
    LOGIN_PATH,
    check_admin_key,
    is_control_path,
    is_exempt,
    presented_keys,
    wants_login_page,
)
from mockserver.core.errors import Authentication, ServerError
from mockserver.core.ids import IdFactory
from mockserver.store import Stores
from mockserver.web.raw_headers import set_headers

logger = logging.getLogger("mockserver")

WS_POLICY_VIOLATION = 1008
SERVER_ERROR_MESSAGE = "The server had an error while processing your request. Sorry about that!"


class RequestMiddleware:
    """Per HTTP request: adds `x-request-id`, `openai-version` and `openai-processing-ms`; turns crashes into
    500s; lends the request a pooled connection.

    It sits outside Starlette's error middleware's reach on purpose: a handler for `Exception`
    registered on the app would run outside every other middleware and lose these headers.

    The connection (`scope["state"]["connection"]`, taken from the pool on first use) is given back when the
    response is done, errors included. The request's store (deps.py), its fault lookup and its journal row all
    use it: one connection keeps SQLite's page cache warm (store/pool.py), and a generator dependency giving it
    back would cost FastAPI more bookkeeping than the rest of a small request's dependencies. One layer for both:
    each ASGI layer is a coroutine call a request pays for.
    """

    def __init__(self, app: ASGIApp, *, stores: Stores) -> None:
        self.app = app
        self.stores = stores

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = IdFactory.request_id()
        lent = self.stores.lend()
        # Shared with inner layers (the request journal, handlers via `request.state.request_id`).
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["connection"] = lent
        started = time.perf_counter()
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                set_headers(message, {
                    b"x-request-id": request_id.encode(), b"openai-version": b"2020-10-01",
                    b"openai-processing-ms": b"%d" % int((time.perf_counter() - started) * 1000),
                })
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except ClientDisconnect:
            # The client went away mid-request: nobody to answer, and not a server error.
            logger.info("client disconnected during %s %s", scope.get("method"), scope.get("path"))
        except Exception:
            logger.exception("unhandled error in %s %s", scope.get("method"), scope.get("path"))
            if response_started:
                raise
            error = ServerError(SERVER_ERROR_MESSAGE)
            response = JSONResponse(error.to_body(), status_code=error.status)
            await response(scope, receive, send_with_headers)
        finally:
            lent.give_back()


class AdminKeyMiddleware:
    """Answers 401 to a control-plane request (`/_mock/*`) without the admin key, before any route runs.

    A middleware rather than a dependency: it also covers what is mounted under `/_mock` without FastAPI's
    dependencies (the docs, the OpenAPI schema, static files) and routes added later. Installed only when a key
    is in force, so an open local server pays nothing.
    """

    def __init__(self, app: ASGIApp, *, admin_key: str) -> None:
        self.app = app
        self.admin_key = admin_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not is_control_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http" and is_exempt(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            check_admin_key(presented_keys(headers, cookie_parser(headers.get("cookie", ""))), self.admin_key)
        except Authentication as refused:
            if scope["type"] == "websocket":
                await WebSocketClose(code=WS_POLICY_VIOLATION)(scope, receive, send)
                return
            if wants_login_page(scope["method"], scope["path"], headers.get("accept", "")):
                await RedirectResponse(LOGIN_PATH, status_code=303)(scope, receive, send)
                return
            response = JSONResponse(refused.to_body(), status_code=refused.status,
                                    headers={"WWW-Authenticate": 'Bearer realm="mockserver control plane"'})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
