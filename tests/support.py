"""Helpers shared by the API tests: the expected error envelope, extra SDK clients, polling."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import openai

REQUEST_ID = re.compile(r"req_[0-9a-f]{32}")
FILE_ID = re.compile(r"file-[A-Za-z0-9]{22}")
MISSING_KEY_MESSAGE = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header using "
    "Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) "
    "if you're accessing the API from your browser and are prompted for a username. You can obtain an "
    "API key from https://platform.openai.com/account/api-keys."
)


def error(
    message: str, *, type: str = "invalid_request_error", param: str | None = None, code: str | None = None
) -> dict[str, Any]:
    """The `error` member of the envelope, with all four keys and nothing else."""
    return {"message": message, "type": type, "param": param, "code": code}


def envelope(message: str, **fields: Any) -> dict[str, Any]:
    """A whole error response body."""
    return {"error": error(message, **fields)}


def sdk_client(base_url: str, api_key: str) -> openai.OpenAI:
    """The official SDK in strict mode, without retries, against a server's base URL."""
    # verify=False: plain http on loopback, and it spares loading the CA bundle (~35 ms per client).
    return openai.OpenAI(
        api_key=api_key, base_url=f"{base_url}/v1", max_retries=0, _strict_response_validation=True,
        http_client=openai.DefaultHttpxClient(verify=False),
    )


def wait_until(condition: Callable[[], bool], *, timeout: float = 5.0) -> bool:
    """Poll a condition that a real server thread must make true (never used for the manual clock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def all_routes(routes: list[Any]) -> Iterator[Any]:
    """An app's routes, those of included routers too (FastAPI keeps an included router whole until used)."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from all_routes(route.original_router.routes)
        else:
            yield route
