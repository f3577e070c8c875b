"""Chat completions: check the request, pick the model, let the responder answer, count, record usage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import tiktoken

from mockserver.core.catalog import ModelCatalog
from mockserver.core.rate_limits import requested_tokens, token_limit_headers
from mockserver.responder import Choice
from mockserver.responder.rules import ResponseRules
from mockserver.schemas.chat import ChatCompletionCreate
from mockserver.services.chat_requests import check_context, check_for_model, check_request, reply_request
from mockserver.services.context import Context
from mockserver.services.inference import (
    prompt_tokens,
    record_usage,
    reply,
    resolve_inference_model,
    service_tier,
)
from mockserver.services.rate_limits import take_tokens

ENDPOINT = "chat.completions"


@dataclass(frozen=True)
class ChatResult:
    """A finished completion, and what streaming it needs: the responder's choices and the tokenizer."""

    completion: dict[str, Any]  # a `ChatCompletion` as sent: every field the model sends, in its order
    choices: list[Choice]
    encoding: tiktoken.Encoding
    headers: dict[str, str] = field(default_factory=dict)  # `--tpm`'s x-ratelimit-*-tokens


class ChatService:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog, rules: ResponseRules) -> None:
        self.ctx = ctx
        self.catalog = catalog
        self.rules = rules

    def create(self, body: ChatCompletionCreate) -> ChatResult:
        """Answer a request whole; streaming sends the same completion in chunks."""
        check_request(body)
        model = resolve_inference_model(self.ctx, self.catalog, body.model)
        check_for_model(body, model.spec)
        request = reply_request(body)
        prompt = prompt_tokens(model, body.messages, tools=body.tools, functions=body.functions)
        check_context(model.spec, prompt, request.max_tokens)
        requested = requested_tokens(prompt=prompt, max_output=request.max_tokens, n=request.n)
        tokens_taken = take_tokens(self.ctx, model=model.requested, requested=requested)
        choices = reply(model, self.rules, request)
        if body.functions and not body.tools:
            choices = [as_function_call(choice) for choice in choices]
        completion_tokens = sum(choice.completion_tokens for choice in choices)
        now = self.ctx.clock.now()
        completion_id = self.ctx.ids.new("chat")
        cached = record_usage(self.ctx, model, endpoint=ENDPOINT, request_id=completion_id, prompt=prompt,
                              completion=completion_tokens, created_at=now, messages=body.messages,
                              tools=[*(body.tools or ()), *(body.functions or ())])
        completion = {
            "id": completion_id, "object": "chat.completion", "created": now, "model": model.shown,
            "choices": [render_choice(c) for c in choices], "usage": usage(prompt, completion_tokens, cached),
            "service_tier": service_tier(body.service_tier), "system_fingerprint": model.fingerprint,
        }
        if body.store:
            from mockserver.services.stored_chat import store_completion  # only for `store: true`

            store_completion(self.ctx, body, completion)
        headers = token_limit_headers(tokens_taken) if tokens_taken is not None else {}
        return ChatResult(completion=completion, choices=choices, encoding=model.encoding, headers=headers)


def as_function_call(choice: Choice) -> Choice:
    """A request with legacy `functions` gets the deprecated `function_call` instead of a tool call."""
    if not choice.tool_calls:
        return choice
    function = choice.tool_calls[0]["function"]
    finish = "length" if choice.finish_reason == "length" else "function_call"
    return Choice(
        index=choice.index, content=choice.content, function_call=dict(function), finish_reason=finish,
        logprobs=choice.logprobs, completion_tokens=choice.completion_tokens,
    )


def render_choice(choice: Choice) -> dict[str, Any]:
    """A `Choice` of the response as sent (schemas/chat.py `Choice`: its fields in order, unset nulls left out)."""
    message: dict[str, Any] = {"role": "assistant", "content": choice.content}
    if choice.tool_calls:
        message["tool_calls"] = [{"id": call["id"], "type": "function", "function": _function(call["function"])}
                                 for call in choice.tool_calls]
    if choice.function_call is not None:
        message["function_call"] = _function(choice.function_call)
    message["refusal"] = None
    message["annotations"] = []
    return {"index": choice.index, "message": message, "logprobs": choice.logprobs,
            "finish_reason": choice.finish_reason}


def _function(function: dict[str, Any]) -> dict[str, Any]:
    return {"name": function["name"], "arguments": function["arguments"]}


def usage(prompt: int, completion: int, cached: int = 0) -> dict[str, Any]:
    """The response's `usage` as sent (schemas/chat.py `CompletionUsage`, its details' zeros included)."""
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0,
                                          "rejected_prediction_tokens": 0}}
