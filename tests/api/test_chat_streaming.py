"""Streaming chat completions: the SDK's iterator and `.stream()` helper (strict), and the raw SSE frames."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from openai.types.chat import ChatCompletionChunk

from mockserver.core.clock import ManualClock
from tests.chat_support import (
    CHINESE_FILE,
    SEED_ANSWER,
    TOOLS_FILE,
    cookbook_prompt_tokens,
    fine_tuned_model,
    marv_messages,
    seed_model,
    text_tokens,
    tiktoken_encoding,
    training_lines,
)
from tests.jobs_support import jsonl

CL100K = tiktoken_encoding("cl100k_base")


@pytest.fixture
def ft_model(sdk: openai.OpenAI, clock: ManualClock) -> str:
    return seed_model(sdk, clock)


def stream_chunks(sdk: openai.OpenAI, **request: Any) -> list[ChatCompletionChunk]:
    return list(sdk.chat.completions.create(stream=True, **request))


def raw_frames(http: httpx.Client, **request: Any) -> tuple[httpx.Response, list[str]]:
    response = http.post("/v1/chat/completions", json={"stream": True, **request})
    frames = response.text.split("\n\n")
    assert frames[-1] == ""
    return response, frames[:-1]


def content_of(chunks: list[ChatCompletionChunk], index: int = 0) -> str:
    return "".join(c.delta.content or "" for chunk in chunks for c in chunk.choices if c.index == index)


def test_stream_sends_the_training_answer_in_pieces(sdk: openai.OpenAI, ft_model: str) -> None:
    chunks = stream_chunks(sdk, model=ft_model, messages=marv_messages())

    assert content_of(chunks) == SEED_ANSWER
    assert len(chunks) == 2 + text_tokens(CL100K, SEED_ANSWER)


def test_stream_opens_with_the_role_and_ends_with_the_finish_reason(sdk: openai.OpenAI, ft_model: str) -> None:
    chunks = stream_chunks(sdk, model=ft_model, messages=marv_messages())

    first, last = chunks[0].choices[0], chunks[-1].choices[0]
    assert (first.delta.role, first.delta.content, first.finish_reason) == ("assistant", "", None)
    assert (last.delta.content, last.delta.role, last.finish_reason) == (None, None, "stop")
    assert all(chunk.choices[0].finish_reason is None for chunk in chunks[:-1])


def test_stream_chunks_share_id_created_and_model(sdk: openai.OpenAI, clock: ManualClock, ft_model: str) -> None:
    chunks = stream_chunks(sdk, model=ft_model, messages=marv_messages())

    assert {(c.id, c.object, c.created, c.model, c.system_fingerprint) for c in chunks} == {
        (chunks[0].id, "chat.completion.chunk", clock.now(), ft_model, chunks[0].system_fingerprint)}


def test_stream_frames_are_data_lines_ending_with_done(http: httpx.Client, ft_model: str) -> None:
    response, frames = raw_frames(http, model=ft_model, messages=marv_messages())

    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert all(frame.startswith("data: ") and "\n" not in frame for frame in frames)
    assert frames[-1] == "data: [DONE]"
    first = json.loads(frames[0].removeprefix("data: "))
    assert first["choices"] == [{"index": 0, "delta": {"role": "assistant", "content": "", "refusal": None},
                                 "logprobs": None, "finish_reason": None}]
    assert "usage" not in first


def test_stream_frames_carry_obfuscation_unless_turned_off(http: httpx.Client, ft_model: str) -> None:
    _, padded = raw_frames(http, model=ft_model, messages=marv_messages())
    _, plain = raw_frames(http, model=ft_model, messages=marv_messages(),
                          stream_options={"include_obfuscation": False})

    assert all("obfuscation" in json.loads(frame[6:]) for frame in padded[:-1])
    assert not any("obfuscation" in json.loads(frame[6:]) for frame in plain[:-1])


def test_stream_with_include_usage_ends_with_a_usage_chunk(sdk: openai.OpenAI, ft_model: str) -> None:
    chunks = stream_chunks(sdk, model=ft_model, messages=marv_messages(), stream_options={"include_usage": True})

    *body, last = chunks
    assert all(chunk.usage is None for chunk in body)
    assert last.choices == []
    prompt, answer = cookbook_prompt_tokens(CL100K, marv_messages()), text_tokens(CL100K, SEED_ANSWER)
    assert last.usage is not None
    assert (last.usage.prompt_tokens, last.usage.completion_tokens, last.usage.total_tokens) == (
        prompt, answer, prompt + answer)


def test_stream_with_include_usage_sends_usage_null_in_every_other_chunk(http: httpx.Client, ft_model: str) -> None:
    _, frames = raw_frames(http, model=ft_model, messages=marv_messages(), stream_options={"include_usage": True})

    bodies = [json.loads(frame[6:]) for frame in frames[:-1]]
    assert all(body["usage"] is None for body in bodies[:-1])
    assert bodies[-1]["choices"] == [] and bodies[-1]["usage"]["total_tokens"] > 0


def test_stream_helper_gives_the_final_completion(sdk: openai.OpenAI, ft_model: str) -> None:
    with sdk.chat.completions.stream(model=ft_model, messages=marv_messages()) as stream:  # type: ignore[arg-type]
        deltas = [event.delta for event in stream if event.type == "content.delta"]
        final = stream.get_final_completion()

    assert "".join(deltas) == SEED_ANSWER
    assert final.choices[0].message.content == SEED_ANSWER


def test_stream_with_n_3_interleaves_three_choices(sdk: openai.OpenAI, ft_model: str) -> None:
    chunks = stream_chunks(sdk, model=ft_model, messages=marv_messages(), n=3)

    assert [content_of(chunks, index) for index in range(3)] == [SEED_ANSWER] * 3
    assert [chunk.choices[0].index for chunk in chunks[:3]] == [0, 1, 2]


def test_stream_with_max_tokens_finishes_with_length(sdk: openai.OpenAI, ft_model: str) -> None:
    chunks = stream_chunks(sdk, model=ft_model, messages=marv_messages(), max_completion_tokens=3)

    assert content_of(chunks) == CL100K.decode(CL100K.encode(SEED_ANSWER)[:3])
    assert chunks[-1].choices[0].finish_reason == "length"


def test_stream_with_logprobs_sends_each_pieces_tokens(sdk: openai.OpenAI, ft_model: str) -> None:
    chunks = stream_chunks(sdk, model=ft_model, messages=marv_messages(), logprobs=True)

    pieces = [(c.delta.content, c.logprobs) for chunk in chunks[1:-1] for c in chunk.choices]
    assert all(logprobs is not None and [e.token for e in logprobs.content or []] == [text]
               for text, logprobs in pieces)


def test_stream_of_tool_call_assembles_to_the_trained_call(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    example = training_lines(TOOLS_FILE)[1]

    with sdk.chat.completions.stream(model=model, messages=example["messages"][:2],
                                     tools=example["tools"]) as stream:
        final = stream.get_final_completion()

    (call,) = final.choices[0].message.tool_calls or []
    expected = example["messages"][2]["tool_calls"][0]["function"]
    assert (call.function.name, call.function.arguments) == (expected["name"], expected["arguments"])
    assert final.choices[0].finish_reason == "tool_calls"


def test_stream_of_chinese_answer_joins_back_exactly(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, CHINESE_FILE)
    example = training_lines(CHINESE_FILE)[5]["messages"]

    chunks = stream_chunks(sdk, model=model, messages=example[:2])

    assert content_of(chunks) == example[2]["content"]
    assert "\ufffd" not in content_of(chunks)


def test_stream_of_legacy_function_call_assembles_to_the_call(sdk: openai.OpenAI) -> None:
    function = training_lines(TOOLS_FILE)[0]["tools"][0]["function"]

    chunks = stream_chunks(sdk, model="gpt-4o-mini", messages=[{"role": "user", "content": "Weather in Oslo?"}],
                           functions=[function], function_call={"name": "get_weather"})

    calls = [c.delta.function_call for chunk in chunks for c in chunk.choices if c.delta.function_call]
    assert calls[0].name == "get_weather"
    assert isinstance(json.loads("".join(call.arguments or "" for call in calls)), dict)
    assert chunks[-1].choices[0].finish_reason == "function_call"


BOOKING_TOOL = {"type": "function", "function": {
    "name": "book_table", "description": "Book a restaurant table.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "people": {"type": "integer"}},
                   "required": ["city", "people"]},
}}


def booking_example(index: int) -> dict[str, Any]:
    city = ["Paris", "Berlin", "Oslo", "Rome", "Madrid", "Lisbon", "Vienna", "Prague", "Dublin", "Athens"][index]
    call = {"id": f"call_{index}", "type": "function",
            "function": {"name": "book_table", "arguments": json.dumps({"city": city, "people": index + 2})}}
    return {"messages": [
        {"role": "system", "content": "You book restaurant tables."},
        {"role": "user", "content": f"A table for {index + 2} in {city}, please."},
        {"role": "assistant", "content": "Sure, booking now.", "tool_calls": [call]},
    ], "tools": [BOOKING_TOOL]}


def test_stream_of_text_and_tool_call_sends_both(sdk: openai.OpenAI, clock: ManualClock, tmp_path: Path) -> None:
    examples = [booking_example(index) for index in range(10)]
    path = tmp_path / "booking.jsonl"
    path.write_bytes(jsonl(examples))
    model = fine_tuned_model(sdk, clock, path)
    request: dict[str, Any] = {"model": model, "messages": examples[0]["messages"][:2], "tools": [BOOKING_TOOL]}

    plain = sdk.chat.completions.create(**request)
    with sdk.chat.completions.stream(**request) as stream:
        final = stream.get_final_completion()

    expected = examples[0]["messages"][2]
    for message in (plain.choices[0].message, final.choices[0].message):
        assert message.content == "Sure, booking now."
        (call,) = message.tool_calls or []
        assert call.type == "function"
        assert (call.function.name, call.function.arguments) == ("book_table",
                                                                  expected["tool_calls"][0]["function"]["arguments"])
    assert final.choices[0].message.tool_calls[0].id == plain.choices[0].message.tool_calls[0].id  # type: ignore[index]
    assert final.choices[0].finish_reason == plain.choices[0].finish_reason == "tool_calls"
