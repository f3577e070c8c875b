"""The ASGI entry point for uvicorn: builds the app from MOCKSERVER_* variables."""

from __future__ import annotations

from fastapi import FastAPI

from mockserver.core.config import Settings
from mockserver.server.app import create_app


def create_app_from_env() -> FastAPI:
    return create_app(Settings())
