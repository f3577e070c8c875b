"""Scripted job outcomes: `POST /_mock/jobs/{id}/script`, and the `mock_*` metadata keys read at creation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from mockserver.core.clock import Clock
from mockserver.core.errors import Conflict, InvalidRequest
from mockserver.schemas.job_scripts import JobScript, JobScriptCreate
from mockserver.simulator import Plan, observe
from mockserver.simulator.scripts import DEFAULT_ERROR_CODE, Script, ScriptRefused, apply_script
from mockserver.simulator.state import TERMINAL_STATUSES, terminal_at
from mockserver.store import Store
from mockserver.store.jobs import job_not_found

# metadata key -> field of JobScriptCreate
METADATA_KEYS = {
    "mock_outcome": "outcome", "mock_fail_at": "fail_at", "mock_error_code": "error_code",
    "mock_error_message": "error_message", "mock_status": "status",
}


def script_of(body: JobScriptCreate) -> Script:
    if body.outcome == "fail":
        return Script("fail", fail_at=body.fail_at if body.fail_at is not None else "running",
                      error_code=body.error_code or DEFAULT_ERROR_CODE, error_message=body.error_message)
    if body.outcome == "stay":
        return Script("stay", status=body.status or "queued")
    return Script("succeed")


def script_from_metadata(metadata: dict[str, Any] | None) -> Script | None:
    """The script the `mock_*` metadata keys spell, or None when there are none (the usual case).

    `mock_fail_at`, `mock_error_code` or `mock_error_message` alone mean `fail`; `mock_status` alone, `stay`.
    """
    given = {field: (metadata or {})[key] for key, field in METADATA_KEYS.items() if key in (metadata or {})}
    if not given:
        return None
    if "outcome" not in given:
        given["outcome"] = "stay" if set(given) == {"status"} else "fail"
    fail_at = given.get("fail_at")
    if isinstance(fail_at, str) and fail_at.isdigit():
        given["fail_at"] = int(fail_at)
    try:
        return script_of(JobScriptCreate.model_validate(given))
    except ValidationError as exc:
        error = exc.errors()[0]
        # A clash between fields is reported by the model, which names the field in its context.
        named = (error.get("ctx") or {}).get("param")
        field = next((str(part) for part in (*error["loc"], named) if str(part) in METADATA_KEYS.values()), "outcome")
        key = next(key for key, name in METADATA_KEYS.items() if name == field)
        raise InvalidRequest(
            f"Invalid 'metadata.{key}': {error['msg']}. See mockserver's README (scripted outcomes).",
            param=f"metadata.{key}", code="invalid_value",
        ) from None


def script_view(job_id: str, plan: Plan, script: Script, status: str) -> JobScript:
    inputs = plan.inputs
    fail_at: str | int | None = None
    if script.outcome == "fail":
        fail_at = "validating_files" if inputs.fail_at_step is None else inputs.fail_at_step
    return JobScript(job_id=job_id, outcome=script.outcome, fail_at=fail_at, error=inputs.failure,
                     stay_in=inputs.stay_in, status=status)


class JobScriptsService:
    """The control plane has no caller: it finds a job by id alone."""

    def __init__(self, *, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def script(self, job_id: str, body: JobScriptCreate) -> JobScript:
        """Rewrite the job's plan so it ends as `body` says; 409 once the job is terminal or past that point."""
        script = script_of(body)
        with self.store.atomic():
            job = self.store.jobs.find_any(job_id)
            if job is None:
                raise job_not_found(job_id)
            now = self.clock.now()
            status = observe(job, now).status
            if status in TERMINAL_STATUSES:
                raise Conflict(f"Job {job_id} is already {status}: its outcome can no longer be scripted.",
                               param="fine_tuning_job_id", code="job_already_finished")
            if job.plan.preparing:
                raise Conflict(f"Job {job_id} is still validating its files: script it once they are validated "
                               "(after a clock move) or with `mock_*` metadata at creation.",
                               param="fine_tuning_job_id", code="job_files_preparing")
            try:
                plan = apply_script(job.plan, job.controls, now, script)
            except ScriptRefused as exc:
                raise Conflict(f"Cannot script job {job_id} to {describe(script)}: {exc}.",
                               param="fine_tuning_job_id", code="job_past_scripted_point") from None
            scripted = replace(job, plan=plan)
            self.store.jobs.set_plan(job_id, plan, terminal_at=terminal_at(plan, job.controls))
        return script_view(job_id, plan, script, observe(scripted, now).status)


def describe(script: Script) -> str:
    if script.outcome == "fail":
        where = f"step {script.fail_at}" if isinstance(script.fail_at, int) else script.fail_at
        return f"fail at {where}"
    return f"stay {script.status}" if script.outcome == "stay" else "succeed"
