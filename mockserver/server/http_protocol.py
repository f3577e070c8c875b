"""uvicorn's HTTP/1.1 protocol (h11), sending a response's head and body in one write.

uvicorn writes a response's status line and headers when the app starts the response, and its body when the
app sends it: two `send` system calls, and two TCP segments, for a response that is ready at once. On loopback
each `send` also runs the receiving side's TCP work, so on a small chat completion the second one cost about a
tenth of the server's CPU time (bench/chat.py, A/B under wrk). Here every write made during one pass of the
event loop goes out in one `send` at the end of that pass: a response made in one go (any JSON answer) leaves
in one segment, and a stream still leaves chunk by chunk, as the app awaits between its chunks.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

# Past this many bytes held, the writes go out at once: the transport's own flow control (which pauses the app)
# then sees them, as without this layer, however many chunks the app sends without awaiting anything.
MAX_HELD_BYTES = 64 * 1024


class OneWriteTransport(asyncio.Transport):
    """A transport whose writes during one event-loop pass reach the socket as one write, at the end of the pass.
    Everything else is the wrapped transport's."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._transport = transport
        self._loop = loop
        self._held: list[bytes] = []
        self._held_bytes = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        if not self._held:
            self._loop.call_soon(self.flush)
        self._held.append(bytes(data))
        self._held_bytes += len(data)
        if self._held_bytes > MAX_HELD_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write what is held now (a pass's end, or a close, calls it)."""
        if not self._held:
            return
        held, self._held, self._held_bytes = self._held, [], 0
        self._transport.write(held[0] if len(held) == 1 else b"".join(held))

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
        self._held, self._held_bytes = [], 0
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
        return self._held_bytes + self._transport.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._transport.get_write_buffer_limits()


class OneWriteH11Protocol(H11Protocol):
    """uvicorn's h11 protocol (the same parser, limits and behaviour) on a `OneWriteTransport`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as uvicorn's
        super().connection_made(OneWriteTransport(transport, self.loop))
