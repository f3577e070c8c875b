from .__version__ import __version__
from .handlers import ASGIHandler, WSGIHandler
from .models import MockResponse, Route
from .router import MockRouter, Router
from .utils import SetCookie

from .api import (  # isort:skip
    mock,
    routes,
    calls,
    start,
    stop,
    clear,
    reset,
    pop,
    route,
    add,
    request,
    get,
    post,
    put,
    patch,
    delete,
    head,
    options,
)


__all__ = [
    "__version__",
    "MockResponse",
    "MockRouter",
    "ASGIHandler",
    "WSGIHandler",
    "Router",
    "Route",
    "SetCookie",
    "mock",
    "routes",
    "calls",
    "start",
    "stop",
    "clear",
    "reset",
    "pop",
    "route",
    "add",
    "request",
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
]
