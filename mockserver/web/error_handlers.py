"""The one place errors become HTTP responses: ours, FastAPI's, Starlette's and unexpected ones."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from mockserver.core.auth import authenticate
from mockserver.core.errors import (
    InvalidRequest,
    MethodNotAllowed,
    NotFound,
    OpenAIError,
    error_body,
    invalid_url,
    kind_of,
    missing_parameter,
)
from mockserver.services.lenient_ids import Lookup, placeholder, placeholder_content
from mockserver.web.deps import request_context
from mockserver.web.request_json import UNACCEPTABLE_BODY

JSON_PARSE_MESSAGE = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
    "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. "
    "If you have trouble figuring out how to fix this, please contact us through our help center at "
    "help.openai.com.)"
)

PYDANTIC_TYPE_NAMES = {
    "int": "an integer", "float": "a number", "string": "a string", "bool": "a boolean",
    "list": "an array", "dict": "an object", "model": "an object",
}


# How pydantic names the members of a union type (`str | list[str]`) in an error's location.
UNION_MEMBER = re.compile(r"(str|int|float|bool|list\[.*\]|dict\[.*\])")
MEMBER_NAMES = {
    "str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean", "list[str]": "array of strings",
    "list[int]": "array of integers",
}


def render(error: OpenAIError) -> JSONResponse:
    return JSONResponse(error.to_body(), status_code=error.status, headers=error.headers)


def _param_of(location: tuple[Any, ...]) -> str | None:
    # Only the leading element names where the value came from: a field may itself be called "path".
    if location and location[0] in ("body", "query", "path", "header"):
        location = location[1:]
    # Tagged unions and typed wrappers add their own names to the location; skip those.
    parts = [part for part in location
             if not (isinstance(part, str) and part.startswith(("function-", "literal[", "tagged-union[")))]
    param = ""
    for part in parts:
        # List positions are written as the real API writes them: `stop[0]`, not `stop.0`.
        param += f"[{part}]" if isinstance(part, int) else f".{part}" if param else str(part)
    return param or None


def _union_tag_position(location: tuple[Any, ...], errors: Sequence[Any]) -> int | None:
    """Where pydantic put a union member's name in `location`: a member-like part that other errors of
    the same value share the prefix of (a lone `str` may be a dict key, as in `metadata.str`)."""
    for position, part in enumerate(location):
        if not (isinstance(part, str) and UNION_MEMBER.fullmatch(part)):
            continue
        prefix = location[:position]
        siblings = [e for e in errors if tuple(e.get("loc", ()))[:position] == prefix
                    and len(e.get("loc", ())) > position and e["loc"][position] != part]
        if siblings:
            return position
    return None


def _member_name(tag: str) -> str:
    if tag in MEMBER_NAMES:
        return MEMBER_NAMES[tag]
    return "array of objects" if tag.startswith("list[") else "an object"


def _union_error(errors: Sequence[Any]) -> OpenAIError | dict[str, Any] | None:
    """A value that fits no member of a union-typed field: pydantic reports one error per member, each
    under the member's name. When the value had a member's container type but an item was wrong, that
    item's error (the member's name taken out of its location); otherwise one `invalid_type` naming the
    field and every member. None when the first error is not a union's."""
    first = errors[0]
    location = tuple(first.get("loc", ()))
    position = _union_tag_position(location, errors)
    if position is None:
        return None
    prefix = location[:position]
    members = [e for e in errors if tuple(e.get("loc", ()))[:position] == prefix and len(e.get("loc", ())) > position]
    deeper = next((e for e in members if len(e["loc"]) > position + 1), None)
    if deeper is not None:
        return {**deeper, "loc": (*prefix, *tuple(deeper["loc"])[position + 1:])}
    names = [_member_name(str(e["loc"][position])) for e in members]
    expected = ", ".join(names[:-1]) + " or " + names[-1]
    param = _param_of(prefix)
    return InvalidRequest(
        f"Invalid type for '{param}': expected one of {expected}, but got {kind_of(first.get('input'))} instead.",
        param=param, code="invalid_type",
    )


