"""FastAPI dependencies: settings, a per-request store, the caller, and the services built on them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Header, Request
from pydantic import ValidationError
from starlette.types import Scope

from mockserver.core.auth import authenticate
from mockserver.core.config import Settings
from mockserver.core.errors import OpenAIError
from mockserver.services.context import Context
from mockserver.store import LentConnection, Store, Stores

if TYPE_CHECKING:
    from mockserver.services.batch_runner import PendingBatches
    from mockserver.services.batches import BatchesService
    from mockserver.services.chat import ChatService
    from mockserver.services.checkpoint_permissions import CheckpointPermissionsService
    from mockserver.services.completions import CompletionsService
    from mockserver.services.control import ControlService
    from mockserver.services.data_dir import DataDirService
    from mockserver.services.estimates import EstimateService
    from mockserver.services.explain import ExplainService
    from mockserver.services.faults import FaultsService
    from mockserver.services.files import FilesService
    from mockserver.services.fine_tuning import FineTuningService
    from mockserver.services.graders import GradersService
    from mockserver.services.job_scripts import JobScriptsService
    from mockserver.services.journal import JournalService
    from mockserver.services.models import ModelsService
    from mockserver.services.organization import OrganizationService
    from mockserver.services.preparer import PendingPreparations
    from mockserver.services.responses import ResponsesService
    from mockserver.services.stored_chat import StoredChatService
    from mockserver.services.stored_responses import StoredResponsesService
    from mockserver.services.uploads import UploadsService
    from mockserver.services.webhooks import JobWebhooks
else:
    # Each service loads on first use, in its getter; FastAPI only needs these names to resolve, and mypy checks
    # the real classes above. Kept after issue 15's review: importing them all at start-up cost 0.3-0.6 s more
    # server CPU to the first /health 200 (bench/startup.py, medians of 5: 1.61 and 1.86 s against 1.29 s; bare
    # FastAPI 0.71-0.84 s; a shared machine at load 10-15 inflates all of them), against a 0.5 s goal.
    ChatService = CheckpointPermissionsService = ControlService = EstimateService = ExplainService = FaultsService = Any
    FilesService = FineTuningService = JobScriptsService = JournalService = ModelsService = Any
    OrganizationService = ResponsesService = DataDirService = UploadsService = JobWebhooks = Any
    StoredChatService = StoredResponsesService = CompletionsService = GradersService = BatchesService = Any
    PendingPreparations = PendingBatches = Any


# Dependencies are `async def` where they only assemble objects: a sync dependency costs a
# worker-thread hop each, several times the work of a simple request.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def lent_connection(request: Request) -> LentConnection:
    """The connection RequestMiddleware lends the request (taken from the pool on first use).

    The dependencies below are plain functions, not generators: FastAPI's bookkeeping for a generator
    dependency costs more than the rest of a small request's dependencies, and the middleware gives the
    connection back.
    """
    lent: LentConnection = request.scope["state"]["connection"]
    return lent


def request_store(request: Request) -> Store:
    stores: Stores = request.app.state.stores
    return stores.request(lent_connection(request))


async def get_store(request: Request) -> Store:
    return request_store(request)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def request_context(request: Request, authorization: str | None) -> Context:
    """The caller (401 when the key is missing or refused), its store, and what every use case needs."""
    return scope_context(request.app.state, request.scope, authorization)


def scope_context(state: Any, scope: Scope, authorization: str | None) -> Context:
    """`request_context` from the app's state and the request's ASGI scope (no `Request` needed)."""
    values = state._state  # Starlette's `State` keeps them in this dict, and reads each through a Python __getattr__
    settings = values["settings"]
    caller = authenticate(authorization, settings.api_keys, admin_key=values["admin_key"])
    stores: Stores = values["stores"]
    lent: LentConnection = scope["state"]["connection"]
    return Context(store=stores.request(lent), clock=stores.request_clock(values["clock"], lent), ids=values["ids"],
                   settings=settings, caller=caller, prices=values["prices"])


# One dependency builds the whole context: FastAPI's bookkeeping for each dependency costs more than
# the work of a store or caller dependency of its own.
async def get_context(request: Request, authorization: Annotated[str | None, Header()] = None) -> Context:
    return request_context(request, authorization)


ContextDep = Annotated[Context, Depends(get_context)]


async def get_files_service(ctx: ContextDep) -> FilesService:
    from mockserver.services.files import FilesService

    return FilesService(ctx)


async def get_uploads_service(ctx: ContextDep) -> UploadsService:
    from mockserver.services.uploads import UploadsService

    return UploadsService(ctx)


async def get_fine_tuning_service(request: Request, ctx: ContextDep) -> FineTuningService:
    from mockserver.services.fine_tuning import FineTuningService

    state = request.app.state
    return FineTuningService(ctx, catalog=state.catalog, webhook_sender=state.webhook_sender,
                             preparer=state.job_preparer)


FineTuningServiceDep = Annotated[FineTuningService, Depends(get_fine_tuning_service)]


async def get_models_service(request: Request, jobs: FineTuningServiceDep) -> ModelsService:
    from mockserver.services.models import ModelsService

    return ModelsService(jobs, request.app.state.catalog)


ModelsServiceDep = Annotated[ModelsService, Depends(get_models_service)]


async def get_checkpoint_permissions_service(jobs: FineTuningServiceDep) -> CheckpointPermissionsService:
    from mockserver.services.checkpoint_permissions import CheckpointPermissionsService

    return CheckpointPermissionsService(jobs)


CheckpointPermissionsServiceDep = Annotated[
    CheckpointPermissionsService, Depends(get_checkpoint_permissions_service)
]
FilesServiceDep = Annotated[FilesService, Depends(get_files_service)]
UploadsServiceDep = Annotated[UploadsService, Depends(get_uploads_service)]


async def get_control_service(request: Request) -> ControlService:
    """The control plane needs no caller (AdminKeyMiddleware guards `/_mock/*` when a key is in force)."""
    from mockserver.services.control import ControlService

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


async def get_state_service(request: Request) -> DataDirService:
    from mockserver.services.data_dir import DataDirService

    state = request.app.state
    return DataDirService(stores=state.stores, snapshots_dir=state.settings.snapshots_dir, clock=state.clock,
                          reseed=lambda: reseed_sequences(state))


def reseed_sequences(state: Any) -> None:
    """After a full reset, the seeded ids (API objects, faults) start over, as on a fresh data dir."""
    state.ids.reseed()
    state.faults.reseed()


FaultsServiceDep = Annotated[FaultsService, Depends(get_faults_service)]
JournalServiceDep = Annotated[JournalService, Depends(get_journal_service)]
StateServiceDep = Annotated[DataDirService, Depends(get_state_service)]


def chat_service(state: Any, scope: Scope, authorization: str | None) -> ChatService:
    from mockserver.services.chat import ChatService

    values = state._state  # as in scope_context
    return ChatService(scope_context(state, scope, authorization), catalog=values["catalog"], rules=values["rules"])


# The chat route's slow path (bodies its fast lane does not take: routers/chat.py `ChatLane`, which calls
# `chat_service` itself).
async def get_chat_service(request: Request, authorization: Annotated[str | None, Header()] = None) -> ChatService:
    return chat_service(request.app.state, request.scope, authorization)


async def get_responses_service(request: Request, ctx: ContextDep) -> ResponsesService:
    from mockserver.services.responses import ResponsesService

    state = request.app.state
    return ResponsesService(ctx, catalog=state.catalog, rules=state.rules)


async def get_completions_service(request: Request, ctx: ContextDep) -> CompletionsService:
    from mockserver.services.completions import CompletionsService

    state = request.app.state
    return CompletionsService(ctx, catalog=state.catalog, rules=state.rules)


CompletionsServiceDep = Annotated[CompletionsService, Depends(get_completions_service)]

def batch_line_error(exc: ValidationError) -> OpenAIError:
    """A batch line's body that the route's request model refuses, worded as the route's 400."""
    from fastapi.exceptions import RequestValidationError

    from mockserver.web.error_handlers import validation_error

    return validation_error(RequestValidationError(exc.errors()))


