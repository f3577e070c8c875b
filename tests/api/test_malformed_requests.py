"""Requests uvicorn's HTTP parser sees before the app: a large head reaches the app (and its error envelope);
what the README lists as uvicorn's own plain-text 400 stays exactly that (a raw socket sends what clients won't)."""

from __future__ import annotations

import json

import pytest

from mockserver.server.serving import MAX_REQUEST_HEAD_BYTES
from tests.live_server import LiveServer
from tests.raw_http import exchange, status_headers_body

UVICORN_400 = (400, "text/plain; charset=utf-8", b"Invalid HTTP request received.")


def request_with_header(size: int) -> tuple[bytes, bytes]:
    """`GET /v1/models` without an API key, carrying a header of `size` bytes: the head without its end, then
    its end (h11 limits what has arrived of a head while its end has not)."""
    head = b"GET /v1/models HTTP/1.1\r\nHost: mock\r\nConnection: close\r\nX-Large: " + b"a" * size
    return head, b"\r\n\r\n"


def test_a_20_kb_header_reaches_the_app_and_gets_the_envelope(live_server: LiveServer) -> None:
    """h11's default (16 KiB) would refuse it with the plain-text 400."""
    status, headers, body = status_headers_body(exchange(live_server.base_url, *request_with_header(20_000)))

    assert (status, headers["content-type"]) == (401, "application/json")
    assert set(json.loads(body)["error"]) == {"message", "type", "param", "code"}


def test_a_head_well_over_the_limit_gets_uvicorns_plain_400(live_server: LiveServer) -> None:
    """h11 counts what has arrived without the head's end, read by read: twice the limit is surely over it."""
    status, headers, body = status_headers_body(
        exchange(live_server.base_url, *request_with_header(2 * MAX_REQUEST_HEAD_BYTES)))

    assert (status, headers["content-type"], body) == UVICORN_400


@pytest.mark.parametrize(
    "raw",
    [
        b"GET /v1/mo\x00dels HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n",
        b"POST /v1/files HTTP/1.1\r\nHost: mock\r\nContent-Length: -1\r\nConnection: close\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nConnection: close\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nHost: mock\r\nBad Name: 1\r\nConnection: close\r\n\r\n",
        b"POST /v1/files HTTP/1.1\r\nHost: mock\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n",
    ],
    ids=["nul-in-request-line", "negative-content-length", "http11-without-host", "space-in-header-name",
         "transfer-encoding-not-chunked"],
)
def test_requests_the_parser_refuses_get_uvicorns_plain_400(live_server: LiveServer, raw: bytes) -> None:
    status, headers, body = status_headers_body(exchange(live_server.base_url, raw))

    assert (status, headers["content-type"], body) == UVICORN_400
