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


def last_trained_step(plan: Plan) -> int | None:
    """With a planned failure, the last step trained before it (0: it fails before training); else None."""
    if plan.inputs.failure is None:
        return None
    if plan.inputs.fail_at_step is None:
        return 0
    return min(plan.inputs.fail_at_step, plan.total_steps)


def phase_limit(plan: Plan) -> str | None:
    """A scripted 'stay' keeps the job in that phase forever; a job whose files are being prepared stays
    validating them until its plan is replaced."""
    return "validating_files" if plan.preparing else plan.inputs.stay_in


def _opening(plan: Plan) -> Iterator[Entry]:
    inputs = plan.inputs
    yield _message(0.0, f"Created fine-tuning job: {inputs.job_id}")
    files = f"Validating training file: {inputs.training_file}"
    if inputs.validation_file:
        files += f" and validation file: {inputs.validation_file}"
    yield _message(0.0, files)


def _steps(plan: Plan) -> Iterator[Entry]:
    """From validation's end through the last step (or through `stay_in`, when the job stays queued)."""
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


def _finishing(plan: Plan) -> Iterator[Entry]:
    done, finish = plan.finishing_at, plan.finish_s
    created, evaluating, evaluated, completed = (done + finish * f for f in FINISH_FRACTIONS)
    yield _message(created, f"New fine-tuned model created: {plan.fine_tuned_model}")
    yield _message(evaluating, "Evaluating model against our usage policies before enabling")
    yield _message(evaluated, "Usage policy evaluations completed, model is now enabled for sampling")
    yield _message(completed, "The job has successfully completed")


def entries(plan: Plan) -> Iterator[Entry]:
    """Every entry of the planned timeline, in order; a planned failure cuts it short after its step
    (a file error: right after the opening), whatever the speed (at 'inf' every offset is 0)."""
    yield from _opening(plan)
    if phase_limit(plan) == "validating_files":
        return
    last_step, failed_at = last_trained_step(plan), failure_offset(plan)
    if last_step is None or failed_at is None or plan.inputs.failure is None:
        yield from _steps(plan)
        if phase_limit(plan) is None:
            yield from _finishing(plan)
        return
    if plan.inputs.fail_at_step is not None:
        for entry in _steps(plan):
            if entry.type == "metrics" and entry.data is not None and entry.data["step"] > last_step:
                break
            yield entry
    yield Entry(failed_at, "error", plan.inputs.failure["message"], "message", {})
