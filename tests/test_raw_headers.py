"""The middleware's raw-header helpers give what Starlette's `Headers.get` and `MutableHeaders.__setitem__` give."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.datastructures import Headers, MutableHeaders

from mockserver.web.raw_headers import first_values, set_headers

RAW = [(b"host", b"x"), (b"content-type", b"application/json"), (b"authorization", b"Bearer sk-1"),
       (b"content-type", b"text/plain"), (b"x-caf\xe9", b"\xe9t\xe9")]
NAMES = frozenset({b"content-type", b"authorization", b"x-caf\xe9", b"x-missing"})


def test_first_values_are_headers_get() -> None:
    expected = {name: Headers(raw=RAW).get(name.decode("latin-1")) for name in NAMES}

    assert first_values(RAW, NAMES) == {name: value for name, value in expected.items() if value is not None}


OWN = {b"x-request-id": b"req_1", b"openai-version": b"2020-10-01", b"openai-processing-ms": b"3"}


@pytest.mark.parametrize("raw", [
    [],
    [(b"content-type", b"application/json"), (b"content-length", b"2")],
    [(b"openai-processing-ms", b"9"), (b"content-length", b"2")],  # one of ours already there: replaced in place
    [(b"x-request-id", b"a"), (b"content-length", b"2"), (b"x-request-id", b"b")],  # duplicates go
])
def test_set_headers_is_mutable_headers_setitem(raw: list[tuple[bytes, bytes]]) -> None:
    ours: dict[str, Any] = {"type": "http.response.start", "status": 200, "headers": list(raw)}
    starlettes: dict[str, Any] = {"type": "http.response.start", "status": 200, "headers": list(raw)}
    mutable = MutableHeaders(scope=starlettes)
    for name, value in OWN.items():
        mutable[name.decode()] = value.decode()

    set_headers(ours, OWN)

    assert ours["headers"] == starlettes["headers"]
