"""Filling new columns and tables from the rows a data dir already holds, for the migrations that add them.

Each reads its source in batches (memory stays flat whatever the data dir holds) and runs once, inside its
migration's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from mockserver.simulator import Control, Plan
from mockserver.simulator.state import checkpoints_at, terminal_at
from mockserver.store.job_models import JobModel, JobModelsRepo

BATCH = 2_000


def batches(db: Database, sql: str) -> Iterator[list[dict[str, Any]]]:
    """The rows of `select … from <table>` (whose first column is `seq`) in `seq` order, BATCH at a time."""
    last = 0
    while True:
        cursor = db.execute(f"{sql} where seq > ? order by seq limit {BATCH}", [last])
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        if not rows:
            return
        yield rows
        last = rows[-1]["seq"]


def backfill_job_settlement(db: Database) -> None:
    """`announced_at` from the claimed webhook events; `terminal_at` from each job's plan and controls; the
    models of every success already settled (`materialised_at`), except those deleted since."""
    announced = db.execute("select job_id, min(created_at) from job_webhook_deliveries group by job_id").fetchall()
    db.conn.executemany("update jobs set announced_at = ? where id = ?", [(at, job_id) for job_id, at in announced])
    for rows in batches(db, "select seq, id, owner, plan, controls, materialised_at from jobs"):
        updates, models = [], []
        for row in rows:
            plan = Plan.from_dict(json.loads(row["plan"]))
            controls = [Control(**control) for control in json.loads(row["controls"])]
            finished = terminal_at(plan, controls)
            updates.append((finished, row["seq"]))
            if row["materialised_at"] is not None and finished is not None:  # before: successes only
                models += [JobModel(row["owner"], checkpoint.model, row["id"], row["seq"], checkpoint.step,
                                    checkpoint.created_at) for checkpoint in checkpoints_at(plan, controls, finished)]
        db.conn.executemany("update jobs set terminal_at = ? where seq = ?", updates)
        JobModelsRepo(db).add(models)
