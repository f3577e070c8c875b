"""Rows of the `usage` ledger: one per inference call (chat completions, responses), append-only."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.core.records import record
from mockserver.store.database import within_transaction
from mockserver.store.rollups import per_block, summed
from mockserver.store.sql import all_rows, insert_many, values_rows

COLUMNS = ("request_id", "owner", "endpoint", "model", "base_model", "prompt_tokens", "cached_tokens",
           "completion_tokens", "created_at", "batch")
INSERT = f"insert into usage ({', '.join(COLUMNS)})"

ROLLUP_KEY = ("width", "start", "owner", "model", "base_model", "batch")
ROLLUP_COLUMNS = (*ROLLUP_KEY, "prompt_tokens", "cached_tokens", "completion_tokens", "requests")
ROLLUP_CHUNK = 300  # rows per statement: SQLite caps a statement's variables


# Calls added to their day's, hour's and minute's totals (store/rollups.py), `rows` rows in one statement.
@functools.cache
def rollup_upsert(rows: int) -> str:
    return (
        f"insert into usage_rollup ({', '.join(ROLLUP_COLUMNS)}) values "
        + values_rows(len(ROLLUP_COLUMNS), rows)
        + f" on conflict ({', '.join(ROLLUP_KEY)}) do update set "
        "prompt_tokens = prompt_tokens + excluded.prompt_tokens, "
        "cached_tokens = cached_tokens + excluded.cached_tokens, "
        "completion_tokens = completion_tokens + excluded.completion_tokens, requests = requests + excluded.requests"
    )


def rollup_rows(records: list[UsageRecord]) -> list[tuple[Any, ...]]:
    """One row per block and key (ROLLUP_COLUMNS): the calls of a batch that share one added up here, so SQLite
    runs one upsert per row, not one per call and block."""
    by_second = summed((((record.created_at, record.owner, record.model, record.base_model, record.batch),
                         [record.prompt_tokens, record.cached_tokens, record.completion_tokens, 1])
                        for record in records), _add_counts)
    return [(*key, *total) for key, total in summed(per_block(by_second), _add_counts).items()]


def _add_counts(total: list[Any], more: list[Any]) -> None:
    for position, value in enumerate(more):
        total[position] += value


usage_row = operator.attrgetter(*COLUMNS)  # a record's values in COLUMNS order


@record  # frozen for mypy; plain at runtime, where it is made on every request (core/records.py)
class UsageRecord:
    """What one call consumed. `model` is the id the caller asked for; `base_model` the snapshot it runs on."""

    request_id: str
    owner: str
    endpoint: str  # "chat.completions" | "responses" | "completions"
    model: str
    base_model: str
    prompt_tokens: int
    cached_tokens: int
    completion_tokens: int
    created_at: int
    batch: bool = False  # a request of a batch (services/batch_runs.py)


@dataclass(frozen=True)
class UsageRows:
    """Calls as `UsageRepo.append_rows` writes them: their rows (COLUMNS) and their totals (ROLLUP_COLUMNS)."""

    rows: list[tuple[Any, ...]]
    rollups: list[tuple[Any, ...]]

    @classmethod
    def of(cls, records: list[UsageRecord]) -> UsageRows:
        return cls([usage_row(record) for record in records], rollup_rows(records))


class UsageRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, record: UsageRecord) -> None:
        self.append_many([record])

    def append_many(self, records: list[UsageRecord]) -> None:
        """The calls, and their share of the totals the usage report reads, in one transaction."""
        self.append_rows(UsageRows.of(records))

    def append_rows(self, prepared: UsageRows) -> None:
        """`append_many` of the calls `prepared` holds."""
        with within_transaction(self.db):
            insert_many(self.db, INSERT, prepared.rows)
            rows = prepared.rollups
            for first in range(0, len(rows), ROLLUP_CHUNK):
                chunk = rows[first:first + ROLLUP_CHUNK]
                self.db.conn.execute(rollup_upsert(len(chunk)), [value for row in chunk for value in row])

    def for_owner(self, owner: str) -> list[dict[str, Any]]:
        """The owner's rows, oldest first."""
        return list(all_rows(self.db, "select * from usage where owner = ? order by seq", [owner]))
