"""Cursor pagination over a table ordered by (created_at, seq), shared by every list endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.store.sql import all_rows


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    has_more: bool


def cursor_page(
    db: Database,
    *,
    table: str,
    where: str,
    params: dict[str, Any],
    descending: bool,
    after: dict[str, Any] | None,
    limit: int,
    order_columns: tuple[str, str] = ("created_at", "seq"),
) -> Page:
    """Rows matching `where`, strictly after the `after` row in the ordering, at most `limit` of them."""
    first, second = order_columns
    direction = "desc" if descending else "asc"
    clauses = [f"({where})"]
    query_params = dict(params)
    if after is not None:
        comparison = "<" if descending else ">"
        clauses.append(f"(({first}, {second}) {comparison} (:after_first, :after_second))")
        query_params["after_first"] = after[first]
        query_params["after_second"] = after[second]
    sql = (
        f"select * from [{table}] where {' and '.join(clauses)} "
        f"order by {first} {direction}, {second} {direction} limit :limit_plus_one"
    )
    query_params["limit_plus_one"] = limit + 1
    rows = [dict(row) for row in all_rows(db, sql, query_params)]
    return Page(rows=rows[:limit], has_more=len(rows) > limit)
