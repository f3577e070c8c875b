"""The cost ledger (`usage_costs`): one row per charge line, money as exact decimal text; and the reads the
Admin usage/costs reports make of it and of the `usage` ledger."""

from __future__ import annotations

import operator
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.store.sql import all_rows

DECIMAL_COLUMNS = ("quantity", "unit_price", "amount")
USAGE_COLUMNS = "owner, model, base_model, prompt_tokens, cached_tokens, completion_tokens, created_at"


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


INSERT = f"insert or ignore into usage_costs ({', '.join(COLUMNS)}) values ({', '.join('?' * len(COLUMNS))})"


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
        """A second training charge of a job is ignored."""
        self.db.conn.executemany(INSERT, [[_text(value) for value in _fields_of(record)] for record in records])

    def rows(self, *, start: int | None = None, end: int | None = None) -> list[dict[str, Any]]:
        """Every line with `start <= created_at < end`, oldest first, money as Decimal."""
        sql, params = _between("select * from usage_costs", start, end)
        return [_decode(row) for row in all_rows(self.db, sql + " order by created_at, seq", params)]

    def usage_rows(self, *, start: int | None = None, end: int | None = None) -> list[dict[str, Any]]:
        """The inference calls of the `usage` ledger with `start <= created_at < end`, oldest first."""
        sql, params = _between(f"select {USAGE_COLUMNS} from usage", start, end)
        return list(all_rows(self.db, sql + " order by created_at, seq", params))


def _between(sql: str, start: int | None, end: int | None) -> tuple[str, list[int]]:
    clauses, params = [], []
    if start is not None:
        clauses.append("created_at >= ?")
        params.append(start)
    if end is not None:
        clauses.append("created_at < ?")
        params.append(end)
    return (sql + (" where " + " and ".join(clauses) if clauses else ""), params)
