"""A batch's lifecycle: a pure function of its timeline, its cancel (if any) and the clock.

validating -> in_progress -> finalizing -> completed, or failed when validation found errors, expired when
the clock passes `expires_at` first, cancelling -> cancelled after a cancel. Durations at speed 1 (README
"Batch"): validating 5 s + 1 s per 1,000 requests, in_progress 10 s + 1 s per request, finalizing 5 s + 1 s
per 1,000 requests, cancelling 5 s; `--speed` divides them (`inf`: all zero).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

COMPLETION_WINDOW = 86_400  # "24h", the only window the API accepts
VALIDATE_BASE, VALIDATE_PER_THOUSAND = 5, 1
RUN_BASE, RUN_PER_REQUEST = 10, 1
FINALIZE_BASE, FINALIZE_PER_THOUSAND = 5, 1
CANCELLING = 5
# A batch scripted to expire (`mock_outcome: expire`) runs for twice its window, so half its requests are done.
EXPIRING_RUN = 2 * COMPLETION_WINDOW
TERMINAL_STATUSES = ("failed", "completed", "expired", "cancelled")
CANCELLABLE_STATUSES = ("validating", "in_progress", "finalizing")


@dataclass(frozen=True)
class BatchTimeline:
    """When each phase of an uncancelled batch starts; `failed`: validation found errors."""

    created_at: int
    in_progress_at: int
    finalizing_at: int
    completed_at: int
    expires_at: int
    cancelling_s: int
    total: int
    failed: bool


@dataclass(frozen=True)
class BatchState:
    status: str
    processed: int  # requests run by now (or by the cancel or the expiry)
    in_progress_at: int | None = None
    finalizing_at: int | None = None
    completed_at: int | None = None
    failed_at: int | None = None
    expired_at: int | None = None
    cancelling_at: int | None = None
    cancelled_at: int | None = None

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES


# The batch object's phase times, as BatchState holds them (null until the phase is reached).
PHASE_TIMES = tuple(field.name for field in fields(BatchState) if field.name.endswith("_at"))


def _scaled(seconds: int, speed: float) -> int:
    return 0 if math.isinf(speed) else math.ceil(seconds / speed)


def plan_batch(*, created_at: int, total: int, failed: bool, speed: float, expire: bool = False) -> BatchTimeline:
    """The timeline of a batch of `total` requests (see the module docstring for the durations)."""
    validate = _scaled(VALIDATE_BASE + VALIDATE_PER_THOUSAND * (total // 1000), speed)
    run = EXPIRING_RUN if expire else _scaled(RUN_BASE + RUN_PER_REQUEST * total, speed)
    finalize = _scaled(FINALIZE_BASE + FINALIZE_PER_THOUSAND * (total // 1000), speed)
    in_progress_at = created_at + validate
    return BatchTimeline(
        created_at=created_at, in_progress_at=in_progress_at, finalizing_at=in_progress_at + run,
        completed_at=in_progress_at + run + finalize, expires_at=created_at + COMPLETION_WINDOW,
        cancelling_s=_scaled(CANCELLING, speed), total=total, failed=failed,
    )


def processed_by(timeline: BatchTimeline, at: int) -> int:
    """How many requests have run by `at`: evenly over the in_progress phase."""
    if timeline.failed or at < timeline.in_progress_at:
        return 0
    run = timeline.finalizing_at - timeline.in_progress_at
    if run <= 0 or at >= timeline.finalizing_at:
        return timeline.total
    return timeline.total * (at - timeline.in_progress_at) // run


def batch_state(timeline: BatchTimeline, *, cancelling_at: int | None, now: int) -> BatchState:
    """The batch as it is at `now`. Whatever came first of the cancel, the expiry and the end decides."""
    stop = _stop_time(timeline, cancelling_at)
    progress = _progress(timeline, min(now, stop) if stop is not None else now)
    if stop is None or now < stop:
        return progress
    if cancelling_at is not None and stop == cancelling_at:
        cancelled_at = cancelling_at + timeline.cancelling_s
        done = cancelled_at <= now
        return _with(progress, "cancelled" if done else "cancelling", cancelling_at=cancelling_at,
                     cancelled_at=cancelled_at if done else None)
    return _with(progress, "expired", expired_at=timeline.expires_at)


def terminal_time(timeline: BatchTimeline, *, cancelling_at: int | None) -> int:
    """The first second the batch is terminal (failed, completed, expired or cancelled)."""
    stop = _stop_time(timeline, cancelling_at)
    if cancelling_at is not None and stop == cancelling_at:
        return cancelling_at + timeline.cancelling_s
    if stop is not None:
        return stop
    return timeline.in_progress_at if timeline.failed else timeline.completed_at


def _stop_time(timeline: BatchTimeline, cancelling_at: int | None) -> int | None:
    """When the batch is stopped early: by its cancel, or by its expiry if it would finish after it."""
    end = timeline.in_progress_at if timeline.failed else timeline.completed_at
    expiry = timeline.expires_at if end > timeline.expires_at else None
    stops = [at for at in (cancelling_at, expiry) if at is not None and at < end]
    return min(stops) if stops else None


def _progress(timeline: BatchTimeline, at: int) -> BatchState:
    """The uninterrupted lifecycle at `at`."""
    if at < timeline.in_progress_at:
        return BatchState("validating", 0)
    if timeline.failed:
        return BatchState("failed", 0, failed_at=timeline.in_progress_at)
    processed = processed_by(timeline, at)
    if at < timeline.finalizing_at:
        return BatchState("in_progress", processed, in_progress_at=timeline.in_progress_at)
    if at < timeline.completed_at:
        return BatchState("finalizing", processed, in_progress_at=timeline.in_progress_at,
                          finalizing_at=timeline.finalizing_at)
    return BatchState("completed", processed, in_progress_at=timeline.in_progress_at,
                      finalizing_at=timeline.finalizing_at, completed_at=timeline.completed_at)


def _with(state: BatchState, status: str, **times: int | None) -> BatchState:
    return BatchState(status, state.processed, in_progress_at=state.in_progress_at,
                      finalizing_at=state.finalizing_at, **times)
