"""FastAPI dependencies: settings, a per-request store, the caller, and the services built on them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request

from mockserver.auth import Caller, authenticate
from mockserver.clock import Clock
from mockserver.config import Settings
from mockserver.ids import IdFactory
from mockserver.services.checkpoint_permissions import CheckpointPermissionsService
from mockserver.services.context import Context
from mockserver.services.control import ControlService
from mockserver.services.files import FilesService
from mockserver.services.fine_tuning import FineTuningService
from mockserver.services.models import ModelsService
from mockserver.services.uploads import UploadsService
from mockserver.store import Store
from mockserver.store.database import open_database


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Iterator[Store]:
    """One SQLite connection per request, closed when the response is done."""
    state = request.app.state
    store = Store(open_database(state.settings.database_path), state.blobs)
    try:
        yield store
    finally:
        store.close()


def get_caller(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Caller:
    return authenticate(authorization, request.app.state.settings.api_keys)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
CallerDep = Annotated[Caller, Depends(get_caller)]


def get_context(request: Request, store: StoreDep, caller: CallerDep) -> Context:
    state = request.app.state
    clock: Clock = state.clock
    ids: IdFactory = state.ids
    return Context(store=store, clock=clock, ids=ids, settings=state.settings, caller=caller)


ContextDep = Annotated[Context, Depends(get_context)]


def get_files_service(ctx: ContextDep) -> FilesService:
    return FilesService(ctx)


def get_uploads_service(ctx: ContextDep) -> UploadsService:
    return UploadsService(ctx)


def get_fine_tuning_service(request: Request, ctx: ContextDep) -> FineTuningService:
    state = request.app.state
    return FineTuningService(ctx, catalog=state.catalog)


FineTuningServiceDep = Annotated[FineTuningService, Depends(get_fine_tuning_service)]
def get_models_service(request: Request, jobs: FineTuningServiceDep) -> ModelsService:
    return ModelsService(jobs, request.app.state.catalog)


ModelsServiceDep = Annotated[ModelsService, Depends(get_models_service)]
def get_checkpoint_permissions_service(jobs: FineTuningServiceDep) -> CheckpointPermissionsService:
    return CheckpointPermissionsService(jobs)


CheckpointPermissionsServiceDep = Annotated[
    CheckpointPermissionsService, Depends(get_checkpoint_permissions_service)
]
FilesServiceDep = Annotated[FilesService, Depends(get_files_service)]
UploadsServiceDep = Annotated[UploadsService, Depends(get_uploads_service)]


def get_control_service(request: Request) -> ControlService:
    """The control plane needs no caller: `/_mock/*` routes are open, like `/health`."""
    state = request.app.state
    return ControlService(clock=state.clock, settings=state.settings)


ControlServiceDep = Annotated[ControlService, Depends(get_control_service)]
