"""The reads of the Admin usage and costs reports: ledger totals per bucket, summed and grouped in SQL.

A time range is read from the ledgers' per-block totals (store/rollups.py) and, at its sub-minute edges, from
the ledger rows: one statement per span of blocks, in which SQLite filters, groups per bucket (and per caller,
line item or model when the report groups by them) and sums; Python then adds up the few rows the spans give.
Money and quantities are summed exactly, as integer parts (store/exact.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.store import exact
from mockserver.store.rollups import LEDGER, Span, spans


@dataclass(frozen=True)
class Source:
    """Where a span's rows come from, and the expressions that read them alike."""

    table: str
    at: str
    range: str  # the condition on the span, with its parameters in `range_params`
    columns: dict[str, str]

    def range_params(self, span: Span) -> list[int]:
        return [span.start, span.stop] if span.width == LEDGER else [span.width, span.start, span.stop]


def _ledger_parts(column: str) -> dict[str, str]:
    return {f"{column}_{part}": f"exact_part({column}, {index})" for index, part in enumerate(exact.PARTS)}


def _block_parts(column: str) -> dict[str, str]:
    return {f"{column}_{part}": f"{column}_{part}" for part in exact.PARTS}


COST_SOURCES = {
    "blocks": Source("usage_costs_rollup", "start", "width = ? and start >= ? and start < ?", {
        "note": "note", "first": "printf('%020d %020d', first_at, first_seq)", "lines": "lines",
        **_block_parts("amount"), **_block_parts("quantity")}),
    "ledger": Source("usage_costs", "created_at", "created_at >= ? and created_at < ?", {
        "note": "coalesce(note, '')", "first": "printf('%020d %020d', created_at, seq)", "lines": "1",
        **_ledger_parts("amount"), **_ledger_parts("quantity")}),
}
USAGE_COUNTS = ("prompt_tokens", "cached_tokens", "completion_tokens")
USAGE_SOURCES = {
    "blocks": Source("usage_rollup", "start", "width = ? and start >= ? and start < ?",
                     {**{name: name for name in USAGE_COUNTS}, "requests": "requests"}),
    "ledger": Source("usage", "created_at", "created_at >= ? and created_at < ?",
                     {**{name: name for name in USAGE_COUNTS}, "requests": "1"}),
}
# The model a usage row shows: a fine-tuned id as asked, else the snapshot that answered.
SHOWN_MODEL = "case when substr(model, 1, 3) = 'ft:' then model else base_model end"


@dataclass(frozen=True)
class CostTotal:
    """Priced lines of one bucket (and caller, and line item with its unit, when asked to group by them)."""

    bucket: int  # the bucket's index in the page
    owner: str | None
    line_item: str | None
    quantity_unit: str | None
    amount: Decimal
    quantity: Decimal | None  # with line items only
    first: str | None  # with line items only: sorts like (created_at, seq) of the earliest line


@dataclass(frozen=True)
class UsageTotal:
    """Calls of one bucket (and caller, and shown model, when asked to group by them)."""

    bucket: int
    owner: str | None
    model: str | None
    batch: int | None  # 1 for a batch's requests, 0 for the others, with `by_batch` only
    prompt_tokens: int
    cached_tokens: int
    completion_tokens: int
    requests: int


@dataclass(frozen=True)
class Buckets:
    """The page's buckets: `first` is the first one's start; rows are read from [start, stop)."""

    first: int
    width: int
    start: int
    stop: int


def _within(column: str, values: Collection[str] | None, where: list[str], params: list[Any]) -> None:
    if values is not None:
        where.append(f"{column} in ({', '.join('?' * len(values))})")
        params += values


def _exact_sums(source: Source, column: str) -> list[str]:
    """The sums of a decimal's exact parts: the integers summed by SQLite, the rests joined."""
    return [f"group_concat({source.columns[f'{column}_{part}']}, ' ')" if part == "rest"
            else f"sum({source.columns[f'{column}_{part}']})" for part in exact.PARTS]


def _add_parts(total: list[Any], parts: tuple[Any, ...]) -> None:
    """Add (units, nanos, attos, rests) to a running total of the same shape."""
    for index in range(3):
        total[index] += parts[index]
    if parts[3]:
        total[3] = f"{total[3] or ''} {parts[3]}"


class ReportsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def cost_totals(
        self, buckets: Buckets, *, excluded_note: str, by_owner: bool, by_line_item: bool,
        owners: Collection[str] | None = None, line_items: Collection[str] | None = None,
    ) -> list[CostTotal]:
        """The cost lines in the buckets' range, but those with `excluded_note`, of `owners` and `line_items`
        (None: any), summed per bucket, and per owner and (line item, unit) when asked."""
        keys = ["owner" if by_owner else "null", *(["line_item", "quantity_unit"] if by_line_item else ["null"] * 2)]
        totals: dict[tuple[Any, ...], list[Any]] = {}
        for key, amount, quantity, first in self._cost_rows(buckets, keys, excluded_note, by_line_item, owners,
                                                            line_items):
            total = totals.setdefault(key, [[0, 0, 0, None], [0, 0, 0, None], first])
            _add_parts(total[0], amount)
            if by_line_item:
                _add_parts(total[1], quantity)
                total[2] = min(total[2], first)
        return [CostTotal(bucket=bucket, owner=owner, line_item=item, quantity_unit=unit, amount=exact.join(*amount),
                          quantity=exact.join(*quantity) if by_line_item else None, first=first)
                for (bucket, owner, item, unit), (amount, quantity, first) in totals.items()]

    def _cost_rows(
        self, buckets: Buckets, keys: list[str], excluded_note: str, by_line_item: bool,
        owners: Collection[str] | None, line_items: Collection[str] | None,
    ) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...], str | None]]:
        """(bucket and keys, amount parts, quantity parts, first) per span, bucket and key."""
        where, params = ["{note} != ?"], [excluded_note]
        _within("owner", owners, where, params)
        _within("line_item", line_items, where, params)
        with self._snapshot():  # the emptiness `_widened` relies on holds for the reads
            for span, source in self._spans(self._widened(buckets, "usage_costs"), COST_SOURCES):
                sums = _exact_sums(source, "amount") + (
                    [*_exact_sums(source, "quantity"), f"min({source.columns['first']})"] if by_line_item
                    else ["null"] * 5)
                conditions = " and ".join([source.range, *where]).replace("{note}", source.columns["note"])
                sql = (f"select ({source.at} - ?) / ? as bucket, {', '.join(keys)}, {', '.join(sums)} "
                       f"from {source.table} where {conditions} group by bucket, {', '.join(keys)}")
                for row in self.db.execute(sql, [buckets.first, buckets.width, *source.range_params(span), *params]):
                    yield tuple(row[:4]), tuple(row[4:8]), tuple(row[8:12]), row[12]

    def usage_totals(
        self, buckets: Buckets, *, by_owner: bool, by_model: bool, owners: Collection[str] | None = None,
        models: Collection[str] | None = None, by_batch: bool = False, batch: bool | None = None,
    ) -> list[UsageTotal]:
        """The calls in the buckets' range, of `owners` (None: any), of `models` (matching the model shown or
        the one asked for) and batch or not (None: both), summed per bucket, and per owner, shown model and
        batch flag when asked."""
        keys = ["owner" if by_owner else "null", SHOWN_MODEL if by_model else "null", "batch" if by_batch else "null"]
        where: list[str] = []
        params: list[Any] = []
        _within("owner", owners, where, params)
        if batch is not None:
            where.append("batch = ?")
            params.append(int(batch))
        if models is not None:
            marks = ", ".join("?" * len(models))
            where.append(f"(model in ({marks}) or {SHOWN_MODEL} in ({marks}))")
            params += [*models, *models]
        totals: dict[tuple[Any, ...], list[int]] = {}
        with self._snapshot():
            for span, source in self._spans(self._widened(buckets, "usage"), USAGE_SOURCES):
                counts = ", ".join(f"sum({source.columns[name]})" for name in (*USAGE_COUNTS, "requests"))
                sql = (f"select ({source.at} - ?) / ? as bucket, {', '.join(keys)}, {counts} from {source.table} "
                       f"where {' and '.join([source.range, *where])} group by bucket, {', '.join(keys)}")
                for row in self.db.execute(sql, [buckets.first, buckets.width, *source.range_params(span), *params]):
                    total = totals.setdefault(tuple(row[:4]), [0, 0, 0, 0])
                    for index, count in enumerate(row[4:]):
                        total[index] += count
        return [UsageTotal(*key, *counts) for key, counts in totals.items()]

    @staticmethod
    def _spans(buckets: Buckets, sources: dict[str, Source]) -> Iterator[tuple[Span, Source]]:
        for span in spans(buckets.start, buckets.stop, buckets.width):
            yield span, sources["ledger" if span.width == LEDGER else "blocks"]

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction: every statement inside sees the same state of the ledgers."""
        if self.db.conn.in_transaction:
            yield
            return
        self.db.conn.execute("begin")
        try:
            yield
        finally:
            self.db.conn.execute("commit")

    def _widened(self, buckets: Buckets, ledger: str) -> Buckets:
        """The range grown to its first bucket's start and its last bucket's end where the ledger has no row in
        the part added (as after `now`, where a range usually ends): the same rows, read as fewer, wider blocks."""
        first_start = buckets.start - (buckets.start - buckets.first) % buckets.width
        last_end = buckets.stop + (-(buckets.stop - buckets.first)) % buckets.width
        start = first_start if self._empty(ledger, first_start, buckets.start) else buckets.start
        stop = last_end if self._empty(ledger, buckets.stop, last_end) else buckets.stop
        return Buckets(first=buckets.first, width=buckets.width, start=start, stop=stop)

    def _empty(self, ledger: str, start: int, stop: int) -> bool:
        if start >= stop:
            return True
        query = f"select 1 from {ledger} where created_at >= ? and created_at < ? limit 1"
        return self.db.execute(query, [start, stop]).fetchone() is None
