"""Preparing a job's files off its create call: the validator's verdict and the training index, for big files.

The real API answers a create at once, in `validating_files`, and validates afterwards (bad files fail the job
later). Files of `settings.worker_min_bytes` or more, and every RFT job's (its reward curve comes from running
its grader on its first items, a python grader in a child process), are handled so here: the create stores the
job with a provisional plan (`Plan.preparing`: it stays in validating_files whatever the clock says) and
`prep_state` pending; a worker's preparer (a `PassRunner`, like the webhook sender) leases it, runs the validator
and the index build (in a child process for big files: workers.py) and an RFT job's grader, then, in one
transaction, stores the index and replaces the plan with the real one, whose timeline starts over from when
preparation finished (server clock). The job's timeline stays a pure function of the job, its plan and the clock.

Exactly once across workers: a job is leased before it is prepared (store/job_preparations.py), the lease renewed
while the child works; only the lease's holder records the outcome. A worker killed mid-way leaves the lease to
lapse (or to be released when a server next starts alone on the data dir) and the job is prepared again; an
attempt that fails is retried, up to MAX_ATTEMPTS, then the job fails with an internal error. A cancel ends it.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypedDict

from mockserver.core.auth import Caller
from mockserver.core.catalog import ModelCatalog
from mockserver.core.clock import Clock, SystemClock
from mockserver.core.config import Settings
from mockserver.core.ids import IdFactory
from mockserver.services.context import Context
from mockserver.services.graders import job_reward_levels
from mockserver.services.hyperparameters import resolve_hyperparameters
from mockserver.services.input_files import training_stand_in
from mockserver.services.job_files import FileVerdict, JobFiles
from mockserver.services.job_requests import ResolvedRequest
from mockserver.services.job_scripts import script_from_metadata
from mockserver.services.model_index import build_and_save_index, store_training_index, training_format_of
from mockserver.services.training_prep import PreparedTraining, prepare_training
from mockserver.simulator import Plan, plan_job
from mockserver.simulator.plan import JobInputs
from mockserver.simulator.scripts import scripted_inputs
from mockserver.simulator.state import terminal_at
from mockserver.store import Store, Stores
from mockserver.store.job_preparations import DONE, FAILED
from mockserver.store.jobs import JobRecord

logger = logging.getLogger("mockserver")

LEASE_SECONDS = 60  # wall clock; renewed every RENEW_SECONDS while the child works
RENEW_SECONDS = 10.0
MAX_ATTEMPTS = 3
BATCH_SIZE = 10
# A provisional verdict: what a pending job's plan is made from until its files are validated.
UNKNOWN_VERDICT = FileVerdict(n_examples=1, billing_tokens=0, auto_n_epochs=1, error=None)


class _LeaseLost(Exception):
    """The lease lapsed and another worker took the job, or the job was cancelled or reset meanwhile."""


def provisional_plan(inputs: JobInputs) -> Plan:
    """The plan of a job whose files are being prepared: it stays in validating_files."""
    return replace(plan_job(inputs), preparing=True)


class VerdictInputs(TypedDict):
    """The `JobInputs` fields a job's files decide."""

    n_examples: int
    n_epochs: int
    batch_size: int
    billing_tokens: int
    failure: dict[str, Any] | None


def verdict_inputs(verdict: FileVerdict, resolved: dict[str, Any]) -> VerdictInputs:
    """The job inputs its files decide: examples, epochs, batch size, billed tokens and the validation failure
    (at create for small files, once prepared for the others)."""
    return VerdictInputs(n_examples=max(1, verdict.n_examples), n_epochs=resolved["n_epochs"],
                         batch_size=resolved["batch_size"], billing_tokens=verdict.billing_tokens,
                         failure=verdict.error)


def prepared_plan(provisional: Plan, *, prepared: PreparedTraining, resolved: dict[str, Any],
                  metadata: dict[str, Any] | None, finished_at: int) -> Plan:
    """The job's real plan once its files are prepared: validation (and all that follows) starts over at
    `finished_at`, so the time spent preparing shows as validating_files."""
    inputs = replace(provisional.inputs, **verdict_inputs(prepared.verdict, resolved),
                     reward_levels=prepared.reward_levels)
    script = script_from_metadata(metadata)
    plan = plan_job(inputs if script is None else scripted_inputs(inputs, script))
    return replace(plan, validate_s=plan.validate_s + max(0, finished_at - inputs.created_at))


def failed_verdict(reason: str) -> FileVerdict:
    """The verdict of files that could not be prepared in MAX_ATTEMPTS attempts (the worker kept dying)."""
    message = f"The job's files could not be processed: {reason}"[:500]
    return FileVerdict(n_examples=0, billing_tokens=0, auto_n_epochs=1,
                       error={"code": "server_error", "message": message, "param": None})


