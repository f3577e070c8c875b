"""Exact decimals in columns SQLite sums in C: a value is `hi` × 10⁻⁹ + `lo` × 10⁻¹⁸ + `rest`.

`hi` and `lo` are integers (a split value has 0 <= lo < 10⁹), so `sum(hi)` and `sum(lo)` are exact as long as
a total stays under 9.2 × 10⁹ (SQLite raises "integer overflow" past it, never rounds); `rest` holds the digits
past the 18th decimal place as decimal text, and is null for every amount a price table produces. SQLite's own
sum of decimal text goes through floats; summing Decimals in Python costs microseconds a row.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal

PLACES = 18
HI = 10**9  # lo's range: hi counts units of 10⁻⁹


def split(value: Decimal) -> tuple[int, int, str | None]:
    """(hi, lo, rest) of `value`, exactly."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int), "a finite value"
    coefficient = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    if exponent >= -PLACES:
        units, rest = coefficient * 10 ** (exponent + PLACES), None
    else:
        units, remainder = divmod(coefficient, 10 ** (-PLACES - exponent))
        rest = str(Decimal(remainder).scaleb(exponent)) if remainder else None
    hi, lo = divmod(units, HI)
    return hi, lo, rest


def join(hi: int, lo: int, rests: str | None) -> Decimal:
    """The value of summed parts; `rests` is the rests separated by spaces (`group_concat(rest, ' ')`), or None."""
    total = Decimal(hi).scaleb(-PLACES + 9) + Decimal(lo).scaleb(-PLACES)
    for rest in (rests or "").split():
        total += Decimal(rest)
    return total


def add_text(left: str, right: str) -> str:
    return str(Decimal(left) + Decimal(right))


def register(conn: sqlite3.Connection) -> None:
    """The SQL functions the store uses on decimal text: `exact_hi`, `exact_lo`, `exact_rest` (the parts of
    `split`) and `decimal_add` (the exact sum of two)."""
    conn.create_function("exact_hi", 1, lambda text: split(Decimal(text))[0], deterministic=True)
    conn.create_function("exact_lo", 1, lambda text: split(Decimal(text))[1], deterministic=True)
    conn.create_function("exact_rest", 1, lambda text: split(Decimal(text))[2], deterministic=True)
    conn.create_function("decimal_add", 2, add_text, deterministic=True)