async def get_batches_service(request: Request, ctx: ContextDep) -> BatchesService:
    from mockserver.services.batch_endpoints import batch_runners
    from mockserver.services.batch_runner import wakes_on_create
    from mockserver.services.batches import BatchesService

    state = request.app.state
    runner = state.batch_runner
    return BatchesService(ctx, runners=batch_runners(state.catalog, state.rules), invalid_body=batch_line_error,
                          wake_runner=runner.wake if wakes_on_create(runner) else None)


BatchesServiceDep = Annotated[BatchesService, Depends(get_batches_service)]


async def get_stored_chat_service(ctx: ContextDep) -> StoredChatService:
    from mockserver.services.stored_chat import StoredChatService

    return StoredChatService(ctx)


ChatServiceDep = Annotated[ChatService, Depends(get_chat_service)]
StoredChatServiceDep = Annotated[StoredChatService, Depends(get_stored_chat_service)]


async def get_stored_responses_service(ctx: ContextDep) -> StoredResponsesService:
    from mockserver.services.stored_responses import StoredResponsesService

    return StoredResponsesService(ctx)


StoredResponsesServiceDep = Annotated[StoredResponsesService, Depends(get_stored_responses_service)]
ResponsesServiceDep = Annotated[ResponsesService, Depends(get_responses_service)]


