"""Rows of the `usage` ledger: one per inference call (chat completions, responses), append-only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.store.sql import all_rows

INSERT = (
    "insert into usage (request_id, owner, endpoint, model, base_model, prompt_tokens, cached_tokens, "
    "completion_tokens, created_at) values (:request_id, :owner, :endpoint, :model, :base_model, "
    ":prompt_tokens, :cached_tokens, :completion_tokens, :created_at)"
)


@dataclass(frozen=True)
class UsageRecord:
    """What one call consumed. `model` is the id the caller asked for; `base_model` the snapshot it runs on."""

    request_id: str
    owner: str
    endpoint: str  # "chat.completions" | "responses"
    model: str
    base_model: str
    prompt_tokens: int
    cached_tokens: int
    completion_tokens: int
    created_at: int


class UsageRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, record: UsageRecord) -> None:
        self.append_many([record])

    def append_many(self, records: list[UsageRecord]) -> None:
        self.db.conn.executemany(INSERT, [vars(record) for record in records])

    def for_owner(self, owner: str) -> list[dict[str, Any]]:
        """The owner's rows, oldest first."""
        return list(all_rows(self.db, "select * from usage where owner = ? order by seq", [owner]))
