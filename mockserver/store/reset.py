"""Emptying the data dir, all of it or one scope, with the tables found at runtime (others add tables)."""

from __future__ import annotations

import re

from sqlite_utils import Database

from mockserver.store.blobs import BlobStore
from mockserver.store.database import write_transaction

# Never emptied: the migration record, the clock (time never moves backwards) and the change counter (its
# value must stay unlike any seen before: store/read_cache.py).
KEPT_TABLES = ("_sqlite_migrations", "clock", "change_counter")
# The test harness's own state: emptied by a full reset only, and kept out of snapshots.
CONTROL_TABLES = ("faults", "request_journal", "rate_limit_window", "token_rate_window")

# A scope owns these tables by name pattern, so tables added later for the same objects are included.
SCOPE_PATTERNS: dict[str, re.Pattern[str]] = {
    "files": re.compile(r"(files|uploads|upload_parts|file_\w+|upload_\w+)"),
    "jobs": re.compile(r"(jobs|job_\w+|deleted_models|checkpoint_\w+|models?_\w+|batches)"),
    "usage": re.compile(r"(usage|usage_\w+)"),
}
SCOPES = ("everything", *SCOPE_PATTERNS)


def table_names(db: Database) -> list[str]:
    rows = db.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
                      "order by name").fetchall()
    return [str(row[0]) for row in rows]


def scope_tables(db: Database, scope: str) -> list[str]:
    """The existing tables a scope empties."""
    names = [name for name in table_names(db) if name not in KEPT_TABLES]
    if scope == "everything":
        return names
    pattern = SCOPE_PATTERNS[scope]
    return [name for name in names if pattern.fullmatch(name) and name not in CONTROL_TABLES]


def reset_tables(db: Database, tables: list[str]) -> dict[str, int]:
    """Delete every row of `tables` in one transaction; returns the rows deleted per table."""
    deleted: dict[str, int] = {}
    with write_transaction(db):
        # Rows referencing each other across the emptied tables are all gone by the commit.
        db.execute("pragma defer_foreign_keys = on")
        for name in tables:
            deleted[name] = int(db.execute(f'delete from "{name}"').rowcount)
    return deleted


def remove_blobs(blobs: BlobStore) -> int:
    """Delete every stored blob (finished ones; in-flight writes in the staging folder are left alone)."""
    removed = 0
    if not blobs.root.is_dir():
        return removed
    for path in blobs.root.iterdir():
        if path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
