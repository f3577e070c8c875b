"""Batches: create (the input file validated as the real API does), read (the status derived from the clock),
cancel; a finished batch's requests are run once, by the background batch runner (services/batch_runner.py) or
whichever reader sees it finished first."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from mockserver.core.errors import Conflict, InvalidRequest, NotFound
from mockserver.schemas.batches import Batch, BatchCreate, OutputExpiresAfter
from mockserver.schemas.common import ListPage
from mockserver.services.batch_endpoints import SPEC_ENDPOINTS, Runner
from mockserver.services.batch_runs import InvalidBody, LostClaim, run_batch
from mockserver.services.context import Context
from mockserver.services.files import parse_expires_after
from mockserver.services.input_files import StandIn, batch_stand_in, file_lines, live_file
from mockserver.services.request_checks import check_metadata
from mockserver.simulator.batches import (
    CANCELLABLE_STATUSES,
    PHASE_TIMES,
    BatchState,
    BatchTimeline,
    batch_state,
    plan_batch,
    terminal_time,
)
from mockserver.validation.batch_input import validate_batch_input

COMPLETION_WINDOWS = ("24h",)
MAX_LIST_LIMIT = 100
MOCK_OUTCOME_KEY = "mock_outcome"  # metadata `mock_outcome: expire`: the batch expires half done (README)
OUTPUT_STATUSES = ("completed", "expired", "cancelled")  # the statuses that owe output and error files
# Wall-clock seconds a run's claim lasts unrenewed (renewed every few hundred requests): a reader that died
# mid-run leaves the batch to another after this long.
RUN_LEASE_SECONDS = 300
# How a finished batch whose outputs are still being written shows: as the step before its end.
UNTIL_WRITTEN = {"completed": "finalizing", "cancelled": "cancelling", "expired": "expired"}


class BatchesService:
    def __init__(self, ctx: Context, *, runners: Mapping[str, Runner], invalid_body: InvalidBody,
                 wake_runner: Callable[[], None] | None = None) -> None:
        self.ctx = ctx
        self.runners = runners
        self.invalid_body = invalid_body
        self.wake_runner = wake_runner  # the background batch runner (services/batch_runner.py), told of a create
        self.repo = ctx.store.batches

    # -- create ---------------------------------------------------------------------------
    def create(self, body: BatchCreate) -> Batch:
        self._check_request(body)
        expires_after = _output_expiry(body.output_expires_after)
        stand_in = batch_stand_in(self.ctx, body.endpoint)
        file = self._input_file(body.input_file_id, stand_in)
        report = validate_batch_input(file_lines(self.ctx.store.blobs, body.input_file_id, stand_in),
                                      endpoint=body.endpoint, size=file["bytes"])
        now = self.ctx.clock.now()
        failed = bool(report.errors)
        timeline = plan_batch(created_at=now, total=report.total, failed=failed, speed=self.ctx.settings.speed,
                              expire=(body.metadata or {}).get(MOCK_OUTCOME_KEY) == "expire")
        row = self.repo.insert({
            "id": self.ctx.ids.new_unused("batch", self.repo.exists), "owner": self.ctx.caller.owner,
            "created_at": now, "endpoint": body.endpoint, "input_file_id": body.input_file_id,
            "completion_window": body.completion_window, "metadata": body.metadata,
            "output_expires_after": expires_after, "model": report.model, "total": report.total,
            "errors": report.errors or None, "timeline": dataclasses.asdict(timeline),
            "terminal_at": terminal_time(timeline, cancelling_at=None),
            "materialised_at": now if failed else None,  # a failed batch owes nothing
        })
        if self.wake_runner is not None and not failed:
            self.wake_runner()
        return self._render(row, batch_state(timeline, cancelling_at=None, now=now))

    def _check_request(self, body: BatchCreate) -> None:
        if body.endpoint not in self.runners:
            served = ", ".join(f"'{endpoint}'" for endpoint in self.runners)
            why = ("is not served by this server" if body.endpoint in SPEC_ENDPOINTS
                   else "is not a supported endpoint")
            raise InvalidRequest(f"Invalid value for 'endpoint': '{body.endpoint}' {why}. Supported values are: "
                                 f"{served}.", param="endpoint", code="invalid_value")
        if body.completion_window not in COMPLETION_WINDOWS:
            raise InvalidRequest(f"Invalid value for 'completion_window': '{body.completion_window}'. Supported "
                                 "values are: '24h'.", param="completion_window", code="invalid_value")
        check_metadata(body.metadata)
        outcome = (body.metadata or {}).get(MOCK_OUTCOME_KEY)
        if outcome not in (None, "expire"):
            raise InvalidRequest(f"Invalid 'metadata.{MOCK_OUTCOME_KEY}': {outcome!r}. The only scripted batch "
                                 "outcome is 'expire' (mockserver's README, Batch).",
                                 param=f"metadata.{MOCK_OUTCOME_KEY}", code="invalid_value")

    def _input_file(self, file_id: str, stand_in: StandIn | None) -> dict[str, Any]:
        row = live_file(self.ctx, file_id, stand_in)
        if row is None:
            raise NotFound(f"No such File object: {file_id}", param="input_file_id")
        if row["purpose"] != "batch":
            raise InvalidRequest(f"Invalid 'input_file_id': {file_id}. A batch's input file must have purpose "
                                 f"'batch', but this one has purpose '{row['purpose']}'.", param="input_file_id",
                                 code="invalid_value")
        return row

    # -- read -----------------------------------------------------------------------------
    def retrieve(self, batch_id: str) -> Batch:
        row = self.repo.get(owner=self.ctx.caller.owner, batch_id=batch_id)
        return self._observe(row)

    def list(self, *, after: str | None, limit: int) -> ListPage[Batch]:
        if not 1 <= limit <= MAX_LIST_LIMIT:
            raise InvalidRequest(f"Invalid 'limit': {limit}. It must be between 1 and {MAX_LIST_LIMIT}.",
                                 param="limit", code="invalid_value")
        page = self.repo.list(owner=self.ctx.caller.owner, after=after, limit=limit)
        return ListPage.of([self._observe(row) for row in page.rows], has_more=page.has_more)

    def cancel(self, batch_id: str) -> Batch:
        with self.ctx.store.atomic():
            row = self.repo.get(owner=self.ctx.caller.owner, batch_id=batch_id)
            timeline = _timeline(row)
            now = self.ctx.clock.now()
            state = batch_state(timeline, cancelling_at=row["cancelling_at"], now=now)
            if state.status not in CANCELLABLE_STATUSES:
                raise Conflict(f"Cannot cancel a batch with status '{state.status}'.", param="batch_id")
            row["cancelling_at"] = now
            self.repo.set_cancelling(batch_id, at=now, terminal_at=terminal_time(timeline, cancelling_at=now))
        return self._observe(row)

    def _observe(self, row: dict[str, Any]) -> Batch:
        """The batch as the clock has it; its outputs written first if it has just finished."""
        state = batch_state(_timeline(row), cancelling_at=row["cancelling_at"], now=self.ctx.clock.now())
        if state.status in OUTPUT_STATUSES and row["materialised_at"] is None:
            row = self._materialise(row, state)
        return self._render(row, state)

    # -- outputs --------------------------------------------------------------------------
    def materialise_finished(self, *, start: int = 0, stop: int | None = None) -> None:
        """Run every caller's batches that have finished unread (the store's `due` range, empty in the usual
        case): for reports that read the ledgers directly. A batch's requests are charged when it finishes, so
        a report of `start <= time < stop` runs only the batches that finished then."""
        for _ in self._run_due(start=start, stop=stop):
            pass

    def run_due(self, *, limit: int) -> bool:
        """Run up to `limit` of the batches finished by now that no run holds (a pass of the background batch
        runner); True when it ran `limit` of them (more may be due)."""
        ran = 0
        for _ in self._run_due():
            ran += 1
            if ran >= limit:
                return True
        return False

    def _run_due(self, *, start: int = 0, stop: int | None = None) -> Iterator[str]:
        """Run each batch due in the range, one at a time; yields the id of each whose outputs are then written."""
        now = self.ctx.clock.now()
        for row in self.repo.due(now, start=start, stop=stop):
            state = batch_state(_timeline(row), cancelling_at=row["cancelling_at"], now=now)
            if state.status in OUTPUT_STATUSES and self._materialise(row, state)["materialised_at"] is not None:
                yield row["id"]

    def _materialise(self, row: dict[str, Any], state: BatchState) -> dict[str, Any]:
        """Run the batch's requests and write its files, once across every worker. The run holds a lease, not the
        database's write lock (a large batch takes minutes); meanwhile other readers see it still finalizing."""
        claim = self.ctx.ids.new("salt")
        if not self.repo.claim_run(row["id"], claim=claim, lease_seconds=RUN_LEASE_SECONDS):
            return row  # another reader is running it
        finished_at = state.completed_at or state.cancelled_at or state.expired_at or self.ctx.clock.now()
        try:
            run = run_batch(self.ctx, row=row, state=state, finished_at=finished_at,
                            runner=self.runners[row["endpoint"]], invalid_body=self.invalid_body,
                            renew=lambda: self.repo.renew_run(row["id"], claim=claim,
                                                              lease_seconds=RUN_LEASE_SECONDS))
        except LostClaim:
            return self.repo.get(owner=row["owner"], batch_id=row["id"])
        with self.ctx.store.atomic():
            if not self.repo.renew_run(row["id"], claim=claim, lease_seconds=RUN_LEASE_SECONDS):
                run.discard()
                return self.repo.get(owner=row["owner"], batch_id=row["id"])
            output_file_id, error_file_id = run.keep(self.ctx, row, finished_at)
            tally = run.tally
            self.repo.finish_run(row["id"], claim=claim, at=self.ctx.clock.now(), output_file_id=output_file_id,
                                 error_file_id=error_file_id, completed=tally.completed, failed=tally.failed,
                                 usage=tally.usage())
        return self.repo.get(owner=row["owner"], batch_id=row["id"])

    def _render(self, row: dict[str, Any], state: BatchState) -> Batch:
        if state.status in OUTPUT_STATUSES and row["materialised_at"] is None:  # another reader is running it
            state = dataclasses.replace(state, status=UNTIL_WRITTEN[state.status], completed_at=None,
                                        cancelled_at=None)
        timeline = _timeline(row)
        errors = row["errors"]
        completed, failed = row["completed"] or 0, row["failed"] or 0
        if row["materialised_at"] is None or errors:  # still running: the requests run so far
            completed, failed = state.processed, 0
        usage = row["usage"] or {"input_tokens": 0, "input_tokens_details": {"cached_tokens": 0},
                                 "output_tokens": 0, "output_tokens_details": {"reasoning_tokens": 0},
                                 "total_tokens": 0}
        return Batch.model_validate({
            "id": row["id"], "endpoint": row["endpoint"], "model": row["model"],
            "errors": {"object": "list", "data": errors} if errors else None,
            "input_file_id": row["input_file_id"], "completion_window": row["completion_window"],
            "status": state.status, "output_file_id": row["output_file_id"], "error_file_id": row["error_file_id"],
            "created_at": row["created_at"], "expires_at": timeline.expires_at,
            **{name: getattr(state, name) for name in PHASE_TIMES},
            "request_counts": {"completed": completed, "failed": failed, "total": row["total"]},
            "usage": usage, "metadata": row["metadata"],
        })


def _timeline(row: dict[str, Any]) -> BatchTimeline:
    return BatchTimeline(**row["timeline"])


def _output_expiry(given: OutputExpiresAfter | None) -> int | None:
    """`output_expires_after`'s seconds, checked as a file's `expires_after` is (the errors name this field)."""
    if given is None:
        return None
    try:
        return parse_expires_after(given.anchor, given.seconds)
    except InvalidRequest as error:
        param = f"output_{error.param}" if error.param else "output_expires_after"
        raise InvalidRequest(error.message.replace("'expires_after", "'output_expires_after"), param=param,
                             code=error.code) from None
