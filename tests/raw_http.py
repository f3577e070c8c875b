"""Bytes on a socket, for requests no HTTP client would send (malformed ones, oversized heads)."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

READ_LIMIT = 64 * 1024


def exchange(base_url: str, *parts: bytes, pause: float = 0.2, timeout: float = 10) -> bytes:
    """Send the parts (pausing between them, so the server reads them apart) and read the answer until the server
    closes the connection (send `Connection: close`)."""
    address = urlsplit(base_url)
    with socket.create_connection((address.hostname, address.port), timeout=timeout) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            for index, part in enumerate(parts):
                if index:
                    time.sleep(pause)
                sock.sendall(part)
        except ConnectionError:
            pass  # the server may answer and close before it has read everything
        answer = b""
        while len(answer) < READ_LIMIT:
            try:
                chunk = sock.recv(READ_LIMIT)
            except ConnectionError:
                break
            if not chunk:
                break
            answer += chunk
    return answer


def status_headers_body(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body
