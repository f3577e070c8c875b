"""What the dashboard's pages show, gathered from the services the API itself uses (no store reads of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any, Literal

from mockserver.core.catalog import ModelCatalog
from mockserver.dashboard.curves import Curves, from_csv, from_metrics
from mockserver.schemas.common import CursorList, ListPage
from mockserver.schemas.files import FileObject
from mockserver.schemas.fine_tuning import FineTuningJob, FineTuningJobCheckpoint, FineTuningJobEvent
from mockserver.services.context import Context
from mockserver.services.costs import charged_training
from mockserver.services.estimates import CheckedFile, EstimateService
from mockserver.services.files import FilesService
from mockserver.services.fine_tuning import FineTuningService, JobProgress
from mockserver.services.organization import OrganizationService, ReportQuery
from mockserver.validation.summary import summary_rows

TERMINAL = ("succeeded", "failed", "cancelled")
STATUS_PATH = ("validating_files", "queued", "running", "succeeded")
EVENTS_SHOWN = 100
DAY = 86_400


@dataclass(frozen=True)
class JobRow:
    job: FineTuningJob
    duration: int | None  # seconds from creation to the end, or to now while it runs
    charged: Decimal | None  # the ledger's training charge; None until there is one
    estimated: Decimal | None  # what a success is charged (None: the model has no training price)


@dataclass(frozen=True)
class JobDetail:
    row: JobRow
    progress: JobProgress
    events: CursorList[FineTuningJobEvent]
    checkpoints: ListPage[FineTuningJobCheckpoint]
    curves: Curves
    result_file: FileObject | None
    steps: list[tuple[str, str]]  # (status, "done" | "current" | "todo" | "skipped") for the status path


class DashboardJobs:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog) -> None:
        self.ctx = ctx
        self.jobs = FineTuningService(ctx, catalog=catalog)
        self.files = FilesService(ctx)

    def page(self, *, after: str | None, limit: int) -> tuple[list[JobRow], bool]:
        listed = self.jobs.list(after=after, limit=limit, metadata=None)
        charged = charged_training(self.ctx, [job.id for job in listed.data])
        rows = [self._row(job, self.jobs.progress(job.id), charged.get(job.id)) for job in listed.data]
        return rows, listed.has_more

    def fine_tuned_models(self, *, limit: int = 100) -> list[tuple[str, str]]:
        """(fine-tuned model, its base model) of the newest jobs that made one."""
        listed = self.jobs.list(after=None, limit=limit, metadata=None)
        return [(job.fine_tuned_model, job.model) for job in listed.data if job.fine_tuned_model]

    def detail(self, job_id: str) -> JobDetail:
        job = self.jobs.retrieve(job_id)
        progress = self.jobs.progress(job_id, with_metrics=not job.result_files)
        result_file = self.files.retrieve(job.result_files[0]) if job.result_files else None
        curves = self._curves(result_file) if result_file is not None else from_metrics(progress.metrics)
        return JobDetail(
            row=self._row(job, progress, charged_training(self.ctx, [job_id]).get(job_id)), progress=progress,
            events=self.jobs.list_events(job_id, after=None, limit=EVENTS_SHOWN),
            checkpoints=self.jobs.list_checkpoints(job_id, after=None, limit=10),
            curves=curves, result_file=result_file, steps=status_steps(job.status),
        )

    def _curves(self, result_file: FileObject) -> Curves:
        _, chunks = self.files.content(result_file.id)
        return from_csv(b"".join(chunks))

    def _row(self, job: FineTuningJob, progress: JobProgress, charged: Decimal | None) -> JobRow:
        end = job.finished_at if job.finished_at is not None else self.ctx.clock.now()
        estimate = progress.estimate
        return JobRow(job=job, duration=end - job.created_at, charged=charged,
                      estimated=estimate.amount if estimate is not None and estimate.price_set else None)


def status_steps(status: str) -> list[tuple[str, str]]:
    """The usual path of a job, each status marked as passed, current or still to come; a job that ended
    another way (failed, cancelled) or is paused shows that status in place of the one it did not reach."""
    if status in STATUS_PATH:
        reached = STATUS_PATH.index(status)
        return [(name, "done" if i < reached else "current" if i == reached else "todo")
                for i, name in enumerate(STATUS_PATH)]
    # paused happens while running; failed and cancelled end the job wherever it was.
    return [("validating_files", "done"), ("queued", "done"), ("running", "done"), (status, "current")]


@dataclass(frozen=True)
class FileLines:
    file: FileObject
    first: int
    lines: list[tuple[int, str]]
    has_more: bool


class DashboardFiles:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog) -> None:
        self.ctx = ctx
        self.files = FilesService(ctx)
        self.estimates = EstimateService(ctx, catalog=catalog)

    def page(self, *, after: str | None, limit: int) -> ListPage[FileObject]:
        return self.files.list(purpose=None, order="desc", after=after, limit=limit)

    def report(self, file_id: str, *, model: str,
               n_epochs: int | Literal["auto"]) -> tuple[FileObject, CheckedFile, list[tuple[str, str]]]:
        """`mockserver validate`'s report on an uploaded file, with the summary rows it prints."""
        checked = self.estimates.check(file_id=file_id, model=model, method=None, n_epochs=n_epochs)
        return self.files.retrieve(file_id), checked, summary_rows(model, checked.report, checked.estimate.describe())

    def lines(self, file_id: str, *, first: int, count: int) -> FileLines:
        """Lines `first`… of a file (1-based), read up to the last one shown (memory stays flat)."""
        file, chunks = self.files.content(file_id)
        wanted = islice(_split_lines(chunks), first - 1, first - 1 + count + 1)
        shown = [(first + i, line.decode("utf-8", errors="replace")) for i, line in enumerate(wanted)]
        return FileLines(file=file, first=first, lines=shown[:count], has_more=len(shown) > count)


def _split_lines(chunks: Any) -> Any:
    pending = b""
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        yield from (line.rstrip(b"\r") for line in complete)
    if pending:
        yield pending


@dataclass(frozen=True)
class CostsReport:
    start_time: int
    days: int
    buckets: list[dict[str, Any]]  # /v1/organization/costs buckets, grouped by line item
    total: Decimal
    usage: list[dict[str, Any]]  # per model over the period: requests, input, cached and output tokens


class DashboardReports:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog) -> None:
        self.ctx = ctx
        self.organization = OrganizationService(ctx, jobs=FineTuningService(ctx, catalog=catalog))

    def costs(self, *, days: int) -> CostsReport:
        """The last `days` UTC days (today included), as GET /v1/organization/costs reports them."""
        now = self.ctx.clock.now()
        start = now - now % DAY - (days - 1) * DAY
        costs = self.organization.costs(ReportQuery(start_time=start, limit=days, group_by=("line_item",)))
        usage = self.organization.completions(ReportQuery(start_time=start, limit=days, group_by=("model",)))
        total = sum((result["amount"]["value"] for bucket in costs["data"] for result in bucket["results"]),
                    Decimal(0))
        return CostsReport(start_time=start, days=days, buckets=costs["data"], total=total,
                           usage=_usage_per_model(usage["data"]))


def _usage_per_model(buckets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for bucket in buckets:
        for result in bucket["results"]:
            model = totals.setdefault(result["model"], {"model": result["model"], "requests": 0, "input": 0,
                                                        "cached": 0, "output": 0})
            model["requests"] += result["num_model_requests"]
            model["input"] += result["input_tokens"]
            model["cached"] += result["input_cached_tokens"]
            model["output"] += result["output_tokens"]
    return sorted(totals.values(), key=lambda item: str(item["model"]))
