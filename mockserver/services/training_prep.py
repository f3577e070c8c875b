"""The heavy part of creating a job: the validator's verdict on its files, and its training file's index."""

from __future__ import annotations

from dataclasses import dataclass

from mockserver.services.context import Context
from mockserver.services.index_storage import BuiltIndex, IndexTask, build_index
from mockserver.services.input_files import StandIn
from mockserver.services.job_files import FileVerdict, JobFiles, validate_job_files
from mockserver.services.job_requests import ResolvedRequest
from mockserver.services.workers import file_bytes, run_heavy
from mockserver.store import Store


@dataclass(frozen=True)
class FilesToValidate:
    body: JobFiles
    request: ResolvedRequest
    stand_in: StandIn | None


@dataclass(frozen=True)
class PreparedTraining:
    verdict: FileVerdict
    index: BuiltIndex | None  # None when the files failed validation (the job will fail)
    reward_levels: tuple[float, ...] | None = None  # an RFT job's reward curve (simulator/rewards.py)


def prepare_training(ctx: Context, *, body: JobFiles, request: ResolvedRequest, job_id: str,
                     training_format: str | None, stand_in: StandIn | None) -> PreparedTraining:
    """Validate the job's files and, if they pass, index its training file into a new build (each in a child
    process for big files, one after the other: workers.py). The caller saves the build with the job, or
    drops it."""
    size = file_bytes(ctx, body.training_file, body.validation_file)
    verdict = run_heavy(ctx, size, _validate, FilesToValidate(body, request, stand_in),
                        encoding=request.spec.encoding)
    if verdict.error is not None:
        return PreparedTraining(verdict, None)
    repo = ctx.store.model_indexes
    build = repo.new_build(job_id=job_id, owner=ctx.caller.owner, created_at=ctx.clock.now())
    try:
        task = IndexTask(build, body.training_file, request.method_type, training_format, stand_in)
        return PreparedTraining(verdict, run_heavy(ctx, size, build_index, task))
    except BaseException:
        repo.drop_build(build)
        raise


def _validate(store: Store, files: FilesToValidate) -> FileVerdict:
    return validate_job_files(store.blobs, files.body, files.request, files.stand_in)
