"""A plain streamed completion (text, no logprobs, no calls) is written without the response models
(services/chat_stream.py `plain_frames`): the same bytes as through them (`model_frames`)."""

from __future__ import annotations

import hashlib

import pytest

from mockserver.core.ids import BASE62
from mockserver.core.tokens import get_encoding
from mockserver.responder import Choice
from mockserver.services.chat import ChatResult, render_choice, usage
from mockserver.services.chat_stream import chat_frames, model_frames, obfuscation, plain_frames

TEXTS = ["Hello! How can I help you today?", "", "小孩发烧怎么办？多喝水，注意休息。🙂 ok", "a\nb  c", "x" * 300]


def result(choices: list[Choice], *, fingerprint: str | None = "fp_1") -> ChatResult:
    completion = {
        "id": "chatcmpl-abc", "object": "chat.completion", "created": 1_700_000_000, "model": "gpt-4o-mini",
        "choices": [render_choice(choice) for choice in choices], "usage": usage(12, 34, 5),
        "service_tier": "default", "system_fingerprint": fingerprint,
    }
    return ChatResult(completion=completion, choices=choices, encoding=get_encoding("o200k_base"))


@pytest.mark.parametrize("include_usage", [False, True])
@pytest.mark.parametrize("obfuscate", [False, True])
@pytest.mark.parametrize("text", TEXTS)
def test_one_plain_choice_streams_as_through_the_models(text: str, include_usage: bool, obfuscate: bool) -> None:
    streamed = result([Choice(index=0, content=text, finish_reason="stop")])

    plain = list(plain_frames(streamed, include_usage=include_usage, obfuscate=obfuscate))

    assert plain == list(model_frames(streamed, include_usage=include_usage, obfuscate=obfuscate))
    assert list(chat_frames(streamed, include_usage=include_usage, obfuscate=obfuscate)) == plain


def test_choices_interleave_as_through_the_models() -> None:
    streamed = result([Choice(index=0, content=TEXTS[0], finish_reason="length"),
                       Choice(index=1, content=TEXTS[2]), Choice(index=2, content=None)], fingerprint=None)

    plain = list(plain_frames(streamed, include_usage=True, obfuscate=True))

    assert plain == list(model_frames(streamed, include_usage=True, obfuscate=True))


def test_a_choice_with_logprobs_or_calls_goes_through_the_models() -> None:
    call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    streamed = result([Choice(index=0, content=None, tool_calls=(call,), finish_reason="tool_calls")])

    frames = list(chat_frames(streamed, include_usage=False, obfuscate=False))

    assert frames == list(model_frames(streamed, include_usage=False, obfuscate=False))
    assert b'"tool_calls"' in frames[0]


def test_obfuscation_is_the_blake2b_digest_in_base62() -> None:
    """Stable per completion and chunk: each byte of the digest's slice is the BASE62 character of its value."""
    for number in range(40):
        digest = hashlib.blake2b(f"chatcmpl-abc:{number}".encode(), digest_size=16).digest()
        expected = "".join(BASE62[byte % 62] for byte in digest[1:2 + digest[0] % 14])
        assert obfuscation("chatcmpl-abc", number) == expected
