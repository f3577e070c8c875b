"""Stored responses: the response as sent, the conversation it continues, and its input items."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from mockserver.core.errors import NotFound
from mockserver.store.database import write_transaction
from mockserver.store.pagination import Page
from mockserver.store.sql import all_rows, first_row


def response_not_found(response_id: str) -> NotFound:
    return NotFound(f"Response with id '{response_id}' not found.", param="response_id")


class ResponsesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, *, owner: str, response: dict[str, Any], context: list[dict[str, Any]],
               items: list[dict[str, Any]]) -> None:
        with write_transaction(self.db):
            cursor = self.db.execute(
                "insert into stored_responses (id, owner, created_at, body, context) values (?, ?, ?, ?, ?)",
                [response["id"], owner, response["created_at"], json.dumps(response, separators=(",", ":")),
                 json.dumps(context, separators=(",", ":"))],
            )
            self.db.conn.executemany(
                "insert into response_input_items (response_seq, position, item_id, body) values (?, ?, ?, ?)",
                [(cursor.lastrowid, position, item["id"], json.dumps(item)) for position, item in enumerate(items)],
            )

    def _row(self, owner: str, response_id: str) -> dict[str, Any] | None:
        return first_row(self.db, "select * from stored_responses where id = ? and owner = ?", [response_id, owner])

    def _found(self, owner: str, response_id: str) -> dict[str, Any]:
        row = self._row(owner, response_id)
        if row is None:
            raise response_not_found(response_id)
        return row

    def get(self, *, owner: str, response_id: str) -> dict[str, Any]:
        body: dict[str, Any] = json.loads(self._found(owner, response_id)["body"])
        return body

    def context(self, *, owner: str, response_id: str) -> list[dict[str, Any]] | None:
        """The conversation up to and including the response's output, or None when there is no such response."""
        row = self._row(owner, response_id)
        if row is None:
            return None
        context: list[dict[str, Any]] = json.loads(row["context"])
        return context

    def delete(self, *, owner: str, response_id: str) -> None:
        with write_transaction(self.db):
            seq = self._found(owner, response_id)["seq"]
            self.db.execute("delete from response_input_items where response_seq = ?", [seq])
            self.db.execute("delete from stored_responses where seq = ?", [seq])

    def input_items(self, *, owner: str, response_id: str, after: str | None, limit: int,
                    descending: bool) -> Page:
        seq = self._found(owner, response_id)["seq"]
        params: dict[str, Any] = {"seq": seq, "limit": limit + 1}
        where = "response_seq = :seq"
        if after is not None:
            anchor = first_row(self.db, "select position from response_input_items where response_seq = ? "
                               "and item_id = ?", [seq, after])
            if anchor is None:
                raise NotFound(f"No input item found with id '{after}' in response '{response_id}'.", param="after")
            params["after"] = anchor["position"]
            where += f" and position {'<' if descending else '>'} :after"
        sql = (f"select body from response_input_items where {where} "
               f"order by position {'desc' if descending else 'asc'} limit :limit")
        rows = [json.loads(row["body"]) for row in all_rows(self.db, sql, params)]
        return Page(rows=rows[:limit], has_more=len(rows) > limit)
