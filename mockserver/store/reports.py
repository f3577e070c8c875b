"""The reads of the Admin usage and costs reports: ledger totals per bucket, summed and grouped in SQL.

A time range is read from the ledgers' per-block totals (store/rollups.py) and, at its sub-minute edges, from
the ledger rows; SQLite then filters, groups per bucket (and per caller, line item or model when the report
groups by them) and sums, so Python sees one row per bucket and group. Money and quantities are summed
exactly, as integer parts (store/exact.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.store import exact
from mockserver.store.rollups import LEDGER, spans

# Every part of a union names its columns alike: SQLite takes the names of the first, which may be either.
COST_SUMS = [f"{column}_{part}" for column in ("quantity", "amount") for part in exact.PARTS]
COST_BLOCKS = (f"select start as at, owner, line_item, quantity_unit, note, {', '.join(COST_SUMS)}, first_at, "
               "first_seq from usage_costs_rollup where width = ? and start >= ? and start < ?")
COST_LINES = (
    "select created_at as at, owner, line_item, quantity_unit, coalesce(note, '') as note, "
    + ", ".join(f"exact_part({column}, {index}) as {column}_{part}" for column in ("quantity", "amount")
                for index, part in enumerate(exact.PARTS))
    + ", created_at as first_at, seq as first_seq from usage_costs where created_at >= ? and created_at < ?"
)
USAGE_BLOCKS = ("select start as at, owner, model, base_model, prompt_tokens, cached_tokens, completion_tokens, "
                "requests from usage_rollup where width = ? and start >= ? and start < ?")
USAGE_CALLS = ("select created_at as at, owner, model, base_model, prompt_tokens, cached_tokens, completion_tokens, "
               "1 as requests from usage where created_at >= ? and created_at < ?")
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


def _union(buckets: Buckets, blocks: str, rows: str) -> tuple[str, list[Any]]:
    parts, params = [], []
    for span in spans(buckets.start, buckets.stop, buckets.width):
        parts.append(rows if span.width == LEDGER else blocks)
        params += [span.start, span.stop] if span.width == LEDGER else [span.width, span.start, span.stop]
    return " union all ".join(parts), params


def _exact_sums(column: str) -> str:
    """The sums of a decimal's exact parts (store/exact.py): integers summed by SQLite, rests joined."""
    return ", ".join(f"group_concat({column}_{part}, ' ')" if part == "rest" else f"sum({column}_{part})"
                     for part in exact.PARTS)


def _within(column: str, values: Collection[str] | None, where: list[str], params: list[Any]) -> None:
    if values is not None:
        where.append(f"{column} in ({', '.join('?' * len(values))})")
        params += values


class ReportsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def cost_totals(
        self, buckets: Buckets, *, excluded_note: str, by_owner: bool, by_line_item: bool,
        owners: Collection[str] | None = None, line_items: Collection[str] | None = None,
    ) -> list[CostTotal]:
        """The cost lines in the buckets' range, but those with `excluded_note`, of `owners` and `line_items`
        (None: any), summed per bucket, and per owner and (line item, unit) when asked."""
        union, span_params = _union(buckets, COST_BLOCKS, COST_LINES)
        if not union:
            return []
        where, params = ["note != ?"], [excluded_note]
        _within("owner", owners, where, params)
        _within("line_item", line_items, where, params)
        keys = ["bucket", "owner" if by_owner else "null", *(["line_item", "quantity_unit"] if by_line_item
                                                               else ["null", "null"])]
        sums = _exact_sums("amount") + (f", {_exact_sums('quantity')}, min(printf('%020d %020d', first_at, first_seq))"
                                        if by_line_item else ", null, null, null, null, null")
        sql = (f"select {', '.join(keys)}, {sums} from (select (at - ?) / ? as bucket, * from ({union})) "
               f"where {' and '.join(where)} group by {', '.join(keys)}")
        rows = self.db.execute(sql, [buckets.first, buckets.width, *span_params, *params]).fetchall()
        totals = []
        for bucket, owner, item, unit, *sums, first in rows:
            quantity = exact.join(*sums[4:]) if by_line_item else None
            totals.append(CostTotal(bucket, owner, item, unit, exact.join(*sums[:4]), quantity, first))
        return totals

    def usage_totals(
        self, buckets: Buckets, *, by_owner: bool, by_model: bool, owners: Collection[str] | None = None,
        models: Collection[str] | None = None,
    ) -> list[UsageTotal]:
        """The calls in the buckets' range, of `owners` (None: any) and of `models` (matching the model shown or
        the one asked for), summed per bucket, and per owner and shown model when asked."""
        union, span_params = _union(buckets, USAGE_BLOCKS, USAGE_CALLS)
        if not union:
            return []
        where: list[str] = ["1"]
        params: list[Any] = []
        _within("owner", owners, where, params)
        if models is not None:
            marks = ", ".join("?" * len(models))
            where.append(f"(model in ({marks}) or {SHOWN_MODEL} in ({marks}))")
            params += [*models, *models]
        keys = ["bucket", "owner" if by_owner else "null", SHOWN_MODEL if by_model else "null"]
        sql = (f"select {', '.join(keys)}, sum(prompt_tokens), sum(cached_tokens), sum(completion_tokens), "
               f"sum(requests) from (select (at - ?) / ? as bucket, * from ({union})) where {' and '.join(where)} "
               f"group by {', '.join(keys)}")
        rows = self.db.execute(sql, [buckets.first, buckets.width, *span_params, *params]).fetchall()
        return [UsageTotal(*row) for row in rows]
