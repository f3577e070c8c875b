"""The served HTTP protocol (server/http_protocol.py): a response made in one go leaves in one write; a stream
still leaves chunk by chunk; nothing written is lost or reordered by a close."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from mockserver.server.http_protocol import OneWriteH11Protocol, OneWriteTransport
from mockserver.server.serving import SERVE_OPTIONS, SERVED_HTTP_OPTIONS

App = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def in_loop(case: Callable[[], Coroutine[Any, Any, None]]) -> Callable[[], None]:
    """A test run in an event loop of its own."""
    @functools.wraps(case)
    def test() -> None:
        asyncio.run(case())
    return test


class RecordingTransport(asyncio.Transport):
    """A socket's transport that keeps every write and call, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, bytes]] = []
        self.closing = False
        self.reading = True

    @property
    def writes(self) -> list[bytes]:
        return [data for name, data in self.calls if name == "write"]

    def write(self, data: Any) -> None:
        self.calls.append(("write", bytes(data)))

    def close(self) -> None:
        self.calls.append(("close", b""))
        self.closing = True

    def abort(self) -> None:
        self.calls.append(("abort", b""))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name, default)

    def pause_reading(self) -> None:
        self.reading = False

    def resume_reading(self) -> None:
        self.reading = True

    def is_reading(self) -> bool:
        return self.reading

    def get_write_buffer_size(self) -> int:
        return 0


async def next_pass() -> None:
    """Let the event loop finish the pass it is in (callbacks scheduled in it run)."""
    await asyncio.sleep(0)
    await asyncio.sleep(0)


# -- the transport ---------------------------------------------------------------------------------------------

@in_loop
async def test_a_write_is_held_until_the_next_and_both_go_out_in_one() -> None:
    raw = RecordingTransport()
    transport = OneWriteTransport(raw, asyncio.get_running_loop())
    transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
    transport.write(b"")
    assert raw.writes == []
    assert transport.get_write_buffer_size() == len(b"HTTP/1.1 200 OK\r\n\r\n")
    transport.write(bytearray(b"body"))
    assert raw.writes == [b"HTTP/1.1 200 OK\r\n\r\nbody"]  # at once, not at the pass's end
    assert transport.get_write_buffer_size() == 0
    await next_pass()
    assert raw.writes == [b"HTTP/1.1 200 OK\r\n\r\nbody"]


@in_loop
async def test_a_write_nothing_follows_goes_out_at_the_end_of_the_pass() -> None:
    raw = RecordingTransport()
    transport = OneWriteTransport(raw, asyncio.get_running_loop())
    for chunk in (b"one", b"two", b"three"):
        transport.write(chunk)
    assert raw.writes == [b"onetwo"]
    await next_pass()
    assert raw.writes == [b"onetwo", b"three"]
    transport.write(b"next pass")
    await next_pass()
    assert raw.writes == [b"onetwo", b"three", b"next pass"]


@in_loop
async def test_close_writes_what_is_held_first_and_abort_drops_it() -> None:
    raw = RecordingTransport()
    transport = OneWriteTransport(raw, asyncio.get_running_loop())
    transport.write(b"last words")
    transport.close()
    assert raw.calls == [("write", b"last words"), ("close", b"")]
    assert transport.is_closing()

    raw = RecordingTransport()
    transport = OneWriteTransport(raw, asyncio.get_running_loop())
    transport.write(b"never sent")
    transport.abort()
    await next_pass()
    assert raw.calls == [("abort", b"")]


@in_loop
async def test_the_rest_is_the_wrapped_transports() -> None:
    raw = RecordingTransport()
    transport = OneWriteTransport(raw, asyncio.get_running_loop())
    assert transport.get_extra_info("peername") == ("127.0.0.1", 50000)
    assert transport.get_extra_info("missing", "default") == "default"
    transport.pause_reading()
    assert not raw.reading and not transport.is_reading()
    transport.resume_reading()
    assert raw.reading and transport.is_reading()


