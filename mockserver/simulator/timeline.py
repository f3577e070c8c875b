"""The chronological entries of a job's timeline, in active seconds, generated lazily up to a point."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mockserver.simulator.metrics import step_message, step_metrics
from mockserver.simulator.plan import Plan

FINISH_FRACTIONS = (0.3, 0.5, 0.95, 1.0)
PHASES = ("validating_files", "queued", "running", "succeeded")


@dataclass(frozen=True)
class Entry:
    offset: float
    level: str
    message: str
    type: str = "message"
    data: dict[str, Any] | None = None


def _message(offset: float, message: str, data: dict[str, Any] | None = None, level: str = "info") -> Entry:
    return Entry(offset, level, message, "message", {} if data is None else data)


def failure_offset(plan: Plan) -> float | None:
    """When the planned failure happens: after validation for file errors, or after a scripted step."""
    if plan.inputs.failure is None:
        return None
    if plan.inputs.fail_at_step is not None:
        return plan.step_offset(min(plan.inputs.fail_at_step, plan.total_steps))
    return plan.validate_s


def phase_limit(plan: Plan) -> str | None:
    """A scripted 'stay' keeps the job in that phase forever."""
    return plan.inputs.stay_in


def _opening(plan: Plan) -> Iterator[Entry]:
    inputs = plan.inputs
    yield _message(0.0, f"Created fine-tuning job: {inputs.job_id}")
    files = f"Validating training file: {inputs.training_file}"
    if inputs.validation_file:
        files += f" and validation file: {inputs.validation_file}"
    yield _message(0.0, files)


def _training(plan: Plan) -> Iterator[Entry]:
    yield _message(plan.validate_s, "Files validated, moving job to queued state")
    if phase_limit(plan) == "queued":
        return
    yield Entry(plan.started_at, "info", "Fine-tuning job started", "message", None)
    kept = set(plan.checkpoint_steps) - {plan.total_steps}
    for step in range(1, plan.total_steps + 1):
        data = step_metrics(plan, step)
        yield Entry(plan.step_offset(step), "info", step_message(data), "metrics", data)
        if step in kept:
            snapshot = plan.checkpoint_model(step)
            yield _message(plan.step_offset(step), f"Checkpoint created at step {step} with Snapshot ID: {snapshot}")
    if phase_limit(plan) == "running":
        return
    done, finish = plan.training_done_at, plan.finish_s
    created, evaluating, evaluated, completed = (done + finish * f for f in FINISH_FRACTIONS)
    yield _message(created, f"New fine-tuned model created: {plan.fine_tuned_model}")
    yield _message(evaluating, "Evaluating model against our usage policies before enabling")
    yield _message(evaluated, "Usage policy evaluations completed, model is now enabled for sampling")
    yield _message(completed, "The job has successfully completed")


def entries(plan: Plan) -> Iterator[Entry]:
    """Every entry of the planned timeline, in order; a planned failure cuts it short."""
    yield from _opening(plan)
    if phase_limit(plan) == "validating_files":
        return
    failed_at = failure_offset(plan)
    for entry in _training(plan):
        if failed_at is not None and entry.offset > failed_at:
            break
        if failed_at is not None and entry.offset == failed_at and plan.inputs.fail_at_step is None:
            break
        yield entry
    if failed_at is not None and plan.inputs.failure is not None:
        yield Entry(failed_at, "error", plan.inputs.failure["message"], "message", {})