class JobPreparation:
    """Prepares pending jobs, over one connection (for each pass of a worker's preparer); `stores` gives the lease
    keeper its own."""

    def __init__(self, *, store: Store, stores: Stores, settings: Settings, clock: Clock, catalog: ModelCatalog,
                 wall_clock: Clock | None = None) -> None:
        self.store = store
        self.stores = stores
        self.settings = settings
        self.clock = clock
        self.catalog = catalog
        self.wall_clock = wall_clock or SystemClock()  # leases are wall time: the manual clock may stand still

    def prepare_due(self) -> bool:
        """Prepare a batch of pending jobs nobody holds; True when the batch was full (more may be due)."""
        due = self.store.job_preparations.due(wall_now=self.wall_clock.now(), limit=BATCH_SIZE)
        for job_id in due:
            self.prepare(job_id)
        wanted = self.store.job_preparations.indexes_due(wall_now=self.wall_clock.now(), limit=BATCH_SIZE)
        for job_id in wanted:
            self.build_index(job_id)
        return BATCH_SIZE in (len(due), len(wanted))

    def build_index(self, job_id: str) -> bool:
        """Lease and build the missing index a chat asked for (model_index.py); False when another worker
        leased it first. A failure is logged: the next chat asks again."""
        token = secrets.token_hex(16)
        repo = self.store.job_preparations
        if not repo.lease_index(job_id, token=token, until=self._lease_end(), wall_now=self.wall_clock.now()):
            return False
        try:
            job = self.store.jobs.find_any(job_id)
            if job is not None:
                with self._lease_kept(job_id, token):
                    build_and_save_index(
                        self._context(job), job_id=job_id, training_file_id=job.training_file,
                        method=job.plan.inputs.method,
                        training_format=training_format_of(self.catalog, job.model), owner=job.owner)
        except Exception as exc:
            logger.warning("building the missing index of job %s failed: %s", job_id, exc)
        finally:
            repo.index_done(job_id, token=token)
        return True

    def prepare(self, job_id: str) -> bool:
        """Lease, prepare and record one job; False when another worker leased it first."""
        token = secrets.token_hex(16)
        repo = self.store.job_preparations
        attempt = repo.lease(job_id, token=token, until=self._lease_end(), wall_now=self.wall_clock.now())
        if attempt is None:
            return False
        job = self.store.jobs.find_any(job_id)
        if job is None:  # reset meanwhile
            return True
        for build in self.store.model_indexes.unsaved_builds(job_id=job_id):  # an earlier attempt's, cut short
            self.store.model_indexes.drop_build(build)
        ctx = self._context(job)
        try:
            with self._lease_kept(job_id, token):
                prepared = self._prepare_files(ctx, job)
        except Exception as exc:
            logger.warning("preparing the files of job %s failed (attempt %d of %d): %s", job_id, attempt,
                           MAX_ATTEMPTS, exc)
            if attempt < MAX_ATTEMPTS:
                repo.release(job_id, token=token)
            else:
                self._record(ctx, job, token, PreparedTraining(failed_verdict(str(exc)), None), state=FAILED)
            return True
        self._record(ctx, job, token, prepared, state=DONE)
        return True

    def _prepare_files(self, ctx: Context, job: JobRecord) -> PreparedTraining:
        request = self._request_of(job)
        training_format = training_format_of(self.catalog, job.model)
        prepared = prepare_training(ctx, body=JobFiles(job.training_file, job.validation_file),
                                    request=request, job_id=job.id, training_format=training_format,
                                    stand_in=training_stand_in(ctx, training_format))
        if request.method_type != "reinforcement" or prepared.verdict.error is not None:
            return prepared
        try:
            levels = job_reward_levels(ctx, job.training_file, request.method_extra["grader"], job.seed)
        except BaseException:
            self._drop(prepared)
            raise
        return replace(prepared, reward_levels=levels)

    def _record(self, ctx: Context, job: JobRecord, token: str, prepared: PreparedTraining, *,
                state: str) -> None:
        """The outcome, with the index, in one transaction; the index's rows dropped if the lease was lost."""
        now = self.clock.now()
        request = self._request_of(job) if state == DONE else None
        resolved = resolve_hyperparameters(request, prepared.verdict) if request is not None \
            else job.method["resolved"]
        plan = prepared_plan(job.plan, prepared=prepared, resolved=resolved,
                             metadata=job.metadata, finished_at=now)
        try:
            with self.store.atomic():
                if not self.store.job_preparations.finish(
                        job.id, token=token, state=state, at=now, plan=plan,
                        method={**job.method, "resolved": resolved}, terminal_at=terminal_at(plan, job.controls)):
                    raise _LeaseLost
                if prepared.index is not None:
                    store_training_index(ctx, job_id=job.id, owner=job.owner, index=prepared.index)
        except _LeaseLost:
            self._drop(prepared)
            logger.info("job %s: its preparation was cancelled or taken over; its outcome is dropped", job.id)
        except BaseException:
            self._drop(prepared)
            raise

    def _drop(self, prepared: PreparedTraining) -> None:
        if prepared.index is not None:
            self.store.model_indexes.drop_build(prepared.index.build)

    def _request_of(self, job: JobRecord) -> ResolvedRequest:
        """The create's resolved request, from what the job row keeps of it."""
        spec = self.catalog.get(job.plan.inputs.model)
        method = job.method
        return ResolvedRequest(spec=spec, model=spec.id, job_model=job.model, method_type=method["type"],
                               hyperparameters=method["requested"], method_extra=method["extra"])

    def _context(self, job: JobRecord) -> Context:
        return Context(store=self.store, clock=self.clock, ids=IdFactory(), settings=self.settings,
                       caller=Caller(api_key="", owner=job.owner))

    def _lease_end(self) -> int:
        return self.wall_clock.now() + LEASE_SECONDS

    @contextmanager
    def _lease_kept(self, job_id: str, token: str) -> Iterator[None]:
        """Renew the lease every RENEW_SECONDS, over its own connection, while the body runs."""
        done = threading.Event()

        def renew() -> None:
            with self.stores.opened() as store:
                while not done.wait(RENEW_SECONDS):
                    if not store.job_preparations.renew(job_id, token=token, until=self._lease_end()):
                        return

        keeper = threading.Thread(target=renew, name="mockserver-preparation-lease", daemon=True)
        keeper.start()
        try:
            yield
        finally:
            done.set()
            keeper.join()
