"""ASGI headers read and set as the raw `(name, value)` byte pairs they are, for the middleware every request
passes through: Starlette's `Headers`/`MutableHeaders` copy the list and scan it once per name looked up or set.

Names in an ASGI scope or message are lowercase (the ASGI spec; Starlette's own lookups rely on it too).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import Message


def first_values(raw: Iterable[tuple[bytes, bytes]], names: frozenset[bytes]) -> dict[bytes, str]:
    """The first value of each of `names` present (latin-1, as `Headers.get` gives it), in one pass."""
    found: dict[bytes, str] = {}
    for name, value in raw:
        if name in names and name not in found:
            found[name] = value.decode("latin-1")
    return found


def set_headers(message: Message, headers: dict[bytes, bytes]) -> None:
    """Set `headers` (lowercase names) on a response start as `MutableHeaders.__setitem__` would: appended in
    order, or, when the response already has one of them, replacing it in place."""
    raw = message.get("headers", [])
    if any(name in headers for name, _ in raw):
        mutable = MutableHeaders(scope=message)
        for name, value in headers.items():
            mutable[name.decode("latin-1")] = value.decode("latin-1")
        return
    message["headers"] = [*raw, *headers.items()]
