"""Rows of `job_webhook_deliveries`: one per job event (its claim, its outbox entry, its lease and its delivery log)."""

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


# The seqs of due events; each branch reads its own index (attempts = 0 is a partial index).
_DUE = ("select seq from job_webhook_deliveries where attempts = 0 "
        "union select seq from job_webhook_deliveries where next_attempt_at <= :now "
        "union select seq from job_webhook_deliveries where lease_until < :wall_now and attempts < :max_attempts")


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

    def due(self, *, now: int, wall_now: int, max_attempts: int, limit: int) -> list[Delivery]:
        """Oldest first, at most `limit`: events never attempted, failed ones whose retry is due on the server's
        clock (`now`), and attempts whose lease lapsed on the wall clock (`wall_now`), their worker gone."""
        sql = (f"select * from job_webhook_deliveries where seq in ({_DUE}) order by seq limit :limit")
        params = {"now": now, "wall_now": wall_now, "max_attempts": max_attempts, "limit": limit}
        return [_delivery(row) for row in all_rows(self.db, sql, params)]

    def pending(self, *, now: int, wall_now: int, max_attempts: int) -> int:
        """How many events are due (as `due`) or being sent (a live lease)."""
        sql = (f"select count(*) from ({_DUE} union select seq from job_webhook_deliveries "
               "where lease_until >= :wall_now)")
        row = self.db.execute(sql, {"now": now, "wall_now": wall_now, "max_attempts": max_attempts}).fetchone()
        return int(row[0])

    def lease(self, delivery: Delivery, *, token: str, at: int, until: int) -> bool:
        """Take the next attempt of `delivery` as read (same `attempts`): True for the one caller of any worker
        that gets it. It counts as an attempt at once, as it may reach the receiver however it ends."""
        cursor = self.db.execute(
            "update job_webhook_deliveries set attempted_at = ?, attempts = attempts + 1, next_attempt_at = null, "
            "lease_token = ?, lease_until = ? where id = ? and attempts = ?",
            [at, token, until, delivery.id, delivery.attempts],
        )
        return cursor.rowcount == 1

    def record(self, event_id: str, *, token: str, status: int | None, error: str | None,
               next_attempt_at: int | None) -> bool:
        """The outcome of the attempt leased with `token`, and the lease released; False when the lease was lost
        (it lapsed and another worker took the event, or the data dir was reset)."""
        cursor = self.db.execute(
            "update job_webhook_deliveries set status = ?, error = ?, next_attempt_at = ?, lease_token = null, "
            "lease_until = null where id = ? and lease_token = ?",
            [status, error, next_attempt_at, event_id, token],
        )
        return cursor.rowcount == 1

    def take_unreported(self, *, limit: int) -> tuple[list[Delivery], bool]:
        """Oldest first, at most `limit`: the events attempted since they were last reported, their outcome
        recorded (none in flight); each is marked reported, so only one caller gets it."""
        sql = ("update job_webhook_deliveries set reported_attempts = attempts where seq in (select seq from "
               "job_webhook_deliveries where attempts > reported_attempts and lease_token is null order by seq "
               "limit :limit) returning *")
        rows = all_rows(self.db, sql, {"limit": limit})
        more = self.db.execute("select 1 from job_webhook_deliveries where attempts > reported_attempts and "
                               "lease_token is null limit 1").fetchone()
        return [_delivery(row) for row in sorted(rows, key=lambda row: row["seq"])], more is not None

    def list(self, *, limit: int) -> tuple[list[Delivery], bool]:
        """Newest first."""
        rows = list(all_rows(self.db, "select * from job_webhook_deliveries order by seq desc limit ?", [limit + 1]))
        return [_delivery(row) for row in rows[:limit]], len(rows) > limit
