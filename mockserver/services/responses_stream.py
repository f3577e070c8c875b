"""A finished response sent as the real API streams it: typed events, each with its `sequence_number`.

`response.created`, `response.in_progress`, then per output item `response.output_item.added`,
(for a message) `response.content_part.added`, `response.output_text.delta`…,
`response.output_text.done`, `response.content_part.done`, (for a call)
`response.function_call_arguments.delta`… and `.done`, then `response.output_item.done`; last
`response.completed` (or `response.incomplete`). Frames are `event: <type>` + `data: <json>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import tiktoken

from mockserver.schemas.responses import FunctionCallItem, OutputMessage, OutputText
from mockserver.services.chat_stream import obfuscation, token_pieces
from mockserver.services.responses import ResponseResult

ARGUMENT_PIECE_CHARS = 8


class _Events:
    """Numbers events in order and renders them as SSE frames."""

    def __init__(self, response_id: str, obfuscate: bool) -> None:
        self.response_id = response_id
        self.obfuscate = obfuscate
        self.sequence = 0
        self.frames: list[bytes] = []

    def emit(self, kind: str, payload: dict[str, Any], *, padded: bool = False) -> None:
        event = {"type": kind, "sequence_number": self.sequence, **payload}
        if padded and self.obfuscate:
            event["obfuscation"] = obfuscation(self.response_id, self.sequence)
        self.frames.append(b"event: " + kind.encode() + b"\ndata: " + orjson.dumps(event) + b"\n\n")
        self.sequence += 1


def response_frames(result: ResponseResult) -> list[bytes]:
    """Every SSE frame of the stream."""
    final = result.response
    events = _Events(final.id, result.obfuscate)
    opening = final.model_copy(update={"status": "in_progress", "output": [], "usage": None,
                                       "completed_at": None, "incomplete_details": None}).wire_dict()
    events.emit("response.created", {"response": opening})
    events.emit("response.in_progress", {"response": opening})
    for index, item in enumerate(final.output):
        if isinstance(item, OutputMessage):
            _message_events(events, index, item, result.encoding)
        elif isinstance(item, FunctionCallItem):
            _call_events(events, index, item)
    kind = "response.incomplete" if final.status == "incomplete" else "response.completed"
    events.emit(kind, {"response": final.wire_dict()})
    return events.frames


def _message_events(events: _Events, index: int, item: OutputMessage, encoding: tiktoken.Encoding) -> None:
    started = item.model_copy(update={"status": "in_progress", "content": []})
    events.emit("response.output_item.added", {"output_index": index, "item": started.wire_dict()})
    where = {"item_id": item.id, "output_index": index, "content_index": 0}
    part = item.content[0]
    empty = OutputText(text="").wire_dict()
    events.emit("response.content_part.added", {**where, "part": empty})
    for piece, logprobs in text_pieces(part, encoding):
        events.emit("response.output_text.delta", {**where, "delta": piece, "logprobs": logprobs}, padded=True)
    events.emit("response.output_text.done", {**where, "text": part.text, "logprobs": part.logprobs})
    events.emit("response.content_part.done", {**where, "part": part.wire_dict()})
    events.emit("response.output_item.done", {"output_index": index, "item": item.wire_dict()})


def _call_events(events: _Events, index: int, item: FunctionCallItem) -> None:
    started = item.model_copy(update={"status": "in_progress", "arguments": ""})
    events.emit("response.output_item.added", {"output_index": index, "item": started.wire_dict()})
    where = {"item_id": item.id, "output_index": index}
    arguments = item.arguments
    for start in range(0, len(arguments), ARGUMENT_PIECE_CHARS):
        piece = arguments[start:start + ARGUMENT_PIECE_CHARS]
        events.emit("response.function_call_arguments.delta", {**where, "delta": piece}, padded=True)
    events.emit("response.function_call_arguments.done", {**where, "name": item.name, "arguments": arguments})
    events.emit("response.output_item.done", {"output_index": index, "item": item.wire_dict()})


def text_pieces(part: OutputText, encoding: tiktoken.Encoding) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The text in token pieces, each with its tokens' logprobs (empty unless they were included)."""
    for piece, start, end in token_pieces(part.text, encoding):
        yield piece, part.logprobs[start:end]
