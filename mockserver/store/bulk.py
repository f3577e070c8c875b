"""Writing many rows at once, for tools that build a large data dir (bench/scale.py), not for requests.

Rows go in with one statement per batch inside one transaction, through the same tables and encodings the
repositories use; the ledgers' totals are then made from the ledgers, as migration 0017 makes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlite_utils import Database

from mockserver.store.backfills import rebuild_rollups
from mockserver.store.costs import COLUMNS as COST_COLUMNS
from mockserver.store.costs import CostRecord, record_values
from mockserver.store.database import write_transaction
from mockserver.store.job_models import JobModel, JobModelsRepo
from mockserver.store.jobs import encode_row
from mockserver.store.sql import insert_many
from mockserver.store.usage import INSERT as USAGE_INSERT
from mockserver.store.usage import UsageRecord, usage_row

BATCH = 5_000


def _chunks(items: Iterable[Any]) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, BATCH)):
        yield chunk


def insert_jobs(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Job rows as `JobsRepo.insert` takes them (JSON columns as Python values), every row with the same keys."""
    with write_transaction(db):
        for chunk in _chunks(encode_row(row) for row in rows):
            columns = list(chunk[0])
            sql = f"insert into jobs ({', '.join(columns)}) values ({', '.join('?' * len(columns))})"
            db.conn.executemany(sql, [[row[column] for column in columns] for row in chunk])


def insert_job_models(db: Database, models: Iterable[JobModel]) -> None:
    with write_transaction(db):
        for chunk in _chunks(models):
            JobModelsRepo(db).add(chunk)


def insert_deleted_models(db: Database, deleted: Iterable[tuple[str, str, int]]) -> None:
    """(owner, model, deleted_at) rows."""
    with write_transaction(db):
        for chunk in _chunks(deleted):
            db.conn.executemany("insert or ignore into deleted_models (owner, model, deleted_at) values (?, ?, ?)",
                                chunk)


def insert_ledgers(db: Database, usage: Iterable[UsageRecord], costs: Iterable[CostRecord]) -> None:
    """Ledger rows, then the ledgers' totals made again from every row."""
    with write_transaction(db):
        for chunk in _chunks(usage_row(record) for record in usage):
            insert_many(db, USAGE_INSERT, chunk)
        sql = (f"insert or ignore into usage_costs ({', '.join(COST_COLUMNS)}) "
               f"values ({', '.join('?' * len(COST_COLUMNS))})")
        for chunk in _chunks(costs):
            db.conn.executemany(sql, [record_values(record) for record in chunk])
        rebuild_rollups(db)
