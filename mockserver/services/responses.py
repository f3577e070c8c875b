"""Responses API: the same models and responder as chat completions, in the `response` object's shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import tiktoken

from mockserver.core.catalog import ModelCatalog
from mockserver.core.rate_limits import requested_tokens, token_limit_headers
from mockserver.responder import Choice
from mockserver.responder.rules import ResponseRules
from mockserver.schemas.responses import (
    FunctionCallItem,
    IncompleteDetails,
    InputTokensDetails,
    OutputItem,
    OutputMessage,
    OutputText,
    OutputTokensDetails,
    Response,
    ResponseCreate,
    ResponseUsage,
)
from mockserver.services.chat_requests import check_chat_model, check_context
from mockserver.services.context import Context
from mockserver.services.inference import prompt_tokens, record_usage, reply, resolve_inference_model, service_tier
from mockserver.services.rate_limits import take_tokens
from mockserver.services.response_inputs import (
    check_format_for_model,
    check_response_request,
    response_reply_request,
)
from mockserver.services.stored_responses import conversation, store_response

ENDPOINT = "responses"


@dataclass(frozen=True)
class ResponseResult:
    """A finished response, and what streaming it needs: the tokenizer and the stream options."""

    response: Response
    encoding: tiktoken.Encoding
    obfuscate: bool
    headers: dict[str, str] = field(default_factory=dict)  # `--tpm`'s x-ratelimit-*-tokens


class ResponsesService:
    def __init__(self, ctx: Context, *, catalog: ModelCatalog, rules: ResponseRules) -> None:
        self.ctx = ctx
        self.catalog = catalog
        self.rules = rules

    def create(self, body: ResponseCreate) -> ResponseResult:
        check_response_request(body)
        model = resolve_inference_model(self.ctx, self.catalog, body.model)
        check_chat_model(model.spec)
        check_format_for_model(body, model.spec)
        messages = conversation(self.ctx, body)  # with the earlier turns of a `previous_response_id`
        request = response_reply_request(body, messages)
        prompt = prompt_tokens(model, messages, tools=request.tools)
        check_context(model.spec, prompt, request.max_tokens)
        tokens_taken = take_tokens(self.ctx, model=model.requested,
                                   requested=requested_tokens(prompt=prompt, max_output=request.max_tokens, n=1))
        choice = reply(model, self.rules, request)[0]
        now = self.ctx.clock.now()
        response_id = self.ctx.ids.new("response")
        cached = record_usage(self.ctx, model, endpoint=ENDPOINT, request_id=response_id, prompt=prompt,
                              completion=choice.completion_tokens, created_at=now, messages=messages,
                              tools=request.tools or ())
        incomplete = choice.finish_reason == "length"
        response = Response(
            **echoed(body), id=response_id, created_at=now, completed_at=None if incomplete else now,
            status="incomplete" if incomplete else "completed", model=model.shown,
            incomplete_details=IncompleteDetails(reason="max_output_tokens") if incomplete else None,
            output=self.output_items(choice, logprobs=request.logprobs), service_tier=service_tier(body.service_tier),
            usage=ResponseUsage(
                input_tokens=prompt, input_tokens_details=InputTokensDetails(cached_tokens=cached),
                output_tokens=choice.completion_tokens,
                output_tokens_details=OutputTokensDetails(), total_tokens=prompt + choice.completion_tokens,
            ),
        )
        if body.store is not False:
            store_response(self.ctx, body, response, messages)
        obfuscate = body.stream_options is None or body.stream_options.include_obfuscation is not False
        headers = token_limit_headers(tokens_taken) if tokens_taken is not None else {}
        return ResponseResult(response=response, encoding=model.encoding, obfuscate=obfuscate, headers=headers)

    def output_items(self, choice: Choice, *, logprobs: bool) -> list[OutputItem]:
        """A message for the text, then one `function_call` item per call."""
        status = "incomplete" if choice.finish_reason == "length" else "completed"
        items: list[OutputItem] = []
        calls = list(choice.tool_calls)
        if choice.function_call is not None:
            calls.append({"id": self.ctx.ids.new("call"), "function": choice.function_call})
        if choice.content is not None or not calls:
            entries = (choice.logprobs or {}).get("content") or [] if logprobs else []
            text = OutputText(text=choice.content or "", logprobs=entries)
            items.append(OutputMessage(id=self.ctx.ids.new("message"), status=status, content=[text]))
        for call in calls:
            items.append(FunctionCallItem(
                id=self.ctx.ids.new("function_call"), status=status, arguments=call["function"]["arguments"],
                call_id=call["id"], name=call["function"]["name"],
            ))
        return items


def echoed(body: ResponseCreate) -> dict[str, Any]:
    """Request values the response repeats, with the real API's defaults where none was given."""
    values: dict[str, Any] = {
        "background": bool(body.background), "instructions": body.instructions,
        "max_output_tokens": body.max_output_tokens, "max_tool_calls": body.max_tool_calls,
        "parallel_tool_calls": body.parallel_tool_calls is not False,
        "previous_response_id": body.previous_response_id, "prompt_cache_key": body.prompt_cache_key,
        "prompt_cache_retention": body.prompt_cache_retention, "safety_identifier": body.safety_identifier,
        "store": body.store is not False, "tool_choice": body.tool_choice or "auto",
        "top_logprobs": body.top_logprobs or 0, "truncation": body.truncation or "disabled", "user": body.user,
        "metadata": body.metadata or {}, "tools": [echoed_tool(tool) for tool in body.tools or ()],
        "reasoning": {"effort": (body.reasoning or {}).get("effort"), "summary": (body.reasoning or {}).get("summary")},
        "text": {"format": (body.text or {}).get("format") or {"type": "text"},
                 "verbosity": (body.text or {}).get("verbosity") or "medium"},
    }
    if body.temperature is not None:
        values["temperature"] = body.temperature
    if body.top_p is not None:
        values["top_p"] = body.top_p
    return values


def echoed_tool(tool: dict[str, Any]) -> dict[str, Any]:
    """A function tool as the response lists it: description and parameters null when not given, strict true."""
    return {"type": "function", "name": tool["name"], "description": tool.get("description"),
            "parameters": tool.get("parameters"), "strict": tool.get("strict", True)}
