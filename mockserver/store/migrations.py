"""Named schema migrations: the only way the SQLite schema changes."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("mockserver")


@migrations(name="0001_files")
def create_files(db: Database) -> None:
    db["files"].create(
        {
            "seq": int,
            "id": str,
            "owner": str,
            "bytes": int,
            "created_at": int,
            "expires_at": int,
            "filename": str,
            "purpose": str,
            "status": str,
            "status_details": str,
        },
        pk="seq",
        not_null={"id", "owner", "bytes", "created_at", "filename", "purpose", "status"},
    )
    db["files"].create_index(["id"], unique=True)
    db["files"].create_index(["owner", "created_at"])


@migrations(name="0002_uploads")
def create_uploads(db: Database) -> None:
    db["uploads"].create(
        {
            "id": str,
            "owner": str,
            "bytes": int,
            "created_at": int,
            "expires_at": int,
            "filename": str,
            "purpose": str,
            "mime_type": str,
            "status": str,
            "file_id": str,
            "file_expires_after": str,
        },
        pk="id",
        not_null={"owner", "bytes", "created_at", "expires_at", "filename", "purpose", "status"},
    )
    db["upload_parts"].create(
        {"id": str, "upload_id": str, "created_at": int, "bytes": int},
        pk="id",
        not_null={"upload_id", "created_at", "bytes"},
        foreign_keys=[("upload_id", "uploads", "id")],
    )
    db["upload_parts"].create_index(["upload_id"])
