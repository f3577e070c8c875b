"""Rows of the `faults` table: injected failures, shared by every worker process."""

from __future__ import annotations

import builtins
import json
from typing import Any

from sqlite_utils import Database

from mockserver.core.faults import FaultRule
from mockserver.store.sql import all_rows

COLUMNS = ("id", "method", "path", "status", "times", "remaining", "hits", "probability", "headers", "delay_ms",
           "drop_connection", "error", "created_at")

# One statement reads and decrements: of two workers racing for the last use, exactly one gets a row back.
CONSUME = (
    "update faults set hits = hits + 1, "
    "remaining = case when remaining is null then null else remaining - 1 end "
    "where id = ? and (remaining is null or remaining > 0) returning " + ", ".join(COLUMNS)
)


def _rule(row: dict[str, Any]) -> FaultRule:
    return FaultRule(
        id=row["id"], method=row["method"], path=row["path"], status=row["status"], times=row["times"],
        remaining=row["remaining"], hits=row["hits"], probability=row["probability"],
        headers=json.loads(row["headers"]), delay_ms=row["delay_ms"], drop_connection=bool(row["drop_connection"]),
        error=json.loads(row["error"]) if row["error"] is not None else None, created_at=row["created_at"],
    )


class FaultsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, rule: FaultRule) -> FaultRule:
        self.db.execute(
            "insert into faults (" + ", ".join(COLUMNS) + ") values (" + ", ".join("?" * len(COLUMNS)) + ")",
            [rule.id, rule.method, rule.path, rule.status, rule.times, rule.remaining, rule.hits, rule.probability,
             json.dumps(rule.headers), rule.delay_ms, int(rule.drop_connection),
             json.dumps(rule.error) if rule.error is not None else None, rule.created_at],
        )
        return rule

    def list(self) -> builtins.list[FaultRule]:
        """All rules, oldest first (the order they are tried in)."""
        return [_rule(row) for row in all_rows(self.db, "select * from faults order by seq")]

    def active(self, method: str) -> builtins.list[FaultRule]:
        """Rules for this method (or any method) with uses left, oldest first."""
        rows = all_rows(self.db, 
            "select * from faults where (method is null or method = ?) and (remaining is null or remaining > 0) "
            "order by seq", [method.upper()],
        )
        return [_rule(row) for row in rows]

    def consume(self, fault_id: str) -> FaultRule | None:
        """Take one use of the rule; None if it has none left (or is gone)."""
        cursor = self.db.execute(CONSUME, [fault_id])
        rows = cursor.fetchall()  # steps to the end, so the write commits at once
        if not rows:
            return None
        return _rule(dict(zip(COLUMNS, rows[0], strict=True)))

    def delete(self, fault_id: str) -> bool:
        return self.db.execute("delete from faults where id = ?", [fault_id]).rowcount > 0

    def clear(self) -> int:
        return int(self.db.execute("delete from faults").rowcount)
