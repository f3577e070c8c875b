"""The files a job trains on: ownership and purpose checks, then the validator's verdict on their content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mockserver.errors import InvalidRequest
from mockserver.schemas.fine_tuning import JobCreate
from mockserver.services.context import Context
from mockserver.services.input_files import StandIn, file_lines, find_file
from mockserver.services.job_requests import ResolvedRequest
from mockserver.store.blobs import BlobStore
from mockserver.validation import validate_lines


@dataclass(frozen=True)
class FileVerdict:
    n_examples: int
    billing_tokens: int
    auto_n_epochs: int
    error: dict[str, Any] | None


def _check_file(ctx: Context, file_id: str | None, param: str, stand_in: StandIn | None) -> None:
    if file_id is None:
        return
    row = find_file(ctx, file_id, stand_in)
    expired = row is not None and row["expires_at"] is not None and row["expires_at"] <= ctx.clock.now()
    if row is None or expired:
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


def validate_job_files(
    blobs: BlobStore, body: JobCreate, request: ResolvedRequest, stand_in: StandIn | None,
) -> FileVerdict:
    """The validator's verdict on the files' content: problems become the failure the job will report."""
    training = validate_lines(file_lines(blobs, body.training_file, stand_in), spec=request.spec,
                              method=request.method_type, file_role="training_file")  # type: ignore[arg-type]
    error = training.job_error(file_id=body.training_file)
    if error is None and body.validation_file is not None:
        validation = validate_lines(file_lines(blobs, body.validation_file, stand_in), spec=request.spec,
                                    method=request.method_type, file_role="validation_file")  # type: ignore[arg-type]
        error = validation.job_error(file_id=body.validation_file)
    return FileVerdict(n_examples=training.n_examples, billing_tokens=training.billing_tokens,
                       auto_n_epochs=training.n_epochs, error=error)
