"""Files: upload, list, retrieve, content and delete, with the real API's upload-time checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockserver.core.errors import InvalidRequest, missing_parameter
from mockserver.schemas.common import DeletedObject, ListPage
from mockserver.schemas.files import UPLOAD_PURPOSES, FileObject
from mockserver.services.context import Context
from mockserver.services.input_files import expired
from mockserver.store.files import not_found

BATCH_DEFAULT_EXPIRY_SECONDS = 30 * 24 * 3600
EXPIRY_RANGE = (3600, 2592000)
MAX_LIST_LIMIT = 10_000
UPLOAD_FIELD = "file"


@dataclass(frozen=True)
class StagedFile:
    """File content already written to a temporary path, waiting to be stored."""

    path: Path
    filename: str
    size: int


def file_too_large(max_bytes: int) -> InvalidRequest:
    megabytes = max_bytes // (1024 * 1024)
    limit = f"{megabytes} MB" if megabytes else f"{max_bytes} bytes"
    return InvalidRequest(f"File is too large. The maximum size of a file is {limit}.", param="file")


def check_purpose(purpose: str | None, allowed: tuple[str, ...] = UPLOAD_PURPOSES) -> str:
    if purpose is None or purpose == "":
        raise missing_parameter("purpose")
    if purpose not in allowed:
        choices = ", ".join(repr(value) for value in allowed)
        raise InvalidRequest(f"'{purpose}' is not one of [{choices}] - 'purpose'", param="purpose")
    return purpose


def invalid_fine_tune_format(judged: StagedFile | None = None, reason: str = "") -> InvalidRequest:
    """The real refusal; when the content was judged (`judged`), why, after it."""
    message = "Invalid file format for Fine-Tuning API. Must be .jsonl"
    if judged is not None:
        named = f"is named '{judged.filename}'" if judged.filename else "has no name"
        message += f". The upload {named}, so its content was judged: {reason}."
    return InvalidRequest(message, param="file", code="invalid_file_format")


def check_filename_for_purpose(filename: str, purpose: str) -> None:
    if purpose == "fine-tune" and not filename.lower().endswith(".jsonl"):
        raise invalid_fine_tune_format()


def check_fine_tune_format(staged: StagedFile, field_name: str) -> None:
    """A fine-tune upload needs a `.jsonl` name; one without a name (or named after its form field, as the
    2023 SDK `openai==0.28` names every upload `file`) is judged by its content, as the API did then."""
    if staged.filename not in ("", field_name):
        check_filename_for_purpose(staged.filename, "fine-tune")
        return
    # Imported here: the validation package loads the tokenizer, which start-up must not (tests/test_startup.py).
    from mockserver.validation.sniff import SNIFF_BYTES, jsonl_problem

    with staged.path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    problem = jsonl_problem(head, complete=len(head) == staged.size)
    if problem is not None:
        raise invalid_fine_tune_format(staged, problem)


def parse_expires_after(anchor: str | None, seconds: str | int | None) -> int | None:
    """The `expires_after` pair (bracketed form fields or JSON), checked like the API does."""
    if anchor is None and seconds is None:
        return None
    if anchor is None:
        raise missing_parameter("expires_after.anchor")
    if seconds is None:
        raise missing_parameter("expires_after.seconds")
    if anchor != "created_at":
        raise InvalidRequest(
            f"Invalid value for 'expires_after.anchor': expected 'created_at', got {anchor!r}.",
            param="expires_after.anchor", code="invalid_value",
        )
    try:
        value = int(seconds)
    except (TypeError, ValueError):
        raise InvalidRequest(
            f"Invalid type for 'expires_after.seconds': expected an integer, got {seconds!r}.",
            param="expires_after.seconds", code="invalid_type",
        ) from None
    low, high = EXPIRY_RANGE
    if not low <= value <= high:
        raise InvalidRequest(
            f"Invalid 'expires_after.seconds': {value}. It must be between {low} and {high} seconds.",
            param="expires_after.seconds", code="invalid_value",
        )
    return value


def expiry_time(created_at: int, purpose: str, expires_after: int | None) -> int | None:
    if expires_after is not None:
        return created_at + expires_after
    if purpose == "batch":
        return created_at + BATCH_DEFAULT_EXPIRY_SECONDS
    return None


class FilesService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.repo = ctx.store.files
        self.blobs = ctx.store.blobs

    def create(self, *, staged: StagedFile, purpose: str, expires_after: int | None) -> FileObject:
        """Store a staged upload as a new file; on any failure nothing is kept."""
        try:
            if purpose == "fine-tune":
                check_fine_tune_format(staged, UPLOAD_FIELD)
            return self._store(staged=staged, purpose=purpose, expires_after=expires_after)
        finally:
            staged.path.unlink(missing_ok=True)

    def _store(self, *, staged: StagedFile, purpose: str, expires_after: int | None) -> FileObject:
        file_id = self.ctx.ids.new_unused("file", self.repo.exists)
        now = self.ctx.clock.now()
        self.blobs.commit(staged.path, file_id)
        try:
            row = self.repo.insert(self._row(file_id, staged.filename, staged.size, purpose, now, expires_after))
        except BaseException:
            self.blobs.delete(file_id)
            raise
        return FileObject.from_row(row)

    def _row(
        self, file_id: str, filename: str, size: int, purpose: str, now: int, expires_after: int | None
    ) -> dict[str, Any]:
        return {
            "id": file_id, "owner": self.ctx.caller.owner, "bytes": size, "created_at": now,
            "expires_at": expiry_time(now, purpose, expires_after), "filename": filename,
            "purpose": purpose, "status": "processed", "status_details": None,
        }

    def list(self, *, purpose: str | None, order: str, after: str | None, limit: int) -> ListPage[FileObject]:
        if not 1 <= limit <= MAX_LIST_LIMIT:
            raise InvalidRequest(
                f"Invalid 'limit': {limit}. It must be between 1 and {MAX_LIST_LIMIT}.",
                param="limit", code="invalid_value",
            )
        if order not in ("asc", "desc"):
            raise InvalidRequest(
                f"Invalid value for 'order': '{order}'. Supported values are: 'asc' and 'desc'.",
                param="order", code="invalid_value",
            )
        page = self.repo.list(
            owner=self.ctx.caller.owner, purpose=purpose, descending=order == "desc",
            after=after, limit=limit, now=self.ctx.clock.now(),
        )
        return ListPage.of([FileObject.from_row(row) for row in page.rows], has_more=page.has_more)

    def _live_row(self, file_id: str) -> dict[str, Any]:
        row = self.repo.get(owner=self.ctx.caller.owner, file_id=file_id)
        if expired(row, self.ctx.clock.now()):
            raise not_found(file_id)
        return row

    def retrieve(self, file_id: str) -> FileObject:
        return FileObject.from_row(self._live_row(file_id))

    def content(self, file_id: str) -> tuple[FileObject, Iterator[bytes]]:
        """The file object and its bytes, exactly as uploaded, in chunks. The blob is opened here, before any
        header goes out: a file deleted meanwhile is a 404, never a body cut short."""
        file = self.retrieve(file_id)
        try:
            handle = self.blobs.open(file_id)
        except FileNotFoundError:  # deleted since its row was read
            raise not_found(file_id) from None
        return file, self.blobs.chunks_of(handle)

    def delete(self, file_id: str) -> DeletedObject:
        self._live_row(file_id)
        self.repo.delete(owner=self.ctx.caller.owner, file_id=file_id)
        self.blobs.delete(file_id)
        return DeletedObject(id=file_id, object="file")
