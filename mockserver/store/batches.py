"""Rows of the `batches` table."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from mockserver.core.errors import NotFound
from mockserver.store.pagination import Page, cursor_page
from mockserver.store.sql import JsonColumns, all_rows, first_row

JSON_COLUMNS = JsonColumns(("metadata", "errors", "timeline", "usage"))
DUE_CHUNK = 100
WALL_NOW = "cast(strftime('%s', 'now') as integer)"  # SQLite's wall clock, for run leases only


def batch_not_found(batch_id: str) -> NotFound:
    return NotFound(f"No batch found with id '{batch_id}'.", param="batch_id")


class BatchesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> dict[str, Any]:
        self.db.table("batches").insert(JSON_COLUMNS.encode(row))
        return self.get(owner=row["owner"], batch_id=row["id"])

    def exists(self, batch_id: str) -> bool:
        return self.db.execute("select 1 from batches where id = ?", [batch_id]).fetchone() is not None

    def get(self, *, owner: str, batch_id: str) -> dict[str, Any]:
        row = first_row(self.db, "select * from batches where id = ? and owner = ?", [batch_id, owner])
        if row is None:
            raise batch_not_found(batch_id)
        return JSON_COLUMNS.decode(row)

    def list(self, *, owner: str, after: str | None, limit: int) -> Page:
        """Newest first, after the `after` batch."""
        after_row = None
        if after is not None:
            after_row = first_row(self.db, "select * from batches where id = ? and owner = ?", [after, owner])
            if after_row is None:
                raise NotFound(f"No batch found with id '{after}'.", param="after")
        page = cursor_page(self.db, table="batches", where="owner = :owner", params={"owner": owner},
                           descending=True, after=after_row, limit=limit)
        return Page(rows=[JSON_COLUMNS.decode(row) for row in page.rows], has_more=page.has_more)

    def due(self, now: int, *, start: int = 0, stop: int | None = None) -> Iterator[dict[str, Any]]:
        """Every caller's batches terminal by `now` (and in `start <= terminal_at < stop`) whose outputs are not
        written yet and that no live run holds (a range of `batches_due`)."""
        sql = (f"select * from batches where materialised_at is null and terminal_at <= ? and terminal_at >= ? "
               f"and terminal_at < ? and seq > ? and (run_claimed_until is null or run_claimed_until < {WALL_NOW}) "
               f"order by seq limit {DUE_CHUNK}")
        end = now + 1 if stop is None else min(stop, now + 1)
        after = 0
        while rows := all_rows(self.db, sql, [now, start, end, after]):
            yield from (JSON_COLUMNS.decode(row) for row in rows)
            after = rows[-1]["seq"]

    def pending(self, now: int, *, at_most: int = DUE_CHUNK) -> int:
        """How many batches terminal by `now` still owe their outputs, run or not (counted up to `at_most`: a
        range of `batches_due`)."""
        row = self.db.execute("select count(*) from (select 1 from batches where materialised_at is null and "
                              "terminal_at <= ? limit ?)", [now, at_most]).fetchone()
        return int(row[0])

    def set_cancelling(self, batch_id: str, *, at: int, terminal_at: int) -> None:
        self.db.execute("update batches set cancelling_at = ?, terminal_at = ? where id = ?",
                        [at, terminal_at, batch_id])

    def claim_run(self, batch_id: str, *, claim: str, lease_seconds: int) -> bool:
        """True for one caller at a time: the one that runs the finished batch's requests, for `lease_seconds` of
        wall-clock time (renewed by `renew_run`); a lease that ran out (its holder died) may be taken over."""
        cursor = self.db.execute(
            f"update batches set run_claim = ?, run_claimed_until = {WALL_NOW} + ? where id = ? and "
            f"materialised_at is null and (run_claimed_until is null or run_claimed_until < {WALL_NOW})",
            [claim, lease_seconds, batch_id])
        return cursor.rowcount == 1

    def renew_run(self, batch_id: str, *, claim: str, lease_seconds: int) -> bool:
        """Extend the lease; False when it is no longer this claim's."""
        cursor = self.db.execute(
            f"update batches set run_claimed_until = {WALL_NOW} + ? where id = ? and run_claim = ? and "
            "materialised_at is null", [lease_seconds, batch_id, claim])
        return cursor.rowcount == 1

    def finish_run(self, batch_id: str, *, claim: str, at: int, output_file_id: str | None,
                   error_file_id: str | None, completed: int, failed: int, usage: dict[str, Any]) -> bool:
        """Record the outcome, if the run is still this claim's (then True, once)."""
        cursor = self.db.execute(
            "update batches set materialised_at = ?, output_file_id = ?, error_file_id = ?, completed = ?, "
            "failed = ?, usage = ?, run_claimed_until = null "
            "where id = ? and run_claim = ? and materialised_at is null",
            [at, output_file_id, error_file_id, completed, failed, json.dumps(usage, separators=(",", ":")), batch_id,
             claim])
        return cursor.rowcount == 1