async def get_organization_service(
    ctx: ContextDep, jobs: FineTuningServiceDep, batches: BatchesServiceDep
) -> OrganizationService:
    from mockserver.services.organization import OrganizationService

    return OrganizationService(ctx, jobs=jobs, batches=batches)


async def get_estimate_service(request: Request, ctx: ContextDep) -> EstimateService:
    from mockserver.services.estimates import EstimateService

    return EstimateService(ctx, catalog=request.app.state.catalog)


async def get_graders_service(request: Request, ctx: ContextDep) -> GradersService:
    from mockserver.services.graders import GradersService

    return GradersService(ctx, catalog=request.app.state.catalog)


GradersServiceDep = Annotated[GradersService, Depends(get_graders_service)]
OrganizationServiceDep = Annotated[OrganizationService, Depends(get_organization_service)]
EstimateServiceDep = Annotated[EstimateService, Depends(get_estimate_service)]


async def get_job_scripts_service(request: Request, store: StoreDep) -> JobScriptsService:
    """Control plane: no caller (a job is found by id alone)."""
    from mockserver.services.job_scripts import JobScriptsService

    return JobScriptsService(store=store, clock=request.app.state.clock)


async def get_job_webhooks(request: Request, store: StoreDep) -> JobWebhooks:
    from mockserver.services.webhooks import JobWebhooks

    state = request.app.state
    return JobWebhooks(store=store, settings=state.settings, clock=state.clock, sender=state.webhook_sender)


async def get_pending_preparations(request: Request, store: StoreDep) -> PendingPreparations:
    from mockserver.services.preparer import PendingPreparations

    return PendingPreparations(store=store, preparer=request.app.state.job_preparer)


async def get_pending_batches(request: Request, store: StoreDep) -> PendingBatches:
    from mockserver.services.batch_runner import PendingBatches

    return PendingBatches(store=store, runner=request.app.state.batch_runner)


JobScriptsServiceDep = Annotated[JobScriptsService, Depends(get_job_scripts_service)]
PendingPreparationsDep = Annotated[PendingPreparations, Depends(get_pending_preparations)]
PendingBatchesDep = Annotated[PendingBatches, Depends(get_pending_batches)]
JobWebhooksDep = Annotated[JobWebhooks, Depends(get_job_webhooks)]


async def get_explain_service(request: Request, ctx: ContextDep) -> ExplainService:
    from mockserver.services.explain import ExplainService

    state = request.app.state
    return ExplainService(ctx, catalog=state.catalog, rules=state.rules)


ExplainServiceDep = Annotated[ExplainService, Depends(get_explain_service)]
