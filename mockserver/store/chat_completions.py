"""Stored chat completions (`store: true`): the completion as sent, its metadata and the request's messages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.core.errors import NotFound
from mockserver.store.database import write_transaction
from mockserver.store.pagination import Page
from mockserver.store.sql import all_rows, first_row


def completion_not_found(completion_id: str) -> NotFound:
    return NotFound(f"No chat completion found with id '{completion_id}'.", param="completion_id")


@dataclass(frozen=True)
class CompletionFilter:
    """What a list asks for: the caller's completions, of one model and with these metadata pairs."""

    owner: str
    model: str | None
    metadata: dict[str, str]
    descending: bool
    limit: int


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    """The completion's JSON with its current metadata."""
    return {**json.loads(row["body"]), "metadata": json.loads(row["metadata"])}


class ChatCompletionsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, *, owner: str, completion: dict[str, Any], metadata: dict[str, str],
               messages: list[dict[str, Any]]) -> None:
        with write_transaction(self.db):
            cursor = self.db.execute(
                "insert into chat_completions (id, owner, model, created_at, metadata, body) values (?, ?, ?, ?, ?, ?)",
                [completion["id"], owner, completion["model"], completion["created"], json.dumps(metadata),
                 json.dumps(completion, separators=(",", ":"))],
            )
            seq = cursor.lastrowid
            self._insert_metadata(seq, owner, completion["created"], metadata)
            self.db.conn.executemany(
                "insert into chat_completion_messages (completion_seq, position, body) values (?, ?, ?)",
                [(seq, position, json.dumps(message)) for position, message in enumerate(messages)],
            )

    def _insert_metadata(self, seq: int | None, owner: str, created_at: int, metadata: dict[str, str]) -> None:
        self.db.conn.executemany(
            "insert into chat_completion_metadata (completion_seq, owner, key, value, created_at) "
            "values (?, ?, ?, ?, ?)",
            [(seq, owner, key, value, created_at) for key, value in metadata.items()],
        )

    def _row(self, owner: str, completion_id: str) -> dict[str, Any]:
        row = first_row(self.db, "select * from chat_completions where id = ? and owner = ?", [completion_id, owner])
        if row is None:
            raise completion_not_found(completion_id)
        return row

    def get(self, *, owner: str, completion_id: str) -> dict[str, Any]:
        return _decoded(self._row(owner, completion_id))

    def set_metadata(self, *, owner: str, completion_id: str, metadata: dict[str, str]) -> dict[str, Any]:
        with write_transaction(self.db):
            row = self._row(owner, completion_id)
            self.db.execute("update chat_completions set metadata = ? where seq = ?",
                            [json.dumps(metadata), row["seq"]])
            self.db.execute("delete from chat_completion_metadata where completion_seq = ?", [row["seq"]])
            self._insert_metadata(row["seq"], owner, row["created_at"], metadata)
        return _decoded({**row, "metadata": json.dumps(metadata)})

    def delete(self, *, owner: str, completion_id: str) -> None:
        with write_transaction(self.db):
            seq = self._row(owner, completion_id)["seq"]
            for table in ("chat_completion_messages", "chat_completion_metadata"):
                self.db.execute(f"delete from {table} where completion_seq = ?", [seq])
            self.db.execute("delete from chat_completions where seq = ?", [seq])

    def list(self, query: CompletionFilter, *, after: str | None) -> Page:
        """One page in (created_at, seq) order; a metadata filter walks the first pair's index."""
        params: dict[str, Any] = {"owner": query.owner, "limit": query.limit + 1}
        pairs = list(query.metadata.items())
        if pairs:
            source = ("chat_completion_metadata m join chat_completions c on c.seq = m.completion_seq",
                      "m.owner = :owner and m.key = :key0 and m.value = :value0", "m.created_at", "m.completion_seq")
        else:
            source = ("chat_completions c", "c.owner = :owner", "c.created_at", "c.seq")
        tables, where, first, second = source
        clauses = [where]
        for index, (key, value) in enumerate(pairs):
            params[f"key{index}"], params[f"value{index}"] = key, value
            if index:
                clauses.append(f"exists (select 1 from chat_completion_metadata x where x.completion_seq = c.seq "
                               f"and x.key = :key{index} and x.value = :value{index})")
        if query.model is not None:
            clauses.append("c.model = :model")
            params["model"] = query.model
        if after is not None:
            after_row = self._row(query.owner, after)
            clauses.append(f"({first}, {second}) {'<' if query.descending else '>'} (:after_at, :after_seq)")
            params["after_at"], params["after_seq"] = after_row["created_at"], after_row["seq"]
        direction = "desc" if query.descending else "asc"
        sql = (f"select c.* from {tables} where {' and '.join(clauses)} "
               f"order by {first} {direction}, {second} {direction} limit :limit")
        rows = all_rows(self.db, sql, params)
        return Page(rows=[_decoded(row) for row in rows[:query.limit]], has_more=len(rows) > query.limit)

    def messages(self, *, owner: str, completion_id: str, after: str | None, limit: int,
                 descending: bool) -> Page:
        """The request's messages, each with its id (`<completion id>-<position>`)."""
        seq = self._row(owner, completion_id)["seq"]
        params: dict[str, Any] = {"seq": seq, "limit": limit + 1}
        where = "completion_seq = :seq"
        if after is not None:
            params["after"] = message_position(completion_id, after)
            where += f" and position {'<' if descending else '>'} :after"
        sql = (f"select position, body from chat_completion_messages where {where} "
               f"order by position {'desc' if descending else 'asc'} limit :limit")
        rows = [{"id": f"{completion_id}-{row['position']}", **json.loads(row["body"])}
                for row in all_rows(self.db, sql, params)]
        return Page(rows=rows[:limit], has_more=len(rows) > limit)


def message_position(completion_id: str, message_id: str) -> int:
    position = message_id.removeprefix(f"{completion_id}-")
    if position == message_id or not position.isdigit():
        raise NotFound(f"No message found with id '{message_id}' in chat completion '{completion_id}'.",
                       param="after")
    return int(position)