# -- uvicorn's protocol on it ----------------------------------------------------------------------------------

def connection(protocol_class: type[H11Protocol], app: App) -> tuple[H11Protocol, RecordingTransport]:
    config = Config(app, **{key: value for key, value in SERVED_HTTP_OPTIONS.items() if key != "http"})
    protocol = protocol_class(config, ServerState(), {}, asyncio.get_running_loop())
    raw = RecordingTransport()
    protocol.connection_made(raw)
    return protocol, raw


async def answer_json(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await receive()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"11")]})
    await send({"type": "http.response.body", "body": b'{"ok":true}'})


REQUEST = b"POST /v1/chat/completions HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\n\r\n{}"


async def wait_for(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(5):
        while not condition():
            await asyncio.sleep(0)


@in_loop
async def test_a_response_made_in_one_go_leaves_in_one_write() -> None:
    protocol, raw = connection(OneWriteH11Protocol, answer_json)
    protocol.data_received(REQUEST)
    await wait_for(lambda: bool(raw.writes))
    await next_pass()
    assert len(raw.writes) == 1
    head, _, body = raw.writes[0].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and b"content-length: 11" in head
    assert body == b'{"ok":true}'


@in_loop
async def test_uvicorns_own_protocol_writes_the_same_bytes_in_two() -> None:
    """What the served protocol saves: the same bytes, in two sends (and an empty write)."""
    protocol, raw = connection(H11Protocol, answer_json)
    protocol.data_received(REQUEST)
    await wait_for(lambda: len(raw.writes) >= 2)
    await next_pass()
    sent = [data for data in raw.writes if data]
    assert len(sent) == 2
    assert sent[0].endswith(b"\r\n\r\n") and sent[1] == b'{"ok":true}'


@in_loop
async def test_a_stream_leaves_chunk_by_chunk() -> None:
    more = asyncio.Event()

    async def stream(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]})
        await send({"type": "http.response.body", "body": b"data: 1\n\n", "more_body": True})
        await more.wait()
        await send({"type": "http.response.body", "body": b"data: 2\n\n", "more_body": False})

    protocol, raw = connection(OneWriteH11Protocol, stream)
    protocol.data_received(REQUEST)
    await wait_for(lambda: bool(raw.writes))
    for _ in range(5):
        await asyncio.sleep(0)
    assert len(raw.writes) == 1  # the head and the first chunk, while the app waits
    assert raw.writes[0].startswith(b"HTTP/1.1 200 OK") and raw.writes[0].endswith(b"data: 1\n\n\r\n")
    more.set()
    await wait_for(lambda: len(raw.writes) == 2)
    assert raw.writes[1] == b"9\r\ndata: 2\n\n\r\n0\r\n\r\n"  # the last chunk and the end of the body


@in_loop
async def test_a_connection_close_request_gets_its_whole_response_before_the_close() -> None:
    protocol, raw = connection(OneWriteH11Protocol, answer_json)
    protocol.data_received(REQUEST.replace(b"Host: test\r\n", b"Host: test\r\nConnection: close\r\n"))
    await wait_for(lambda: raw.closing)
    assert [name for name, _ in raw.calls] == ["write", "close"]
    assert raw.writes[0].endswith(b'\r\n\r\n{"ok":true}')


@in_loop
async def test_a_request_uvicorn_refuses_gets_its_400_before_the_close() -> None:
    protocol, raw = connection(OneWriteH11Protocol, answer_json)
    protocol.data_received(b"GET / HTTP/1.1\r\nHost: test\r\nContent-Length: -1\r\n\r\n")
    await wait_for(lambda: raw.closing)
    assert [name for name, _ in raw.calls] == ["write", "close"]
    assert raw.writes[0].startswith(b"HTTP/1.1 400 Bad Request")


def test_mockserver_serve_and_the_test_servers_use_it() -> None:
    assert SERVE_OPTIONS["http"] is OneWriteH11Protocol
    assert SERVED_HTTP_OPTIONS["http"] is OneWriteH11Protocol
