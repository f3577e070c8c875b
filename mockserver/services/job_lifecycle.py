"""What a job owes the world once it is seen terminal, made in one place, once across workers.

A job's state is derived from its plan, its controls and the clock (simulator.observe); nothing runs when it
finishes. So its side effects are made by the first reader that sees it finished: `JobLifecycle.observe` is how
every read of a job (by id, in a list, the `due` jobs a models list, a model lookup or a costs report settles
first) gets its state, and settles it on the way:
- any terminal state: its webhook event claimed (services/webhooks.py; once, by a unique row);
- a success: its result file, its index published for chat, its training charge, its models (`job_models`),
  in one transaction behind `claim_materialisation` (exactly one caller of any worker wins);
- a failure: marked settled (nothing is owed).
A cancel settles the job in the cancel's own transaction (`cancelled`): the training it did is charged.
Two things stay outside, on purpose: the webhook sender's sweep claims events of jobs nobody reads
(webhooks.py), and a chat with the model of a success nobody has read yet publishes its index alone
(model_index.py), the rest waiting for the next read.
"""

from __future__ import annotations

from mockserver.core.catalog import ModelCatalog
from mockserver.services.context import Context
from mockserver.services.costs import record_job_cancel, record_job_success
from mockserver.services.model_index import publish_index, training_format_of
from mockserver.services.webhooks import JobWebhooks
from mockserver.simulator import JobState, observe
from mockserver.simulator.metrics import result_file_bytes
from mockserver.simulator.state import TERMINAL_STATUSES, checkpoints_at
from mockserver.store.job_models import JobModel
from mockserver.store.jobs import JobRecord


class JobLifecycle:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog, webhooks: JobWebhooks) -> None:
        self.ctx = ctx
        self.catalog = catalog
        self.webhooks = webhooks

    def observe(self, job: JobRecord) -> JobState:
        """The job's state now; a job seen terminal is settled on the way (once, whoever sees it first)."""
        state = observe(job, self.ctx.clock.now())
        self._settle(job, state)
        return state

    def settle_due(self, *, owner: str | None) -> None:
        """Settle the jobs (of `owner`, or of every caller) terminal since anyone last read them: only those are
        read (the store's `due` range), so this costs nothing when none is."""
        for job in self.ctx.store.jobs.due(self.ctx.clock.now(), owner=owner):
            self.observe(job)

    def created(self, job: JobRecord) -> None:
        """A job just stored: at speed `inf` it has already finished, and its webhook event is claimed now (its
        other side effects wait for its first read, as for any job)."""
        if self.ctx.settings.webhook_url is not None:
            self.webhooks.announce(job, observe(job, self.ctx.clock.now()))

    def cancelled(self, job: JobRecord, state: JobState, *, at: int) -> None:
        """Settle a job being cancelled from `state`, inside the cancel's transaction: a job cancelled mid-run pays
        for the training it did (services/costs.py); nothing more is owed; its file preparation, if any, stops."""
        record_job_cancel(self.ctx, job, state=state, at=at)
        self.ctx.store.jobs.mark_settled([job.id], at)
        self.ctx.store.job_preparations.cancel(job.id, at=at)

    def announce_finished(self) -> None:
        """Claim and send the webhook event of every job (any caller's) now terminal: after a cancel commits."""
        self.webhooks.sweep()

    def _settle(self, job: JobRecord, state: JobState) -> None:
        self.webhooks.announce(job, state)  # any terminal state; once (services/webhooks.py)
        if state.status not in TERMINAL_STATUSES or job.materialised_at is not None:
            return
        if state.status == "succeeded":
            self._settle_success(job, state)
        else:
            self.ctx.store.jobs.mark_settled([job.id], self.ctx.clock.now())

    def _settle_success(self, job: JobRecord, state: JobState) -> None:
        now, plan, store = self.ctx.clock.now(), job.plan, self.ctx.store
        with store.atomic():
            if not store.jobs.claim_materialisation(job.id, now):
                return
            store.files.ensure_file(
                owner=job.owner, file_id=plan.result_file_id, filename="step_metrics.csv",
                purpose="fine-tune-results", created_at=state.finished_at or job.created_at,
                content=lambda: result_file_bytes(plan), blobs=store.blobs,
            )
            # What the fine-tuned model learned, for chat completions: the index stored at creation.
            publish_index(
                self.ctx, job_id=job.id, training_file_id=job.training_file, method=plan.inputs.method,
                training_format=training_format_of(self.catalog, job.model), owner=job.owner,
            )
            record_job_success(self.ctx, job, at=state.finished_at or now)
            store.job_models.add(
                JobModel(owner=job.owner, model=checkpoint.model, job_id=job.id, job_seq=job.seq,
                         step=checkpoint.step, created=checkpoint.created_at)
                for checkpoint in checkpoints_at(plan, job.controls, now))

