"""A finished batch's work: each request line run through its endpoint's service, at batch prices, on the
clock of the batch's end; answers streamed into the output file, failures into the error file."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from pydantic import ValidationError

from mockserver.core.auth import Caller
from mockserver.core.clock import ManualClock
from mockserver.core.errors import OpenAIError, ServerError
from mockserver.services.batch_endpoints import Runner, RunResult
from mockserver.services.context import Context
from mockserver.services.input_files import batch_stand_in, open_file
from mockserver.simulator.batches import BatchState
from mockserver.store.call_spool import CallSpool

logger = logging.getLogger("mockserver")

# How a request body the route's request model refuses is worded (the route's 400: error_handlers.py).
InvalidBody = Callable[[ValidationError], OpenAIError]

UNRUN_ERRORS = {
    "expired": ("batch_expired", "This request could not be executed before the completion window expired."),
    "cancelled": ("batch_cancelled", "This request was not executed because the batch was cancelled."),
}


RENEW_EVERY = 200  # requests between two renewals of the run's lease


class LostClaim(Exception):
    """Another reader took the batch's run over (this one's lease ran out): its work is dropped."""


class _JsonlBlob:
    """A JSONL file written a line at a time to a temporary blob (memory stays flat whatever the batch size)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: BinaryIO = open(path, "wb")  # noqa: SIM115 - closed by `close`
        self.lines = 0
        self.size = 0

    def write(self, record: dict[str, Any]) -> None:
        data = orjson.dumps(record) + b"\n"
        self.handle.write(data)
        self.lines += 1
        self.size += len(data)

    def close(self) -> None:
        self.handle.close()

    def discard(self) -> None:
        self.handle.close()
        self.path.unlink(missing_ok=True)


@dataclass
class _Tally:
    completed: int = 0
    failed: int = 0
    input_tokens: int = 0
    cached_tokens: int = 0
    output_tokens: int = 0

    def add(self, result: RunResult) -> None:
        self.completed += 1
        self.input_tokens += result.input_tokens
        self.cached_tokens += result.cached_tokens
        self.output_tokens += result.output_tokens

    def usage(self) -> dict[str, Any]:
        return {"input_tokens": self.input_tokens, "input_tokens_details": {"cached_tokens": self.cached_tokens},
                "output_tokens": self.output_tokens, "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": self.input_tokens + self.output_tokens}


@dataclass
class BatchRun:
    """A run's written (temporary) output and error files, its requests' charges and its counts, until kept or
    discarded."""

    output: _JsonlBlob
    errors: _JsonlBlob
    calls: CallSpool
    tally: _Tally

    def keep(self, ctx: Context, row: dict[str, Any], created_at: int) -> tuple[str | None, str | None]:
        """The files stored as `batch_output` files (none for an empty one) and the charges written, in the
        caller's transaction: (output file id, error file id)."""
        ctx.store.write_spool(self.calls)
        return _keep(ctx, row, self.output, "output", created_at), _keep(ctx, row, self.errors, "error", created_at)

    def discard(self) -> None:
        self.output.discard()
        self.errors.discard()
        self.calls.discard()


def run_batch(ctx: Context, *, row: dict[str, Any], state: BatchState, finished_at: int, runner: Runner,
              invalid_body: InvalidBody, renew: Callable[[], bool]) -> BatchRun:
    """Run the batch's first `state.processed` requests (all of a completed batch) into temporary files, calling
    `renew` every RENEW_EVERY requests (LostClaim when it answers False)."""
    blobs = ctx.store.blobs
    run = BatchRun(_JsonlBlob(blobs.new_temp_path()), _JsonlBlob(blobs.new_temp_path()),
                   CallSpool(blobs.new_temp_path()), _Tally())
    # The requests' charges are held until the run is kept: a run that dies half way charges nothing.
    batch_ctx = dataclasses.replace(ctx, batch=True, clock=ManualClock(finished_at),
                                    store=ctx.store.spooling(run.calls),
                                    caller=Caller(api_key=ctx.caller.api_key, owner=row["owner"]))
    try:
        for number, request in enumerate(_requests(ctx, row["input_file_id"], row["endpoint"])):
            if number % RENEW_EVERY == RENEW_EVERY - 1 and not renew():
                raise LostClaim(row["id"])
            if number < state.processed:
                _run_line(batch_ctx, request, runner, invalid_body, run.output, run.errors, run.tally)
            else:
                _unrun_line(ctx, request, UNRUN_ERRORS.get(state.status, UNRUN_ERRORS["expired"]), run.errors)
                run.tally.failed += 1
    except BaseException:
        run.discard()
        raise
    run.output.close()
    run.errors.close()
    run.tally.failed += max(0, row["total"] - run.tally.completed - run.tally.failed)  # input deleted meanwhile
    return run


def _requests(ctx: Context, file_id: str, endpoint: str) -> Iterator[dict[str, Any]]:
    """The input file's requests in order (blank lines skipped, as validation counts them)."""
    try:
        handle = open_file(ctx.store.blobs, file_id, batch_stand_in(ctx, endpoint))
    except FileNotFoundError:  # the input file was deleted after the batch was created
        return
    with handle:
        for raw in handle:
            if raw.strip():
                yield orjson.loads(raw)


def _run_line(ctx: Context, request: dict[str, Any], runner: Runner, invalid_body: InvalidBody,
              output: _JsonlBlob, errors: _JsonlBlob, tally: _Tally) -> None:
    request_id = ctx.ids.new("request_id")
    try:
        result = runner(ctx, request["body"])
    except ValidationError as exc:
        failure: OpenAIError = invalid_body(exc)
    except OpenAIError as exc:
        failure = exc
    except Exception:  # a bug answers this line with a 500 (and the log), not the whole batch
        logger.exception("batch request %s failed", request["custom_id"])
        failure = ServerError("The server had an error processing your request.")
    else:
        tally.add(result)
        output.write(_line(ctx, request, {"status_code": 200, "request_id": request_id, "body": result.body}))
        return
    tally.failed += 1
    errors.write(_line(ctx, request, {"status_code": failure.status, "request_id": request_id,
                                      "body": failure.to_body()}))


def _unrun_line(ctx: Context, request: dict[str, Any], error: tuple[str, str], errors: _JsonlBlob) -> None:
    code, message = error
    errors.write({"id": ctx.ids.new("batch_request"), "custom_id": request["custom_id"], "response": None,
                  "error": {"code": code, "message": message}})


def _line(ctx: Context, request: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    return {"id": ctx.ids.new("batch_request"), "custom_id": request["custom_id"], "response": response,
            "error": None}


def _keep(ctx: Context, row: dict[str, Any], blob: _JsonlBlob, kind: str, created_at: int) -> str | None:
    """Store a written JSONL blob as a `batch_output` file; None (and nothing kept) when it has no line."""
    if blob.lines == 0:
        blob.path.unlink(missing_ok=True)
        return None
    file_id = ctx.ids.new_unused("file", ctx.store.files.exists)
    ctx.store.blobs.commit(blob.path, file_id)
    expires_after = row["output_expires_after"]
    ctx.store.files.insert({
        "id": file_id, "owner": row["owner"], "bytes": blob.size, "created_at": created_at,
        "expires_at": created_at + expires_after if expires_after is not None else None,
        "filename": f"{row['id']}_{kind}.jsonl", "purpose": "batch_output", "status": "processed",
        "status_details": None,
    })
    return file_id
