"""The served app's access log (web/access_log.py): uvicorn's lines, written without `logging`."""

from __future__ import annotations

import asyncio
import io
import logging
from typing import Any

import pytest
from uvicorn.logging import AccessFormatter
from uvicorn.protocols.utils import get_client_addr, get_path_with_query_string

from mockserver.web.access_log import ACCESS_FORMAT, AccessLog, AccessLogMiddleware


def scope(path: str = "/v1/models", query: bytes = b"", *, client: tuple[str, int] | None = ("127.0.0.1", 54321),
          method: str = "GET", version: str = "1.1") -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "raw_path": path.encode("latin1"), "query_string": query,
            "client": client, "http_version": version, "headers": []}


def uvicorn_line(request: dict[str, Any], status: int, *, colours: bool) -> str:
    """What uvicorn's access logger writes for the request (h11_impl's call, its formatter)."""
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 0, '%s - "%s %s HTTP/%s" %d',
                               (get_client_addr(request), request["method"], get_path_with_query_string(request),
                                request["http_version"], status), None)
    return AccessFormatter(ACCESS_FORMAT, use_colors=colours).format(record)


CASES = [
    (scope(), 200),
    (scope("/v1/fine_tuning/jobs", b"limit=2&after=ftjob-abc", method="POST"), 201),
    (scope('/v1/files/a"b'), 404),  # a quote in the path is escaped
    (scope("/v1/chat/completions", method="POST", version="1.0"), 429),
    (scope(client=None), 500),
    (scope(), 599),  # no phrase for an unknown status
]


@pytest.mark.parametrize(("request_scope", "status"), CASES)
@pytest.mark.parametrize("colours", [False, True])
def test_line_is_uvicorns(request_scope: dict[str, Any], status: int, colours: bool) -> None:
    assert AccessLog(io.StringIO(), colours=colours).line(request_scope, status) == uvicorn_line(
        request_scope, status, colours=colours)


def test_plain_line_reads_as_documented() -> None:
    line = AccessLog(io.StringIO(), colours=False).line(scope("/v1/models", b"x=1"), 200)

    assert line == 'INFO:     127.0.0.1:54321 - "GET /v1/models?x=1 HTTP/1.1" 200 OK'


def test_colours_follow_whether_the_stream_is_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert "\x1b[" in AccessLog(Terminal()).line(scope(), 200)
    assert "\x1b[" not in AccessLog(io.StringIO()).line(scope(), 200)


class CountedWrites(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


async def respond(request: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def disconnected() -> Any:
    return {"type": "http.disconnect"}


def test_middleware_writes_the_line_at_the_end_of_the_loops_pass() -> None:
    stream = io.StringIO()
    seen_when_sent: list[str] = []
    seen_after_the_pass: list[str] = []

    async def send(message: Any) -> None:
        seen_when_sent.append(stream.getvalue())

    async def request_then_next_pass() -> None:
        await AccessLogMiddleware(respond, log=AccessLog(stream, colours=False))(scope("/nowhere"), disconnected, send)
        await asyncio.sleep(0)
        seen_after_the_pass.append(stream.getvalue())

    asyncio.run(request_then_next_pass())

    line = 'INFO:     127.0.0.1:54321 - "GET /nowhere HTTP/1.1" 404 Not Found\n'
    assert seen_when_sent == ["", ""]  # the response is not held up by the write
    assert seen_after_the_pass == [line]  # once


def test_the_lines_of_one_pass_go_out_in_one_write() -> None:
    stream = CountedWrites()
    log = AccessLog(stream, colours=False)

    async def send(message: Any) -> None:
        pass

    async def three_requests_at_once() -> None:
        await asyncio.gather(*(AccessLogMiddleware(respond, log=log)(scope(f"/r{number}"), disconnected, send)
                               for number in range(3)))
        await asyncio.sleep(0)

    asyncio.run(three_requests_at_once())

    assert stream.writes == 1
    assert [line.split('"')[1] for line in stream.getvalue().splitlines()] == [
        "GET /r0 HTTP/1.1", "GET /r1 HTTP/1.1", "GET /r2 HTTP/1.1"]


def test_outside_an_event_loop_the_line_is_written_at_once() -> None:
    stream = io.StringIO()
    AccessLog(stream, colours=False).write(scope("/v1/models"), 200)
    assert stream.getvalue() == 'INFO:     127.0.0.1:54321 - "GET /v1/models HTTP/1.1" 200 OK\n'


def test_middleware_leaves_other_scopes_alone() -> None:
    stream = io.StringIO()
    calls: list[str] = []

    async def app(request: Any, receive: Any, send: Any) -> None:
        calls.append(request["type"])

    async def nothing(*_: Any) -> Any:
        return None

    asyncio.run(AccessLogMiddleware(app, log=AccessLog(stream, colours=False))({"type": "lifespan"}, nothing, nothing))

    assert calls == ["lifespan"]
    assert stream.getvalue() == ""


class BrokenStream(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError("nobody reads standard output any more")


def closed_stream() -> io.StringIO:
    stream = io.StringIO()
    stream.close()
    return stream


@pytest.mark.parametrize("make_stream", [BrokenStream, closed_stream], ids=["broken pipe", "closed"])
def test_a_failing_stream_costs_the_line_not_the_response(make_stream: Any) -> None:
    sent: list[str] = []

    async def app(request: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    async def send(message: Any) -> None:
        sent.append(message["type"])

    async def receive() -> Any:
        return {"type": "http.disconnect"}

    log = AccessLog(make_stream(), colours=False)
    asyncio.run(AccessLogMiddleware(app, log=log)(scope(), receive, send))

    assert sent == ["http.response.start", "http.response.body"]


def test_lines_left_by_a_loop_that_stopped_go_out_with_the_next_loops() -> None:
    stream = io.StringIO()
    log = AccessLog(stream, colours=False)
    stopped = asyncio.new_event_loop()

    async def one_line() -> None:
        log.write(scope("/first"), 200)
        asyncio.get_running_loop().stop()  # stops before the pass's write is run

    stopped.create_task(one_line())
    stopped.run_forever()
    stopped.close()
    assert stream.getvalue() == ""

    async def next_line() -> None:
        log.write(scope("/second"), 200)
        await asyncio.sleep(0)

    asyncio.run(next_line())
    assert [line.split('"')[1] for line in stream.getvalue().splitlines()] == ["GET /first HTTP/1.1",
                                                                              "GET /second HTTP/1.1"]
