"""Small query helpers for the repositories.

sqlite-utils' `Table.rows_where()` first asks `sqlite_master` whether the table exists (three
queries per call), and `Database.query()` wraps each read in a savepoint. Our schema is migrated at
start-up, so lookups on the request path run their statement alone.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


def all_rows(db: Database, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
    """Every row `sql` returns, as dicts."""
    cursor = db.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def first_row(db: Database, sql: str, params: Sequence[Any] | dict[str, Any]) -> dict[str, Any] | None:
    """The first row `sql` returns, as a dict, or None."""
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    cursor.fetchall()  # step to the end, so the statement is finished and holds no read lock
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


# Rows per multi-row insert: one statement (one step, one release of the GIL) for many rows, well within
# SQLite's cap on a statement's variables.
INSERT_CHUNK = 64


@functools.cache
def values_rows(columns: int, rows: int) -> str:
    """The placeholders of a multi-row `values` list: `rows` rows of `columns` each."""
    row = "(" + ", ".join("?" * columns) + ")"
    return ", ".join([row] * rows)


def insert_many(db: Database, insert: str, rows: Sequence[Sequence[Any]]) -> None:
    """`insert` (`insert into table (a, b)`) of every row, INSERT_CHUNK rows a statement: `executemany` steps
    (and releases the GIL, which the event loop's thread then takes) once per row."""
    for first in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[first:first + INSERT_CHUNK]
        db.conn.execute(f"{insert} values {values_rows(len(chunk[0]), len(chunk))}",
                        [value for row in chunk for value in row])


@dataclass(frozen=True)
class JsonColumns:
    """A table's columns that hold JSON: decoded to Python on read, stored as compact text on write."""

    names: tuple[str, ...]

    def decode(self, row: dict[str, Any]) -> dict[str, Any]:
        decoded = dict(row)
        for column in self.names:
            if decoded.get(column) is not None:
                decoded[column] = json.loads(decoded[column])
        return decoded

    def encode(self, row: dict[str, Any]) -> dict[str, Any]:
        encoded = dict(row)
        for column in self.names:
            if encoded.get(column) is not None:
                encoded[column] = json.dumps(encoded[column], separators=(",", ":"))
        return encoded
