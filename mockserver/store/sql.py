"""Small query helpers for the repositories.

sqlite-utils' `Table.rows_where()` first asks `sqlite_master` whether the table exists (three
queries per call). Our schema is migrated at start-up, so lookups on the request path query directly.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def first_row(db: Database, sql: str, params: list[Any] | dict[str, Any]) -> dict[str, Any] | None:
    """The first row `sql` returns, as a dict, or None."""
    return next(iter(db.query(sql, params)), None)
