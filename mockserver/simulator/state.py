"""A job's state at a moment: status, events and checkpoints, from its plan, its controls and `now`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from mockserver.simulator.metrics import checkpoint_metrics
from mockserver.simulator.plan import Plan, derived_token
from mockserver.simulator.timeline import entries, failure_offset, last_trained_step, phase_limit

Action = Literal["pause", "resume", "cancel"]
CONTROL_MESSAGES = {
    "pause": "Fine-tuning job paused",
    "resume": "Fine-tuning job resumed",
    "cancel": "Fine-tuning job cancelled",
}
ACTIVE_STATUSES = ("validating_files", "queued", "running", "paused")
TERMINAL_STATUSES = ("succeeded", "failed", "cancelled")


@dataclass(frozen=True)
class Control:
    """Something a caller did to the job at wall time `at`."""

    action: Action
    at: int


@dataclass(frozen=True)
class Event:
    id: str
    created_at: int
    level: str
    message: str
    type: str
    data: dict[str, Any] | None


@dataclass(frozen=True)
class Checkpoint:
    id: str
    created_at: int
    step: int
    model: str
    metrics: dict[str, Any]


@dataclass(frozen=True)
class JobState:
    status: str
    finished_at: int | None
    fine_tuned_model: str | None
    trained_tokens: int | None
    estimated_finish: int | None
    error: dict[str, Any] | None
    result_files: list[str]
    hyperparameters_resolved: bool
    completed_steps: int


class _Clockwork:
    """Maps wall time to active time (time not spent paused) and back."""

    def __init__(self, created_at: int, controls: Sequence[Control]) -> None:
        self.created_at = created_at
        self.pauses: list[tuple[float, float, float]] = []  # (wall start, wall end, active start)
        paused_total, open_start = 0.0, None
        for control in controls:
            if control.action == "pause":
                open_start = control.at
            elif control.action == "resume" and open_start is not None:
                self.pauses.append((open_start, control.at, open_start - created_at - paused_total))
                paused_total += control.at - open_start
                open_start = None
        if open_start is not None:
            self.pauses.append((open_start, math.inf, open_start - created_at - paused_total))

    def active(self, wall: float) -> float:
        elapsed = wall - self.created_at
        for start, end, _ in self.pauses:
            if wall > start:
                elapsed -= min(wall, end) - start
        return elapsed

    def wall(self, active: float) -> float:
        wall = self.created_at + active
        for start, end, active_start in self.pauses:
            if active_start < active:
                wall += end - start
        return wall

    def paused_at(self, wall: float) -> bool:
        return any(start <= wall < end for start, end, _ in self.pauses)


def _fails_validation(plan: Plan) -> bool:
    return plan.inputs.failure is not None and plan.inputs.fail_at_step is None


def _cancelled_at(controls: Sequence[Control]) -> int | None:
    return next((control.at for control in controls if control.action == "cancel"), None)


def _phase(plan: Plan, active: float) -> str:
    failed_at = failure_offset(plan)
    if failed_at is not None and active >= failed_at:
        return "failed"
    thresholds = (plan.validate_s, plan.started_at, plan.succeeded_at)
    phase = next((name for name, limit in zip(("validating_files", "queued", "running"), thresholds, strict=True)
                  if active < limit), "succeeded")
    limit = phase_limit(plan)
    order = ("validating_files", "queued", "running", "succeeded")
    if limit is not None and order.index(phase) > order.index(limit):
        return limit
    return phase


def phase_at(plan: Plan, active: float) -> str:
    """The phase (a status other than paused or cancelled) at `active` seconds of the job's life."""
    return _phase(plan, active)


def active_at(plan: Plan, controls: Sequence[Control], now: int) -> float:
    """Seconds of the job's life spent not paused, by wall time `now`."""
    return _Clockwork(plan.inputs.created_at, controls).active(now)


def _status(plan: Plan, controls: Sequence[Control], clockwork: _Clockwork, now: int) -> str:
    cancelled_at = _cancelled_at(controls)
    if cancelled_at is not None and cancelled_at <= now:
        return "cancelled"
    if clockwork.paused_at(now):
        return "paused"
    return _phase(plan, clockwork.active(now))


def terminal_at(plan: Plan, controls: Sequence[Control]) -> int | None:
    """The first whole second at which the job is terminal (succeeded, failed or cancelled) under these
    controls, later or not; None when no time can be foreseen (paused and not resumed, a scripted "stay").

    Once terminal a job stays so, so `terminal_at(...) <= now` says whether it is terminal at `now`. The
    estimate from the timeline is checked against `_status` itself, so float rounding never makes them differ.
    """
    clockwork = _Clockwork(plan.inputs.created_at, controls)
    ends = failure_offset(plan)
    if ends is None and phase_limit(plan) is None:
        ends = plan.succeeded_at
    natural = None if ends is None else clockwork.wall(ends)
    candidates = [math.ceil(natural)] if natural is not None and natural != math.inf else []
    cancelled_at = _cancelled_at(controls)
    if cancelled_at is not None:
        candidates.append(cancelled_at)
    if not candidates:
        return None
    estimate = min(candidates)
    for second in (estimate - 1, estimate, estimate + 1):  # the estimate is off by a second at most
        if _status(plan, controls, clockwork, second) in TERMINAL_STATUSES:
            return second
    return estimate


