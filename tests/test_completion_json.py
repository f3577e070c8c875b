"""`completion_json` writes exactly what the `ChatCompletion` wire model would send for every shape the chat
service builds: text, tool calls, legacy function calls, several choices, cached tokens, logprobs."""

from __future__ import annotations

from typing import Any

import pytest

from mockserver.responder import Choice
from mockserver.schemas.chat import ChatCompletion, completion_json
from mockserver.services.chat import as_function_call, render_choice, usage

CALL = {"id": "call_abc", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Oslo"}'}}
LOGPROBS = {"content": [{"token": "Hi", "logprob": -0.012345, "bytes": [72, 105],
                         "top_logprobs": [{"token": "Hi", "logprob": -0.012345, "bytes": [72, 105]}]}],
            "refusal": None}
CHOICES: dict[str, list[Choice]] = {
    "text": [Choice(index=0, content="Paris, of course. Ünïcödé \u2028 \"quoted\"\n", completion_tokens=9)],
    "empty_text": [Choice(index=0, content="", finish_reason="length", completion_tokens=0)],
    "tool_calls": [Choice(index=0, content=None, tool_calls=(CALL, {**CALL, "id": "call_def"}),
                          finish_reason="tool_calls", completion_tokens=12)],
    "text_and_call": [Choice(index=0, content="Let me check.", tool_calls=(CALL,), finish_reason="tool_calls",
                             completion_tokens=15)],
    "function_call": [as_function_call(Choice(index=0, content=None, tool_calls=(CALL,),
                                              finish_reason="tool_calls", completion_tokens=7))],
    "several": [Choice(index=index, content="Same.", completion_tokens=2) for index in range(3)],
    "logprobs": [Choice(index=0, content="Hi", logprobs=LOGPROBS, completion_tokens=1)],
}


def completion(choices: list[Choice], *, cached: int = 0, tier: str = "default") -> dict[str, Any]:
    return {"id": "chatcmpl-abc", "object": "chat.completion", "created": 1_767_225_600,
            "model": "ft:gpt-4o-mini-2024-07-18:org::abc", "choices": [render_choice(c) for c in choices],
            "usage": usage(2000, sum(c.completion_tokens for c in choices), cached), "service_tier": tier,
            "system_fingerprint": "fp_0123456789"}


@pytest.mark.parametrize("name", sorted(CHOICES))
def test_completion_json_is_the_wire_models_json(name: str) -> None:
    body = completion(CHOICES[name])

    assert completion_json(body) == ChatCompletion.model_validate(body).wire_json()


@pytest.mark.parametrize(("cached", "tier"), [(1024, "default"), (0, "priority"), (0, "flex")])
def test_completion_json_carries_usage_and_tier_as_the_model_does(cached: int, tier: str) -> None:
    body = completion(CHOICES["text"], cached=cached, tier=tier)

    assert completion_json(body) == ChatCompletion.model_validate(body).wire_json()
