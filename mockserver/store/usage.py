"""Rows of the `usage` ledger: one per inference call (chat completions, responses), append-only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.store.database import within_transaction
from mockserver.store.rollups import WIDTHS, blocks_of
from mockserver.store.sql import all_rows

INSERT = (
    "insert into usage (request_id, owner, endpoint, model, base_model, prompt_tokens, cached_tokens, "
    "completion_tokens, created_at, batch) values (:request_id, :owner, :endpoint, :model, :base_model, "
    ":prompt_tokens, :cached_tokens, :completion_tokens, :created_at, :batch)"
)

ROLLUP_COLUMNS = ("width", "start", "owner", "model", "base_model", "batch", "prompt_tokens", "cached_tokens",
                  "completion_tokens", "requests")
# The call added to its day's, hour's and minute's totals (store/rollups.py), in one statement.
ROLLUP_UPSERT = (
    f"insert into usage_rollup ({', '.join(ROLLUP_COLUMNS)}) values "
    + ", ".join(["(" + ", ".join("?" * len(ROLLUP_COLUMNS)) + ")"] * len(WIDTHS))
    + " on conflict (width, start, owner, model, base_model, batch) do update set "
    "prompt_tokens = prompt_tokens + excluded.prompt_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, "
    "completion_tokens = completion_tokens + excluded.completion_tokens, requests = requests + excluded.requests"
)


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
            for record in records:
                self.db.conn.execute(INSERT, vars(record))
                self.db.conn.execute(ROLLUP_UPSERT, [
                    value for width, start in blocks_of(record.created_at)
                    for value in (width, start, record.owner, record.model, record.base_model, record.batch,
                                  record.prompt_tokens,
                                  record.cached_tokens, record.completion_tokens, 1)])

    def for_owner(self, owner: str) -> list[dict[str, Any]]:
        """The owner's rows, oldest first."""
        return list(all_rows(self.db, "select * from usage where owner = ? order by seq", [owner]))
