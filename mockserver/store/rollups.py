"""Ledger totals kept per day, hour and minute, so a report reads a few rows per bucket, not every ledger row.

Each ledger row is added, when written, to the block of each width that holds its `created_at` (blocks are
aligned to the Unix epoch, as report buckets are). A time range [start, stop) is then read as whole blocks, the
widest that fit, and the seconds left at its edges (less than a minute each side) as ledger rows: the totals are
exactly those of the rows inside the range. A block never straddles a bucket: bucket widths are multiples of
every narrower block width, and the range is split with those only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from mockserver.store import exact
from mockserver.store.sql import values_rows

WIDTHS = (86_400, 3_600, 60)  # day, hour, minute; widest first
LEDGER = 0  # the width of a span read from the ledger rows themselves


# The cost ledger's totals (`usage_costs_rollup`): per block and key, the quantity and amount as exact parts
# (store/exact.py), the lines, and the earliest line by (created_at, seq), whose unit the report shows when it
# groups by line item.
COST_TOTALS_KEY = ("width", "start", "owner", "line_item", "quantity_unit", "note")
EXACT_SUMS = tuple(f"{column}_{part}" for column in ("quantity", "amount") for part in exact.PARTS)
COST_TOTALS_COLUMNS = (*COST_TOTALS_KEY, *EXACT_SUMS, "lines", "first_at", "first_seq")


def _add(column: str) -> str:
    if column.endswith("_rest"):  # null but for digits past the 18th decimal place
        return (f"{column} = case when excluded.{column} is null then {column} when {column} is null then "
                f"excluded.{column} else decimal_add({column}, excluded.{column}) end")
    return f"{column} = {column} + excluded.{column}"


COST_TOTALS_UPSERT = (
    f" on conflict ({', '.join(COST_TOTALS_KEY)}) do update set "
    + ", ".join(_add(column) for column in (*EXACT_SUMS, "lines"))
    + ", first_seq = case when (excluded.first_at, excluded.first_seq) < (first_at, first_seq) "
    "then excluded.first_seq else first_seq end, first_at = min(first_at, excluded.first_at)"
)


@functools.cache
def cost_totals_insert(rows: int) -> str:
    """Add that many rows (per block and key: COST_TOTALS_COLUMNS) to the cost ledger's totals."""
    values = values_rows(len(COST_TOTALS_COLUMNS), rows)
    return f"insert into usage_costs_rollup ({', '.join(COST_TOTALS_COLUMNS)}) values {values}" + COST_TOTALS_UPSERT


@dataclass(frozen=True)
class Span:
    """[start, stop) read from the blocks of `width` (LEDGER: from the ledger rows)."""

    width: int
    start: int
    stop: int


def spans(start: int, stop: int, bucket_width: int) -> list[Span]:
    """[start, stop) as whole blocks no wider than a bucket, widest first, and ledger rows at its edges."""
    return _cover(start, stop, [width for width in WIDTHS if width <= bucket_width and bucket_width % width == 0])


def _cover(start: int, stop: int, widths: list[int]) -> list[Span]:
    if start >= stop:
        return []
    if not widths:
        return [Span(LEDGER, start, stop)]
    width, narrower = widths[0], widths[1:]
    inner_start, inner_stop = -(-start // width) * width, stop // width * width
    if inner_start >= inner_stop:
        return _cover(start, stop, narrower)
    return [*_cover(start, inner_start, narrower), Span(width, inner_start, inner_stop),
            *_cover(inner_stop, stop, narrower)]


def blocks_of(created_at: int) -> list[tuple[int, int]]:
    """(width, block start) of every block a row written at `created_at` is added to."""
    return [(width, created_at - created_at % width) for width in WIDTHS]


Totals = dict[tuple[Any, ...], list[Any]]


def summed(entries: Iterable[tuple[tuple[Any, ...], list[Any]]], add: Callable[[list[Any], list[Any]], None]) -> Totals:
    """The entries' values added up per key (`add(total, values)` adds values to a total in place)."""
    totals: Totals = {}
    for key, values in entries:
        total = totals.get(key)
        if total is None:
            totals[key] = list(values)
        else:
            add(total, values)
    return totals


def per_block(by_second: Totals) -> Iterator[tuple[tuple[Any, ...], list[Any]]]:
    """Totals kept per (created_at, *key), each as the (width, start, *key) of every block that holds its second:
    a batch written behind requests holds many rows of the same second, added up once before the blocks."""
    for (created_at, *key), values in by_second.items():
        for width, start in blocks_of(created_at):
            yield (width, start, *key), values
