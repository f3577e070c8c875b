"""The heavy part of creating a job: the validator's verdict on its files, and its training file's index."""

from __future__ import annotations

from dataclasses import dataclass

from mockserver.schemas.fine_tuning import JobCreate
from mockserver.services.context import Context
from mockserver.services.index_storage import BuiltIndex, IndexTask, build_index
from mockserver.services.job_files import FileVerdict, validate_job_files
from mockserver.services.job_requests import ResolvedRequest
from mockserver.services.workers import file_bytes, run_heavy
from mockserver.store import Store


@dataclass(frozen=True)
class TrainingInputs:
    body: JobCreate
    request: ResolvedRequest
    index: IndexTask


@dataclass(frozen=True)
class PreparedTraining:
    verdict: FileVerdict
    index: BuiltIndex | None  # None when the files failed validation (the job will fail)


def prepare_training(ctx: Context, *, body: JobCreate, request: ResolvedRequest, job_id: str,
                     training_format: str | None) -> PreparedTraining:
    """Validate the job's files and, if they pass, index its training file into a new build (in a child
    process for big files: workers.py). The caller saves the build with the job, or drops it."""
    repo = ctx.store.model_indexes
    build = repo.new_build(job_id=job_id, owner=ctx.caller.owner, created_at=ctx.clock.now())
    inputs = TrainingInputs(body, request, IndexTask(build, body.training_file, request.method_type, training_format))
    try:
        prepared = run_heavy(ctx, file_bytes(ctx, body.training_file, body.validation_file), _prepare, inputs)
    except BaseException:
        repo.drop_build(build)
        raise
    if prepared.index is None:
        repo.drop_build(build)
    return prepared


def _prepare(store: Store, inputs: TrainingInputs) -> PreparedTraining:
    verdict = validate_job_files(store.blobs, inputs.body, inputs.request)
    if verdict.error is not None:
        return PreparedTraining(verdict, None)
    return PreparedTraining(verdict, build_index(store, inputs.index))
