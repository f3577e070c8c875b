"""Exact decimals in columns SQLite sums in C: a value is `units` + `nanos` × 10⁻⁹ + `attos` × 10⁻¹⁸ + `rest`.

`units`, `nanos` and `attos` are integers (a split value has 0 <= nanos, attos < 10⁹), so SQLite's `sum()` of
each is exact until a total passes 9.2 × 10¹⁸ (it then raises "integer overflow", never rounds); `rest` holds
the digits past the 18th decimal place as decimal text, and is null for every amount a price table produces.
SQLite's own sum of decimal text goes through floats; summing Decimals in Python costs microseconds a row.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from decimal import Context, Decimal, localcontext

PLACES = 18
NANO = 10**9
PARTS = ("units", "nanos", "attos", "rest")
PRECISION = 80  # significant digits of a sum: far more than any total has, so sums are never rounded
EXACT = Context(prec=PRECISION)


def precise() -> AbstractContextManager[Context]:
    """A decimal context in which sums keep every digit (the default one rounds to 28)."""
    return localcontext(prec=PRECISION)


def split(value: Decimal) -> tuple[int, int, int, str | None]:
    """(units, nanos, attos, rest) of `value`, exactly."""
    scaled = value.scaleb(PLACES, context=EXACT)  # a new exponent, the same digits
    attos = int(scaled)  # towards zero
    rest = None
    if scaled != attos:  # digits past the 18th place: keep them, and floor `attos` so that rest > 0
        attos -= scaled < 0
        rest = str(EXACT.subtract(value, Decimal(attos).scaleb(-PLACES, context=EXACT)))
    units, fraction = divmod(attos, NANO * NANO)
    nanos, attos = divmod(fraction, NANO)
    return units, nanos, attos, rest


def join(units: int, nanos: int, attos: int, rests: str | None) -> Decimal:
    """The value of summed parts; `rests` is the rests separated by spaces (`group_concat(rest, ' ')`), or None."""
    with precise():
        total = Decimal(units) + Decimal(nanos).scaleb(-9) + Decimal(attos).scaleb(-PLACES)
        for rest in (rests or "").split():
            total += Decimal(rest)
    return total


def add_text(left: str, right: str) -> str:
    with precise():
        return str(Decimal(left) + Decimal(right))


def register(conn: sqlite3.Connection) -> None:
    """The SQL functions the store uses on decimal text: `exact_part(text, i)`, the i-th part of `split`, and
    `decimal_add(a, b)`, the exact sum of two."""
    conn.create_function("exact_part", 2, lambda text, index: split(Decimal(text))[index], deterministic=True)
    conn.create_function("decimal_add", 2, add_text, deterministic=True)
