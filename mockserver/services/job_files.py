"""The files a job trains on: ownership and purpose checks, then the validator's verdict on their content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from mockserver.core.catalog import Method
from mockserver.core.errors import InvalidRequest
from mockserver.schemas.fine_tuning import JobCreate
from mockserver.services.context import Context
from mockserver.services.input_files import StandIn, file_lines, live_file
from mockserver.services.job_requests import ResolvedRequest
from mockserver.store.blobs import BlobStore
from mockserver.validation import validate_lines
from mockserver.validation.formats import FileRole
from mockserver.validation.report import ValidationReport


@dataclass(frozen=True)
class JobFiles:
    """The files a job trains on (its create's `training_file` and `validation_file`)."""

    training_file: str
    validation_file: str | None


@dataclass(frozen=True)
class FileVerdict:
    n_examples: int
    billing_tokens: int
    auto_n_epochs: int
    error: dict[str, Any] | None


def _check_file(ctx: Context, file_id: str | None, param: str, stand_in: StandIn | None) -> None:
    if file_id is None:
        return
    row = live_file(ctx, file_id, stand_in)
    if row is None:
        raise InvalidRequest(f"invalid {param}: {file_id}", param=param)
    if row["purpose"] != "fine-tune":
        raise InvalidRequest(
            f"invalid {param}: {file_id}. Files used for fine-tuning must have purpose 'fine-tune', "
            f"but this one has purpose '{row['purpose']}'.", param=param,
        )


def check_job_files(ctx: Context, body: JobCreate, stand_in: StandIn | None) -> None:
    """The synchronous checks: each file exists (or `--lenient-ids` stands one in), is the caller's and has
    purpose fine-tune (or a 400)."""
    _check_file(ctx, body.training_file, "training_file", stand_in)
    _check_file(ctx, body.validation_file, "validation_file", stand_in)


def validate_job_files(blobs: BlobStore, body: JobFiles, request: ResolvedRequest,
                       stand_in: StandIn | None) -> FileVerdict:
    """The validator's verdict on the files' content: problems become the failure the job will report. A file
    deleted before it was validated (a job prepared after its create) fails the job too."""
    try:
        training = _validate(blobs, body.training_file, request, "training_file", stand_in)
    except FileNotFoundError:
        return FileVerdict(n_examples=0, billing_tokens=0, auto_n_epochs=1,
                           error=file_gone(body.training_file, "training_file"))
    error = training.job_error(file_id=body.training_file)
    if error is None and body.validation_file is not None:
        try:
            error = _validate(blobs, body.validation_file, request, "validation_file", stand_in).job_error(
                file_id=body.validation_file)
        except FileNotFoundError:
            error = file_gone(body.validation_file, "validation_file")
    return FileVerdict(n_examples=training.n_examples, billing_tokens=training.billing_tokens,
                       auto_n_epochs=training.n_epochs, error=error)


def _validate(blobs: BlobStore, file_id: str, request: ResolvedRequest, role: FileRole,
              stand_in: StandIn | None) -> ValidationReport:
    return validate_lines(file_lines(blobs, file_id, stand_in), spec=request.spec, file_role=role,
                          method=cast(Method, request.method_type))


def file_gone(file_id: str, param: str) -> dict[str, Any]:
    return {"code": f"invalid_{param}", "param": param,
            "message": f"The file {file_id} was deleted before it could be validated."}
