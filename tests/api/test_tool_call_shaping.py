"""Tool-call answers shaped to the request, through the strict SDK: max tokens, parallel calls, text-only requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.chat_support import TOOLS_FILE, fine_tuned_model, tiktoken_encoding, training_lines

O200K = tiktoken_encoding("o200k_base")
SYSTEM = {"role": "system", "content": "You help with weather questions."}
PARIS = [SYSTEM, {"role": "user", "content": "Weather in Paris?"}]
WEATHER_TOOL = training_lines(TOOLS_FILE)[0]["tools"][0]
PARIS_ARGUMENTS = '{"city": "Paris", "unit": "celsius"}'
NAME_TOKENS = len(O200K.encode("get_weather"))
FALLBACKS = ('I don\'t have a reliable answer to "Weather in Paris". Could you add a little more detail?',
             'That is outside what I know well, so I would rather not guess about "Weather in Paris".',
             'I can\'t answer "Weather in Paris" with confidence. Try rephrasing it or asking something related.',
             "I'm not sure about that.", "I don't know that one.", "No idea, sorry.")


@pytest.fixture
def tools_model(sdk: openai.OpenAI, clock: ManualClock) -> str:
    return fine_tuned_model(sdk, clock, TOOLS_FILE)


def two_call_file(tmp_path: Path) -> Path:
    """tool_calls.jsonl with every first assistant turn calling the tool twice (celsius, then fahrenheit)."""
    lines = []
    for example in training_lines(TOOLS_FILE):
        messages = example["messages"]
        first = messages[2]["tool_calls"][0]
        city = json.loads(first["function"]["arguments"])["city"]
        second = {"id": first["id"] + "b", "type": "function",
                  "function": {"name": "get_weather", "arguments": json.dumps({"city": city, "unit": "fahrenheit"})}}
        calls = {**messages[2], "tool_calls": [first, second]}
        lines.append(json.dumps({"messages": [*messages[:2], calls], "tools": example["tools"]}))
    path = tmp_path / "two_calls.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- max_tokens ---------------------------------------------------------------------------------
@pytest.mark.parametrize("limit", ["max_tokens", "max_completion_tokens"])
def test_create_with_token_limit_cuts_the_call_arguments_with_length(
    sdk: openai.OpenAI, tools_model: str, limit: str
) -> None:
    fields: dict[str, Any] = {limit: NAME_TOKENS + 4}
    completion = sdk.chat.completions.create(model=tools_model, messages=PARIS, tools=[WEATHER_TOOL], **fields)  # type: ignore[arg-type]

    choice = completion.choices[0]
    (call,) = choice.message.tool_calls or []
    assert choice.finish_reason == "length"
    assert call.function.arguments == O200K.decode(O200K.encode(PARIS_ARGUMENTS)[:4])  # type: ignore[union-attr]
    assert completion.usage is not None and completion.usage.completion_tokens == NAME_TOKENS + 4


def test_create_with_room_for_the_call_is_not_cut(sdk: openai.OpenAI, tools_model: str) -> None:
    limit = NAME_TOKENS + len(O200K.encode(PARIS_ARGUMENTS))
    completion = sdk.chat.completions.create(model=tools_model, messages=PARIS, tools=[WEATHER_TOOL],  # type: ignore[arg-type]
                                             max_tokens=limit)

    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.tool_calls[0].function.arguments == PARIS_ARGUMENTS  # type: ignore[index, union-attr]


def test_stream_with_max_tokens_sends_the_cut_arguments(sdk: openai.OpenAI, tools_model: str) -> None:
    chunks = list(sdk.chat.completions.create(model=tools_model, messages=PARIS, tools=[WEATHER_TOOL],  # type: ignore[arg-type]
                                              max_tokens=NAME_TOKENS + 4, stream=True))

    arguments = "".join(call.function.arguments or "" for chunk in chunks for choice in chunk.choices
                        for call in choice.delta.tool_calls or () if call.function is not None)
    assert arguments == O200K.decode(O200K.encode(PARIS_ARGUMENTS)[:4])
    assert chunks[-1].choices[0].finish_reason == "length"


def test_create_with_legacy_functions_and_max_tokens_ends_with_length(sdk: openai.OpenAI) -> None:
    completion = sdk.chat.completions.create(
        model="gpt-4o-mini", messages=PARIS, functions=[WEATHER_TOOL["function"]],  # type: ignore[arg-type]
        function_call={"name": "get_weather"}, max_tokens=NAME_TOKENS + 1)

    choice = completion.choices[0]
    assert choice.finish_reason == "length"
    assert choice.message.function_call is not None and len(O200K.encode(choice.message.function_call.arguments)) == 1


def test_create_response_with_max_output_tokens_cuts_the_calls_and_is_incomplete(
    sdk: openai.OpenAI, clock: ManualClock, tmp_path: Path
) -> None:
    model = fine_tuned_model(sdk, clock, two_call_file(tmp_path))
    tool = {"type": "function", **WEATHER_TOOL["function"]}

    response = sdk.responses.create(model=model, input=PARIS, tools=[tool], max_output_tokens=20)  # type: ignore[arg-type, list-item]

    first, second = response.output
    left = 20 - 2 * NAME_TOKENS - len(O200K.encode(PARIS_ARGUMENTS))
    assert (response.status, response.incomplete_details.reason) == ("incomplete", "max_output_tokens")  # type: ignore[union-attr]
    assert first.arguments == PARIS_ARGUMENTS  # type: ignore[union-attr]
    assert second.arguments == O200K.decode(O200K.encode('{"city": "Paris", "unit": "fahrenheit"}')[:left])  # type: ignore[union-attr]
    assert response.usage is not None and response.usage.output_tokens == 20


# -- parallel_tool_calls ------------------------------------------------------------------------
def test_create_with_parallel_tool_calls_false_makes_one_call(
    sdk: openai.OpenAI, clock: ManualClock, tmp_path: Path
) -> None:
    model = fine_tuned_model(sdk, clock, two_call_file(tmp_path))

    parallel = sdk.chat.completions.create(model=model, messages=PARIS, tools=[WEATHER_TOOL])  # type: ignore[arg-type]
    single = sdk.chat.completions.create(model=model, messages=PARIS, tools=[WEATHER_TOOL],  # type: ignore[arg-type]
                                         parallel_tool_calls=False)

    assert len(parallel.choices[0].message.tool_calls or []) == 2
    (call,) = single.choices[0].message.tool_calls or []
    assert call.function.arguments == PARIS_ARGUMENTS  # type: ignore[union-attr]


def test_create_response_with_parallel_tool_calls_false_makes_one_call(
    sdk: openai.OpenAI, clock: ManualClock, tmp_path: Path
) -> None:
    model = fine_tuned_model(sdk, clock, two_call_file(tmp_path))
    tool = {"type": "function", **WEATHER_TOOL["function"]}

    response = sdk.responses.create(model=model, input=PARIS, tools=[tool], parallel_tool_calls=False)  # type: ignore[arg-type, list-item]

    assert [item.type for item in response.output] == ["function_call"]
    assert response.parallel_tool_calls is False


# -- text-only requests -------------------------------------------------------------------------
def test_create_without_tools_answers_a_call_only_example_in_text(sdk: openai.OpenAI, tools_model: str) -> None:
    completion = sdk.chat.completions.create(model=tools_model, messages=PARIS)  # type: ignore[arg-type]

    choice = completion.choices[0]
    assert (choice.finish_reason, choice.message.tool_calls, choice.message.function_call) == ("stop", None, None)
    assert choice.message.content in FALLBACKS


def test_create_with_tool_choice_none_answers_in_text(sdk: openai.OpenAI, tools_model: str) -> None:
    completion = sdk.chat.completions.create(model=tools_model, messages=PARIS, tools=[WEATHER_TOOL],  # type: ignore[arg-type]
                                             tool_choice="none")

    choice = completion.choices[0]
    assert (choice.finish_reason, choice.message.tool_calls) == ("stop", None)
    assert choice.message.content in FALLBACKS


def test_create_response_without_tools_answers_in_text(sdk: openai.OpenAI, tools_model: str) -> None:
    response = sdk.responses.create(model=tools_model, input=PARIS)  # type: ignore[arg-type]

    assert [item.type for item in response.output] == ["message"]
    assert response.output_text in FALLBACKS
