"""uvicorn's HTTP/1.1 protocol (h11), sending a response's head and body in one write.

uvicorn writes a response's status line and headers when the app starts the response, and its body when the
app sends it: two `send` system calls, and two TCP segments, for a response that is ready at once. On loopback
each `send` also runs the receiving side's TCP work: the second one cost a reworded chat question some 6% of the
server's CPU time (1.24 -> 1.16 ms, bench/chat.py's load, A/B under wrk). Here a write is held until the next
one, and the two go out in one `send`: the head leaves with the body, or with a stream's first chunk, at the
moment that chunk is written. A write that nothing follows in the same pass of the event loop goes out at the
pass's end.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


class OneWriteTransport(asyncio.Transport):
    """A transport that sends each two consecutive writes in one (at most one write held, never past the event
    loop's pass). Everything else is the wrapped transport's."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None
        self._flush_scheduled = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        held = self._held
        if held is None:
            self._held = bytes(data)
            if not self._flush_scheduled:
                self._flush_scheduled = True
                self._loop.call_soon(self._flush_at_pass_end)
            return
        self._held = None
        self._transport.writelines((held, data))

    def flush(self) -> None:
        """Write what is held now."""
        held, self._held = self._held, None
        if held is not None:
            self._transport.write(held)

    def _flush_at_pass_end(self) -> None:
        self._flush_scheduled = False
        self.flush()

    def writelines(self, list_of_data: Any) -> None:
        for data in list_of_data:
            self.write(data)

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def can_write_eof(self) -> bool:
        return self._transport.can_write_eof()

    def close(self) -> None:
        self.flush()  # what was written before the close goes out, as the transport's own buffer would
        self._transport.close()

    def abort(self) -> None:
        self._held = None
        self._transport.abort()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._transport.get_protocol()

    def is_reading(self) -> bool:
        return self._transport.is_reading()

    def pause_reading(self) -> None:
        self._transport.pause_reading()

    def resume_reading(self) -> None:
        self._transport.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._transport.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return len(self._held or b"") + self._transport.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._transport.get_write_buffer_limits()


class OneWriteH11Protocol(H11Protocol):
    """uvicorn's h11 protocol (the same parser, limits and behaviour) on a `OneWriteTransport`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as uvicorn's
        super().connection_made(OneWriteTransport(transport, self.loop))
