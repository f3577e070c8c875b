"""Helpers for the webhook tests: a receiver on a free loopback port, and reading what it got."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import openai

from tests.jobs_support import SEED_FILE, SEED_MODEL, upload

SECRET = "whsec_" + "c2VjcmV0LWtleS1mb3ItbW9ja3NlcnZlci10ZXN0cw=="


@dataclass
class Receiver:
    """A tiny webhook endpoint: records every POST, answers `status`."""

    status: int = 200
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""
    arrived: threading.Condition = field(default_factory=threading.Condition)

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
        server.shutdown()
        server.server_close()


def new_job(sdk: openai.OpenAI, content: bytes | None = None, **create: Any) -> str:
    training_file = upload(sdk, SEED_FILE if content is None else content)
    return sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file, **create).id


def unwrap(receiver: Receiver, secret: str = SECRET) -> list[Any]:
    """The received events, each checked by the SDK's signature verification."""
    verifier = openai.OpenAI(api_key="unused", webhook_secret=secret)
    return [verifier.webhooks.unwrap(body, headers) for headers, body in receiver.received]
