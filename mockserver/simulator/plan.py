"""Planning a job: durations, step counts, checkpoint steps and names, fixed once at creation."""

from __future__ import annotations

import hashlib
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from mockserver.core.ids import BASE62

# Real-service timings (seconds) for a small supervised job, from observed jobs: validation ~20-60 s,
# queueing ~1 min, ~10 s per training step at batch size 1, ~1.5 min to publish and safety-check.
REAL_VALIDATE_BASE = 30.0
REAL_VALIDATE_PER_EXAMPLE = 0.01
REAL_QUEUE = 60.0
REAL_STARTUP = 60.0
REAL_STEP = 10.0
REAL_FINISH = 90.0
# At speed 1 these are compressed so the 10-example seed job (100 steps) finishes in about a minute.
COMPRESSION = 20.0
KEPT_EPOCH_CHECKPOINTS = 3


def derived_token(salt: str, *parts: object, length: int) -> str:
    """A base62 string that is a pure function of the job's salt and `parts` (ids any worker agrees on)."""
    digest = hashlib.sha256(":".join([salt, *map(str, parts)]).encode()).digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(BASE62))
        chars.append(BASE62[index])
    return "".join(chars)


@dataclass(frozen=True)
class JobInputs:
    """What a job's timeline depends on, all known when the job is created."""

    job_id: str
    created_at: int
    seed: int
    salt: str
    model: str
    organization_slug: str
    suffix: str | None
    method: str
    training_file: str
    validation_file: str | None
    n_examples: int
    n_epochs: int
    batch_size: int
    billing_tokens: int
    speed: float
    failure: dict[str, Any] | None = None
    fail_at_step: int | None = None
    stay_in: str | None = None
    # An RFT job's mean reward at each of rewards.QUALITY_LEVELS, from its grader (None: no reward metrics).
    reward_levels: tuple[float, ...] | None = None

    @property
    def has_validation_file(self) -> bool:
        return self.validation_file is not None


@dataclass(frozen=True)
class Plan:
    """The job's timeline in active seconds since creation (pauses shift it; see state.py)."""

    inputs: JobInputs
    validate_s: float
    queue_s: float
    startup_s: float
    step_s: float
    finish_s: float
    steps_per_epoch: int
    total_steps: int
    fine_tuned_model: str
    checkpoint_steps: tuple[int, ...] = field(default_factory=tuple)
    # Extra time between the last step and publishing: a released scripted "stay running" (scripts.py).
    hold_s: float = 0.0
    # The job's files are still being validated and indexed off the request (services/job_preparation.py): the
    # job stays in validating_files whatever the clock says, and this plan is replaced once that is done.
    preparing: bool = False

    @property
    def started_at(self) -> float:
        return self.validate_s + self.queue_s

    def step_offset(self, step: int) -> float:
        return self.started_at + self.startup_s + step * self.step_s

    @property
    def training_done_at(self) -> float:
        return self.step_offset(self.total_steps)

    @property
    def finishing_at(self) -> float:
        return self.training_done_at + self.hold_s

    @property
    def succeeded_at(self) -> float:
        return self.finishing_at + self.finish_s

    @property
    def trained_tokens(self) -> int:
        return self.inputs.billing_tokens * self.inputs.n_epochs

    def checkpoint_model(self, step: int) -> str:
        """The final step's checkpoint is the model itself; others get their own id and `:ckpt-step-N`."""
        if step == self.total_steps:
            return self.fine_tuned_model
        prefix = self.fine_tuned_model.rsplit(":", 1)[0]
        return f"{prefix}:{derived_token(self.inputs.salt, 'ckpt-model', step, length=8)}:ckpt-step-{step}"

    def checkpoint_id(self, step: int) -> str:
        return "ftckpt_" + derived_token(self.inputs.salt, "ckpt", step, length=24)

    @property
    def result_file_id(self) -> str:
        return "file-" + derived_token(self.inputs.salt, "result-file", length=22)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        values = dict(data)
        inputs = dict(values["inputs"])
        if inputs.get("reward_levels") is not None:
            inputs["reward_levels"] = tuple(inputs["reward_levels"])
        values["inputs"] = JobInputs(**inputs)
        values["checkpoint_steps"] = tuple(values["checkpoint_steps"])
        return cls(**values)


def model_name(inputs: JobInputs) -> str:
    """`ft:<snapshot>:<org>:<suffix>:<id8>`; an empty suffix leaves `::` as the real API does."""
    id8 = derived_token(inputs.salt, "model", length=8)
    return f"ft:{inputs.model}:{inputs.organization_slug}:{inputs.suffix or ''}:{id8}"


def _scaled(seconds: float, speed: float) -> float:
    return 0.0 if math.isinf(speed) else seconds / COMPRESSION / speed


def auto_batch_size(n_examples: int) -> int:
    """About 0.2% of the examples, between 1 and 256 (observed: 1 for 10-100 examples)."""
    return max(1, min(256, round(n_examples * 0.002)))


def steps_per_epoch_of(n_examples: int, batch_size: int) -> int:
    return max(1, math.ceil(n_examples / batch_size))


def plan_job(inputs: JobInputs) -> Plan:
    steps_per_epoch = steps_per_epoch_of(inputs.n_examples, inputs.batch_size)
    total_steps = steps_per_epoch * inputs.n_epochs
    first_kept = max(1, inputs.n_epochs - KEPT_EPOCH_CHECKPOINTS + 1)
    checkpoint_steps = tuple(epoch * steps_per_epoch for epoch in range(first_kept, inputs.n_epochs + 1))
    speed = inputs.speed
    return Plan(
        inputs=inputs,
        validate_s=_scaled(REAL_VALIDATE_BASE + REAL_VALIDATE_PER_EXAMPLE * inputs.n_examples, speed),
        queue_s=_scaled(REAL_QUEUE, speed),
        startup_s=_scaled(REAL_STARTUP, speed),
        step_s=_scaled(REAL_STEP * math.sqrt(inputs.batch_size), speed),
        finish_s=_scaled(REAL_FINISH, speed),
        steps_per_epoch=steps_per_epoch,
        total_steps=total_steps,
        fine_tuned_model=model_name(inputs),
        checkpoint_steps=checkpoint_steps,
    )
