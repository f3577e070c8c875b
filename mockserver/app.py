"""The app factory: wires settings, clock, ids and routers into a FastAPI application."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from mockserver import __version__
from mockserver.catalog import ModelCatalog
from mockserver.clock import Clock, SystemClock
from mockserver.config import Settings
from mockserver.error_handlers import install_error_handlers
from mockserver.ids import IdFactory
from mockserver.middleware import OpenAIHeadersMiddleware
from mockserver.routers import checkpoint_permissions, control, files, fine_tuning, health, models, uploads
from mockserver.store.blobs import BlobStore
from mockserver.store.clock import SharedManualClock
from mockserver.store.database import initialise_database

logger = logging.getLogger("mockserver")


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
    app.state.clock = clock or default_clock(settings)
    app.state.ids = IdFactory(settings.seed)
    app.state.blobs = blobs
    app.state.catalog = ModelCatalog.load(settings.fixtures_dir / "models.json")

    for module in (health, files, uploads, fine_tuning, checkpoint_permissions, models, control):
        app.include_router(module.router)
    install_error_handlers(app)
    app.add_middleware(OpenAIHeadersMiddleware)
    return app


def default_clock(settings: Settings) -> Clock:
    """The clock `settings.clock` names. The manual one lives in the initialised data dir, for all workers."""
    if settings.clock == "system":
        return SystemClock()
    start = settings.start_time if settings.start_time is not None else SystemClock().now()
    shared = SharedManualClock.open(settings.database_path, start=start)
    if settings.start_time is not None and shared.now() != settings.start_time:
        logger.info("manual clock resumes at %s, stored in %s; start time %s applies to new data dirs only",
                    shared.now(), settings.data_dir, settings.start_time)
    return shared
