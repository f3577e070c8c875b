"""Fine-tuning jobs: create, read (state derived from the plan and the clock), cancel, pause, resume."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, replace
from typing import Any

from mockserver.billing.charges import Charge
from mockserver.core.catalog import ModelCatalog
from mockserver.core.errors import InvalidRequest
from mockserver.schemas.common import CursorList, ListPage
from mockserver.schemas.fine_tuning import (
    FineTuningJob,
    FineTuningJobCheckpoint,
    FineTuningJobEvent,
    JobCreate,
    JobError,
)
from mockserver.services.background import PassRunner
from mockserver.services.context import Context
from mockserver.services.costs import training_estimate
from mockserver.services.hyperparameters import WITHOUT_AUTO, resolve_hyperparameters
from mockserver.services.input_files import training_stand_in
from mockserver.services.job_files import FileVerdict, JobFiles, check_job_files
from mockserver.services.job_lifecycle import JobLifecycle
from mockserver.services.job_preparation import UNKNOWN_VERDICT, provisional_plan, verdict_inputs
from mockserver.services.job_requests import MAX_SEED, ResolvedRequest, resolve_request
from mockserver.services.job_scripts import script_from_metadata
from mockserver.services.model_index import store_training_index, training_format_of
from mockserver.services.training_prep import PreparedTraining, prepare_training
from mockserver.services.webhook_delivery import WebhookSender
from mockserver.services.webhooks import JobWebhooks
from mockserver.services.workers import file_bytes, in_worker
from mockserver.simulator import Control, JobInputs, Plan, observe, plan_job
from mockserver.simulator.metrics import step_metrics
from mockserver.simulator.scripts import scripted_inputs
from mockserver.simulator.state import (
    ACTIVE_STATUSES,
    JobState,
    checkpoints_at,
    created_state,
    events_at,
    terminal_at,
)
from mockserver.store.job_models import JobModel
from mockserver.store.job_preparations import PENDING
from mockserver.store.jobs import JobRecord

MAX_JOBS_LIMIT = 100
HYPERPARAMETER_NAMES = ("n_epochs", "batch_size", "learning_rate_multiplier")


@dataclass(frozen=True)
class JobProgress:
    """What the dashboard shows beyond the job object: steps, their metrics, the training charge's estimate."""

    total_steps: int
    completed_steps: int
    metrics: list[dict[str, Any]]  # the metrics events' `data` of the completed steps, oldest first
    estimate: Charge | None  # the training line a success writes (services/costs.py)


