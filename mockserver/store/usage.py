"""Rows of the `usage` ledger: one per inference call (chat completions, responses), append-only."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.store.database import within_transaction
from mockserver.store.rollups import blocks_of
from mockserver.store.sql import all_rows, insert_many

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
        + ", ".join(["(" + ", ".join("?" * len(ROLLUP_COLUMNS)) + ")"] * rows)
        + f" on conflict ({', '.join(ROLLUP_KEY)}) do update set "
        "prompt_tokens = prompt_tokens + excluded.prompt_tokens, "
        "cached_tokens = cached_tokens + excluded.cached_tokens, "
        "completion_tokens = completion_tokens + excluded.completion_tokens, requests = requests + excluded.requests"
    )


def rollup_rows(records: list[UsageRecord]) -> list[tuple[Any, ...]]:
    """One row per block and key (ROLLUP_COLUMNS): the calls of a batch that share one added up here, so SQLite
    runs one upsert per row, not one per call and block. Calls of the same second and key (most of a batch
    written behind requests) are summed first, then each sum is added to its blocks."""
    seconds: dict[tuple[Any, ...], list[int]] = {}
    for record in records:
        key = (record.created_at, record.owner, record.model, record.base_model, record.batch)
        total = seconds.get(key)
        if total is None:
            seconds[key] = [record.prompt_tokens, record.cached_tokens, record.completion_tokens, 1]
        else:
            total[0] += record.prompt_tokens
            total[1] += record.cached_tokens
            total[2] += record.completion_tokens
            total[3] += 1
    totals: dict[tuple[Any, ...], list[int]] = {}
    for (created_at, *rest), second in seconds.items():
        for width, start in blocks_of(created_at):
            total = totals.setdefault((width, start, *rest), [0, 0, 0, 0])
            for position, value in enumerate(second):
                total[position] += value
    return [(*key, *total) for key, total in totals.items()]


def usage_row(record: UsageRecord) -> tuple[Any, ...]:
    return (record.request_id, record.owner, record.endpoint, record.model, record.base_model, record.prompt_tokens,
            record.cached_tokens, record.completion_tokens, record.created_at, record.batch)


@dataclass(frozen=True)
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


class UsageRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, record: UsageRecord) -> None:
        self.append_many([record])

    def append_many(self, records: list[UsageRecord]) -> None:
        """The calls, and their share of the totals the usage report reads, in one transaction."""
        with within_transaction(self.db):
            insert_many(self.db, INSERT, [usage_row(record) for record in records])
            rows = rollup_rows(records)
            for first in range(0, len(rows), ROLLUP_CHUNK):
                chunk = rows[first:first + ROLLUP_CHUNK]
                self.db.conn.execute(rollup_upsert(len(chunk)), [value for row in chunk for value in row])

    def for_owner(self, owner: str) -> list[dict[str, Any]]:
        """The owner's rows, oldest first."""
        return list(all_rows(self.db, "select * from usage where owner = ? order by seq", [owner]))
