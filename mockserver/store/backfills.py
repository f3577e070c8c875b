"""Filling new columns and tables from the rows a data dir already holds, for the migrations that add them.

Each reads its source in batches (memory stays flat whatever the data dir holds) and runs once, inside its
migration's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.simulator.state import checkpoints_at, terminal_at
from mockserver.store import exact
from mockserver.store.job_models import JobModel, JobModelsRepo
from mockserver.store.jobs import stored_record
from mockserver.store.rollups import COST_TOTALS_COLUMNS, WIDTHS

BATCH = 2_000
DAY, MINUTE = WIDTHS[0], WIDTHS[-1]


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
    announced = db.conn.execute("select min(created_at), job_id from job_webhook_deliveries group by job_id")
    db.conn.executemany("update jobs set announced_at = ? where id = ?", announced)  # streamed, not held
    for rows in batches(db, "select * from jobs"):
        updates, models = [], []
        for job in map(stored_record, rows):
            finished = terminal_at(job.plan, job.controls)
            updates.append((finished, job.seq))
            if job.materialised_at is not None and finished is not None:  # before: successes only
                models += [JobModel(job.owner, checkpoint.model, job.id, job.seq, checkpoint.step,
                                    checkpoint.created_at)
                           for checkpoint in checkpoints_at(job.plan, job.controls, finished)]
        db.conn.executemany("update jobs set terminal_at = ? where seq = ?", updates)
        JobModelsRepo(db).add(models)


def rebuild_rollups(db: Database) -> None:
    """The usage and cost ledgers' totals per block (store/rollups.py), made again from the ledgers' rows."""
    db.execute("delete from usage_rollup")
    db.execute("delete from usage_costs_rollup")
    # The `batch` flag exists from migration 0022_batches on (0017 rebuilds before it).
    batch = ", batch" if "batch" in db.table("usage").columns_dict else ""
    for width in WIDTHS:
        db.execute(
            f"insert into usage_rollup (width, start, owner, model, base_model{batch}, prompt_tokens, cached_tokens, "
            f"completion_tokens, requests) select ?1, created_at - created_at % ?1, owner, model, base_model{batch}, "
            "sum(prompt_tokens), sum(cached_tokens), sum(completion_tokens), count(*) from usage "
            f"group by created_at - created_at % ?1, owner, model, base_model{batch}", [width])
    _rebuild_cost_totals(db)


def _rebuild_cost_totals(db: Database) -> None:
    """The cost ledger read once in time order, summed per minute a day at a time (the hours and the day from
    those minutes), so only one day's totals are held; each line's first (created_at, seq) comes first."""
    cursor = db.conn.execute("select created_at, seq, owner, line_item, quantity_unit, coalesce(note, ''), quantity, "
                             "amount from usage_costs order by created_at, seq")
    day: int | None = None
    minutes: dict[tuple[Any, ...], list[Any]] = {}
    with exact.precise():
        while rows := cursor.fetchmany(BATCH):
            for created_at, seq, owner, line_item, unit, note, quantity, amount in rows:
                if created_at // DAY != day:
                    _insert_day_totals(db, minutes)
                    day, minutes = created_at // DAY, {}
                total = minutes.setdefault((created_at - created_at % MINUTE, owner, line_item, unit, note),
                                           [Decimal(0), Decimal(0), 0, created_at, seq])
                total[0] += Decimal(quantity)
                total[1] += Decimal(amount)
                total[2] += 1
        _insert_day_totals(db, minutes)


def _insert_day_totals(db: Database, minutes: dict[tuple[Any, ...], list[Any]]) -> None:
    """One day's totals at every width, from its minutes' (in time order, so a block's first minute holds its
    first line)."""
    for width in WIDTHS:
        blocks: dict[tuple[Any, ...], list[Any]] = {}
        for (start, *key_rest), (quantity, amount, lines, first_at, first_seq) in minutes.items():
            key = (start - start % width, *key_rest)
            total = blocks.get(key)
            if total is None:
                blocks[key] = [quantity, amount, lines, first_at, first_seq]
            else:
                total[0] += quantity
                total[1] += amount
                total[2] += lines
        db.conn.executemany(
            f"insert into usage_costs_rollup ({', '.join(COST_TOTALS_COLUMNS)}) "
            f"values ({', '.join('?' * len(COST_TOTALS_COLUMNS))})",
            [(width, *key, *exact.split(quantity), *exact.split(amount), lines, first_at, first_seq)
             for key, (quantity, amount, lines, first_at, first_seq) in blocks.items()])
