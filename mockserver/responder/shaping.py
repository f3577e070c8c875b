"""Shaping an answer to the request: n choices, tools, response formats, stop, max tokens, logprobs."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import tiktoken

from mockserver.core.tokens import count_recurring_text
from mockserver.responder import Answer, Choice, ReplyRequest
from mockserver.responder.json_schema import instance_for
from mockserver.responder.logprobs import logprobs_for
from mockserver.responder.tool_calls import call_id, select


def shape(answer: Answer, request: ReplyRequest, encoding: tiktoken.Encoding) -> list[Choice]:
    """The request's choices for this answer.

    Rules (all deterministic: the same request and seed give the same choices):

    - `n` choices, index 0..n-1, with the same content; what differs per choice is what is drawn
      from the request, the seed and the index: tool call ids and logprob values.
    - Tools (`tool_calls.select`): no tools or `none` → text; `required` / a named function → calls
      only; `auto` → the answer's calls to offered tools, else text; `parallel_tool_calls: false` →
      at most one call. Every call gets a fresh id: `call_` + 24 base62 from the request, seed,
      choice and position.
    - `response_format` applies to text: `json_object` → the text when it is a JSON object, else
      `{"answer": text}`; `json_schema` → `json_schema.instance_for(schema, hint=text)`; compact JSON.
    - `stop`: the text is cut before the earliest occurrence of any stop sequence.
    - `max_tokens` is shared by the text and the calls, in that order: the text is encoded
      (`encode_ordinary`) and cut to its first N tokens, decoded (`errors="replace"`, as tiktoken
      does); then each call takes its name's and its arguments' tokens; the call that outgrows what
      is left keeps its name and the first arguments tokens that fit (its name not fitting: it is
      dropped), and later calls are dropped. finish_reason `length`.
    - `completion_tokens` = the content's tokens as generated (the N kept tokens when cut, otherwise
      `len(encode_ordinary(content))`) + for each call `len(encode_ordinary(name))` +
      `len(encode_ordinary(arguments))` (as kept).
    - finish_reason: `length` when anything was cut, else `tool_calls` when there are calls, else `stop`.
    - `logprobs`: one entry per content token (the same token ids as above), see logprobs.py;
      `{"content": None, "refusal": None}` when the choice has no content.
    """
    content, calls = select(answer, request)
    if content is not None:
        content = formatted(content, request.response_format)
        content = cut_at_stop(content, request.stop)
    content_tokens = count_recurring_text(encoding, content) if content is not None else 0
    truncated = request.max_tokens is not None and content_tokens > request.max_tokens
    # The token ids only to cut the text or to draw its logprobs: a count is cheaper, and remembered.
    token_ids = encoding.encode_ordinary(content) if content is not None and (truncated or request.logprobs) else []
    if truncated:
        token_ids = token_ids[: request.max_tokens]
        content = encoding.decode(token_ids)
        content_tokens = len(token_ids)
    room = None if request.max_tokens is None else request.max_tokens - content_tokens
    calls, call_tokens, calls_cut = fit_calls(calls, encoding, room)
    if calls_cut and content is None and not calls:
        content = ""  # not even a call's name fitted: the message is empty rather than absent
    # Only tool call ids and logprobs are drawn from the digest: most requests need neither.
    digest = request_digest(request) if calls or request.logprobs else b""
    finish = "length" if truncated or calls_cut else "tool_calls" if calls else "stop"
    return [
        Choice(
            index=index, content=content,
            tool_calls=tuple({"id": call_id(digest, request.seed, index, position), **call}
                             for position, call in enumerate(calls)),
            finish_reason=finish, completion_tokens=content_tokens + call_tokens,
            logprobs=choice_logprobs(request, content, token_ids, encoding, digest, index),
        )
        for index in range(max(1, request.n))
    ]


def fit_calls(
    calls: list[dict[str, Any]], encoding: tiktoken.Encoding, room: int | None
) -> tuple[list[dict[str, Any]], int, bool]:
    """(the calls that fit in `room` tokens (None: no limit), the tokens they take, whether any was cut)."""
    kept: list[dict[str, Any]] = []
    used = 0
    for call in calls:
        name, arguments = call["function"]["name"], call["function"]["arguments"]
        name_tokens = len(encoding.encode_ordinary(name))
        argument_ids = encoding.encode_ordinary(arguments)
        if room is not None and used + name_tokens + len(argument_ids) > room:
            left = room - used - name_tokens
            if left >= 0:
                cut = encoding.decode(argument_ids[:left])
                kept.append({**call, "function": {"name": name, "arguments": cut}})
                used += name_tokens + left
            return kept, used, True
        kept.append(call)
        used += name_tokens + len(argument_ids)
    return kept, used, False


def formatted(text: str, response_format: dict[str, Any] | None) -> str:
    """The text in the requested response format (see `shape`)."""
    kind = (response_format or {}).get("type")
    if kind == "json_object":
        return as_json_object(text)
    if kind == "json_schema":
        spec = response_format.get("json_schema") or {}  # type: ignore[union-attr]
        schema = spec.get("schema") if isinstance(spec, dict) else None
        if schema is None:
            schema = response_format.get("schema")  # type: ignore[union-attr]
        if not isinstance(schema, dict | bool):
            return as_json_object(text)
        return orjson.dumps(instance_for(schema, hint=text)).decode()
    return text


def as_json_object(text: str) -> str:
    """The text when it already is a JSON object, else `{"answer": text}`."""
    try:
        if isinstance(orjson.loads(text), dict):
            return text
    except orjson.JSONDecodeError:
        pass
    return orjson.dumps({"answer": text}).decode()


def cut_at_stop(text: str, stop: tuple[str, ...]) -> str:
    """The text before the earliest occurrence of any stop sequence (empty sequences ignored)."""
    positions = [found for sequence in stop if sequence and (found := text.find(sequence)) >= 0]
    return text[: min(positions)] if positions else text


def request_digest(request: ReplyRequest) -> bytes:
    """A digest of what the request asks, from which per-request values (ids, logprobs) are drawn."""
    data = orjson.dumps(
        [request.model, request.messages, request.tools, request.tool_choice, request.response_format],
        option=orjson.OPT_SORT_KEYS, default=str,
    )
    return hashlib.sha256(data).digest()


def choice_logprobs(
    request: ReplyRequest, content: str | None, token_ids: list[int], encoding: tiktoken.Encoding,
    digest: bytes, index: int,
) -> dict[str, Any] | None:
    if not request.logprobs:
        return None
    if content is None:
        return {"content": None, "refusal": None}
    seed = int.from_bytes(hashlib.sha256(digest + f":{request.seed}:{index}".encode()).digest()[:8], "big")
    return logprobs_for(token_ids, encoding, top=request.top_logprobs, seed=seed)
