"""The cost ledger (`usage_costs`): one row per charge line, money as exact decimal text, with its totals per
day, hour and minute (`usage_costs_rollup`, store/rollups.py) that the costs report reads (store/reports.py)."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.core.records import record
from mockserver.store import exact
from mockserver.store.database import within_transaction
from mockserver.store.rollups import COST_TOTALS_COLUMNS, WIDTHS, cost_totals_insert, per_block, summed
from mockserver.store.sql import INSERT_CHUNK, all_rows, values_rows

DECIMAL_COLUMNS = ("quantity", "unit_price", "amount")
MAX_SEQ = 2**63 - 1  # SQLite's largest rowid: past it, new rows get free rowids at random


@record  # frozen for mypy; plain at runtime, where it is made on every request (core/records.py)
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
_DECIMAL_POSITIONS = tuple(COLUMNS.index(column) for column in DECIMAL_COLUMNS)



@functools.cache
def _insert(rows: int, returning: str | None = None) -> str:
    """The insert statement for that many lines (an inference call has two or three), returning `returning` of
    the lines inserted (not of a training line ignored as a second charge), when given."""
    return (f"insert or ignore into usage_costs ({', '.join(COLUMNS)}) values {values_rows(len(COLUMNS), rows)}"
            + (f" returning {returning}" if returning else ""))


# What the totals need of a line (rollup_values), as the insert returns it when a line may be ignored.
INSERTED_LINE = "created_at, seq, owner, line_item, quantity_unit, note, quantity, amount"


def rollup_values(inserted: list[tuple[Any, ...]]) -> list[Any]:
    """The rollup rows' values (flat) of ledger lines (created_at, seq, owner, line_item, unit, note, quantity,
    amount; the last two as Decimal or decimal text): one row per block and key, the lines that share one added
    up here (exact decimals), so SQLite runs one upsert per row, not one per line and block; each sum is split
    into its exact parts once per row."""
    by_second = summed((((created_at, owner, line_item, unit, note or ""),
                         [Decimal(quantity), Decimal(amount), 1, created_at, seq])
                        for created_at, seq, owner, line_item, unit, note, quantity, amount in inserted), _add_lines)
    by_block = summed(per_block(by_second), _add_lines)
    return [value for key, (quantity, amount, lines, first_at, first_seq) in by_block.items()
            for value in (*key, *exact.split(quantity), *exact.split(amount), lines, first_at, first_seq)]


def _add_lines(total: list[Any], more: list[Any]) -> None:
    """Add lines (quantity, amount, lines, first_at, first_seq) to a total of the same layout, as the upsert does."""
    total[0] = exact.EXACT.add(total[0], more[0])
    total[1] = exact.EXACT.add(total[1], more[1])
    total[2] += more[2]
    if (more[3], more[4]) < (total[3], total[4]):
        total[3], total[4] = more[3], more[4]


@dataclass(frozen=True)
class CostLines:
    """Lines as `CostsRepo.append_lines` writes them, made ready where they were taken (the event loop's thread,
    for a server): their values as stored (flat, COLUMNS per line) and, when none can be ignored (no training
    charge among them: what requests write), their totals with each line's seq counted from 0; the writer then
    only shifts those by the seq of the first line inserted."""

    records: list[CostRecord]
    values: list[object]
    totals: list[Any] | None

    @classmethod
    def of(cls, records: list[CostRecord]) -> CostLines:
        values = [value for record in records for value in record_values(record)]
        if any(record.kind == "training" for record in records):
            return cls(records, values, None)
        return cls(records, values, rollup_values([_line(record, seq) for seq, record in enumerate(records)]))

    def chunks(self) -> Iterator[tuple[int, list[object]]]:
        """(lines, their values) of at most INSERT_CHUNK lines at a time."""
        width, total = len(COLUMNS), len(self.records)
        for first in range(0, total, INSERT_CHUNK):
            count = min(INSERT_CHUNK, total - first)
            yield count, self.values[first * width:(first + count) * width]


def _line(record: CostRecord, seq: int) -> tuple[Any, ...]:
    """What the totals need of a line (INSERTED_LINE)."""
    return (record.created_at, seq, record.owner, record.line_item, record.quantity_unit, record.note,
            record.quantity, record.amount)


def _first_seq_from(totals: list[Any], start: int) -> list[Any]:
    """Totals made with seqs counted from 0, for lines inserted from seq `start` on."""
    shifted = list(totals)
    row = len(COST_TOTALS_COLUMNS)
    for position in range(COST_TOTALS_COLUMNS.index("first_seq"), len(shifted), row):
        shifted[position] += start
    return shifted


def record_values(record: CostRecord) -> list[object]:
    """The line's values in COLUMNS order, as stored: Decimals as their exact text (str keeps every digit;
    SQLite's TEXT affinity keeps the string)."""
    values: list[object] = [*_fields_of(record)]
    for position in _DECIMAL_POSITIONS:
        if values[position] is not None:
            values[position] = str(values[position])
    return values


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for column in DECIMAL_COLUMNS:
        if row.get(column) is not None:
            row[column] = Decimal(row[column])
    return row


class CostsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, records: list[CostRecord]) -> None:
        """The lines (a batch written behind requests may hold many) and their totals, in one transaction, in
        statements of at most INSERT_CHUNK lines (SQLite caps a statement's variables). A second training charge
        of a job is ignored (and not added to the totals)."""
        self.append_lines(CostLines.of(records))

    def append_lines(self, lines: CostLines) -> None:
        """`append` of the lines `lines` holds."""
        with within_transaction(self.db):
            totals = self._insert(lines)
            row = len(COST_TOTALS_COLUMNS)
            step = INSERT_CHUNK * len(WIDTHS) * row  # as many variables as a chunk of lines had before
            for first in range(0, len(totals), step):
                chunk_values = totals[first:first + step]
                self.db.conn.execute(cost_totals_insert(len(chunk_values) // row), chunk_values)

    def _insert(self, lines: CostLines) -> list[Any]:
        """Insert the lines; the totals to add (`rollup_values`) of those inserted."""
        if lines.totals is None:  # a line may be ignored: the totals are those of what was inserted
            return self._insert_returning_lines(lines)
        # Not `returning seq`: each row returned is a step of its own, and Python's sqlite3 lets the GIL go and
        # takes it back at every step (a writer thread then took the GIL from the event loop twice a request;
        # written on the loop, each step is still a call of its own). The seqs are known instead: the next seq,
        # read under the write lock, then each insert's count and last seq checked.
        start = self._next_seq()
        if start is None or start + len(lines.records) - 1 > MAX_SEQ:  # SQLite would pick free seqs at random
            return self._insert_returning_lines(lines)
        as_counted, next_seq = True, start
        for count, values in lines.chunks():
            cursor = self.db.conn.execute(_insert(count), values)
            as_counted = as_counted and cursor.rowcount == count and cursor.lastrowid == next_seq + count - 1
            next_seq += count
        if as_counted:
            return _first_seq_from(lines.totals, start)
        return rollup_values(self._lines_from(start))  # not every line inserted: the totals of those that were

    def _insert_returning_lines(self, lines: CostLines) -> list[Any]:
        """Insert the lines, each returning what the totals need (a step a line); the totals of those inserted."""
        inserted: list[tuple[Any, ...]] = []
        for count, values in lines.chunks():
            inserted += self.db.conn.execute(_insert(count, INSERTED_LINE), values).fetchall()
        return rollup_values(inserted)

    def _next_seq(self) -> int | None:
        """The seq SQLite gives the next line: the largest + 1 (the write lock held, no one else inserts); None
        past the largest seq it can give."""
        (largest,) = self.db.conn.execute("select max(seq) from usage_costs").fetchone()
        if largest is None:
            return 1
        return None if largest >= MAX_SEQ else int(largest) + 1

    def _lines_from(self, start: int) -> list[tuple[Any, ...]]:
        """What the totals need (INSERTED_LINE) of the lines from seq `start` on, in seq order."""
        return self.db.conn.execute(f"select {INSERTED_LINE} from usage_costs where seq >= ? order by seq",
                                    [start]).fetchall()

    def rows(self, *, start: int | None = None, end: int | None = None) -> list[dict[str, Any]]:
        """Every line with `start <= created_at < end`, oldest first, money as Decimal."""
        sql, params = _between("select * from usage_costs", start, end)
        return [_decode(row) for row in all_rows(self.db, sql + " order by created_at, seq", params)]

    def training_amounts(self, job_ids: list[str]) -> dict[str, Decimal]:
        """The training charge of each of these jobs that has one (by the partial index on job_id)."""
        if not job_ids:
            return {}
        marks = ", ".join("?" * len(job_ids))
        sql = f"select job_id, amount from usage_costs where kind = 'training' and job_id in ({marks})"
        return {row["job_id"]: Decimal(row["amount"]) for row in all_rows(self.db, sql, job_ids)}


def _between(sql: str, start: int | None, end: int | None) -> tuple[str, list[int]]:
    clauses, params = [], []
    if start is not None:
        clauses.append("created_at >= ?")
        params.append(start)
    if end is not None:
        clauses.append("created_at < ?")
        params.append(end)
    return (sql + (" where " + " and ".join(clauses) if clauses else ""), params)
