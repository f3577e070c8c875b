"""A finished legacy completion sent as the real API streams it: `text_completion` SSE frames.

Every frame is a whole `Completion` object (the same shape as the answer, unlike chat's chunks) with one
choice: per choice, the echoed prompt (with `echo`) in one frame, then the text in pieces of whole
tokens, each with its tokens' logprobs when asked for, then an empty text with the finish reason;
choices interleave by index when there are several. With `include_usage` a last frame with no choices
carries the usage. Then `data: [DONE]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import zip_longest
from typing import Any

import orjson
import tiktoken

from mockserver.services.chat_stream import DONE, sse, token_pieces
from mockserver.services.completions import CompletionResult, TextChoice


def completion_frames(result: CompletionResult, *, include_usage: bool) -> Iterator[bytes]:
    """Every SSE frame of the stream, `[DONE]` included."""
    completion = result.completion
    header = {key: completion[key] for key in ("id", "object", "created", "model", "system_fingerprint")}
    per_choice = [list(choice_pieces(choice, result.encoding)) for choice in result.choices]
    for row in zip_longest(*per_choice):
        for piece in row:
            if piece is not None:
                yield sse(orjson.dumps({**header, "choices": [piece]}))
    if include_usage:
        yield sse(orjson.dumps({**header, "choices": [], "usage": completion["usage"]}))
    yield DONE


def choice_pieces(choice: TextChoice, encoding: tiktoken.Encoding) -> Iterator[dict[str, Any]]:
    """The choice's frames' `choices[0]`: echoed prompt, token pieces, then the finish reason."""
    pieces: list[tuple[str, int, int]] = []
    if choice.echoed:
        pieces.append((choice.echoed, 0, choice.echoed_tokens))
    pieces += [(text, choice.echoed_tokens + start, choice.echoed_tokens + end)
               for text, start, end in token_pieces(choice.text, encoding)]
    for text, start, end in pieces:
        yield {"text": text, "index": choice.index, "logprobs": _slice(choice.logprobs, start, end),
               "finish_reason": None}
    yield {"text": "", "index": choice.index, "logprobs": None, "finish_reason": choice.finish_reason}


def _slice(logprobs: dict[str, Any] | None, start: int, end: int) -> dict[str, Any] | None:
    if logprobs is None:
        return None
    return {key: values[start:end] for key, values in logprobs.items()}
