"""Filling new columns and tables from the rows a data dir already holds, for the migrations that add them.

Each reads its source in batches (memory stays flat whatever the data dir holds) and runs once, inside its
migration's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.simulator import Control, Plan
from mockserver.simulator.state import checkpoints_at, terminal_at
from mockserver.store.job_models import JobModel, JobModelsRepo
from mockserver.store.rollups import WIDTHS, blocks_of, cost_totals_insert

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


def rebuild_rollups(db: Database) -> None:
    """The usage and cost ledgers' totals per block (store/rollups.py), made again from the ledgers' rows."""
    db.execute("delete from usage_rollup")
    db.execute("delete from usage_costs_rollup")
    for width in WIDTHS:
        db.execute(
            "insert into usage_rollup (width, start, owner, model, base_model, prompt_tokens, cached_tokens, "
            "completion_tokens, requests) select ?1, created_at - created_at % ?1, owner, model, base_model, "
            "sum(prompt_tokens), sum(cached_tokens), sum(completion_tokens), count(*) from usage "
            "group by created_at - created_at % ?1, owner, model, base_model", [width])
    columns = "seq, created_at, owner, line_item, quantity_unit, note, quantity, amount"
    for rows in batches(db, f"select {columns} from usage_costs"):
        db.conn.executemany(cost_totals_insert(1), _batch_totals(rows))


def _batch_totals(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """One rollup row per block and key of a batch of ledger lines (each then added to the stored totals)."""
    totals: dict[tuple[Any, ...], list[Any]] = {}
    for row in rows:
        key_rest = (row["owner"], row["line_item"], row["quantity_unit"], row["note"] or "")
        first = (row["created_at"], row["seq"])
        for width, start in blocks_of(row["created_at"]):
            total = totals.get((width, start, *key_rest))
            if total is None:
                totals[(width, start, *key_rest)] = [Decimal(row["quantity"]), Decimal(row["amount"]), 1, first]
                continue
            total[0] += Decimal(row["quantity"])
            total[1] += Decimal(row["amount"])
            total[2] += 1
            total[3] = min(total[3], first)
    return [(*key, str(quantity), str(amount), lines, *first)
            for key, (quantity, amount, lines, first) in totals.items()]
