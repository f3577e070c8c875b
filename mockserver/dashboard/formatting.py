"""How the dashboard writes times, durations, money and sizes (Jinja filters)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def utc_time(timestamp: int | None) -> str:
    if timestamp is None:
        return "—"
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def duration(seconds: int | None) -> str:
    """`1h 02m`, `3m 05s`, `42s`."""
    if seconds is None or seconds < 0:
        return "—"
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


def money(amount: Decimal | float | str | None) -> str:
    """Dollars with cents, or every significant digit when the amount is under a cent (as `mockserver validate`)."""
    if amount is None:
        return "—"
    value = Decimal(str(amount))
    if value == 0 or abs(value) >= Decimal("0.01"):
        return f"${value:,.2f}"
    return f"${value.normalize():f}"


def size(n_bytes: int | None) -> str:
    if n_bytes is None:
        return "—"
    if n_bytes < 1024:
        return f"{n_bytes:,} B"
    value, unit = float(n_bytes) / 1024, "KB"
    for larger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    return f"{value:,.1f} {unit}"


FILTERS = {"utc_time": utc_time, "duration": duration, "money": money, "size": size}
