"""The app factory: wires settings, clock, ids and routers into a FastAPI application."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from mockserver import __version__
from mockserver.billing.charges import load_price_table
from mockserver.core.catalog import ModelCatalog
from mockserver.core.clock import Clock, SystemClock
from mockserver.core.config import Settings
from mockserver.core.ids import IdFactory
from mockserver.responder.rules import ResponseRules
from mockserver.routers import (
    batches,
    chat,
    checkpoint_permissions,
    completions,
    control,
    estimates,
    files,
    fine_tuning,
    graders,
    health,
    models,
    organization,
    responses,
    stored_chat,
    stored_responses,
    uploads,
)
from mockserver.server.dashboard import install_dashboard
from mockserver.server.harness import install_harness
from mockserver.services.admin_key import admin_key_in_force
from mockserver.services.background import PassRunner
from mockserver.services.batch_endpoints import batch_runners
from mockserver.services.batch_runner import batch_runner_for_app
from mockserver.services.preparer import preparer_for_app
from mockserver.services.webhook_delivery import WebhookSender
from mockserver.services.webhooks import sender_for_app
from mockserver.store import Stores
from mockserver.store.blobs import BlobStore
from mockserver.store.clock import SharedManualClock
from mockserver.store.database import initialise_database
from mockserver.store.leftovers import DataDirLock, discard_leftovers
from mockserver.web.deps import batch_line_error
from mockserver.web.error_handlers import install_error_handlers
from mockserver.web.middleware import AdminKeyMiddleware, RequestMiddleware

logger = logging.getLogger("mockserver")


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """Build the server. Prepares the data dir at once, so the first request finds it ready."""
    settings = settings or Settings()
    data_dir_lock = DataDirLock.take(settings.data_dir)
    initialise_database(settings.database_path)
    blobs = BlobStore(settings.blobs_dir)
    blobs.ensure()
    discard_leftovers(data_dir=settings.data_dir, database_path=settings.database_path, blobs=blobs,
                      snapshots_dir=settings.snapshots_dir, alone=data_dir_lock.exclusive)
    data_dir_lock.share()

    # /_mock/docs is served from local assets by the dashboard's routes (routers/landing.py), not a CDN.
    app = FastAPI(title="mockserver", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/_mock/openapi.json", lifespan=keep_database_open, **without_telemetry())
    app.state.settings = settings
    admin_key = admin_key_in_force(settings)
    app.state.admin_key = admin_key.value if admin_key is not None else None  # API keys must not be it
    app.state.clock = clock or default_clock(settings)
    app.state.ids = IdFactory(settings.seed)
    app.state.data_dir_lock = data_dir_lock  # held until the app stops (keep_database_open)
    app.state.catalog = ModelCatalog.load(settings.fixtures_dir / "models.json")
    app.state.rules = ResponseRules.load(settings.fixtures_dir / "responses.json")
    # Checked here, so a bad --pricing / --price-set stops the start with a PricingError naming the problem.
    app.state.prices = load_price_table(settings.pricing_path, price_set=settings.price_set, catalog=app.state.catalog)
    # The one way to the database, for requests and background threads alike. The journal, usage and cost rows
    # of requests are written behind, in batches (closed, so written out, at shutdown).
    app.state.stores = Stores(settings.database_path, blobs, flush_interval=settings.flush_interval_ms / 1000)
    app.state.webhook_sender = new_webhook_sender(app)
    app.state.job_preparer = preparer_for_app(stores=app.state.stores, settings=settings, clock=app.state.clock,
                                              catalog=app.state.catalog)
    app.state.batch_runner = batch_runner_for_app(
        stores=app.state.stores, settings=settings, clock=app.state.clock, ids=app.state.ids,
        prices=app.state.prices, runners=batch_runners(app.state.catalog, app.state.rules),
        invalid_body=batch_line_error)

    # Routes are matched in order. Chat completions, the hot path, come first and straight on the app's router:
    # walking an included router costs more than matching a route (about 5% of a chat request). Then the
    # other inference endpoints, after /health (one path check): FastAPI builds an included router's routes
    # when a request first walks past them, and the readiness probe that waits for the start should not pay
    # for building them.
    app.router.routes[:0] = chat.router.routes
    for module in (health, stored_chat, responses, stored_responses, completions, files, uploads, fine_tuning,
                   checkpoint_permissions, graders, models, control, organization, estimates, batches):
        app.include_router(module.router)
    install_dashboard(app)
    install_error_handlers(app)
    app.add_middleware(chat.ChatLane, api=app)  # the innermost: inside the harness's faults and journal
    install_harness(app, settings)  # faults, journal, reset, snapshots (and `settings.load`)
    if admin_key is not None:  # inside RequestMiddleware: its 401s carry x-request-id too
        app.add_middleware(AdminKeyMiddleware, admin_key=admin_key.value)
    # Outermost of ours: the harness's clock read, fault lookup and journal row use the request's connection too.
    app.add_middleware(RequestMiddleware, stores=app.state.stores)
    return app


def without_telemetry() -> dict[str, Any]:
    """FastAPI's native OpenTelemetry off, where the installed FastAPI has it: otherwise every request asks the
    global providers whether they are configured, which costs more than routing it (an emulator traces nothing)."""
    if "telemetry" not in inspect.signature(FastAPI).parameters:
        return {}
    return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}


@asynccontextmanager
async def keep_database_open(app: FastAPI) -> AsyncIterator[None]:
    """Hold one connection while serving: requests then never pay for the WAL's teardown (store/database.py).
    Run this worker's job preparer (services/job_preparation.py), its batch runner (services/batch_runner.py) and,
    with `--webhook-url`, its webhook sender (services/webhook_delivery.py). At shutdown, write the rows requests
    left behind (store/write_behind.py), which the event loop writes in batches meanwhile."""
    app.state.stores.hold_open()
    app.state.stores.write_behind_on(asyncio.get_running_loop())
    sender: WebhookSender | None = app.state.webhook_sender
    runners: list[PassRunner] = [app.state.job_preparer, app.state.batch_runner,
                                 *([sender] if sender is not None else [])]
    for runner in runners:
        runner.start()
    try:
        yield
    finally:
        for runner in runners:
            await asyncio.to_thread(runner.stop)  # joins the thread (bounded): off the event loop
        app.state.stores.close()
        app.state.data_dir_lock.release()


def new_webhook_sender(app: FastAPI) -> WebhookSender | None:
    """None without a webhook URL: nothing is ever claimed then."""
    state = app.state
    if state.settings.webhook_url is None:
        return None
    return sender_for_app(stores=state.stores, settings=state.settings, clock=state.clock)


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
