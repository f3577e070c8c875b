"""The app factory: wires settings, clock, ids and routers into a FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from mockserver import __version__
from mockserver.clock import Clock, SystemClock
from mockserver.config import Settings
from mockserver.error_handlers import install_error_handlers
from mockserver.ids import IdFactory
from mockserver.middleware import OpenAIHeadersMiddleware
from mockserver.routers import files, health, uploads
from mockserver.store.blobs import BlobStore
from mockserver.store.database import initialise_database


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """Build the server. Prepares the data dir at once, so the first request finds it ready."""
    settings = settings or Settings()
    initialise_database(settings.database_path)
    blobs = BlobStore(settings.blobs_dir)
    blobs.ensure()
    blobs.discard_unfinished()

    app = FastAPI(title="mockserver", version=__version__, docs_url="/_mock/docs", redoc_url=None,
                  openapi_url="/_mock/openapi.json")
    app.state.settings = settings
    app.state.clock = clock or SystemClock()
    app.state.ids = IdFactory(settings.seed)
    app.state.blobs = blobs

    for module in (health, files, uploads):
        app.include_router(module.router)
    install_error_handlers(app)
    app.add_middleware(OpenAIHeadersMiddleware)
    return app
