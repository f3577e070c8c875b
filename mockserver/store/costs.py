"""The cost ledger (`usage_costs`): one row per charge line, money as exact decimal text, with its totals per
day, hour and minute (`usage_costs_rollup`, store/rollups.py); and the reads the Admin usage/costs reports make
of those and of the `usage` ledger's (`usage_rollup`)."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.store.database import write_transaction
from mockserver.store.rollups import LEDGER, WIDTHS, blocks_of, cost_totals_insert, spans
from mockserver.store.sql import all_rows

DECIMAL_COLUMNS = ("quantity", "unit_price", "amount")
USAGE_COLUMNS = "created_at, owner, model, base_model, prompt_tokens, cached_tokens, completion_tokens"
USAGE_TOTALS = (*USAGE_COLUMNS.split(", "), "requests")


@dataclass(frozen=True)
class CostRecord:
    """One charge line. `kind` is `training` (with `job_id`) or `inference` (with `request_id`)."""

    owner: str
    project_id: str
    kind: str
    line_item: str
    model: str
    job_id: str | None
    request_id: str | None
    quantity: Decimal
    quantity_unit: str
    unit_price: Decimal | None
    price_unit: str | None
    amount: Decimal
    price_set: str | None
    note: str | None
    created_at: int


COLUMNS = tuple(field.name for field in fields(CostRecord))
_fields_of = operator.attrgetter(*COLUMNS)
TOTALS = ("created_at", "owner", "line_item", "quantity_unit", "note", "quantity", "amount", "lines", "first_at",
          "first_seq")


@functools.cache
def _insert(rows: int) -> str:
    """The insert statement for that many lines (an inference call has two or three); it returns the lines
    inserted (not a training line ignored as a second charge), to add them to the totals."""
    placeholders = ", ".join(["(" + ", ".join("?" * len(COLUMNS)) + ")"] * rows)
    return (f"insert or ignore into usage_costs ({', '.join(COLUMNS)}) values {placeholders} "
            "returning created_at, seq, owner, line_item, quantity_unit, note, quantity, amount")


def rollup_values(inserted: list[tuple[Any, ...]]) -> list[Any]:
    """The rollup rows' values (flat) of ledger lines (created_at, seq, owner, line_item, unit, note, quantity,
    amount), one per line and block width."""
    values: list[Any] = []
    for created_at, seq, owner, line_item, unit, note, quantity, amount in inserted:
        for width, start in blocks_of(created_at):
            values += (width, start, owner, line_item, unit, note or "", quantity, amount, 1, created_at, seq)
    return values


def _text(value: object) -> object:
    # Decimals as their exact text (str keeps every digit; SQLite's TEXT affinity keeps the string).
    return str(value) if isinstance(value, Decimal) else value


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for column in DECIMAL_COLUMNS:
        if row.get(column) is not None:
            row[column] = Decimal(row[column])
    return row


class CostsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, records: list[CostRecord]) -> None:
        """All lines in one statement, and their totals in another, in one transaction. A second training charge
        of a job is ignored (and not added to the totals)."""
        if not records:
            return
        values = [_text(value) for record in records for value in _fields_of(record)]
        with write_transaction(self.db):
            inserted = self.db.conn.execute(_insert(len(records)), values).fetchall()
            if inserted:
                self.db.conn.execute(cost_totals_insert(len(inserted) * len(WIDTHS)), rollup_values(inserted))

    def rows(self, *, start: int | None = None, end: int | None = None) -> list[dict[str, Any]]:
        """Every line with `start <= created_at < end`, oldest first, money as Decimal."""
        sql, params = _between("select * from usage_costs", start, end)
        return [_decode(row) for row in all_rows(self.db, sql + " order by created_at, seq", params)]

    def totals(self, *, start: int, stop: int, bucket_width: int) -> list[dict[str, Any]]:
        """The lines with `start <= created_at < stop`, summed per rollup block (and raw at the range's edges):
        `created_at` is the block's start, so each row lies in one bucket of `bucket_width`; money as Decimal.
        The rows read grow with the range and the keys (caller, line item), never with the ledger."""
        rows: list[dict[str, Any]] = []
        for span in spans(start, stop, bucket_width):
            if span.width == LEDGER:
                sql = ("select created_at, owner, line_item, quantity_unit, coalesce(note, ''), quantity, amount, "
                       "1, created_at, seq from usage_costs where created_at >= ? and created_at < ?")
                params = [span.start, span.stop]
            else:
                sql = ("select start, owner, line_item, quantity_unit, note, quantity, amount, lines, first_at, "
                       "first_seq from usage_costs_rollup where width = ? and start >= ? and start < ?")
                params = [span.width, span.start, span.stop]
            rows += (_decode(dict(zip(TOTALS, row, strict=True))) for row in self.db.execute(sql, params))
        return rows

    def usage_totals(self, *, start: int, stop: int, bucket_width: int) -> list[dict[str, Any]]:
        """The `usage` ledger's calls with `start <= created_at < stop`, summed per rollup block (and raw at the
        range's edges), as `totals` does; `requests` counts the calls."""
        rows: list[dict[str, Any]] = []
        for span in spans(start, stop, bucket_width):
            if span.width == LEDGER:
                sql = (f"select {USAGE_COLUMNS}, 1 from usage where created_at >= ? and created_at < ?")
                params = [span.start, span.stop]
            else:
                sql = ("select start, owner, model, base_model, prompt_tokens, cached_tokens, completion_tokens, "
                       "requests from usage_rollup where width = ? and start >= ? and start < ?")
                params = [span.width, span.start, span.stop]
            rows += (dict(zip(USAGE_TOTALS, row, strict=True)) for row in self.db.execute(sql, params))
        return rows


def _between(sql: str, start: int | None, end: int | None) -> tuple[str, list[int]]:
    clauses, params = [], []
    if start is not None:
        clauses.append("created_at >= ?")
        params.append(start)
    if end is not None:
        clauses.append("created_at < ?")
        params.append(end)
    return (sql + (" where " + " and ".join(clauses) if clauses else ""), params)
