"""The ASGI entry point for uvicorn: builds the app from MOCKSERVER_* variables."""

from __future__ import annotations

from fastapi import FastAPI

from mockserver.core.config import Settings
from mockserver.server.app import create_app
from mockserver.web.access_log import AccessLogMiddleware


def create_app_from_env() -> FastAPI:
    return create_app(Settings())


def create_served_app() -> AccessLogMiddleware:
    """What `mockserver serve` runs: the app, writing its own access log (uvicorn's is turned off)."""
    return AccessLogMiddleware(create_app_from_env())
