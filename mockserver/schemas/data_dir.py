"""`/_mock/reset` and `/_mock/snapshot…` shapes: our extension, not part of OpenAI's API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ResetScope = Literal["everything", "files", "jobs", "usage"]


class ResetResult(BaseModel):
    object: Literal["mock.reset"] = "mock.reset"
    scope: ResetScope
    tables: dict[str, int] = Field(description="Rows deleted, per table emptied.")
    blobs: int = Field(description="File contents deleted from the blob folder.")


class SnapshotName(BaseModel):
    """Body of `POST /_mock/snapshot` and `POST /_mock/restore`."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Letters, digits, '.', '_' and '-'; up to 100 characters; not starting with '.'.")


class Snapshot(BaseModel):
    object: Literal["mock.snapshot"] = "mock.snapshot"
    name: str
    created_at: int | None = Field(
        description="When it was taken, on the server's clock; a restore sets a manual clock back to it."
    )
    files: int = Field(description="Stored file contents (blobs) it holds.")
    bytes: int = Field(description="Its size on disk.")


class SnapshotList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Snapshot]
