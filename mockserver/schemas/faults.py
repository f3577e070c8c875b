"""`/_mock/faults` and `/_mock/requests` shapes: our extension, not part of OpenAI's API."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
QUERY = re.compile(r"\?[^/]*[=&]")  # a query string after the path: `?limit=2`, `?a&b`
FORBIDDEN_HEADERS = {"content-length", "transfer-encoding", "connection"}
MAX_DELAY_MS = 600_000  # the SDK's default timeout


class FaultError(BaseModel):
    """Fields laid over the canned error body of the fault's status."""

    model_config = ConfigDict(extra="forbid")

    message: str | None = None
    type: str | None = None
    param: str | None = None
    code: str | None = None


class FaultCreate(BaseModel):
    """Body of `POST /_mock/faults`. Only `path` is required."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="Exact path, or a glob: `*` within a segment, `**` across segments, `?`. "
                      "Matched against the URL path only: any query string matches; a query here is a 400.")
    method: str | None = Field(None, description="HTTP method; unset: any method.")
    status: Annotated[int, Field(ge=400, le=599)] | None = Field(
        None, description="Answer with this status and the real API's error body; unset: latency only."
    )
    times: Annotated[int, Field(ge=1)] | None = Field(1, description="How many requests it answers; null: forever.")
    probability: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = Field(
        1.0, description="Chance that a matching request is answered by the fault (seeded with --seed)."
    )
    headers: dict[str, str] = Field(default_factory=dict, description="Extra response headers.")
    delay_ms: Annotated[int, Field(ge=0, le=MAX_DELAY_MS)] = Field(0, description="Wait before answering.")
    drop_connection: bool = Field(False, description="Close the connection without any response.")
    error: FaultError | None = Field(None, description="Overrides for the error body's fields.")

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value.startswith("/v1/"):
            raise ValueError("faults apply to API paths only, which start with /v1/")
        query = QUERY.search(value)
        if query is not None:  # `?` alone is a glob; `?name=value` can only be meant as a query
            raise ValueError(
                f"a fault matches the URL path whatever its query string, so the path takes no query: "
                f"use '{value[:query.start()]}' (without '{value[query.start():]}')"
            )
        return value

    @field_validator("method")
    @classmethod
    def _method(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z]+", value):
            raise ValueError("must be an HTTP method such as POST")
        return value.upper() if value is not None else None

    @field_validator("headers")
    @classmethod
    def _headers(cls, value: dict[str, str]) -> dict[str, str]:
        for name, header in value.items():
            if not HEADER_NAME.fullmatch(name) or name.lower() in FORBIDDEN_HEADERS:
                raise ValueError(f"'{name}' cannot be set as a response header")
            if any(char in header for char in "\r\n") or not header.isascii():
                raise ValueError(f"the value of '{name}' must be printable ASCII on one line")
        return {name.lower(): header for name, header in value.items()}


class Fault(BaseModel):
    """A fault rule as stored, with its remaining uses and hit count."""

    id: str
    object: Literal["mock.fault"] = "mock.fault"
    method: str | None
    path: str
    status: int | None
    times: int | None
    remaining: int | None = Field(description="Uses left; null: forever.")
    hits: int = Field(description="Requests the fault has answered.")
    probability: float
    headers: dict[str, str]
    delay_ms: int
    drop_connection: bool
    error: dict[str, Any] | None
    created_at: int


class FaultList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Fault]


class FaultDeleted(BaseModel):
    id: str
    object: Literal["mock.fault"] = "mock.fault"
    deleted: bool = True


class FaultsCleared(BaseModel):
    object: Literal["list"] = "list"
    deleted: int = Field(description="How many rules were removed.")


class JournalEntry(BaseModel):
    """One recorded `/v1/*` request, or one webhook delivery attempt (`kind` "webhook")."""

    id: str = Field(description="The request id, as in the response's x-request-id header.")
    object: Literal["mock.request"] = "mock.request"
    method: str
    path: str
    query: str
    status: int | None = Field(description="Response status; null when no response was sent.")
    body: Any = Field(description="JSON: the parsed body (shortened); multipart: fields and file names and sizes.")
    fault_id: str | None = Field(description="The fault that answered, if one did.")
    retry_count: int | None = Field(description="The x-stainless-retry-count header the SDK sends.")
    duration_ms: float = Field(description="Time until the response started.")
    created_at: int = Field(description="Arrival time on the server's clock.")
    kind: Literal["request", "webhook"] = Field(
        "request", description="request: a /v1 request received; webhook: a delivery attempt sent to the "
        "webhook URL (path is the URL, status the receiver's or null, body the event's type and id).",
    )


class JournalList(BaseModel):
    object: Literal["list"] = "list"
    data: list[JournalEntry]
    has_more: bool


class JournalCleared(BaseModel):
    object: Literal["list"] = "list"
    deleted: int
