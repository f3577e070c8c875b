"""A finished chat completion sent as the real API streams it: `chat.completion.chunk` SSE frames.

Per choice: a first chunk with the role (and, for a reply that is only calls, the first call's id and
name), content pieces of whole tokens (so each piece carries its tokens' logprobs), then the calls (each
opened by its id and name, then its argument pieces), then an empty delta with the finish reason.
Choices interleave by index when n > 1. With `include_usage` every chunk has
`usage: null` and a last chunk with no choices carries the usage. Then `data: [DONE]`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from itertools import zip_longest
from typing import Any, TypeVar

import orjson
import tiktoken

from mockserver.core.ids import BASE62
from mockserver.responder import Choice
from mockserver.schemas.chat import (
    ChatCompletionChunk,
    ChoiceDelta,
    ChoiceLogprobs,
    ChunkChoice,
    DeltaFunction,
    DeltaToolCall,
)
from mockserver.services.chat import ChatResult

DONE = b"data: [DONE]\n\n"
_T = TypeVar("_T")
_BASE62_OF_BYTE = bytes(ord(BASE62[byte % 62]) for byte in range(256))  # a byte's BASE62 character
ARGUMENT_PIECE_CHARS = 8


def sse(data: bytes) -> bytes:
    return b"data: " + data + b"\n\n"


def chat_frames(result: ChatResult, *, include_usage: bool, obfuscate: bool) -> Iterator[bytes]:
    """Every SSE frame of the stream, `[DONE]` included."""
    if all(_is_plain(choice) for choice in result.choices):
        return plain_frames(result, include_usage=include_usage, obfuscate=obfuscate)
    return model_frames(result, include_usage=include_usage, obfuscate=obfuscate)


def model_frames(result: ChatResult, *, include_usage: bool, obfuscate: bool) -> Iterator[bytes]:
    """`chat_frames` through the response models, which normalise logprobs and calls."""
    completion = result.completion
    header: dict[str, Any] = {
        "id": completion["id"], "created": completion["created"], "model": completion["model"],
        "service_tier": completion["service_tier"], "system_fingerprint": completion["system_fingerprint"],
    }
    if include_usage:
        header["usage"] = None
    per_choice = [choice_chunks(choice, result.encoding) for choice in result.choices]
    number = 0
    for number, choice in enumerate(_interleave(per_choice)):  # noqa: B007 - the usage chunk numbers on
        yield sse(_chunk(header, [choice], obfuscate, number).wire_json())
    if include_usage:
        last = {**header, "usage": completion["usage"]}
        yield sse(_chunk(last, [], obfuscate, number + 1).wire_json())
    yield DONE


def _interleave(per_choice: list[list[_T]]) -> Iterator[_T]:
    for row in zip_longest(*per_choice):
        yield from (choice for choice in row if choice is not None)


def _is_plain(choice: Choice) -> bool:
    """Text alone, without logprobs: what most streams are."""
    return choice.logprobs is None and not choice.tool_calls and choice.function_call is None


def plain_frames(result: ChatResult, *, include_usage: bool, obfuscate: bool) -> Iterator[bytes]:
    """`chat_frames` of plain choices, the chunks written as the models would send them (their fields in order,
    unset nulls left out) without building them: a stream has a chunk a token (`model_frames` built ~65 models
    for a short answer, most of a stream's work). tests/test_chat_stream_frames.py holds both ways to the same
    bytes."""
    completion = result.completion
    head: dict[str, Any] = {
        "id": completion["id"], "object": "chat.completion.chunk", "created": completion["created"],
        "model": completion["model"], "service_tier": completion["service_tier"],
        "system_fingerprint": completion["system_fingerprint"],
    }
    tail: dict[str, Any] = {"usage": None} if include_usage else {}
    per_choice = [_plain_choice_chunks(choice, result.encoding) for choice in result.choices]
    number = 0
    for number, choice in enumerate(_interleave(per_choice)):  # noqa: B007 - the usage chunk numbers on
        yield sse(orjson.dumps({**head, "choices": [choice], **tail, **_obfuscation(head, obfuscate, number)}))
    if include_usage:
        last = {**head, "choices": [], "usage": completion["usage"], **_obfuscation(head, obfuscate, number + 1)}
        yield sse(orjson.dumps(last))
    yield DONE


def _obfuscation(head: dict[str, Any], obfuscate: bool, number: int) -> dict[str, str]:
    return {"obfuscation": obfuscation(head["id"], number)} if obfuscate else {}


def _plain_choice_chunks(choice: Choice, encoding: tiktoken.Encoding) -> list[dict[str, Any]]:
    """`choice_chunks` of a plain choice, as the dicts its `ChunkChoice`s would send."""
    index = choice.index
    chunks = [{"index": index, "delta": {"role": "assistant", "content": "", "refusal": None}, "logprobs": None,
               "finish_reason": None}]
    chunks += [{"index": index, "delta": {"content": text}, "logprobs": None, "finish_reason": None}
               for text, _, _ in token_pieces(choice.content or "", encoding)]
    chunks.append({"index": index, "delta": {}, "logprobs": None, "finish_reason": choice.finish_reason})
    return chunks


def _chunk(header: dict[str, Any], choices: list[ChunkChoice], obfuscate: bool, number: int) -> ChatCompletionChunk:
    chunk = ChatCompletionChunk(**header, choices=choices)
    if obfuscate:
        chunk.obfuscation = obfuscation(header["id"], number)
    return chunk


def obfuscation(completion_id: str, number: int) -> str:
    """Padding the real API adds to even out chunk sizes; here stable per completion and chunk."""
    digest = hashlib.blake2b(f"{completion_id}:{number}".encode(), digest_size=16).digest()
    return digest[1:2 + digest[0] % 14].translate(_BASE62_OF_BYTE).decode("ascii")


def choice_chunks(choice: Choice, encoding: tiktoken.Encoding) -> list[ChunkChoice]:
    index = choice.index
    calls = bool(choice.tool_calls) or choice.function_call is not None
    chunks: list[ChunkChoice] = []
    if choice.content or not calls:  # text first (a reply may carry text and calls), as the real API sends it
        chunks.append(_delta(index, ChoiceDelta(role="assistant", content="", refusal=None)))
        chunks += [_delta(index, ChoiceDelta(content=text), logprobs)
                   for text, logprobs in content_pieces(choice, encoding)]
    opens = not chunks
    if choice.tool_calls:
        chunks += _tool_call_chunks(index, choice.tool_calls, opens=opens)
    elif choice.function_call is not None:
        chunks += _function_call_chunks(index, choice.function_call, opens=opens)
    chunks.append(ChunkChoice(index=index, delta=ChoiceDelta(), logprobs=None,
                              finish_reason=choice.finish_reason))
    return chunks


def _delta(index: int, delta: ChoiceDelta, logprobs: ChoiceLogprobs | None = None) -> ChunkChoice:
    return ChunkChoice(index=index, delta=delta, logprobs=logprobs, finish_reason=None)


def content_pieces(choice: Choice, encoding: tiktoken.Encoding) -> Iterator[tuple[str, ChoiceLogprobs | None]]:
    """The content in token pieces, each with its tokens' logprobs when they were asked for."""
    if not choice.content:
        return
    entries = choice.logprobs.get("content") if choice.logprobs is not None else None
    for text, start, end in token_pieces(choice.content, encoding):
        logprobs = None
        if entries is not None:
            logprobs = ChoiceLogprobs.model_validate({"content": entries[start:end], "refusal": None})
        yield text, logprobs


def token_pieces(text: str, encoding: tiktoken.Encoding) -> Iterator[tuple[str, int, int]]:
    """`text` as (piece, first token, end token): runs of whole tokens that decode to whole characters."""
    pending, start = b"", 0
    ids = encoding.encode_ordinary(text)
    for position, token in enumerate(ids):
        pending += encoding.decode_single_token_bytes(token)
        try:
            piece = pending.decode("utf-8")
        except UnicodeDecodeError:
            continue
        yield piece, start, position + 1
        pending, start = b"", position + 1
    if pending:
        yield pending.decode("utf-8", errors="replace"), start, len(ids)


def _tool_call_chunks(index: int, calls: tuple[dict[str, Any], ...], *, opens: bool) -> list[ChunkChoice]:
    """The calls' chunks; when `opens`, the first one also carries the role (no text came before)."""
    chunks: list[ChunkChoice] = []
    for position, call in enumerate(calls):
        opening = DeltaToolCall(index=position, id=call["id"], type="function",
                                function=DeltaFunction(name=call["function"]["name"], arguments=""))
        if position == 0 and opens:
            delta = ChoiceDelta(role="assistant", content=None, tool_calls=[opening], refusal=None)
        else:
            delta = ChoiceDelta(tool_calls=[opening])
        chunks.append(_delta(index, delta))
        for piece in _pieces(call["function"].get("arguments") or ""):
            argument = DeltaToolCall(index=position, function=DeltaFunction(arguments=piece))
            chunks.append(_delta(index, ChoiceDelta(tool_calls=[argument])))
    return chunks


def _function_call_chunks(index: int, call: dict[str, Any], *, opens: bool) -> list[ChunkChoice]:
    function = DeltaFunction(name=call["name"], arguments="")
    if opens:
        opening = ChoiceDelta(role="assistant", content=None, function_call=function, refusal=None)
    else:
        opening = ChoiceDelta(function_call=function)
    chunks = [_delta(index, opening)]
    for piece in _pieces(call.get("arguments") or ""):
        chunks.append(_delta(index, ChoiceDelta(function_call=DeltaFunction(arguments=piece))))
    return chunks


def _pieces(text: str) -> list[str]:
    return [text[i:i + ARGUMENT_PIECE_CHARS] for i in range(0, len(text), ARGUMENT_PIECE_CHARS)]
