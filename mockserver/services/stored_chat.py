"""Stored chat completions: keep a `store: true` completion, then list, read, tag, delete it and its messages."""

from __future__ import annotations

import json
from typing import Any

from mockserver.core.errors import InvalidRequest
from mockserver.schemas.chat import ChatCompletionCreate, completion_json
from mockserver.services.context import Context
from mockserver.services.request_checks import check_metadata
from mockserver.store.chat_completions import CompletionFilter
from mockserver.store.pagination import Page

MAX_LIMIT = 100


def store_completion(ctx: Context, body: ChatCompletionCreate, completion: dict[str, Any]) -> None:
    """Keep the completion as it was sent (`completion_json`), with the request's metadata and messages."""
    ctx.store.chat_completions.insert(
        owner=ctx.caller.owner, completion=json.loads(completion_json(completion)), metadata=dict(body.metadata or {}),
        messages=[stored_message(message) for message in body.messages],
    )


def stored_message(message: dict[str, Any]) -> dict[str, Any]:
    """A request message as the messages list shows it: text in `content`, a parts array in `content_parts`."""
    content = message.get("content")
    stored: dict[str, Any] = {"role": message["role"], "content": content, "name": message.get("name"),
                              "content_parts": None}
    if isinstance(content, list):
        texts = [part["text"] for part in content if isinstance(part, dict) and part.get("type") == "text"]
        stored["content"] = "".join(texts) if texts else None
        stored["content_parts"] = content
    for key in ("tool_calls", "tool_call_id", "function_call"):
        if key in message:
            stored[key] = message[key]
    return stored


def check_page(limit: int, order: str) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidRequest(f"Invalid 'limit': {limit}. It must be between 1 and {MAX_LIMIT}.", param="limit",
                             code="invalid_value")
    if order not in ("asc", "desc"):
        raise InvalidRequest(f"Invalid value for 'order': '{order}'. Supported values are: 'asc' and 'desc'.",
                             param="order", code="invalid_value")


def list_body(page: Page) -> dict[str, Any]:
    """The list object; first_id and last_id are null when the page is empty."""
    ids = [row["id"] for row in page.rows]
    return {"object": "list", "data": page.rows, "first_id": ids[0] if ids else None,
            "last_id": ids[-1] if ids else None, "has_more": page.has_more}


class StoredChatService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.repo = ctx.store.chat_completions
        self.owner = ctx.caller.owner

    def list(self, *, model: str | None, metadata: dict[str, str], after: str | None, limit: int,
             order: str) -> dict[str, Any]:
        check_page(limit, order)
        query = CompletionFilter(owner=self.owner, model=model, metadata=metadata, descending=order == "desc",
                                 limit=limit)
        return list_body(self.repo.list(query, after=after))

    def retrieve(self, completion_id: str) -> dict[str, Any]:
        return self.repo.get(owner=self.owner, completion_id=completion_id)

    def update(self, completion_id: str, metadata: dict[str, str] | None) -> dict[str, Any]:
        check_metadata(metadata)
        return self.repo.set_metadata(owner=self.owner, completion_id=completion_id, metadata=dict(metadata or {}))

    def delete(self, completion_id: str) -> dict[str, Any]:
        self.repo.delete(owner=self.owner, completion_id=completion_id)
        return {"object": "chat.completion.deleted", "id": completion_id, "deleted": True}

    def messages(self, completion_id: str, *, after: str | None, limit: int, order: str) -> dict[str, Any]:
        check_page(limit, order)
        page = self.repo.messages(owner=self.owner, completion_id=completion_id, after=after, limit=limit,
                                  descending=order == "desc")
        return list_body(page)
