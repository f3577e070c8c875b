"""Rows of the `files` table: one per stored file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from mockserver.core.errors import NotFound
from mockserver.store.blobs import BlobStore
from mockserver.store.pagination import Page, cursor_page
from mockserver.store.sql import first_row


def not_found(file_id: str) -> NotFound:
    return NotFound(f"No such File object: {file_id}", param="id")


class FilesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> dict[str, Any]:
        self.db.table("files").insert(row)
        return self.get(owner=row["owner"], file_id=row["id"])

    def exists(self, file_id: str) -> bool:
        """Whether any caller has a file with this id."""
        return self.db.execute("select 1 from files where id = ?", [file_id]).fetchone() is not None

    def find(self, *, owner: str, file_id: str) -> dict[str, Any] | None:
        return first_row(self.db, "select * from files where id = ? and owner = ?", [file_id, owner])

    def get(self, *, owner: str, file_id: str) -> dict[str, Any]:
        row = self.find(owner=owner, file_id=file_id)
        if row is None:
            raise not_found(file_id)
        return row

    def list(
        self, *, owner: str, purpose: str | None, descending: bool, after: str | None, limit: int, now: int
    ) -> Page:
        where = "owner = :owner and (expires_at is null or expires_at > :now)"
        params: dict[str, Any] = {"owner": owner, "now": now}
        if purpose is not None:
            where += " and purpose = :purpose"
            params["purpose"] = purpose
        after_row = None
        if after is not None:
            after_row = self.find(owner=owner, file_id=after)
            if after_row is None:  # the cursor names no file: the error names the `after` parameter
                raise NotFound(f"No such File object: {after}", param="after")
        return cursor_page(
            self.db, table="files", where=where, params=params,
            descending=descending, after=after_row, limit=limit,
        )

    def ensure_file(
        self, *, owner: str, file_id: str, filename: str, purpose: str, created_at: int,
        content: Callable[[], bytes], blobs: BlobStore,
    ) -> None:
        """Create a server-made file once; concurrent callers agree because the id is fixed."""
        if self.find(owner=owner, file_id=file_id) is not None:
            return
        data = content()
        blobs.write_bytes(file_id, data)
        self.db.table("files").insert(
            {"id": file_id, "owner": owner, "bytes": len(data), "created_at": created_at, "expires_at": None,
             "filename": filename, "purpose": purpose, "status": "processed", "status_details": None},
            ignore=True,
        )

    def delete(self, *, owner: str, file_id: str) -> None:
        self.db.execute("delete from files where id = ? and owner = ?", [file_id, owner])
