"""Rows of `job_webhook_deliveries`: one per job event (its claim, its outbox entry and its delivery log)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.store.sql import all_rows


@dataclass(frozen=True)
class Delivery:
    id: str  # the event id, unique: inserting it is the once-only claim
    webhook_id: str
    job_id: str
    owner: str
    type: str
    url: str
    body: str
    created_at: int
    attempted_at: int | None = None
    status: int | None = None
    error: str | None = None


def _delivery(row: dict[str, Any]) -> Delivery:
    return Delivery(**{name: row[name] for name in Delivery.__dataclass_fields__})


class WebhookDeliveriesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def in_transaction(self) -> bool:
        return bool(self.db.conn.in_transaction)

    def exists(self, event_id: str) -> bool:
        query = "select 1 from job_webhook_deliveries where id = ?"
        return self.db.execute(query, [event_id]).fetchone() is not None

    def claim(self, delivery: Delivery) -> bool:
        """True for exactly one caller per event: the one whose row went in."""
        row = {name: getattr(delivery, name) for name in Delivery.__dataclass_fields__}
        cursor = self.db.execute(
            f"insert or ignore into job_webhook_deliveries ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return cursor.rowcount == 1

    def pending(self) -> list[Delivery]:
        rows = all_rows(self.db, "select * from job_webhook_deliveries where attempted_at is null order by seq")
        return [_delivery(row) for row in rows]

    def start_attempt(self, event_id: str, at: int) -> bool:
        """True for the one caller (of any worker) that gets to send it."""
        cursor = self.db.execute(
            "update job_webhook_deliveries set attempted_at = ? where id = ? and attempted_at is null", [at, event_id]
        )
        return cursor.rowcount == 1

    def record(self, event_id: str, *, status: int | None, error: str | None) -> None:
        self.db.execute("update job_webhook_deliveries set status = ?, error = ? where id = ?",
                        [status, error, event_id])

    def list(self, *, limit: int) -> tuple[list[Delivery], bool]:
        """Newest first."""
        rows = list(all_rows(self.db, "select * from job_webhook_deliveries order by seq desc limit ?", [limit + 1]))
        return [_delivery(row) for row in rows[:limit]], len(rows) > limit
