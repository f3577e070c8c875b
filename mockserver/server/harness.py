"""The test harness wired into the app: fault injection, the request journal, reset, snapshots, `--rpm`."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from mockserver.core.clock import Clock
from mockserver.core.config import Settings
from mockserver.core.faults import RateLimits
from mockserver.routers import data_dir, faults, job_scripts, journal, webhooks
from mockserver.schemas.data_dir import Snapshot
from mockserver.services.faults import FaultsService
from mockserver.services.journal import JournalService
from mockserver.services.rate_limits import RateLimiter
from mockserver.store import Stores
from mockserver.store.blobs import BlobStore
from mockserver.web.control_middleware import FaultsAndJournalMiddleware

logger = logging.getLogger("mockserver")


def load_snapshot(settings: Settings, clock: Clock) -> Snapshot:
    """Restore `settings.load` into the data dir (and a manual clock to the snapshot's time)."""
    from mockserver.services.data_dir import DataDirService  # only when a snapshot is loaded

    assert settings.load is not None
    service = DataDirService(stores=Stores(settings.database_path, BlobStore(settings.blobs_dir)),
                           snapshots_dir=settings.snapshots_dir, clock=clock)
    snapshot = service.load(settings.load)
    logger.info("loaded snapshot %s (%s files)", snapshot.name, snapshot.files)
    return snapshot


def install_harness(app: FastAPI, settings: Settings) -> None:
    """Call before adding RequestMiddleware, so the journal middleware runs inside it (and shares the request's id
    and connection)."""
    clock = app.state.clock
    if settings.load is not None:
        load_snapshot(settings, clock)
    stores: Stores = app.state.stores  # for the work done on every /v1/* request (or the request's own)
    app.state.faults = FaultsService(stores=stores, clock=clock, seed=settings.seed)
    app.state.journal = JournalService(stores=stores)
    if settings.webhook_url is not None:
        from mockserver.services.webhook_delivery import webhook_secret  # only when webhooks are on

        logger.info("webhooks go to %s, signed with %s", settings.webhook_url, webhook_secret(settings))
    for module in (faults, journal, data_dir, job_scripts, webhooks):
        app.include_router(module.router)
    rate_limiter = RateLimiter(stores=stores, rpm=settings.rpm) if settings.rpm else None
    defaults = RateLimits()
    limits = RateLimits(requests=settings.rpm or defaults.requests, tokens=settings.tpm or defaults.tokens)
    app.add_middleware(FaultsAndJournalMiddleware, stores=stores, faults=app.state.faults, journal=app.state.journal,
                       clock=clock, organization=settings.organization_id, rate_limiter=rate_limiter, limits=limits)
