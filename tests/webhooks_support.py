"""Helpers for the webhook tests: a receiver on a free loopback port, and reading what it got."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import openai

from tests.jobs_support import SEED_FILE, SEED_MODEL, upload
from tests.live_server import LiveServer

SECRET = "whsec_" + "c2VjcmV0LWtleS1mb3ItbW9ja3NlcnZlci10ZXN0cw=="
FLUSH_SECONDS = 20.0  # a bound on waiting for the server's sender thread, generous on a busy machine


@dataclass
class Receiver:
    """A tiny webhook endpoint: records every POST as it arrives, then answers `status` (once `answering`)."""

    status: int = 200
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""
    arrived: threading.Condition = field(default_factory=threading.Condition)
    answering: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.answering.set()

    def hold(self) -> None:
        """From now on accept each request and never answer it, until `release()`."""
        self.answering.clear()

    def release(self) -> None:
        """Answer the requests held, and every later one at once."""
        self.answering.set()

    def wait_for(self, count: int, *, timeout: float) -> bool:
        """Block until `count` deliveries have arrived (True) or `timeout` seconds have passed (False)."""
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.received) >= count, timeout)


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    box = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            with box.arrived:
                box.received.append(({key.lower(): value for key, value in self.headers.items()}, body))
                box.arrived.notify_all()
            box.answering.wait()
            self.send_response(box.status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/openai"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield box
    finally:
        box.release()
        server.shutdown()
        server.server_close()


def flush(server: LiveServer, *, timeout: float = FLUSH_SECONDS) -> dict[str, Any]:
    """`POST /_mock/webhooks/flush`: returns once nothing is due or being sent (or after `timeout`)."""
    response = httpx.post(f"{server.base_url}/_mock/webhooks/flush", json={"timeout": timeout}, timeout=timeout + 30)
    assert response.status_code == 200, response.text
    flushed: dict[str, Any] = response.json()
    return flushed


def deliveries(server: LiveServer) -> list[dict[str, Any]]:
    """The delivery log, newest first."""
    return list(httpx.get(f"{server.base_url}/_mock/webhooks").json()["data"])


def new_job(sdk: openai.OpenAI, content: bytes | None = None, **create: Any) -> str:
    training_file = upload(sdk, SEED_FILE if content is None else content)
    return sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file, **create).id


def unwrap(receiver: Receiver, secret: str = SECRET) -> list[Any]:
    """The received events, each checked by the SDK's signature verification."""
    verifier = openai.OpenAI(api_key="unused", webhook_secret=secret)
    return [verifier.webhooks.unwrap(body, headers) for headers, body in receiver.received]
