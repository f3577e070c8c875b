"""The route class of every router that takes a JSON body: the body is parsed and checked (request_json.py)
before FastAPI sees it, so nesting too deep or a lone surrogate is a 400 naming the field, not a 500."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from mockserver.web.request_json import UnacceptableBody, parse_json_body

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def is_json(content_type: str | None) -> bool:
    """What FastAPI parses as JSON: `application/json` and `application/*+json`."""
    media = (content_type or "").partition(";")[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class CheckedJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_checked_json"):
            self._checked_json = parse_json_body(await self.body())
        return self._checked_json


class JSONBodyRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def checked(request: Request) -> Response:
            request = CheckedJSONRequest(request.scope, request.receive)
            if is_json(request.headers.get("content-type")):
                try:
                    # Here, not in FastAPI's parsing: it turns every error but a JSONDecodeError into a bare 400.
                    await request.json()
                except json.JSONDecodeError:
                    pass  # FastAPI reports it as before (the request's json() raises it again)
                except UnacceptableBody as error:
                    raise RequestValidationError([error.as_validation_error()]) from None
            return await handler(request)

        return checked
