"""Control-plane (`/_mock/...`) shapes: our extension, not part of OpenAI's API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Far enough for any simulated timeline, small enough that SQLite integers never overflow.
MAX_ADVANCE_SECONDS = 100 * 366 * 24 * 3600
MAX_UNIX_TIME = 253_402_300_799  # 9999-12-31T23:59:59Z


def _whole_seconds(value: float) -> int:
    if not value.is_integer():
        raise ValueError("must be a whole number of seconds")
    return int(value)


# A JSON number (60 or 60.0); strings, booleans and fractions are rejected, as every API timestamp is whole.
WholeSeconds = Annotated[float, Field(strict=True, allow_inf_nan=False), AfterValidator(_whole_seconds)]


class ClockAdvance(BaseModel):
    """Body of `POST /_mock/clock/advance`."""

    model_config = ConfigDict(extra="forbid")

    seconds: Annotated[WholeSeconds, Field(ge=0, le=MAX_ADVANCE_SECONDS)]


class ClockSet(BaseModel):
    """Body of `POST /_mock/clock`."""

    model_config = ConfigDict(extra="forbid")

    now: Annotated[WholeSeconds, Field(ge=0, le=MAX_UNIX_TIME)]


class ClockState(BaseModel):
    """What every `/_mock/clock` route answers."""

    mode: Literal["manual", "system"] = Field(description="manual: moved only through /_mock/clock.")
    now: int = Field(description="The server's current unix time, the one every timestamp comes from.")
    speed: float | Literal["inf"] = Field(description="Job timeline speed factor (JSON has no infinity).")
    pid: int = Field(description="The worker process that answered (to check multi-worker setups).")
