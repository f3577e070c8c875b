"""Stored responses: keep a response (and the conversation it ends), continue it, read, delete, cancel it."""

from __future__ import annotations

import json
from typing import Any

from mockserver.core.errors import InvalidRequest
from mockserver.schemas.responses import Response, ResponseCreate
from mockserver.services.context import Context
from mockserver.services.response_inputs import chat_messages
from mockserver.services.stored_chat import check_page, list_body


def conversation(ctx: Context, body: ResponseCreate) -> list[dict[str, Any]]:
    """The chat messages to answer: this request's instructions, the earlier conversation, this input.

    As on the real API, the instructions of an earlier response are not carried over.
    """
    messages = chat_messages(body)
    if body.previous_response_id is None:
        return messages
    earlier = ctx.store.responses.context(owner=ctx.caller.owner, response_id=body.previous_response_id)
    if earlier is None:
        raise InvalidRequest(f"Previous response with id '{body.previous_response_id}' not found.",
                             param="previous_response_id", code="previous_response_not_found")
    split = 1 if body.instructions else 0
    return [*messages[:split], *earlier, *messages[split:]]


def store_response(ctx: Context, body: ResponseCreate, response: Response, messages: list[dict[str, Any]]) -> None:
    """Keep the response, the conversation a later `previous_response_id` continues, and the input items."""
    sent: dict[str, Any] = json.loads(response.wire_json())
    context = [*messages[1 if body.instructions else 0:], *output_messages(sent["output"])]
    items = [input_item(ctx, item) for item in input_items(body)]
    ctx.store.responses.insert(owner=ctx.caller.owner, response=sent, context=context, items=items)


def output_messages(output: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The response's output as chat messages: one assistant message with its text and tool calls."""
    texts = [part["text"] for item in output if item["type"] == "message" for part in item["content"]]
    calls = [{"id": item["call_id"], "type": "function",
              "function": {"name": item["name"], "arguments": item["arguments"]}}
             for item in output if item["type"] == "function_call"]
    message: dict[str, Any] = {"role": "assistant", "content": "".join(texts) if texts else None}
    if calls:
        message["tool_calls"] = calls
    return [message]


def input_items(body: ResponseCreate) -> list[dict[str, Any]]:
    if isinstance(body.input, str):
        return [{"type": "message", "role": "user", "content": body.input}]
    return [dict(item) for item in body.input or ()]


def input_item(ctx: Context, item: dict[str, Any]) -> dict[str, Any]:
    """An input item as `input_items` lists it: with an id and a status, text content as a parts array."""
    kind = item.get("type", "message")
    if kind == "function_call":
        return {"id": item.get("id") or ctx.ids.new("function_call"), "type": kind, "call_id": item["call_id"],
                "name": item["name"], "arguments": item["arguments"], "status": "completed"}
    if kind == "function_call_output":
        return {"id": item.get("id") or ctx.ids.new("function_call_output"), "type": kind,
                "call_id": item["call_id"], "output": item["output"], "status": "completed"}
    content = item["content"]
    if isinstance(content, str):
        text_type = "output_text" if item["role"] == "assistant" else "input_text"
        part: dict[str, Any] = {"type": text_type, "text": content}
        if text_type == "output_text":
            part["annotations"] = []
        content = [part]
    return {"id": item.get("id") or ctx.ids.new("message"), "type": "message", "role": item["role"],
            "content": content, "status": "completed"}


class StoredResponsesService:
    def __init__(self, ctx: Context) -> None:
        self.repo = ctx.store.responses
        self.owner = ctx.caller.owner

    def retrieve(self, response_id: str) -> dict[str, Any]:
        return self.repo.get(owner=self.owner, response_id=response_id)

    def delete(self, response_id: str) -> dict[str, Any]:
        self.repo.delete(owner=self.owner, response_id=response_id)
        return {"id": response_id, "object": "response", "deleted": True}

    def cancel(self, response_id: str) -> dict[str, Any]:
        """Only a background response can be cancelled; ours have all finished, so it comes back as it is."""
        response = self.repo.get(owner=self.owner, response_id=response_id)
        if not response.get("background"):
            raise InvalidRequest("Only responses created with background=true can be cancelled.",
                                 param="response_id")
        return response

    def input_items(self, response_id: str, *, after: str | None, limit: int, order: str) -> dict[str, Any]:
        check_page(limit, order)
        page = self.repo.input_items(owner=self.owner, response_id=response_id, after=after, limit=limit,
                                     descending=order == "desc")
        return list_body(page)
