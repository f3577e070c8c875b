"""A live mockserver in a background thread, for tests: what the pytest plugin's `mockserver` fixture yields.

The server runs uvicorn on a free loopback port with its own data dir and an in-process manual clock, so
`reset()` can bring it back to a fresh state (objects, faults, journal, seeded ids and the start time). Its
control plane always needs an admin key of its own (`admin_key`, `admin_headers`), which the helpers send.
The OpenAI SDK is a test extra: it is imported only when a client is asked for.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_START_TIME = 1_767_225_600  # 2026-01-01T00:00:00Z
DEFAULT_API_KEY = "sk-mockserver-test"
TERMINAL_STATUSES = ("succeeded", "failed", "cancelled")
MAX_JOB_SECONDS = 30 * 24 * 3600
FAST_RETRY = {"retry-after-ms": "1"}  # the SDK waits this long before retrying (it ignores 0)
FLUSH_SECONDS = 10.0  # how long `advance` waits at most for the webhook deliveries it made due


class MockServerError(RuntimeError):
    """A control or API call of the handle answered with an error status."""

    def __init__(self, method: str, path: str, status: int, body: Any) -> None:
        super().__init__(f"{method} {path} answered {status}: {body}")
        self.status = status
        self.body = body


@dataclass(frozen=True)
class ServerOptions:
    """What the `mockserver` marker (or the fixture's parameter) can set."""

    seed: int | None = 0
    speed: float = 1.0
    start_time: int = DEFAULT_START_TIME
    api_keys: tuple[str, ...] = ()
    webhook_url: str | None = None
    webhook_secret: str | None = None
    rpm: int | None = None
    tpm: int | None = None

    @classmethod
    def of(cls, **values: Any) -> ServerOptions:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise TypeError(f"unknown mockserver option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        if "api_keys" in values:
            keys = values["api_keys"]
            values["api_keys"] = (keys,) if isinstance(keys, str) else tuple(keys)
        return cls(**values)


def _import_openai() -> Any:
    try:
        import openai
    except ImportError as exc:
        raise RuntimeError(
            "mockserver's client needs the official OpenAI SDK, in the plugin's extra: pip install "
            "'mockserver[pytest]' (or pip install openai)"
        ) from exc
    return openai


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MockServer:
    """One live server. Start it, use its clients and helpers, `reset()` between tests, `stop()` at the end."""

    def __init__(self, options: ServerOptions, data_dir: Path) -> None:
        self.options = options
        self.data_dir = data_dir
        self.port = _free_port()
        self.api_key = options.api_keys[0] if options.api_keys else DEFAULT_API_KEY
        self.admin_key = secrets.token_urlsafe(24)
        self._clock: Any = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._client: Any = None
        self._async_client: Any = None

    # -- lifecycle --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """The server's root (`/health`, `/_mock/*`); the SDK's base URL is `api_base`."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/v1"

    @property
    def admin_headers(self) -> dict[str, str]:
        """What a request of your own to `/_mock/*` sends (it leaves `Authorization` free for an API key)."""
        return {"X-Mock-Admin-Key": self.admin_key}

    def start(self, *, timeout: float = 10.0) -> MockServer:
        import uvicorn

        from mockserver.core.clock import ManualClock
        from mockserver.core.config import Settings
        from mockserver.server.app import create_app
        from mockserver.server.serving import SERVED_HTTP_OPTIONS

        opts = self.options
        settings = Settings(data_dir=self.data_dir, seed=opts.seed, speed=opts.speed, api_keys=list(opts.api_keys),
                            admin_key=self.admin_key, clock="manual", start_time=opts.start_time, rpm=opts.rpm,
                            tpm=opts.tpm, webhook_url=opts.webhook_url, webhook_secret=opts.webhook_secret)
        self._clock = ManualClock(opts.start_time)
        app = create_app(settings, clock=self._clock)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on",
                                **SERVED_HTTP_OPTIONS)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="mockserver", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base_url}/health", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.01)
        raise RuntimeError(f"mockserver did not start on port {self.port} within {timeout} s")

    def stop(self) -> None:
        self.close_clients()
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)

    def reset(self) -> None:
        """Back to a fresh server: no objects, faults or journal, seeded ids from the start, the start time."""
        self._call("POST", "/_mock/reset")
        self._clock.set(self.options.start_time)  # nothing is left that time must not move back for

    # -- clients ----------------------------------------------------------------------------
    @property
    def client(self) -> Any:
        """An `openai.OpenAI` for this server, strict response validation on, default retries."""
        if self._client is None:
            openai = _import_openai()
            self._client = openai.OpenAI(api_key=self.api_key, base_url=self.api_base,
                                         webhook_secret=self.webhook_secret, _strict_response_validation=True)
        return self._client

    @property
    def async_client(self) -> Any:
        """An `openai.AsyncOpenAI` for this server, strict response validation on, default retries.

        It keeps no connection open between requests: a kept-alive socket belongs to the event loop that opened
        it, which is usually gone (`asyncio.run` closes it) before the test ends, so nothing could close it and
        the socket would leak (a `ResourceWarning`). Without them the client needs no closing and works in any
        loop; a new one is made after `async with mockserver.async_client` closed the last.
        """
        if self._async_client is None or self._async_client.is_closed():
            import httpx

            openai = _import_openai()
            http_client = openai.DefaultAsyncHttpxClient(limits=httpx.Limits(max_keepalive_connections=0))
            self._async_client = openai.AsyncOpenAI(api_key=self.api_key, base_url=self.api_base,
                                                    webhook_secret=self.webhook_secret, http_client=http_client,
                                                    _strict_response_validation=True)
        return self._async_client

    def close_clients(self) -> None:
        if self._client is not None:
            self._client.close()
        # The async client holds no connection between requests (see `async_client`): dropping it is enough.
        self._client = self._async_client = None

    # -- time and jobs ----------------------------------------------------------------------
    def now(self) -> int:
        return int(self._clock.now())

    def advance(self, seconds: int) -> int:
        """Move the server's clock forward; returns the new time. With a webhook URL, first waits (at most
        `FLUSH_SECONDS`) until the deliveries the move made due have been attempted (`flush_webhooks`)."""
        now = int(self._call("POST", "/_mock/clock/advance", {"seconds": int(seconds)})["now"])
        if self.options.webhook_url is not None:
            self.flush_webhooks()
        return now

    def run_job_to_completion(self, job_id: str, *, max_seconds: int = MAX_JOB_SECONDS) -> Any:
        """Advance the clock until the job is succeeded, failed or cancelled; return it (the SDK's object)."""
        deadline, wait = self.now() + max_seconds, 60
        while True:
            job = self._call("GET", f"/v1/fine_tuning/jobs/{job_id}", api=True)
            if job["status"] in TERMINAL_STATUSES:
                return self.client.fine_tuning.jobs.retrieve(job_id)
            if job["status"] == "paused":
                raise RuntimeError(f"job {job_id} is paused: resume it to let it finish")
            now = self.now()
            if now >= deadline:
                raise TimeoutError(f"job {job_id} is still {job['status']} after {max_seconds} s of server time "
                                   "(is it scripted to stay?)")
            finish = job.get("estimated_finish")
            if finish is not None and finish > now:
                step = finish - now
            else:  # no estimate (validating, or held by a script): look again later and later
                step, wait = wait, wait * 2
            self.advance(max(1, min(step, deadline - now)))

    def script_job(self, job_id: str, outcome: str, **fields: Any) -> dict[str, Any]:
        """`POST /_mock/jobs/{id}/script`: e.g. `script_job(id, "fail", fail_at=7, error_code="server_error")`."""
        result: dict[str, Any] = self._call("POST", f"/_mock/jobs/{job_id}/script", {"outcome": outcome, **fields})
        return result

    # -- faults, journal, webhooks ----------------------------------------------------------
    def fail_next(self, path: str, status: int, *, method: str | None = None, times: int | None = 1,
                  headers: dict[str, str] | None = None) -> dict[str, Any]:
        """Answer the next `times` matching requests with `status` and the real error body. Without `headers`,
        `retry-after-ms: 1` makes the SDK retry at once (pass `{}` for none)."""
        rule: dict[str, Any] = {"path": path, "status": status, "times": times,
                                "headers": FAST_RETRY if headers is None else headers}
        if method is not None:
            rule["method"] = method
        fault: dict[str, Any] = self._call("POST", "/_mock/faults", rule)
        return fault

    def requests(self, method: str | None = None, path: str | None = None) -> list[dict[str, Any]]:
        """The journal of `/v1/*` requests, oldest first (`path` exact or a glob)."""
        query = {"limit": "10000", **({"method": method} if method else {}), **({"path": path} if path else {})}
        entries: list[dict[str, Any]] = self._call("GET", "/_mock/requests?" + urllib.parse.urlencode(query))["data"]
        return list(reversed(entries))

    @property
    def webhook_secret(self) -> str | None:
        secret: str | None = self._call("GET", "/_mock/webhooks?limit=1")["secret"]
        return secret

    def flush_webhooks(self, timeout: float = FLUSH_SECONDS) -> dict[str, Any]:
        """`POST /_mock/webhooks/flush`: wait until no delivery is due or being sent (at most `timeout` seconds);
        the deliveries it saw (`data`) and how many are still due or in flight (`pending`)."""
        flushed: dict[str, Any] = self._call("POST", "/_mock/webhooks/flush", {"timeout": timeout},
                                              timeout=timeout + 30)
        return flushed

    def webhooks(self) -> list[dict[str, Any]]:
        """The webhook deliveries, oldest first."""
        deliveries: list[dict[str, Any]] = self._call("GET", "/_mock/webhooks?limit=10000")["data"]
        return list(reversed(deliveries))

    # -- plumbing ---------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: Any = None, *, api: bool = False, timeout: float = 30) -> Any:
        headers = {"Content-Type": "application/json",
                   **({"Authorization": f"Bearer {self.api_key}"} if api else self.admin_headers)}
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                detail = json.loads(raw)
            except ValueError:
                detail = raw.decode(errors="replace")
            raise MockServerError(method, path, exc.code, detail) from None
