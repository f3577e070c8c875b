"""`POST /v1/responses` through the strict SDK: answers, usage, truncation, tools, streaming events, errors."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import openai
import pytest

from mockserver.core.auth import owner_of
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database
from tests.chat_support import (
    CHINESE_FILE,
    MARV,
    PROMPT_COMPLETION_FILE,
    SEED_ANSWER,
    SEED_QUESTION,
    TOOLS_FILE,
    cookbook_prompt_tokens,
    fine_tuned_model,
    seed_model,
    text_tokens,
    tiktoken_encoding,
    training_lines,
)
from tests.conftest import API_KEY
from tests.jobs_support import SEED_FILE, assert_api_error

CL100K = tiktoken_encoding("cl100k_base")
O200K = tiktoken_encoding("o200k_base")
SEED_PROMPT = [{"role": "system", "content": MARV}, {"role": "user", "content": SEED_QUESTION}]
EVENTS = ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]
CLOSING = ["response.output_text.done", "response.content_part.done", "response.output_item.done",
           "response.completed"]


@pytest.fixture
def ft_model(sdk: openai.OpenAI, clock: ManualClock) -> str:
    return seed_model(sdk, clock)


def test_create_with_seed_model_answers_from_training(sdk: openai.OpenAI, ft_model: str) -> None:
    response = sdk.responses.create(model=ft_model, instructions=MARV, input=SEED_QUESTION)

    assert response.output_text == SEED_ANSWER
    (message,) = response.output
    assert (message.type, message.role, message.status) == ("message", "assistant", "completed")  # type: ignore[union-attr]
    assert re.fullmatch(r"msg_[A-Za-z0-9]{48}", message.id)  # type: ignore[union-attr]
    assert message.content[0].model_dump(exclude_none=True) == {  # type: ignore[union-attr]
        "type": "output_text", "text": SEED_ANSWER, "annotations": [], "logprobs": []}


def test_create_describes_the_response(sdk: openai.OpenAI, clock: ManualClock, ft_model: str) -> None:
    response = sdk.responses.create(model=ft_model, instructions=MARV, input=SEED_QUESTION)

    assert re.fullmatch(r"resp_[A-Za-z0-9]{48}", response.id)
    assert (response.object, response.status, response.model) == ("response", "completed", ft_model)
    assert (response.created_at, response.completed_at, response.instructions) == (clock.now(), clock.now(), MARV)
    assert (response.error, response.incomplete_details, response.tools, response.tool_choice) == (
        None, None, [], "auto")


def test_create_counts_usage_like_tiktoken(sdk: openai.OpenAI, ft_model: str) -> None:
    response = sdk.responses.create(model=ft_model, instructions=MARV, input=SEED_QUESTION)

    usage = response.usage
    assert usage is not None
    prompt, answer = cookbook_prompt_tokens(CL100K, SEED_PROMPT), text_tokens(CL100K, SEED_ANSWER)
    assert (usage.input_tokens, usage.output_tokens, usage.total_tokens) == (prompt, answer, prompt + answer)
    assert (usage.input_tokens_details.cached_tokens, usage.output_tokens_details.reasoning_tokens) == (0, 0)


def test_create_with_message_list_input_answers_the_same(sdk: openai.OpenAI, ft_model: str) -> None:
    response = sdk.responses.create(model=ft_model, input=SEED_PROMPT)  # type: ignore[arg-type]

    assert response.output_text == SEED_ANSWER


def test_create_with_base_model_replies_from_a_rule(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model="gpt-4.1", input="Tell me a joke")

    assert response.output_text == "Why do programmers prefer dark mode? Because light attracts bugs."
    assert response.model == "gpt-4.1-2025-04-14"


def test_create_with_max_output_tokens_is_incomplete(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, CHINESE_FILE)
    example = training_lines(CHINESE_FILE)[0]["messages"]

    response = sdk.responses.create(model=model, input=example[:2], max_output_tokens=16)  # type: ignore[arg-type]

    assert (response.status, response.incomplete_details.reason) == ("incomplete", "max_output_tokens")  # type: ignore[union-attr]
    assert response.output[0].status == "incomplete"  # type: ignore[union-attr]
    assert response.usage is not None and response.usage.output_tokens == 16
    assert response.output_text == O200K.decode(O200K.encode(example[2]["content"])[:16])


def test_create_with_tool_training_answers_with_a_function_call(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    tool = training_lines(TOOLS_FILE)[0]["tools"][0]["function"]

    response = sdk.responses.create(
        model=model, input="Weather in Paris?", instructions="You help with weather questions.",
        tools=[{"type": "function", **tool}])  # type: ignore[list-item]

    (call,) = response.output
    assert (call.type, call.name, call.status) == ("function_call", "get_weather", "completed")  # type: ignore[union-attr]
    assert json.loads(call.arguments) == {"city": "Paris", "unit": "celsius"}  # type: ignore[union-attr]
    assert re.fullmatch(r"call_[A-Za-z0-9]+", call.call_id)  # type: ignore[union-attr]


def test_create_with_function_output_answers_with_the_final_text(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    messages = training_lines(TOOLS_FILE)[2]["messages"]
    call = messages[2]["tool_calls"][0]
    items: list[dict[str, Any]] = [
        *messages[:2],
        {"type": "function_call", "call_id": call["id"], **call["function"]},
        {"type": "function_call_output", "call_id": call["id"], "output": messages[3]["content"]},
    ]

    response = sdk.responses.create(model=model, input=items)  # type: ignore[arg-type]

    assert response.output_text == messages[4]["content"]


def test_create_with_json_schema_format_gives_json_that_validates(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, SEED_FILE)  # on gpt-4o-mini: gpt-3.5-turbo has no Structured Outputs
    schema = {"type": "object", "properties": {"capital": {"type": "string"}}, "required": ["capital"],
              "additionalProperties": False}

    response = sdk.responses.create(model=model, input=SEED_QUESTION, text={
        "format": {"type": "json_schema", "name": "capital", "schema": schema, "strict": True}})

    jsonschema.validate(json.loads(response.output_text), schema)


def test_create_appends_a_usage_ledger_row(sdk: openai.OpenAI, settings: Settings, ft_model: str) -> None:
    response = sdk.responses.create(model=ft_model, input=SEED_QUESTION)

    store = Store(open_database(settings.database_path), BlobStore(settings.blobs_dir))
    try:
        store.settle_writes()  # the server writes the row behind the request
        (row,) = store.usage.for_owner(owner_of(API_KEY))
    finally:
        store.close()
    assert response.usage is not None
    assert (row["request_id"], row["endpoint"], row["model"], row["base_model"]) == (
        response.id, "responses", ft_model, "gpt-3.5-turbo-0125")
    assert (row["prompt_tokens"], row["completion_tokens"]) == (response.usage.input_tokens,
                                                                 response.usage.output_tokens)


# -- streaming --------------------------------------------------------------------------------
def test_stream_sends_the_events_in_order(sdk: openai.OpenAI, ft_model: str) -> None:
    events = list(sdk.responses.create(model=ft_model, instructions=MARV, input=SEED_QUESTION, stream=True))

    deltas = text_tokens(CL100K, SEED_ANSWER)
    assert [event.type for event in events] == EVENTS + ["response.output_text.delta"] * deltas + CLOSING
    assert [event.sequence_number for event in events] == list(range(len(events)))


def test_stream_deltas_join_to_the_answer(sdk: openai.OpenAI, ft_model: str) -> None:
    events = list(sdk.responses.create(model=ft_model, instructions=MARV, input=SEED_QUESTION, stream=True))

    text = "".join(event.delta for event in events if event.type == "response.output_text.delta")
    assert text == SEED_ANSWER
    assert events[-1].response.output_text == SEED_ANSWER  # type: ignore[union-attr]
    assert (events[0].response.status, events[0].response.output) == ("in_progress", [])  # type: ignore[union-attr]


def test_stream_helper_gives_the_final_response(sdk: openai.OpenAI, ft_model: str) -> None:
    with sdk.responses.stream(model=ft_model, instructions=MARV, input=SEED_QUESTION) as stream:
        final = stream.get_final_response()

    assert final.output_text == SEED_ANSWER


def test_stream_of_function_call_sends_argument_deltas(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    tool = training_lines(TOOLS_FILE)[0]["tools"][0]["function"]

    events = list(sdk.responses.create(model=model, input="Weather in Paris?", stream=True,
                                       tools=[{"type": "function", **tool}]))  # type: ignore[list-item]

    arguments = "".join(e.delta for e in events if e.type == "response.function_call_arguments.delta")
    done = next(e for e in events if e.type == "response.function_call_arguments.done")
    assert json.loads(arguments) == json.loads(done.arguments) == {"city": "Paris", "unit": "celsius"}
    assert events[-1].type == "response.completed"


def test_stream_of_function_call_names_the_function_when_its_arguments_are_done(
    sdk: openai.OpenAI, clock: ManualClock
) -> None:
    model = fine_tuned_model(sdk, clock, TOOLS_FILE)
    tool = training_lines(TOOLS_FILE)[0]["tools"][0]["function"]

    events = list(sdk.responses.create(model=model, input="Weather in Paris?", stream=True,
                                       tools=[{"type": "function", **tool}]))  # type: ignore[list-item]

    done = next(e for e in events if e.type == "response.function_call_arguments.done")
    assert done.model_dump()["name"] == "get_weather"  # in the spec, not yet in the SDK's type


# -- errors -----------------------------------------------------------------------------------
def test_create_with_unknown_model_is_not_found(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.responses.create(model="gpt-nope", input="hi")

    assert_api_error(caught, 404, "The model `gpt-nope` does not exist or you do not have access to it.",
                     param="model", code="model_not_found")


ERRORS: dict[str, tuple[dict[str, Any], str, str | None, str | None]] = {
    "max_output_tokens_too_small": (
        {"max_output_tokens": 5},
        "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 5 instead.",
        "max_output_tokens", "integer_below_min_value"),
    "previous_response": (
        {"previous_response_id": "resp_abc"}, "Previous response with id 'resp_abc' not found.",
        "previous_response_id", "previous_response_not_found"),
    "bad_item_type": (
        {"input": [{"type": "reasoning", "summary": []}]},
        "Invalid value: 'reasoning'. Supported values are: 'message', 'function_call', and 'function_call_output'.",
        "input[0].type", "invalid_value"),
    "bad_role": (
        {"input": [{"role": "bot", "content": "hi"}]},
        "Invalid value: 'bot'. Supported values are: 'user', 'assistant', 'system', and 'developer'.",
        "input[0].role", "invalid_value"),
    "hosted_tool": (
        {"tools": [{"type": "web_search"}]}, "Invalid value: 'web_search'. Supported values are: 'function'.",
        "tools[0].type", "invalid_value"),
    "unknown_field": (
        {"extra_body": {"mood": 1}}, "Unrecognized request argument supplied: mood", "mood", "unknown_parameter"),
    "input_as_number": (
        {"input": 42}, "Invalid type for 'input': expected one of a string or array of objects, but got an integer "
        "instead.", "input", "invalid_type"),
    "input_item_not_object": (
        {"input": ["hi"]}, "Invalid type for 'input[0]': expected an object, but got a string instead.", "input[0]",
        "invalid_type"),
    "item_without_type_or_role": (
        {"input": [{"content": "hi"}]}, "Missing required parameter: 'input[0].type'.", "input[0].type",
        "missing_required_parameter"),
    "content_as_number": (
        {"input": [{"role": "user", "content": 42}]},
        "Invalid type for 'input[0].content': expected one of a string or array of objects, but got an integer "
        "instead.", "input[0].content", "invalid_type"),
    "part_without_text": (
        {"input": [{"role": "user", "content": [{"type": "input_text"}]}]},
        "Missing required parameter: 'input[0].content[0].text'.", "input[0].content[0].text",
        "missing_required_parameter"),
    "function_call_without_arguments": (
        {"input": [{"type": "function_call", "call_id": "call_1", "name": "f"}]},
        "Missing required parameter: 'input[0].arguments'.", "input[0].arguments", "missing_required_parameter"),
    "empty_input": (
        {"input": []}, "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array "
        "instead.", "input", "empty_array"),
    "too_many_metadata_pairs": (
        {"metadata": {f"key{i}": "v" for i in range(17)}},
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object "
        "with 17 properties instead.", "metadata", "object_above_max_properties"),
    "strict_format_schema_open_object": (
        {"text": {"format": {"type": "json_schema", "name": "city", "strict": True, "schema": {
            "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}},
        "Invalid schema for response_format 'city': In context=(), 'additionalProperties' is required to be "
        "supplied and to be false.", "text.format.schema", "invalid_json_schema"),
    "strict_tool_with_optional_parameter": (
        {"tools": [{"type": "function", "name": "get_weather", "strict": True, "parameters": {
            "type": "object", "properties": {"city": {"type": "string"}}, "additionalProperties": False}}]},
        "Invalid schema for function 'get_weather': In context=(), 'required' is required to be supplied and to be "
        "an array including every key in properties. Missing 'city'.", "tools[0].parameters", "invalid_json_schema"),
}


@pytest.mark.parametrize(("fields", "message", "param", "code"), list(ERRORS.values()), ids=list(ERRORS))
def test_create_with_invalid_request_is_rejected(
    sdk: openai.OpenAI, fields: dict[str, Any], message: str, param: str | None, code: str | None
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(**{"model": "gpt-4o-mini", "input": "hi", **fields})

    assert_api_error(caught, 400, message, param=param, code=code)


@pytest.mark.parametrize("model", ["davinci-002", "babbage-002"])
def test_create_with_completion_model_is_not_a_chat_model(sdk: openai.OpenAI, model: str) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(model=model, input="hi")

    assert_api_error(caught, 400, "This is not a chat model and thus not supported in the v1/chat/completions "
                     "endpoint. Did you mean to use v1/completions?", param="model")


def test_create_with_fine_tuned_completion_model_is_not_a_chat_model(sdk: openai.OpenAI, clock: ManualClock) -> None:
    model = fine_tuned_model(sdk, clock, PROMPT_COMPLETION_FILE, model="davinci-002")

    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(model=model, input="hi")

    assert_api_error(caught, 400, "This is not a chat model and thus not supported in the v1/chat/completions "
                     "endpoint. Did you mean to use v1/completions?", param="model")


@pytest.mark.parametrize("model", ["gpt-3.5-turbo", "gpt-4"])
def test_create_with_json_schema_format_on_model_without_structured_outputs_is_rejected(
    sdk: openai.OpenAI, model: str
) -> None:
    schema = {"type": "object", "properties": {"capital": {"type": "string"}}, "required": ["capital"],
              "additionalProperties": False}

    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(model=model, input=SEED_QUESTION, text={
            "format": {"type": "json_schema", "name": "capital", "schema": schema, "strict": True}})

    assert_api_error(caught, 400, "Invalid parameter: 'text.format' of type 'json_schema' is not supported with "
                     f"model version `{model}`.", param="text.format")


def test_create_with_input_beyond_the_context_window_is_rejected(sdk: openai.OpenAI) -> None:
    text = "hello " * 9000

    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(model="gpt-4", input=text)

    prompt = cookbook_prompt_tokens(CL100K, [{"role": "user", "content": text}])
    assert_api_error(caught, 400, f"This model's maximum context length is 8192 tokens. However, your messages "
                     f"resulted in {prompt} tokens. Please reduce the length of the messages.", param="messages",
                     code="context_length_exceeded")
