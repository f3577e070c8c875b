"""Fine-tuning jobs: create, read (state derived from the plan and the clock), cancel, pause, resume."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any

from mockserver.catalog import ModelCatalog
from mockserver.charges import Charge
from mockserver.errors import InvalidRequest
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
from mockserver.services.costs import record_job_cancel, record_job_success, training_estimate
from mockserver.services.hyperparameters import WITHOUT_AUTO, resolve_hyperparameters
from mockserver.services.input_files import training_stand_in
from mockserver.services.job_files import FileVerdict, JobFiles, check_job_files
from mockserver.services.job_preparation import UNKNOWN_VERDICT, provisional_plan
from mockserver.services.job_requests import MAX_SEED, ResolvedRequest, resolve_request
from mockserver.services.job_scripts import script_from_metadata
from mockserver.services.model_index import publish_index, store_training_index, training_format_of
from mockserver.services.training_prep import PreparedTraining, prepare_training
from mockserver.services.webhook_delivery import WebhookSender
from mockserver.services.webhooks import JobWebhooks
from mockserver.services.workers import file_bytes, in_worker
from mockserver.simulator import Control, JobInputs, Plan, plan_job, state_at
from mockserver.simulator.metrics import result_file_bytes, step_metrics
from mockserver.simulator.scripts import scripted_inputs
from mockserver.simulator.state import (
    ACTIVE_STATUSES,
    TERMINAL_STATUSES,
    JobState,
    checkpoints_at,
    created_state,
    events_at,
    terminal_at,
)
from mockserver.store.job_models import JobModel
from mockserver.store.job_preparations import PENDING

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
        self.webhooks = JobWebhooks(store=ctx.store, settings=ctx.settings, clock=ctx.clock, sender=webhook_sender)

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
        row = self._row(body, request, now, job_id, seed, resolved, plan)
        with self.ctx.store.atomic():
            self.repo.insert(row)
            if prepared.index is not None:
                store_training_index(self.ctx, job_id=job_id, owner=self.ctx.caller.owner, index=prepared.index)
        if self.ctx.settings.webhook_url is not None:  # at speed inf the job has already finished
            self.webhooks.announce(row, plan, state_at(plan, [], now))
        return self._render(row, plan, created_state(plan))

    def _create_preparing(self, body: JobCreate, request: ResolvedRequest, now: int, job_id: str) -> FineTuningJob:
        """A job whose files the preparer validates and indexes afterwards (services/job_preparation.py): stored
        with a provisional plan that keeps it in validating_files until then."""
        seed = body.seed if body.seed is not None else self.ctx.ids.integer(MAX_SEED)
        resolved = resolve_hyperparameters(request, UNKNOWN_VERDICT)
        inputs = self._inputs(job_id, now, seed, body, request, UNKNOWN_VERDICT, resolved)
        plan = provisional_plan(inputs)
        row = {**self._row(body, request, now, job_id, seed, resolved, plan), "prep_state": PENDING}
        self.repo.insert(row)
        if self.preparer is not None:
            self.preparer.wake()
        return self._render(row, plan, created_state(plan))

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
            validation_file=body.validation_file, n_examples=max(1, verdict.n_examples),
            n_epochs=resolved["n_epochs"], batch_size=resolved["batch_size"],
            billing_tokens=verdict.billing_tokens, speed=self.ctx.settings.speed, failure=verdict.error,
        )

    # -- read -----------------------------------------------------------------------------
    def _load(self, job_id: str) -> tuple[dict[str, Any], Plan, builtins.list[Control], JobState]:
        row = self.repo.get(owner=self.ctx.caller.owner, job_id=job_id)
        plan = Plan.from_dict(row["plan"])
        controls = [Control(**control) for control in row["controls"]]
        state = state_at(plan, controls, self.ctx.clock.now())
        self._materialise(row, plan, state)
        return row, plan, controls, state

    def retrieve(self, job_id: str) -> FineTuningJob:
        row, plan, _, state = self._load(job_id)
        return self._render(row, plan, state)

    def list(self, *, after: str | None, limit: int, metadata: dict[str, str] | None,
             without_metadata: bool = False) -> CursorList[FineTuningJob]:
        check_limit(limit, MAX_JOBS_LIMIT)
        page = self.repo.list(owner=self.ctx.caller.owner, after=after, limit=limit, metadata=metadata,
                              without_metadata=without_metadata)
        jobs = []
        for row in page.rows:
            plan = Plan.from_dict(row["plan"])
            state = state_at(plan, [Control(**c) for c in row["controls"]], self.ctx.clock.now())
            self._materialise(row, plan, state)
            jobs.append(self._render(row, plan, state))
        return CursorList(data=jobs, has_more=page.has_more)

    def list_events(self, job_id: str, *, after: str | None, limit: int) -> CursorList[FineTuningJobEvent]:
        check_limit(limit, MAX_JOBS_LIMIT)
        _, plan, controls, _ = self._load(job_id)
        newest_first = list(reversed(events_at(plan, controls, self.ctx.clock.now())))
        start = index_after(newest_first, after, "event")
        chunk = newest_first[start:start + limit]
        data = [FineTuningJobEvent(id=e.id, created_at=e.created_at, level=e.level,
                                   message=e.message, type=e.type, data=e.data) for e in chunk]
        return CursorList(data=data, has_more=start + limit < len(newest_first))

    def list_checkpoints(
        self, job_id: str, *, after: str | None, limit: int
    ) -> ListPage[FineTuningJobCheckpoint]:
        check_limit(limit, MAX_JOBS_LIMIT)
        _, plan, controls, _ = self._load(job_id)
        newest_first = list(reversed(checkpoints_at(plan, controls, self.ctx.clock.now())))
        start = index_after(newest_first, after, "checkpoint")
        chunk = newest_first[start:start + limit]
        data = [FineTuningJobCheckpoint(
            id=c.id, created_at=c.created_at, fine_tuned_model_checkpoint=c.model, fine_tuning_job_id=job_id,
            metrics=c.metrics, step_number=c.step) for c in chunk]
        return ListPage.of(data, has_more=start + limit < len(newest_first))

    def progress(self, job_id: str, *, with_metrics: bool = False) -> JobProgress:
        row, plan, _, state = self._load(job_id)
        metrics = [step_metrics(plan, step) for step in range(1, state.completed_steps + 1)] if with_metrics else []
        return JobProgress(total_steps=plan.total_steps, completed_steps=state.completed_steps, metrics=metrics,
                           estimate=training_estimate(self.ctx, row=row, plan=plan))

    # -- controls -------------------------------------------------------------------------
    def cancel(self, job_id: str) -> FineTuningJob:
        return self._control(job_id, "cancel", allowed=ACTIVE_STATUSES)

    def pause(self, job_id: str) -> FineTuningJob:
        return self._control(job_id, "pause", allowed=("running",))

    def resume(self, job_id: str) -> FineTuningJob:
        return self._control(job_id, "resume", allowed=("paused",))

    def _control(self, job_id: str, action: str, *, allowed: tuple[str, ...]) -> FineTuningJob:
        with self.ctx.store.atomic():
            row, plan, controls, state = self._load(job_id)
            if state.status not in allowed:
                raise InvalidRequest(
                    f"Cannot {action} job {job_id}: its status is {state.status}; "
                    f"{action} needs {' or '.join(allowed)}.", param="fine_tuning_job_id",
                    code="invalid_job_status",
                )
            now = self.ctx.clock.now()
            controls = [*controls, Control(action, now)]  # type: ignore[arg-type]
            self.repo.set_controls(job_id, [{"action": c.action, "at": c.at} for c in controls],
                                   terminal_at=terminal_at(plan, controls))
            if action == "cancel":  # a job cancelled mid-run pays for the training it did (services/costs.py)
                record_job_cancel(self.ctx, row=row, plan=plan, state=state, at=now)
                self.repo.mark_settled([job_id], now)  # nothing more is owed
                self.ctx.store.job_preparations.cancel(job_id, at=now)  # if its files were still being prepared
        row["controls"] = [{"action": c.action, "at": c.at} for c in controls]
        if action == "cancel":
            self.webhooks.sweep()  # a cancel is terminal at once: its event, and any other now due
        return self._render(row, plan, state_at(plan, controls, now))

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
        self.settle_due(every_caller=True)

    def settle_due(self, *, every_caller: bool = False) -> None:
        """Settle the jobs (this caller's, or every caller's) that have become terminal since anyone last read
        them: only those are read (the store's `due` range), so this costs nothing when none has."""
        now = self.ctx.clock.now()
        for row in self.repo.due(now, owner=None if every_caller else self.ctx.caller.owner):
            plan = Plan.from_dict(row["plan"])
            self._materialise(row, plan, state_at(plan, [Control(**c) for c in row["controls"]], now))

    # -- helpers --------------------------------------------------------------------------
    def _materialise(self, row: dict[str, Any], plan: Plan, state: JobState) -> None:
        """Side effects a terminal job owes the world, made once by whichever reader sees it first."""
        self.webhooks.announce(row, plan, state)  # any terminal state; once (services/webhooks.py)
        if state.status not in TERMINAL_STATUSES or row.get("materialised_at") is not None:
            return
        if state.status == "succeeded":
            self._settle_success(row, plan, state)
        else:
            self.repo.mark_settled([row["id"]], self.ctx.clock.now())
        row["materialised_at"] = self.ctx.clock.now()

    def _settle_success(self, row: dict[str, Any], plan: Plan, state: JobState) -> None:
        now = self.ctx.clock.now()
        with self.ctx.store.atomic():
            if not self.repo.claim_materialisation(row["id"], now):
                return
            self.ctx.store.files.ensure_file(
                owner=row["owner"], file_id=plan.result_file_id, filename="step_metrics.csv",
                purpose="fine-tune-results", created_at=state.finished_at or row["created_at"],
                content=lambda: result_file_bytes(plan), blobs=self.ctx.store.blobs,
            )
            # What the fine-tuned model learned, for chat completions: the index stored at creation.
            publish_index(
                self.ctx, job_id=row["id"], training_file_id=row["training_file"], method=plan.inputs.method,
                training_format=training_format_of(self.catalog, row["model"]), owner=row["owner"],
            )
            record_job_success(self.ctx, row=row, plan=plan, at=state.finished_at or now)
            controls = [Control(**control) for control in row["controls"]]
            self.ctx.store.job_models.add(
                JobModel(owner=row["owner"], model=checkpoint.model, job_id=row["id"], job_seq=row["seq"],
                         step=checkpoint.step, created=checkpoint.created_at)
                for checkpoint in checkpoints_at(plan, controls, now))

    def _render(self, row: dict[str, Any], plan: Plan, state: JobState) -> FineTuningJob:
        method = row["method"]
        shown = method["resolved"] if state.hyperparameters_resolved else {
            **{name: value if name in WITHOUT_AUTO else "auto" for name, value in method["resolved"].items()},
            **method["requested"]}
        method_type = method["type"]
        return FineTuningJob(
            id=row["id"], created_at=row["created_at"],
            error=JobError(**state.error) if state.error else None,
            fine_tuned_model=state.fine_tuned_model, finished_at=state.finished_at,
            hyperparameters={name: shown.get(name, "auto") for name in HYPERPARAMETER_NAMES},
            model=row["model"], organization_id=self.ctx.settings.organization_id,
            result_files=state.result_files, seed=row["seed"], status=state.status,
            trained_tokens=state.trained_tokens, training_file=row["training_file"],
            validation_file=row["validation_file"], estimated_finish=state.estimated_finish,
            integrations=row["integrations"], metadata=row["metadata"],
            method={"type": method_type, method_type: {"hyperparameters": shown, **method["extra"]}},
            user_provided_suffix=row["suffix"],
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
