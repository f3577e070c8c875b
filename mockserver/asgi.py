"""The ASGI entry point for uvicorn: builds the app from MOCKSERVER_* variables."""

from __future__ import annotations

import gc

from fastapi import FastAPI

from mockserver.core.config import Settings
from mockserver.server.app import create_app
from mockserver.web.access_log import AccessLogMiddleware


def create_app_from_env() -> FastAPI:
    return create_app(Settings())


def create_served_app() -> AccessLogMiddleware:
    """What `mockserver serve` runs: the app, writing its own access log (uvicorn's is turned off).

    What start-up built (modules, the app, the catalogs: ~100k objects that live as long as the process) is then
    moved out of the garbage collector's reach (`gc.freeze`): each full collection walked them all on the event
    loop, 15-60 ms that a request arriving meanwhile waited (the p99 of a chat under load). Not in `create_app`,
    which tests build in their own process again and again."""
    app = AccessLogMiddleware(create_app_from_env())
    # Not collected first: that took ~50 ms of start-up to free some 30 objects, now kept for good.
    gc.freeze()
    return app
