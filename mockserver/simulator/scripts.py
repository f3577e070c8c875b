"""Scripted outcomes: a job made to fail at a chosen point, stay in a status, or succeed, by rewriting its plan.

The timeline stays a pure function of the job, its plan and the clock: a script only changes the plan's
`failure`, `fail_at_step` and `stay_in`, and refuses when the job is already past the scripted point (what a
reader has seen never changes). A job a "stay" holds is released by ending the held phase now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from mockserver.simulator.plan import JobInputs, Plan
from mockserver.simulator.state import Control, active_at, completed_steps, phase_at

Outcome = Literal["succeed", "fail", "stay"]
FailAt = Literal["validating_files", "running"] | int
STAY_STATUSES = ("validating_files", "queued", "running")
PHASES = ("validating_files", "queued", "running", "succeeded")
DEFAULT_ERROR_CODE = "server_error"

# code: (param, message) of the job `error` a scripted failure shows (reference §2.7 for the file codes).
ERROR_TEMPLATES: dict[str, tuple[str | None, str]] = {
    "server_error": (None, "The job failed due to an internal error. Please try again, or contact us through "
                           "our help center at help.openai.com if the issue persists."),
    "invalid_training_file": ("training_file", "The job failed due to an invalid training file. Invalid file "
                                               "format. Example 1, message 1 Discriminator 'role' is missing in "
                                               "value"),
    "invalid_file_format": ("training_file", "The job failed due to a file format error in the training file. "
                                             "Invalid file format. Example 1 contains an extra \"weight\"."),
    "invalid_n_examples": ("training_file", "Training file has 5 example(s), but must have at least 10 examples"),
}


class ScriptRefused(ValueError):
    """The job is already past the point the script names."""


@dataclass(frozen=True)
class Script:
    outcome: Outcome
    fail_at: FailAt = "running"
    error_code: str = DEFAULT_ERROR_CODE
    error_message: str | None = None
    status: str = "queued"  # where a "stay" keeps the job

    @property
    def error(self) -> dict[str, Any]:
        param, message = ERROR_TEMPLATES.get(
            self.error_code, (None, f"The job failed due to an error ({self.error_code}).")
        )
        return {"code": self.error_code, "message": self.error_message or message, "param": param}


def scripted_inputs(inputs: JobInputs, script: Script, *, fail_at_step: int | None = None) -> JobInputs:
    """The inputs with the script's outcome in place of the planned one (file errors included)."""
    if script.outcome == "succeed":
        return replace(inputs, failure=None, fail_at_step=None, stay_in=None)
    if script.outcome == "stay":
        return replace(inputs, failure=None, fail_at_step=None, stay_in=script.status)
    if fail_at_step is None and script.fail_at != "validating_files":
        fail_at_step = 0 if script.fail_at == "running" else int(script.fail_at)
    return replace(inputs, failure=script.error, fail_at_step=fail_at_step, stay_in=None)


def _held(plan: Plan, active: float) -> bool:
    """Whether a "stay" is holding the job now: without it, the job would be past that status."""
    stay = plan.inputs.stay_in
    if stay is None:
        return False
    natural = phase_at(replace(plan, inputs=replace(plan.inputs, stay_in=None)), active)
    return PHASES.index(natural) > PHASES.index(stay)


def released(plan: Plan, active: float) -> Plan:
    """The plan with a held phase ending at `active` (so nothing a reader saw moves) and no "stay"."""
    free = replace(plan, inputs=replace(plan.inputs, stay_in=None))
    if not _held(plan, active):
        return free
    stay = plan.inputs.stay_in
    if stay == "validating_files":
        return replace(free, validate_s=active)
    if stay == "queued":
        return replace(free, queue_s=active - plan.validate_s)
    return replace(free, hold_s=active - plan.training_done_at)


def _fail_step(plan: Plan, active: float, fail_at: FailAt) -> int | None:
    """The step after which the job fails (None: at the end of validation), refused if already past."""
    if fail_at == "validating_files":
        if active > plan.validate_s:
            raise ScriptRefused("it has already finished validating its files")
        return None
    if fail_at == "running":
        step = 0 if active <= plan.step_offset(0) else completed_steps(plan, active) + 1
        if step > plan.total_steps:
            raise ScriptRefused(f"it has already trained all {plan.total_steps} steps")
        return step
    step = min(int(fail_at), plan.total_steps)
    if active > plan.step_offset(step):
        raise ScriptRefused(f"it has already trained past step {step} (of {plan.total_steps})")
    return step


def apply_script(plan: Plan, controls: Sequence[Control], now: int, script: Script) -> Plan:
    """The plan of a job (not terminal) given `script` at wall time `now`; ScriptRefused if it is too late."""
    active = active_at(plan, controls, now)
    if script.outcome == "stay":
        visible = phase_at(plan, active)
        if PHASES.index(visible) > PHASES.index(script.status):
            raise ScriptRefused(f"it is already {visible}")
        if plan.inputs.stay_in == script.status:
            return replace(plan, inputs=scripted_inputs(plan.inputs, script))
        return replace(released(plan, active), inputs=scripted_inputs(plan.inputs, script))
    free = released(plan, active)
    step = _fail_step(free, active, script.fail_at) if script.outcome == "fail" else None
    return replace(free, inputs=scripted_inputs(free.inputs, script, fail_at_step=step))
