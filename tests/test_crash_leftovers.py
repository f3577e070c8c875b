"""A server killed (-9) in the middle of uploads leaves half-written temporary files; the next start removes them."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tests.server_process import server_process
from tests.support import wait_until

BOUNDARY = "crash-test-boundary"
SPOOLED = 256 * 1024  # bytes of each file part sent before the kill; as much again is promised


def start_upload(base_url: str, path: str, field: str) -> socket.socket:
    """Send the head of a multipart upload and leave it hanging, as a client cut off by the crash would."""
    head = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="a.jsonl"\r\n\r\n').encode()
    head += b"x" * SPOOLED
    address = urlsplit(base_url)
    connection = socket.create_connection((address.hostname, address.port))
    connection.sendall(
        f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\nAuthorization: Bearer sk-test\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {len(head) + SPOOLED}\r\n\r\n"
        .encode() + head)
    return connection


def spooled_bytes(staging: Path) -> int:
    return sum(path.stat().st_size for path in staging.iterdir() if path.is_file())


def test_restart_after_kill_removes_half_written_uploads(tmp_path: Path) -> None:
    staging = tmp_path / "data" / "files" / ".tmp"
    with server_process(tmp_path) as (base_url, process):
        upload = httpx.post(f"{base_url}/v1/uploads", headers={"Authorization": "Bearer sk-test"}, json={
            "bytes": 3, "filename": "a.jsonl", "mime_type": "text/jsonl", "purpose": "fine-tune"}).json()["id"]
        connections = [start_upload(base_url, "/v1/files", "file"),
                       start_upload(base_url, f"/v1/uploads/{upload}/parts", "data")]
        assert wait_until(lambda: spooled_bytes(staging) >= 2 * SPOOLED, timeout=30)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    for connection in connections:
        connection.close()

    with server_process(tmp_path) as (base_url, _):
        assert httpx.get(f"{base_url}/health").status_code == 200
        assert list(staging.iterdir()) == []