class FineTuningService:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog, webhook_sender: WebhookSender | None = None,
                 preparer: PassRunner | None = None) -> None:
        self.ctx = ctx
        self.preparer = preparer
        self.catalog = catalog
        self.repo = ctx.store.jobs
        webhooks = JobWebhooks(store=ctx.store, settings=ctx.settings, clock=ctx.clock, sender=webhook_sender)
        self.lifecycle = JobLifecycle(ctx, catalog=catalog, webhooks=webhooks)

    # -- create ---------------------------------------------------------------------------
    def create(self, body: JobCreate) -> FineTuningJob:
        request = resolve_request(body, self.catalog, self.owns_model)
        script = script_from_metadata(body.metadata)  # `mock_*` keys: a scripted outcome (job_scripts.py)
        training_format = training_format_of(self.catalog, request.job_model)
        stand_in = training_stand_in(self.ctx, training_format)
        check_job_files(self.ctx, body, stand_in)
        now = self.ctx.clock.now()
        job_id = self.ctx.ids.new_unused("job", self.repo.exists)
        files = JobFiles(body.training_file, body.validation_file)
        if self._prepared_afterwards(request, files):
            return self._create_preparing(body, request, now, job_id)
        # Indexed now, while the validated file certainly exists: deleting it later must not empty the model.
        prepared = prepare_training(self.ctx, body=files, request=request, job_id=job_id,
                                    training_format=training_format, stand_in=stand_in)
        try:
            return self._create(body, request, script, now, job_id, prepared)
        except BaseException:
            if prepared.index is not None:
                self.ctx.store.model_indexes.drop_build(prepared.index.build)
            raise

    def _prepared_afterwards(self, request: ResolvedRequest, files: JobFiles) -> bool:
        """Whether the preparer validates and indexes the job's files after the create answers: big files, and
        an RFT job's, whose reward curve comes from running its grader (a python one in a child process)."""
        return request.method_type == "reinforcement" or in_worker(
            self.ctx, file_bytes(self.ctx, files.training_file, files.validation_file))

    def _create(self, body: JobCreate, request: ResolvedRequest, script: Any, now: int, job_id: str,
                prepared: PreparedTraining) -> FineTuningJob:
        verdict = prepared.verdict
        seed = body.seed if body.seed is not None else self.ctx.ids.integer(MAX_SEED)
        resolved = resolve_hyperparameters(request, verdict)
        inputs = self._inputs(job_id, now, seed, body, request, verdict, resolved)
        plan = plan_job(inputs if script is None else scripted_inputs(inputs, script))
        with self.ctx.store.atomic():
            job = self.repo.insert(self._row(body, request, now, job_id, seed, resolved, plan))
            if prepared.index is not None:
                store_training_index(self.ctx, job_id=job_id, owner=self.ctx.caller.owner, index=prepared.index)
        self.lifecycle.created(job)
        return self._render(job, created_state(plan))

    def _create_preparing(self, body: JobCreate, request: ResolvedRequest, now: int, job_id: str) -> FineTuningJob:
        """A job whose files the preparer validates and indexes afterwards (services/job_preparation.py): stored
        with a provisional plan that keeps it in validating_files until then."""
        seed = body.seed if body.seed is not None else self.ctx.ids.integer(MAX_SEED)
        resolved = resolve_hyperparameters(request, UNKNOWN_VERDICT)
        inputs = self._inputs(job_id, now, seed, body, request, UNKNOWN_VERDICT, resolved)
        plan = provisional_plan(inputs)
        job = self.repo.insert({**self._row(body, request, now, job_id, seed, resolved, plan), "prep_state": PENDING})
        if self.preparer is not None:
            self.preparer.wake()
        return self._render(job, created_state(plan))

    def _row(self, body: JobCreate, request: ResolvedRequest, now: int, job_id: str, seed: int,
             resolved: dict[str, Any], plan: Plan) -> dict[str, Any]:
        return {
            "id": job_id, "owner": self.ctx.caller.owner, "created_at": now, "model": request.job_model,
            "training_file": body.training_file, "validation_file": body.validation_file,
            "suffix": body.suffix, "seed": seed, "metadata": body.metadata,
            "integrations": body.integrations or [],
            "method": {"type": request.method_type, "requested": request.hyperparameters,
                       "resolved": resolved, "extra": request.method_extra},
            "plan": plan.to_dict(), "controls": [], "terminal_at": terminal_at(plan, []),
        }

    def _inputs(
        self, job_id: str, now: int, seed: int, body: JobCreate, request: ResolvedRequest,
        verdict: FileVerdict, resolved: dict[str, Any],
    ) -> JobInputs:
        return JobInputs(
            job_id=job_id, created_at=now, seed=seed,
            # The job id is unique even when a seeded sequence restarts, so derived names are too.
            salt=f"{job_id}:{self.ctx.ids.new('salt')}", model=request.model,
            organization_slug=self.ctx.settings.organization_id.removeprefix("org-").lower(),
            suffix=body.suffix, method=request.method_type, training_file=body.training_file,
            validation_file=body.validation_file, speed=self.ctx.settings.speed, **verdict_inputs(verdict, resolved),
        )

    # -- read -----------------------------------------------------------------------------
    def _load(self, job_id: str) -> tuple[JobRecord, JobState]:
        job = self.repo.get(owner=self.ctx.caller.owner, job_id=job_id)
        return job, self.lifecycle.observe(job)

    def retrieve(self, job_id: str) -> FineTuningJob:
        return self._render(*self._load(job_id))

    def list(self, *, after: str | None, limit: int, metadata: dict[str, str] | None,
             without_metadata: bool = False) -> CursorList[FineTuningJob]:
        check_limit(limit, MAX_JOBS_LIMIT)
        page = self.repo.list(owner=self.ctx.caller.owner, after=after, limit=limit, metadata=metadata,
                              without_metadata=without_metadata)
        jobs = [self._render(job, self.lifecycle.observe(job)) for job in page.jobs]
        return CursorList(data=jobs, has_more=page.has_more)

    def list_events(self, job_id: str, *, after: str | None, limit: int) -> CursorList[FineTuningJobEvent]:
        check_limit(limit, MAX_JOBS_LIMIT)
        job, _ = self._load(job_id)
        newest_first = list(reversed(events_at(job.plan, job.controls, self.ctx.clock.now())))
        start = index_after(newest_first, after, "event")
        chunk = newest_first[start:start + limit]
        data = [FineTuningJobEvent(id=e.id, created_at=e.created_at, level=e.level,
                                   message=e.message, type=e.type, data=e.data) for e in chunk]
        return CursorList(data=data, has_more=start + limit < len(newest_first))

    def list_checkpoints(
        self, job_id: str, *, after: str | None, limit: int
    ) -> ListPage[FineTuningJobCheckpoint]:
        check_limit(limit, MAX_JOBS_LIMIT)
        job, _ = self._load(job_id)
        newest_first = list(reversed(checkpoints_at(job.plan, job.controls, self.ctx.clock.now())))
        start = index_after(newest_first, after, "checkpoint")
        chunk = newest_first[start:start + limit]
        data = [FineTuningJobCheckpoint(
            id=c.id, created_at=c.created_at, fine_tuned_model_checkpoint=c.model, fine_tuning_job_id=job_id,
            metrics=c.metrics, step_number=c.step) for c in chunk]
        return ListPage.of(data, has_more=start + limit < len(newest_first))

    def progress(self, job_id: str, *, with_metrics: bool = False) -> JobProgress:
        job, state = self._load(job_id)
        plan = job.plan
        metrics = [step_metrics(plan, step) for step in range(1, state.completed_steps + 1)] if with_metrics else []
        return JobProgress(total_steps=plan.total_steps, completed_steps=state.completed_steps, metrics=metrics,
                           estimate=training_estimate(self.ctx, job))

    # -- controls -------------------------------------------------------------------------
    def cancel(self, job_id: str) -> FineTuningJob:
        return self._control(job_id, "cancel", allowed=ACTIVE_STATUSES)

    def pause(self, job_id: str) -> FineTuningJob:
        return self._control(job_id, "pause", allowed=("running",))

    def resume(self, job_id: str) -> FineTuningJob:
        return self._control(job_id, "resume", allowed=("paused",))

    def _control(self, job_id: str, action: str, *, allowed: tuple[str, ...]) -> FineTuningJob:
        with self.ctx.store.atomic():
            job, state = self._load(job_id)
            if state.status not in allowed:
                raise InvalidRequest(
                    f"Cannot {action} job {job_id}: its status is {state.status}; "
                    f"{action} needs {' or '.join(allowed)}.", param="fine_tuning_job_id",
                    code="invalid_job_status",
                )
            now = self.ctx.clock.now()
            controlled = replace(job, controls=(*job.controls, Control(action, now)))  # type: ignore[arg-type]
            self.repo.set_controls(job_id, controlled.controls, terminal_at=terminal_at(job.plan, controlled.controls))
            if action == "cancel":
                self.lifecycle.cancelled(job, state, at=now)
        if action == "cancel":
            self.lifecycle.announce_finished()  # a cancel is terminal at once: its event, and any other now due
        return self._render(controlled, observe(controlled, now))

    # -- models the jobs produced ------------------------------------------------------------
    def owns_model(self, model: str) -> bool:
        """Whether `model` is a fine-tuned model or checkpoint of this caller's succeeded jobs, not deleted."""
        return self.produced_model(model) is not None

    def produced_model(self, model: str) -> JobModel | None:
        """The model (a fine-tuned model or checkpoint id) if this caller's jobs produced it and it is not deleted."""
        self.settle_due()
        return self.ctx.store.job_models.get(owner=self.ctx.caller.owner, model=model)

    def produced_models(self) -> builtins.list[JobModel]:
        """Every model this caller's jobs have produced and not deleted, in the order of the jobs."""
        self.settle_due()
        return self.ctx.store.job_models.list(self.ctx.caller.owner)

    def materialise_finished(self) -> None:
        """Make the side effects of every caller's job that has finished since anyone last read it
        (its training charge, result file, webhook): for reports that read the ledgers directly."""
        self.lifecycle.settle_due(owner=None)

    def settle_due(self) -> None:
        """Settle this caller's jobs that have become terminal since anyone last read them (job_lifecycle.py)."""
        self.lifecycle.settle_due(owner=self.ctx.caller.owner)

    # -- helpers --------------------------------------------------------------------------
    def _render(self, job: JobRecord, state: JobState) -> FineTuningJob:
        method = job.method
        shown = method["resolved"] if state.hyperparameters_resolved else {
            **{name: value if name in WITHOUT_AUTO else "auto" for name, value in method["resolved"].items()},
            **method["requested"]}
        method_type = method["type"]
        return FineTuningJob(
            id=job.id, created_at=job.created_at,
            error=JobError(**state.error) if state.error else None,
            fine_tuned_model=state.fine_tuned_model, finished_at=state.finished_at,
            hyperparameters={name: shown.get(name, "auto") for name in HYPERPARAMETER_NAMES},
            model=job.model, organization_id=self.ctx.settings.organization_id,
            result_files=state.result_files, seed=job.seed, status=state.status,
            trained_tokens=state.trained_tokens, training_file=job.training_file,
            validation_file=job.validation_file, estimated_finish=state.estimated_finish,
            integrations=job.integrations, metadata=job.metadata,
            method={"type": method_type, method_type: {"hyperparameters": shown, **method["extra"]}},
            user_provided_suffix=job.suffix,
        )


def check_limit(limit: int, maximum: int) -> None:
    if not 1 <= limit <= maximum:
        raise InvalidRequest(f"Invalid 'limit': {limit}. It must be between 1 and {maximum}.",
                             param="limit", code="invalid_value")


def index_after(items: list[Any], after: str | None, kind: str) -> int:
    if after is None:
        return 0
    for index, item in enumerate(items):
        if item.id == after:
            return index + 1
    raise InvalidRequest(f"Invalid 'after': no {kind} with id {after} in this job.", param="after")
