"""The Uploads API: a large file sent in parts, then completed into one File."""

from __future__ import annotations

from typing import Any

from mockserver.core.errors import InvalidRequest
from mockserver.schemas.files import LARGE_UPLOAD_PURPOSES, UploadCreate, UploadObject, UploadPart
from mockserver.services.context import Context
from mockserver.services.files import (
    FilesService,
    StagedFile,
    check_filename_for_purpose,
    check_purpose,
    parse_expires_after,
)

UPLOAD_LIFETIME_SECONDS = 3600
MAX_UPLOAD_TOTAL_BYTES = 8 * 1024**3
MAX_PART_BYTES = 64 * 1024**2


class UploadsService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.repo = ctx.store.uploads
        self.blobs = ctx.store.blobs

    def create(self, request: UploadCreate) -> UploadObject:
        check_purpose(request.purpose, LARGE_UPLOAD_PURPOSES)
        check_filename_for_purpose(request.filename, request.purpose)
        if request.bytes > MAX_UPLOAD_TOTAL_BYTES:
            raise InvalidRequest(
                f"Invalid 'bytes': {request.bytes}. An Upload can be at most 8 GB.",
                param="bytes", code="invalid_value",
            )
        expires_after = None
        if request.expires_after is not None:
            expires_after = parse_expires_after(request.expires_after.anchor, request.expires_after.seconds)
        now = self.ctx.clock.now()
        row = {
            "id": self.ctx.ids.new_unused("upload", self.repo.exists), "owner": self.ctx.caller.owner,
            "bytes": request.bytes,
            "created_at": now, "expires_at": now + UPLOAD_LIFETIME_SECONDS, "filename": request.filename,
            "purpose": request.purpose, "mime_type": request.mime_type, "status": "pending",
            "file_id": None, "file_expires_after": expires_after,
        }
        self.repo.insert(row)
        return self._object(row)

    def add_part(self, upload_id: str, staged: StagedFile) -> UploadPart:
        try:
            self._pending(upload_id)
            part_id = self.ctx.ids.new_unused("part", self.repo.part_exists)
            now = self.ctx.clock.now()
            self.blobs.commit(staged.path, part_id)
            self.repo.insert_part({"id": part_id, "upload_id": upload_id, "created_at": now, "bytes": staged.size})
        finally:
            staged.path.unlink(missing_ok=True)
        return UploadPart(id=part_id, created_at=now, upload_id=upload_id)

    def complete(self, upload_id: str, part_ids: list[str]) -> UploadObject:
        row = self._pending(upload_id)
        parts = self.repo.parts(upload_id)
        unknown = [part_id for part_id in part_ids if part_id not in parts]
        if unknown:
            raise InvalidRequest(
                f"Invalid part_ids: {unknown[0]} is not a part of Upload {upload_id}.", param="part_ids"
            )
        repeated = first_repeated(part_ids)
        if repeated is not None:
            raise InvalidRequest(
                f"Invalid part_ids: {repeated} is listed more than once; each part may be used only once.",
                param="part_ids",
            )
        total = sum(parts[part_id]["bytes"] for part_id in part_ids)
        if total != row["bytes"]:
            raise InvalidRequest(
                f"The Upload's declared bytes ({row['bytes']}) do not match the total bytes of the "
                f"parts ({total}).", param="bytes",
            )
        temp = self.blobs.new_temp_path()
        self.blobs.concatenate([self.blobs.path(part_id) for part_id in part_ids], temp)
        with self.ctx.store.atomic():
            file = FilesService(self.ctx).create(
                staged=StagedFile(temp, row["filename"], total), purpose=row["purpose"],
                expires_after=row["file_expires_after"],
            )
            self.repo.update(upload_id, {"status": "completed", "file_id": file.id})
        for part_id in parts:
            self.blobs.delete(part_id)
        return self._object({**row, "status": "completed", "file_id": file.id})

    def cancel(self, upload_id: str) -> UploadObject:
        row = self._pending(upload_id)
        self.repo.update(upload_id, {"status": "cancelled"})
        for part_id in self.repo.parts(upload_id):
            self.blobs.delete(part_id)
        return self._object({**row, "status": "cancelled"})

    def _pending(self, upload_id: str) -> dict[str, Any]:
        row = self.repo.get(owner=self.ctx.caller.owner, upload_id=upload_id)
        status = self._status(row)
        if status != "pending":
            raise InvalidRequest(
                f"Cannot modify Upload {upload_id}: its status is {status}, not pending.", param="upload_id"
            )
        return row

    def _status(self, row: dict[str, Any]) -> str:
        if row["status"] == "pending" and row["expires_at"] <= self.ctx.clock.now():
            return "expired"
        return str(row["status"])

    def _object(self, row: dict[str, Any]) -> UploadObject:
        file = None
        if row["file_id"]:
            file = FilesService(self.ctx).retrieve(row["file_id"])
        fields = {key: row[key] for key in ("id", "bytes", "created_at", "expires_at", "filename", "purpose")}
        return UploadObject(**fields, status=self._status(row), file=file)


def first_repeated(values: list[str]) -> str | None:
    """The first value that appears a second time, if any."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None
