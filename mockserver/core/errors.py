"""The OpenAI error hierarchy: every failure the API reports, with its status, type, param and code."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


class OpenAIError(Exception):
    """An error rendered as `{"error": {"message", "type", "param", "code"}}` with `status`."""

    status: int = 400
    type: str = "invalid_request_error"

    def __init__(
        self,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code
        self.headers = headers or {}

    def to_body(self) -> dict[str, Any]:
        return error_body(self.message, type=self.type, param=self.param, code=self.code)


def error_body(message: str, *, type: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    """The one error envelope of the API."""
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


class InvalidRequest(OpenAIError):
    status = 400


class Authentication(OpenAIError):
    status = 401


class PermissionDenied(OpenAIError):
    status = 403


class NotFound(OpenAIError):
    status = 404


class MethodNotAllowed(OpenAIError):
    status = 405


class Conflict(OpenAIError):
    status = 409


class ServerError(OpenAIError):
    status = 500
    type = "server_error"


class ServiceUnavailable(OpenAIError):
    status = 503
    type = "server_error"


class ModelLoading(ServiceUnavailable):
    """A fine-tuned model whose index is being built in the background: the inference routes `wait` (blocking:
    off the event loop) and ask again (routers/index_wait.py); elsewhere, or still loading then, a 503."""

    def __init__(self, wait: Callable[[], None]) -> None:
        super().__init__("The model is still being loaded; please retry shortly.", param="model",
                         code="model_loading")
        self.wait = wait


def invalid_url(method: str, path: str) -> NotFound:
    """What the real API answers for a route it does not have."""
    return NotFound(f"Invalid URL ({method} {path})")


def missing_parameter(param: str) -> InvalidRequest:
    return InvalidRequest(
        f"Missing required parameter: '{param}'.", param=param, code="missing_required_parameter"
    )


def kind_of(value: Any) -> str:
    """How the real API names a JSON value's type: `a string`, `an integer`, `an array`…"""
    if value is None:
        return "null"
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array"}
    return names.get(type(value), "an object")


def invalid_type(param: str, expected: str, value: Any) -> InvalidRequest:
    return InvalidRequest(
        f"Invalid type for '{param}': expected {expected}, but got {kind_of(value)} instead.",
        param=param, code="invalid_type",
    )


def invalid_choice(param: str, value: Any, allowed: tuple[str, ...]) -> InvalidRequest:
    """`Invalid value: "x". Supported values are: 'a', 'b'.` (the JSON value, as job and grader checks word it)."""
    return InvalidRequest(
        f"Invalid value: {json.dumps(value)}. Supported values are: " + ", ".join(f"'{v}'" for v in allowed) + ".",
        param=param, code="invalid_value",
    )
