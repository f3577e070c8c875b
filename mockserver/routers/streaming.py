"""Server-sent event responses for the streaming endpoints (a helper module, not a router)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi.responses import StreamingResponse

SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


async def _send(frames: list[bytes]) -> AsyncIterator[bytes]:
    for frame in frames:
        yield frame


def event_stream(frames: list[bytes], headers: dict[str, str] | None = None) -> StreamingResponse:
    """Frames computed up front, then sent one by one from the event loop."""
    return StreamingResponse(_send(frames), media_type="text/event-stream", headers={**SSE_HEADERS, **(headers or {})})
