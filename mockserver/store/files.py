"""Rows of the `files` table: one per stored file."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from mockserver.errors import NotFound
from mockserver.store.pagination import Page, cursor_page

PUBLIC_COLUMNS = ("id", "bytes", "created_at", "expires_at", "filename", "purpose", "status", "status_details")


def not_found(file_id: str) -> NotFound:
    return NotFound(f"No such File object: {file_id}", param="id")


class FilesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> dict[str, Any]:
        self.db["files"].insert(row)
        return self.get(owner=row["owner"], file_id=row["id"])

    def find(self, *, owner: str, file_id: str) -> dict[str, Any] | None:
        rows = list(self.db["files"].rows_where("id = ? and owner = ?", [file_id, owner], limit=1))
        return rows[0] if rows else None

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
        after_row = self.get(owner=owner, file_id=after) if after is not None else None
        return cursor_page(
            self.db, table="files", where=where, params=params,
            descending=descending, after=after_row, limit=limit,
        )

    def delete(self, *, owner: str, file_id: str) -> None:
        self.db.execute("delete from files where id = ? and owner = ?", [file_id, owner])
