"""FastAPI dependencies: settings, a per-request store, the caller, and the services built on them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Header, Request
from fastapi.concurrency import run_in_threadpool

from mockserver.auth import Caller, authenticate
from mockserver.clock import Clock
from mockserver.config import Settings
from mockserver.ids import IdFactory
from mockserver.services.chat import ChatService
from mockserver.services.checkpoint_permissions import CheckpointPermissionsService
from mockserver.services.context import Context
from mockserver.services.control import ControlService
from mockserver.services.faults import FaultsService
from mockserver.services.files import FilesService
from mockserver.services.fine_tuning import FineTuningService
from mockserver.services.journal import JournalService
from mockserver.services.models import ModelsService
from mockserver.services.responses import ResponsesService
from mockserver.services.state import StateService
from mockserver.services.uploads import UploadsService
from mockserver.store import Store
from mockserver.store.database import open_database

S = TypeVar("S")
T = TypeVar("T")


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


async def get_caller(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Caller:
    # async: pure and quick, so it runs on the event loop instead of costing a worker-thread hop.
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


async def get_faults_service(request: Request) -> FaultsService:
    """One per app: it holds the (seeded) random source for fault probabilities."""
    service: FaultsService = request.app.state.faults
    return service


async def get_journal_service(request: Request) -> JournalService:
    service: JournalService = request.app.state.journal
    return service


async def get_state_service(request: Request) -> StateService:
    state = request.app.state
    return StateService(database_path=state.settings.database_path, blobs=state.blobs,
                        snapshots_dir=state.settings.snapshots_dir, clock=state.clock)


FaultsServiceDep = Annotated[FaultsService, Depends(get_faults_service)]
JournalServiceDep = Annotated[JournalService, Depends(get_journal_service)]
StateServiceDep = Annotated[StateService, Depends(get_state_service)]


class InWorkerThread(Generic[S]):
    """A service for one request, used in a single worker-thread hop, on a pooled connection.

    The inference endpoints are the hot path: resolving the store, context and service as separate
    sync dependencies costs a thread hop each (and two for the store), and opening a connection
    about half a millisecond, together several times the answer itself.
    """

    def __init__(self, state: Any, caller: Caller, make: Callable[[Context], S]) -> None:
        self.state = state
        self.caller = caller
        self.make = make

    async def __call__(self, use: Callable[[S], T]) -> T:
        return await run_in_threadpool(self._run, use)

    def _run(self, use: Callable[[S], T]) -> T:
        state = self.state
        with state.inference_connections.connection() as db:
            store = Store(db, state.blobs)
            ctx = Context(store=store, clock=state.clock, ids=state.ids, settings=state.settings, caller=self.caller)
            return use(self.make(ctx))


async def get_chat_service(request: Request, caller: CallerDep) -> InWorkerThread[ChatService]:
    state = request.app.state
    return InWorkerThread(state, caller, lambda ctx: ChatService(ctx, catalog=state.catalog, rules=state.rules))


async def get_responses_service(request: Request, caller: CallerDep) -> InWorkerThread[ResponsesService]:
    state = request.app.state
    return InWorkerThread(state, caller,
                          lambda ctx: ResponsesService(ctx, catalog=state.catalog, rules=state.rules))


ChatServiceDep = Annotated[InWorkerThread[ChatService], Depends(get_chat_service)]
ResponsesServiceDep = Annotated[InWorkerThread[ResponsesService], Depends(get_responses_service)]