def completed_steps(plan: Plan, active: float) -> int:
    if not _reached(plan):
        return 0
    scripted_last = last_trained_step(plan)
    last = plan.total_steps if scripted_last is None else scripted_last
    if plan.step_s == 0:
        return last if active >= plan.step_offset(0) else 0
    return max(0, min(last, math.floor((active - plan.step_offset(0)) / plan.step_s)))


def created_state(plan: Plan) -> JobState:
    """The job as its create call reports it: always `validating_files`, as the real API answers, even
    when (at speed `inf`) the first read afterwards already finds it finished."""
    return JobState(status="validating_files", finished_at=None, fine_tuned_model=None, trained_tokens=None,
                    estimated_finish=None, error=None, result_files=[], hyperparameters_resolved=False,
                    completed_steps=0)


class ObservedJob(Protocol):
    """What the simulator needs of a stored job (store/jobs.py's JobRecord): its plan and its controls."""

    @property
    def plan(self) -> Plan: ...

    @property
    def controls(self) -> Sequence[Control]: ...


def observe(job: ObservedJob, now: int) -> JobState:
    """The job as a reader at wall time `now` sees it: how every service outside the simulator reads a state."""
    return state_at(job.plan, job.controls, now)


def state_at(plan: Plan, controls: Sequence[Control], now: int) -> JobState:
    """The job as a reader at wall time `now` sees it."""
    clockwork = _Clockwork(plan.inputs.created_at, controls)
    status = _status(plan, controls, clockwork, now)
    cutoff = min(now, _cancelled_at(controls) or now)
    active = clockwork.active(cutoff)
    succeeded = status == "succeeded"
    finish = clockwork.wall(plan.succeeded_at)
    return JobState(
        status=status,
        finished_at=math.ceil(finish) if succeeded else None,
        fine_tuned_model=plan.fine_tuned_model if succeeded else None,
        trained_tokens=plan.trained_tokens if succeeded else None,
        estimated_finish=math.ceil(finish) if status == "running" and finish != math.inf
        and phase_limit(plan) is None else None,
        error=dict(plan.inputs.failure) if status == "failed" and plan.inputs.failure else None,
        result_files=[plan.result_file_id] if succeeded else [],
        hyperparameters_resolved=active >= plan.validate_s and not _fails_validation(plan)
        and phase_limit(plan) != "validating_files",
        completed_steps=completed_steps(plan, active),
    )


def events_at(plan: Plan, controls: Sequence[Control], now: int) -> list[Event]:
    """Every event visible at `now`, oldest first."""
    clockwork = _Clockwork(plan.inputs.created_at, controls)
    cancelled_at = _cancelled_at(controls)
    cutoff = min(now, cancelled_at) if cancelled_at is not None else now
    salt = plan.inputs.salt
    timed: list[tuple[float, int, int, Event]] = []
    for index, entry in enumerate(entries(plan)):
        wall = clockwork.wall(entry.offset)
        if wall > cutoff:
            break
        # An event's time is the first whole second at which a reader can see it.
        event = Event("ftevent-" + derived_token(salt, "event", index, length=24), math.ceil(wall),
                      entry.level, entry.message, entry.type, entry.data)
        timed.append((wall, 0, index, event))
    for index, control in enumerate(controls):
        if control.at <= now:
            event = Event("ftevent-" + derived_token(salt, "control", index, length=24), control.at,
                          "warn" if control.action == "cancel" else "info",
                          CONTROL_MESSAGES[control.action], "message", {})
            timed.append((control.at, 1, index, event))
    timed.sort(key=lambda item: item[:3])
    return [event for *_, event in timed]


def _reached(plan: Plan) -> bool:
    """Whether a scripted "stay" lets the job train at all (it does not while validating or queued)."""
    return phase_limit(plan) not in ("validating_files", "queued")


def checkpoints_at(plan: Plan, controls: Sequence[Control], now: int) -> list[Checkpoint]:
    """Checkpoints kept so far, oldest first: the last epochs' ends and any pause points."""
    clockwork = _Clockwork(plan.inputs.created_at, controls)
    cancelled_at = _cancelled_at(controls)
    cutoff = min(now, cancelled_at) if cancelled_at is not None else now
    last = last_trained_step(plan)
    steps: dict[int, float] = {}
    for step in plan.checkpoint_steps:
        offset = plan.step_offset(step)
        if clockwork.wall(offset) <= cutoff and (last is None or step <= last) and _reached(plan):
            steps[step] = clockwork.wall(offset)
    for control in controls:
        if control.action == "pause" and control.at <= cutoff:
            step = completed_steps(plan, clockwork.active(control.at))
            if step >= 1:
                steps.setdefault(step, control.at)
    return [
        Checkpoint(plan.checkpoint_id(step), math.ceil(wall), step, plan.checkpoint_model(step),
                   checkpoint_metrics(plan, step))
        for step, wall in sorted(steps.items())
    ]
