"""The access log of a served app: a line per request on standard output, the line uvicorn's own access log writes.

uvicorn's access log goes through `logging`: a record, two copies of it and a formatter per request. On a chat
completion that machinery cost about an eighth of the server's CPU time (bench/chat.py, A/B under wrk), so
`mockserver serve` turns uvicorn's off and this middleware writes the same text itself, with the same colours on a
terminal. A line is made when the response starts and written at the end of that pass of the event loop, with the
other lines of the pass: one write, one system call, for the requests the loop answered together.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING, TextIO, cast

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.config import LOGGING_CONFIG
from uvicorn.logging import AccessFormatter
from uvicorn.protocols.utils import get_client_addr, get_path_with_query_string

if TYPE_CHECKING:
    from uvicorn._types import HTTPScope

ACCESS_FORMAT: str = LOGGING_CONFIG["formatters"]["access"]["fmt"]
LEVEL_PREFIX = "INFO:     "  # uvicorn's "%(levelprefix)s" of an INFO record, without colours


class AccessLog:
    """Writes access lines to a stream (standard output by default, as uvicorn's access handler does)."""

    def __init__(self, stream: TextIO | None = None, *, colours: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        if colours is None:
            colours = self.stream.isatty()
        # Coloured lines, for a terminal, come from uvicorn's formatter itself: a person reads them, not a bench.
        self._formatter = AccessFormatter(ACCESS_FORMAT, use_colors=True) if colours else None
        self._plain = AccessFormatter(ACCESS_FORMAT, use_colors=False)  # its status text (`200 OK`, `599 `)
        self._statuses: dict[int, str] = {}
        self._pending: list[str] = []  # lines made in this pass of the event loop, not yet written
        self._flush_on: asyncio.AbstractEventLoop | None = None  # the loop that will write them

    def line(self, scope: Scope, status: int) -> str:
        """The line for a request and its response's status, without the newline."""
        http_scope = cast("HTTPScope", scope)
        client, method = get_client_addr(http_scope), scope["method"]
        path, version = get_path_with_query_string(http_scope), scope["http_version"]
        if self._formatter is not None:
            record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 0, '%s - "%s %s HTTP/%s" %d',
                                       (client, method, path, version, status), None)
            return self._formatter.format(record)
        text = self._statuses.get(status)
        if text is None:
            text = self._statuses[status] = self._plain.get_status_code(status)
        return f'{LEVEL_PREFIX}{client} - "{method} {path} HTTP/{version}" {text}'

    def write(self, scope: Scope, status: int) -> None:
        """Write the line at the end of this pass of the event loop (at once outside one)."""
        self._pending.append(self.line(scope, status))
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop running in this thread
            self.flush()
            return
        if self._flush_on is not loop:  # not yet asked for in this pass (or asked of a loop since stopped)
            self._flush_on = loop
            loop.call_soon(self.flush)

    def flush(self) -> None:
        """Write the lines made so far; a stream that fails (closed, a broken pipe) costs the lines, never a
        response, as with `logging`."""
        lines, self._pending, self._flush_on = self._pending, [], None
        if not lines:
            return
        try:
            self.stream.write("\n".join(lines) + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # ValueError: the stream is closed
            pass


class AccessLogMiddleware:
    """The outermost layer of a served app: the access line of every HTTP request that gets a response."""

    def __init__(self, app: ASGIApp, *, log: AccessLog | None = None) -> None:
        self.app = app
        self.log = log if log is not None else AccessLog()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_and_log(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.log.write(scope, message["status"])
            await send(message)

        await self.app(scope, receive, send_and_log)
