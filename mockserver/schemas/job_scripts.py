"""`/_mock/jobs/{job_id}/script` shapes: a job's scripted outcome (our extension, not part of OpenAI's API)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

ERROR_CODE_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
FAIL_POINTS = ("validating_files", "running")
StepNumber = Annotated[int, Field(strict=True, ge=1)]


class JobScriptCreate(BaseModel):
    """Body of `POST /_mock/jobs/{job_id}/script` (and what the `mock_*` metadata keys spell)."""

    model_config = ConfigDict(extra="forbid")

    outcome: Literal["succeed", "fail", "stay"] = Field(description="What becomes of the job.")
    fail_at: Literal["validating_files", "running"] | StepNumber | None = Field(
        None, description="fail: at the end of validation, as soon as it runs (or at the next step when it "
        "already runs), or after this step. Default: running.",
    )
    error_code: Annotated[str, Field(pattern=ERROR_CODE_PATTERN)] | None = Field(
        None, description="fail: the job error's code. Default: server_error."
    )
    error_message: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        None, description="fail: the job error's message. Default: a real-looking one for the code."
    )
    status: Literal["validating_files", "queued", "running"] | None = Field(
        None, description="stay: the status the job stays in. Default: queued."
    )

    @field_validator("fail_at", mode="before")
    @classmethod
    def _fail_at(cls, value: Any) -> Any:
        # Checked before the union, whose own message would only name the two statuses.
        is_step = type(value) is int
        if value is None or value in FAIL_POINTS or (is_step and value >= 1):
            return value
        if is_step and value == 0:
            raise PydanticCustomError(
                "value_error", "Steps are numbered from 1; to fail before the first step, use 'running'"
            )
        raise PydanticCustomError(
            "value_error", "Input should be 'validating_files', 'running' or a step number (an integer from 1)"
        )

    @model_validator(mode="after")
    def _fields_fit_outcome(self) -> JobScriptCreate:
        failing = {"fail_at": self.fail_at, "error_code": self.error_code, "error_message": self.error_message}
        if self.outcome != "fail":
            extra = [name for name, value in failing.items() if value is not None]
            if extra:
                raise _misplaced(extra[0], "fail")
        if self.outcome != "stay" and self.status is not None:
            raise _misplaced("status", "stay")
        return self


def _misplaced(field: str, outcome: str) -> PydanticCustomError:
    # A model-level error has no location of its own: `param` in the context names the field for the 400.
    return PydanticCustomError(
        "value_error", "'{param}' applies only to the outcome '{outcome}'", {"param": field, "outcome": outcome}
    )


class JobScript(BaseModel):
    """What `POST /_mock/jobs/{job_id}/script` answers: the script in force and the job's status now."""

    object: Literal["mock.job_script"] = "mock.job_script"
    job_id: str
    outcome: Literal["succeed", "fail", "stay"]
    fail_at: str | int | None = Field(description="fail: where it fails (a step number once it is known).")
    error: dict[str, Any] | None = Field(description="fail: the `error` the job will show.")
    stay_in: str | None = Field(description="stay: the status it stays in.")
    status: str = Field(description="The job's status right after scripting.")
