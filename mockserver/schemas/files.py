"""File and Upload objects, as `openai.types.FileObject` and `openai.types.Upload` describe them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

# Purposes a caller may upload with (the SDK's FilePurpose plus `evals`, which the API accepts).
UPLOAD_PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")
# Purposes the Uploads API accepts (the spec's enum for POST /v1/uploads).
LARGE_UPLOAD_PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")

FileStatus = Literal["uploaded", "processed", "error"]
UploadStatus = Literal["pending", "completed", "cancelled", "expired"]


class FileObject(BaseModel):
    id: str
    object: Literal["file"] = "file"
    bytes: int
    created_at: int
    expires_at: int | None = None
    filename: str
    purpose: str
    status: FileStatus
    status_details: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> FileObject:
        return cls.model_validate({key: row.get(key) for key in cls.model_fields if key != "object"})


class ExpiresAfter(BaseModel):
    # Values are checked by services.files.parse_expires_after, so uploads and files word errors alike.
    anchor: str
    seconds: int


class UploadCreate(BaseModel):
    model_config = {"extra": "forbid"}

    filename: str
    purpose: str
    bytes: int = Field(ge=0)
    mime_type: str
    expires_after: ExpiresAfter | None = None


class UploadComplete(BaseModel):
    model_config = {"extra": "forbid"}

    part_ids: list[str]
    md5: str | None = None


class UploadObject(BaseModel):
    id: str
    object: Literal["upload"] = "upload"
    bytes: int
    created_at: int
    expires_at: int
    filename: str
    purpose: str
    status: UploadStatus
    file: FileObject | None = None


class UploadPart(BaseModel):
    id: str
    object: Literal["upload.part"] = "upload.part"
    created_at: int
    upload_id: str