def _received(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)[:200]


def validation_error(exc: RequestValidationError) -> OpenAIError:
    """The first problem pydantic found, worded like the real API's 400s."""
    errors = exc.errors()
    first = errors[0]
    checked = (first.get("ctx") or {}).get("error")
    if first.get("type") == UNACCEPTABLE_BODY and isinstance(checked, OpenAIError):
        return checked  # worded by the body check (request_json.py)
    union = _union_error(errors) if first.get("type") != "json_invalid" else None
    if isinstance(union, OpenAIError):
        return union
    if union is not None:
        first = union
    kind, location = first.get("type", ""), tuple(first.get("loc", ()))
    # A body sent without a JSON content type reaches validation as raw bytes: it was not JSON either.
    if kind == "json_invalid" or isinstance(first.get("input"), bytes):
        return InvalidRequest(JSON_PARSE_MESSAGE)
    param = _param_of(location)
    if kind == "missing":
        if param is None:
            return InvalidRequest(
                "Missing request body: a JSON object is required.", code="missing_required_parameter"
            )
        return missing_parameter(param)
    if kind == "extra_forbidden":
        return InvalidRequest(
            f"Unrecognized request argument supplied: {param}", param=param, code="unknown_parameter"
        )
    expected = next((name for key, name in PYDANTIC_TYPE_NAMES.items() if kind.startswith(key)), None)
    received = _received(first.get("input"))
    if expected is not None and kind.endswith(("_type", "_parsing")):
        subject = "the request body" if param is None else f"'{param}'"
        return InvalidRequest(
            f"Invalid type for {subject}: expected {expected}, but got {received} instead.",
            param=param, code="invalid_type",
        )
    message = str(first.get("msg", ""))
    if param is None and kind == "value_error":
        # A model-level validator has no field of its own: its message (and the field it names, if any) is all.
        context = first.get("ctx") or {}
        named = context.get("param")
        param = named if isinstance(named, str) else None
        return InvalidRequest(f"{message.removeprefix('Value error, ')}.".replace("..", "."),
                              param=param, code="invalid_value")
    return InvalidRequest(
        f"Invalid value for '{param}': {received}. {message}.".replace("..", "."),
        param=param, code="invalid_value",
    )


async def lenient_placeholder(request: Request) -> Response | None:
    """With `--lenient-ids`, what a served route answers for an unknown id (services/lenient_ids.py)."""
    route = request.scope.get("route")
    if not request.app.state.settings.lenient_ids or not isinstance(route, APIRoute):
        return None
    content = placeholder_content(request.method, route.path)
    if content is not None:
        return Response(content, media_type="application/octet-stream")
    ctx = request_context(request, request.headers.get("authorization"))
    lookup = Lookup(params=dict(request.path_params), now=ctx.clock.now(), organization_id=ctx.settings.organization_id)
    body = placeholder(request.method, route.path, lookup)
    return JSONResponse(body) if body is not None else None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(OpenAIError)
    async def _openai_error(request: Request, exc: OpenAIError) -> Response:
        if isinstance(exc, NotFound) and (answer := await lenient_placeholder(request)) is not None:
            return answer
        return render(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI parses a JSON body before it runs dependencies, so a broken body would otherwise be
        # reported before a missing or wrong key; the real API checks the key first.
        if request.url.path.startswith("/v1/"):
            try:
                state = request.app.state
                authenticate(request.headers.get("authorization"), state.settings.api_keys, admin_key=state.admin_key)
            except OpenAIError as auth_error:
                return render(auth_error)
        return render(validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return render(invalid_url(request.method, request.url.path))
        if exc.status_code == 405:
            return render(MethodNotAllowed(f"Invalid method for URL ({request.method} {request.url.path})"))
        body = error_body(str(exc.detail), type="invalid_request_error")
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)
