"""The preparation columns of `jobs`: which jobs still have their files to validate and index, and who is at it.

A job whose files are prepared off its create call is `pending` until a worker's preparer (services/
job_preparation.py) records the outcome. Each attempt is leased (one atomic UPDATE, so one worker of any number
takes it) until a wall-clock time the preparer keeps pushing back while it works; a worker killed mid-way leaves
the lease to lapse, or to be released at the next start-up of a server alone on the data dir.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from mockserver.simulator import Plan

PENDING, DONE, FAILED, CANCELLED = "pending", "done", "failed", "cancelled"


class JobPreparationsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def due(self, *, wall_now: int, limit: int) -> list[str]:
        """Pending jobs nobody holds a live lease on, oldest first (a range of the `jobs_preparing` index)."""
        rows = self.db.execute(
            "select id from jobs where prep_state = 'pending' and coalesce(prep_lease_until, 0) < ? "
            "order by seq limit ?", [wall_now, limit]).fetchall()
        return [str(row[0]) for row in rows]

    def any_due(self, *, wall_now: int) -> bool:
        """Whether a preparation or a wanted index waits for a worker (two ranges of partial indexes)."""
        return bool(self.due(wall_now=wall_now, limit=1) or self.indexes_due(wall_now=wall_now, limit=1))

    def pending(self) -> int:
        """How many jobs are still to be prepared, by any worker."""
        return int(self.db.execute("select count(*) from jobs where prep_state = 'pending'").fetchone()[0])

    def lease(self, job_id: str, *, token: str, until: int, wall_now: int) -> int | None:
        """Take the job's preparation until `until` (wall clock): the attempt's number, or None when another
        worker holds it or it is no longer pending."""
        row = self.db.execute(
            "update jobs set prep_lease_token = ?, prep_lease_until = ?, prep_attempts = prep_attempts + 1 "
            "where id = ? and prep_state = 'pending' and coalesce(prep_lease_until, 0) < ? returning prep_attempts",
            [token, until, job_id, wall_now]).fetchone()
        return int(row[0]) if row is not None else None

    def renew(self, job_id: str, *, token: str, until: int) -> bool:
        """Push the lease back; False once it is no longer this attempt's (lapsed and taken, or cancelled)."""
        cursor = self.db.execute(
            "update jobs set prep_lease_until = ? where id = ? and prep_lease_token = ?",
            [until, job_id, token])
        return cursor.rowcount == 1

    def release(self, job_id: str, *, token: str) -> None:
        """Give the job back for another attempt (this one failed)."""
        self.db.execute("update jobs set prep_lease_token = null, prep_lease_until = null "
                        "where id = ? and prep_lease_token = ?", [job_id, token])

    def finish(self, job_id: str, *, token: str, state: str, at: int, plan: Plan,
               method: dict[str, Any], terminal_at: int | None) -> bool:
        """Record the outcome with the plan and hyperparameters it gives the job; False (nothing written) when
        the lease is no longer this attempt's. Call inside the transaction that stores the job's index."""
        cursor = self.db.execute(
            "update jobs set prep_state = ?, prep_finished_at = ?, plan = ?, method = ?, terminal_at = ?, "
            "prep_lease_token = null, prep_lease_until = null "
            "where id = ? and prep_state = 'pending' and prep_lease_token = ?",
            [state, at, json.dumps(plan.to_dict(), separators=(",", ":")), json.dumps(method, separators=(",", ":")),
             terminal_at, job_id, token])
        return cursor.rowcount == 1

    def cancel(self, job_id: str, *, at: int) -> None:
        """The job was cancelled while pending: nobody prepares it any more (an attempt under way is discarded)."""
        self.db.execute("update jobs set prep_state = 'cancelled', prep_finished_at = ?, prep_lease_token = null, "
                        "prep_lease_until = null where id = ? and prep_state = 'pending'", [at, job_id])

    # -- indexes to build again (a succeeded job's, missing) -----------------------------------------------
    def want_index(self, job_id: str, *, at: int) -> None:
        self.db.execute("update jobs set index_wanted_at = ? where id = ? and index_wanted_at is null", [at, job_id])

    def index_wanted(self, job_id: str) -> bool:
        row = self.db.execute("select index_wanted_at from jobs where id = ?", [job_id]).fetchone()
        return row is not None and row[0] is not None

    def indexes_due(self, *, wall_now: int, limit: int) -> list[str]:
        """Jobs whose index is wanted and nobody holds a live lease on, oldest first."""
        rows = self.db.execute(
            "select id from jobs where index_wanted_at is not null and coalesce(prep_lease_until, 0) < ? "
            "order by seq limit ?", [wall_now, limit]).fetchall()
        return [str(row[0]) for row in rows]

    def lease_index(self, job_id: str, *, token: str, until: int, wall_now: int) -> bool:
        cursor = self.db.execute(
            "update jobs set prep_lease_token = ?, prep_lease_until = ? "
            "where id = ? and index_wanted_at is not null and coalesce(prep_lease_until, 0) < ?",
            [token, until, job_id, wall_now])
        return cursor.rowcount == 1

    def index_done(self, job_id: str, *, token: str) -> None:
        """The wanted index was built (or could not be: the next chat asks again)."""
        self.db.execute("update jobs set index_wanted_at = null, prep_lease_token = null, prep_lease_until = null "
                        "where id = ? and prep_lease_token = ?", [job_id, token])

    def release_all(self) -> int:
        """Every lease given back: at the start of a server alone on the data dir, each is a dead process's."""
        return int(self.db.execute("update jobs set prep_lease_token = null, prep_lease_until = null "
                                   "where prep_lease_token is not null").rowcount)
