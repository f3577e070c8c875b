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


@migrations(name="0003_clock")
def create_clock(db: Database) -> None:
    # One row (id = 1): the manual clock's time, shared by every worker process on this data dir.
    db.execute("create table clock (id integer primary key check (id = 1), now integer not null)")


@migrations(name="0004_jobs")
def create_jobs(db: Database) -> None:
    db["jobs"].create(
        {
            "seq": int,
            "id": str,
            "owner": str,
            "created_at": int,
            "model": str,
            "training_file": str,
            "validation_file": str,
            "suffix": str,
            "seed": int,
            "metadata": str,
            "integrations": str,
            "method": str,
            "plan": str,
            "controls": str,
            "materialised_at": int,
        },
        pk="seq",
        not_null={"id", "owner", "created_at", "model", "training_file", "seed", "method", "plan", "controls"},
    )
    db["jobs"].create_index(["id"], unique=True)
    db["jobs"].create_index(["owner", "created_at"])
    db["deleted_models"].create(
        {"model": str, "owner": str, "deleted_at": int}, pk=("owner", "model"), not_null={"deleted_at"}
    )
    db["checkpoint_permissions"].create(
        {"seq": int, "id": str, "owner": str, "checkpoint": str, "project_id": str, "created_at": int},
        pk="seq",
        not_null={"id", "owner", "checkpoint", "project_id", "created_at"},
    )
    db["checkpoint_permissions"].create_index(["id"], unique=True)
    db["checkpoint_permissions"].create_index(["owner", "checkpoint"])
