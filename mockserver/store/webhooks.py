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
    attempted_at: int | None = None  # the latest attempt's time
    status: int | None = None
    error: str | None = None
    attempts: int = 0
    next_attempt_at: int | None = None  # a retry's due time, after a failed attempt


def _delivery(row: dict[str, Any]) -> Delivery:
    return Delivery(**{name: row[name] for name in Delivery.__dataclass_fields__})


class WebhookDeliveriesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def in_transaction(self) -> bool:
        return bool(self.db.conn.in_transaction)

    def due_state(self, event_id: str, now: int) -> bool | None:
        """None: no such event yet; True: it is claimed and an attempt is due at `now`; False: it is not."""
        query = "select attempts, next_attempt_at from job_webhook_deliveries where id = ?"
        row = self.db.execute(query, [event_id]).fetchone()
        if row is None:
            return None
        attempts, next_at = row
        return attempts == 0 or (next_at is not None and next_at <= now)

    def claim(self, delivery: Delivery) -> bool:
        """True for exactly one caller per event: the one whose row went in."""
        row = {name: getattr(delivery, name) for name in Delivery.__dataclass_fields__}
        cursor = self.db.execute(
            f"insert or ignore into job_webhook_deliveries ({', '.join(row)}) values ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return cursor.rowcount == 1

    def due(self, now: int) -> list[Delivery]:
        """Events never attempted, and failed ones whose retry is due."""
        rows = all_rows(self.db, "select * from job_webhook_deliveries where attempts = 0 or next_attempt_at <= ? "
                                 "order by seq", [now])
        return [_delivery(row) for row in rows]

    def start_attempt(self, delivery: Delivery, at: int) -> bool:
        """True for the one caller (of any worker) that gets to make this attempt."""
        cursor = self.db.execute(
            "update job_webhook_deliveries set attempted_at = ?, attempts = attempts + 1, next_attempt_at = null "
            "where id = ? and attempts = ?", [at, delivery.id, delivery.attempts]
        )
        return cursor.rowcount == 1

    def record(self, event_id: str, *, status: int | None, error: str | None, next_attempt_at: int | None) -> None:
        self.db.execute("update job_webhook_deliveries set status = ?, error = ?, next_attempt_at = ? where id = ?",
                        [status, error, next_attempt_at, event_id])

    def list(self, *, limit: int) -> tuple[list[Delivery], bool]:
        """Newest first."""
        rows = list(all_rows(self.db, "select * from job_webhook_deliveries order by seq desc limit ?", [limit + 1]))
        return [_delivery(row) for row in rows[:limit]], len(rows) > limit
