"""Rows of the `uploads` and `upload_parts` tables (the Uploads API)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from mockserver.core.errors import NotFound
from mockserver.store.sql import all_rows, first_row


class UploadsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> None:
        self.db.table("uploads").insert(row)

    def get(self, *, owner: str, upload_id: str) -> dict[str, Any]:
        row = first_row(self.db, "select * from uploads where id = ? and owner = ?", [upload_id, owner])
        if row is None:
            raise NotFound(f"No such Upload object: {upload_id}", param="upload_id")
        # Migration 0002 gave this column TEXT affinity, so SQLite hands the seconds back as a string.
        if row["file_expires_after"] is not None:
            row["file_expires_after"] = int(row["file_expires_after"])
        return row

    def exists(self, upload_id: str) -> bool:
        return self.db.execute("select 1 from uploads where id = ?", [upload_id]).fetchone() is not None

    def part_exists(self, part_id: str) -> bool:
        return self.db.execute("select 1 from upload_parts where id = ?", [part_id]).fetchone() is not None

    def update(self, upload_id: str, changes: dict[str, Any]) -> None:
        self.db.table("uploads").update(upload_id, changes)

    def insert_part(self, row: dict[str, Any]) -> None:
        self.db.table("upload_parts").insert(row)

    def parts(self, upload_id: str) -> dict[str, dict[str, Any]]:
        rows = all_rows(self.db, "select * from upload_parts where upload_id = ?", [upload_id])
        return {row["id"]: row for row in rows}
