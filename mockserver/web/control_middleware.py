"""ASGI middleware for tests: injected faults, the request journal and `--rpm`, on every `/v1/*` request.

It runs inside `RequestMiddleware` (middleware.py), which puts the request id in
`scope["state"]["request_id"]`: the journal records that id, and fault responses get the same `x-request-id`
header as any other. The same middleware lends the request's connection: the clock, the fault lookup and the
journal row use it.
Responses are passed through as they come (SSE stays streamed); the journal row is written when the
response starts, before its first byte is sent, so a client that has its answer finds the row.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockserver.core.auth import mask_key
from mockserver.core.clock import Clock
from mockserver.core.faults import (
    API_PREFIX,
    FaultRule,
    RateLimits,
    RequestFacts,
    fault_body,
    fault_headers,
    model_of,
    unused_token_headers,
)
from mockserver.core.ids import IdFactory
from mockserver.core.rate_limits import RateDecision, rate_limit_headers, rate_limited_body
from mockserver.core.request_summary import BodySummary
from mockserver.services.faults import FaultsService
from mockserver.services.journal import JournalService
from mockserver.services.rate_limits import RateLimiter
from mockserver.store import LentConnection, Stores
from mockserver.store.journal import JournalRow
from mockserver.web.raw_headers import first_values

logger = logging.getLogger("mockserver")

DISCONNECT_WAIT_SECONDS = 2.0
REQUEST_HEADERS = frozenset({b"content-type", b"authorization", b"x-stainless-retry-count"})
CONTENT_LENGTH = frozenset({b"content-length"})


class ConnectionNotDropped(RuntimeError):
    """The server gave no way to close the socket (only uvicorn's protocols are known)."""


class FaultsAndJournalMiddleware:
    def __init__(
        self, app: ASGIApp, *, stores: Stores, faults: FaultsService, journal: JournalService, clock: Clock,
        organization: str, rate_limiter: RateLimiter | None = None, limits: RateLimits | None = None,
    ) -> None:
        self.app = app
        self.stores = stores
        self.faults = faults
        self.journal = journal
        self.clock = clock
        self.organization = organization
        self.rate_limiter = rate_limiter
        self.limits = limits or RateLimits()  # what an injected 429 reports

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        await _Exchange(self, scope, receive, send).run()


class _Exchange:
    """One request's trip through the middleware."""

    def __init__(self, owner: FaultsAndJournalMiddleware, scope: Scope, receive: Receive, send: Send) -> None:
        self.owner, self.scope, self.raw_receive, self.send = owner, scope, receive, send
        headers = first_values(scope["headers"], REQUEST_HEADERS)
        self.method: str = scope["method"]
        self.path: str = scope["path"]
        state = scope.get("state", {})
        self.request_id: str = state.get("request_id") or IdFactory.request_id()
        self.body = BodySummary(headers.get(b"content-type"))
        self.started = time.perf_counter()
        self.arrived_at = 0
        self.fault: FaultRule | None = None
        self.rate: RateDecision | None = None
        self.recorded = False
        self.status: int | None = None  # the response's, once it has started
        self.body_bytes_left: int | None = None  # from the response's content-length, when it has one
        retry_count = headers.get(b"x-stainless-retry-count", "")
        self.retry_count = int(retry_count) if retry_count.isdecimal() and len(retry_count) < 10 else None
        _, _, key = headers.get(b"authorization", "").partition(" ")
        self.api_key = key.strip()
        self.lent: LentConnection | None = state.get("connection")

    async def receive(self) -> Message:
        message = await self.raw_receive()
        if message["type"] == "http.request":
            self.body.feed(message.get("body", b""))
        return message

    async def send_and_record(self, message: Message) -> None:
        # The row is written just before the last body chunk: a client holding its whole answer always
        # finds it, and a stream's first chunk is not held up by the write. With a content-length the client
        # has its answer as soon as that many bytes arrive, which may be before the closing empty chunk.
        if message["type"] == "http.response.start":
            self.status = message["status"]
            if self.rate is not None:
                MutableHeaders(scope=message).update(rate_limit_headers(self.rate))
            length = first_values(message.get("headers", []), CONTENT_LENGTH).get(b"content-length", "")
            self.body_bytes_left = int(length) if length.isdigit() else None
        elif message["type"] == "http.response.body" and not self.recorded and self._is_last_chunk(message):
            await self.record(self.status)
        await self.send(message)

    def _is_last_chunk(self, message: Message) -> bool:
        if self.body_bytes_left is not None:
            self.body_bytes_left -= len(message.get("body", b""))
            if self.body_bytes_left <= 0:
                return True
        return not message.get("more_body", False)

    async def run(self) -> None:
        self._arrive()
        if self.fault is not None:
            if self.fault.delay_ms:
                await asyncio.sleep(self.fault.delay_ms / 1000)
            if self.fault.drop_connection:
                await self._drop_connection()
                return
            if self.fault.status is not None:
                await self._answer_with_fault(self.fault)
                return
        if self.rate is not None and not self.rate.allowed:
            await self._answer_rate_limited(self.rate)
            return
        try:
            await self.owner.app(self.scope, self.receive, self.send_and_record)
        except Exception as exc:
            # RequestMiddleware, outside, turns the crash into a 500 (a disconnect into nothing).
            if not self.recorded:
                await self.record(None if isinstance(exc, ClientDisconnect) else self.status or 500)
            raise
        if not self.recorded:
            await self.record(self.status)

    def _arrive(self) -> None:
        """Blocking work at arrival (SQLite): the time, the fault that answers, the rate-limit count."""
        self.arrived_at = self.owner.stores.request_clock(self.owner.clock, self.lent).now()
        self.fault = self.owner.faults.pick(self.method, self.path, lent=self.lent)
        answered_by_fault = self.fault is not None and (self.fault.status is not None or self.fault.drop_connection)
        if self.owner.rate_limiter is not None and self.api_key and not answered_by_fault:
            self.rate = self.owner.rate_limiter.check(api_key=self.api_key, now=self.arrived_at, lent=self.lent)

    async def record(self, status: int | None) -> None:
        self.recorded = True
        try:
            self.owner.journal.record(self._entry(status))
        except Exception:  # the journal is an aid: never fail (nor cut short) the response over it
            logger.exception("could not record %s %s in the request journal", self.method, self.path)

    def _entry(self, status: int | None) -> JournalRow:
        return JournalRow(
            id=self.request_id, method=self.method, path=self.path,
            query=self.scope.get("query_string", b"").decode("latin-1"), status=status, body=self.body.for_journal(),
            fault_id=self.fault.id if self.fault is not None else None,
            retry_count=self.retry_count,
            duration_ms=round((time.perf_counter() - self.started) * 1000, 3), created_at=self.arrived_at,
        )

    async def _answer_with_fault(self, fault: FaultRule) -> None:
        await self._drain_body()  # first: a 429 names the body's model
        facts = RequestFacts(method=self.method, path=self.path, masked_key=mask_key(self.api_key),
                             organization=self.owner.organization, model=model_of(self.body.result()),
                             limits=self.owner.limits)
        assert fault.status is not None
        await self._answer(JSONResponse(fault_body(fault, facts), status_code=fault.status,
                                        headers=fault_headers(fault, facts)))

    async def _answer_rate_limited(self, rate: RateDecision) -> None:
        await self._drain_body()  # first: the 429 names the body's model
        body = rate_limited_body(rate, organization=self.owner.organization, model=model_of(self.body.result()))
        headers = {**rate_limit_headers(rate), **unused_token_headers(self.owner.limits)}
        await self._answer(JSONResponse(body, status_code=429, headers=headers))

    async def _answer(self, response: JSONResponse) -> None:
        """Answer in place of the API, once the body has been read (for the journal, and so the connection
        can be reused): the journal row is written before the response goes out."""
        await self.record(response.status_code)
        await response(self.scope, self.raw_receive, self.send)

    async def _drain_body(self) -> None:
        while True:
            message = await self.receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return

    async def _drop_connection(self) -> None:
        """Close the socket with no response at all; the client sees a connection error."""
        # uvicorn passes its RequestResponseCycle's bound `receive`; the cycle holds the transport.
        transport: Any = getattr(getattr(self.raw_receive, "__self__", None), "transport", None)
        if transport is None or not hasattr(transport, "close"):
            await self.record(500)  # what RequestMiddleware will answer
            raise ConnectionNotDropped("drop_connection needs the server run by uvicorn (`mockserver serve`)")
        await self.record(None)
        transport.close()
        # Wait until uvicorn has seen the connection go, so it does not try to send a 500 of its own.
        try:
            async with asyncio.timeout(DISCONNECT_WAIT_SECONDS):
                while (await self.raw_receive())["type"] != "http.disconnect":
                    pass
        except TimeoutError:
            logger.warning("connection of %s %s not closed in time", self.method, self.path)
