"""`POST /v1/chat/completions` 400s through the strict SDK: every check, with status, type, code, param, message."""

from __future__ import annotations

from typing import Any

import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.chat_support import cookbook_prompt_tokens, fine_tuned_model, seed_model, tiktoken_encoding
from tests.jobs_support import SEED_FILE, assert_api_error

USER = {"role": "user", "content": "Hello"}
TOOL = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}}}
CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}
ROLES = "'system', 'assistant', 'user', 'function', 'tool', and 'developer'"

# id: (request fields over a valid gpt-4o-mini request, message, param, code)
CASES: dict[str, tuple[dict[str, Any], str, str | None, str | None]] = {
    "empty_messages": (
        {"messages": []},
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        "messages", "empty_array"),
    "message_not_object": (
        {"messages": ["hi"]},
        "Invalid type for 'messages[0]': expected an object, but got a string instead.", "messages[0]",
        "invalid_type"),
    "missing_role": (
        {"messages": [{"content": "hi"}]},
        "Missing required parameter: 'messages[0].role'.", "messages[0].role", "missing_required_parameter"),
    "bad_role": (
        {"messages": [{"role": "bot", "content": "hi"}]},
        f"Invalid value: 'bot'. Supported values are: {ROLES}.", "messages[0].role", "invalid_value"),
    "missing_content": (
        {"messages": [{"role": "user"}]},
        "Missing required parameter: 'messages[0].content'.", "messages[0].content", "missing_required_parameter"),
    "content_type": (
        {"messages": [{"role": "user", "content": 42}]},
        "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got an integer "
        "instead.", "messages[0].content", "invalid_type"),
    "content_part_type": (
        {"messages": [{"role": "system", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]},
        "Invalid value: 'image_url'. Supported values are: 'text'.", "messages[0].content[0].type",
        "invalid_value"),
    "unknown_message_key": (
        {"messages": [{"role": "user", "content": "hi", "mood": "happy"}]},
        "Unknown parameter: 'messages[0].mood'.", "messages[0].mood", "unknown_parameter"),
    "tool_without_call": (
        {"messages": [USER, {"role": "tool", "tool_call_id": "call_1", "content": "{}"}]},
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with "
        "'tool_calls'.", "messages.[1].role", None),
    "call_without_tool_answer": (
        {"messages": [USER, {"role": "assistant", "tool_calls": [CALL]}, USER], "tools": [TOOL]},
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
        "'tool_call_id'. The following tool_call_ids did not have response messages: call_1", "messages.[1].role",
        None),
    "tool_call_id_not_string": (
        {"messages": [USER, {"role": "assistant", "tool_calls": [CALL]}, {"role": "tool", "tool_call_id": 1,
                                                                          "content": "{}"}], "tools": [TOOL]},
        "Invalid type for 'messages[2].tool_call_id': expected a string, but got an integer instead.",
        "messages[2].tool_call_id", "invalid_type"),
    "tool_call_id_object": (
        {"messages": [USER, {"role": "assistant", "tool_calls": [CALL]}, {"role": "tool", "tool_call_id": {},
                                                                          "content": "{}"}], "tools": [TOOL]},
        "Invalid type for 'messages[2].tool_call_id': expected a string, but got an object instead.",
        "messages[2].tool_call_id", "invalid_type"),
    "tool_calls_id_not_string": (
        {"messages": [USER, {"role": "assistant", "tool_calls": [{**CALL, "id": 7}]}], "tools": [TOOL]},
        "Invalid type for 'messages[1].tool_calls[0].id': expected a string, but got an integer instead.",
        "messages[1].tool_calls[0].id", "invalid_type"),
    "tool_calls_arguments_not_string": (
        {"messages": [USER, {"role": "assistant", "tool_calls": [{**CALL, "function": {"name": "f", "arguments": {}}}]},
                      ], "tools": [TOOL]},
        "Invalid type for 'messages[1].tool_calls[0].function.arguments': expected a string, but got an object "
        "instead.", "messages[1].tool_calls[0].function.arguments", "invalid_type"),
    "empty_tool_calls": (
        {"messages": [USER, {"role": "assistant", "tool_calls": []}]},
        "Invalid 'messages[1].tool_calls': empty array. Expected an array with minimum length 1, but got an empty "
        "array instead.", "messages[1].tool_calls", "empty_array"),
    "n_too_small": (
        {"n": 0}, "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.", "n",
        "integer_below_min_value"),
    "n_too_large": (
        {"n": 130}, "Invalid 'n': integer above maximum value. Expected a value <= 128, but got 130 instead.", "n",
        "integer_above_max_value"),
    "temperature_too_high": (
        {"temperature": 2.5},
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.",
        "temperature", "decimal_above_max_value"),
    "top_p_negative": (
        {"top_p": -0.5}, "Invalid 'top_p': decimal below minimum value. Expected a value >= 0, but got -0.5 instead.",
        "top_p", "decimal_below_min_value"),
    "max_tokens_zero": (
        {"max_tokens": 0},
        "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
        "max_tokens", "integer_below_min_value"),
    "max_completion_tokens_zero": (
        {"max_completion_tokens": 0},
        "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
        "max_completion_tokens", "integer_below_min_value"),
    "top_logprobs_too_large": (
        {"logprobs": True, "top_logprobs": 21},
        "Invalid 'top_logprobs': integer above maximum value. Expected a value <= 20, but got 21 instead.",
        "top_logprobs", "integer_above_max_value"),
    "top_logprobs_without_logprobs": (
        {"top_logprobs": 2},
        "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is specified.",
        "top_logprobs", None),
    "stream_options_without_stream": (
        {"stream_options": {"include_usage": True}},
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", None),
    "too_many_stops": (
        {"stop": ["a", "b", "c", "d", "e"]},
        "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 "
        "instead.", "stop", "array_above_max_length"),
    "tool_choice_without_tools": (
        {"tool_choice": "auto"},
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", "tool_choice",
        None),
    "parallel_tool_calls_without_tools": (
        {"parallel_tool_calls": False},
        "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are "
        "specified.", "parallel_tool_calls", None),
    "bad_tool_choice": (
        {"tools": [TOOL], "tool_choice": "sometimes"},
        "Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required'.", "tool_choice",
        "invalid_value"),
    "tool_choice_not_in_tools": (
        {"tools": [TOOL], "tool_choice": {"type": "function", "function": {"name": "book_table"}}},
        "Invalid value for 'tool_choice': function 'book_table' is not in 'tools'.", "tool_choice",
        "invalid_value"),
    "empty_tools": (
        {"tools": []},
        "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        "tools", "empty_array"),
    "tool_without_name": (
        {"tools": [{"type": "function", "function": {"parameters": {}}}]},
        "Missing required parameter: 'tools[0].function.name'.", "tools[0].function.name",
        "missing_required_parameter"),
    "bad_response_format": (
        {"response_format": {"type": "xml"}},
        "Invalid value: 'xml'. Supported values are: 'text', 'json_object', and 'json_schema'.",
        "response_format.type", "invalid_value"),
    "schema_at_wrong_level": (
        {"response_format": {"type": "json_schema", "schema": {}}},
        "Unknown parameter: 'response_format.schema'.", "response_format.schema", "unknown_parameter"),
    "json_schema_without_name": (
        {"response_format": {"type": "json_schema", "json_schema": {"schema": {}}}},
        "Missing required parameter: 'response_format.json_schema.name'.", "response_format.json_schema.name",
        "missing_required_parameter"),
    "json_object_without_json_word": (
        {"response_format": {"type": "json_object"}},
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        "messages", None),
    "unknown_field": (
        {"extra_body": {"mood": "happy"}}, "Unrecognized request argument supplied: mood", "mood",
        "unknown_parameter"),
    "n_as_string": (
        {"n": "3"}, 'Invalid type for \'n\': expected an integer, but got "3" instead.', "n", "invalid_type"),
    "stop_as_number": (
        {"stop": 5}, "Invalid type for 'stop': expected one of a string or array of strings, but got an integer "
        "instead.", "stop", "invalid_type"),
    "stop_item_as_number": (
        {"stop": ["a", 1]}, "Invalid type for 'stop[1]': expected a string, but got 1 instead.", "stop[1]",
        "invalid_type"),
    "tool_choice_as_number": (
        {"tools": [TOOL], "tool_choice": 3},
        "Invalid type for 'tool_choice': expected one of a string or an object, but got an integer instead.",
        "tool_choice", "invalid_type"),
    "too_many_metadata_pairs": (
        {"metadata": {f"key{i}": "v" for i in range(17)}},
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object "
        "with 17 properties instead.", "metadata", "object_above_max_properties"),
    "metadata_key_too_long": (
        {"metadata": {"k" * 65: "v"}},
        "Invalid 'metadata': key too long. Expected a key with maximum length 64, but got a key with length 65 "
        "instead.", "metadata", "string_above_max_length"),
    "metadata_value_too_long": (
        {"metadata": {"note": "v" * 513}},
        "Invalid 'metadata.note': string too long. Expected a string with maximum length 512, but got a string with "
        "length 513 instead.", "metadata.note", "string_above_max_length"),
    "metadata_value_not_string": (
        {"metadata": {"count": 3}}, "Invalid type for 'metadata.count': expected a string, but got 3 instead.",
        "metadata.count", "invalid_type"),
    "logit_bias_key_not_token_id": (
        {"logit_bias": {"Paris": 5}},
        "Invalid key in 'logit_bias': Paris. You should only be submitting non-negative integers.", "logit_bias",
        None),
    "logit_bias_negative_token_id": (
        {"logit_bias": {"-1": 5}},
        "Invalid key in 'logit_bias': -1. You should only be submitting non-negative integers.", "logit_bias", None),
    "logit_bias_above_100": (
        {"logit_bias": {"1234": 101}},
        "Invalid value for 'logit_bias': the bias of token 1234 is 101; biases must be between -100 and 100.",
        "logit_bias", "invalid_value"),
    "logit_bias_below_minus_100": (
        {"logit_bias": {"1234": -101}},
        "Invalid value for 'logit_bias': the bias of token 1234 is -101; biases must be between -100 and 100.",
        "logit_bias", "invalid_value"),
    "strict_schema_open_object": (
        {"response_format": {"type": "json_schema", "json_schema": {"name": "city", "strict": True, "schema": {
            "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}},
        "Invalid schema for response_format 'city': In context=(), 'additionalProperties' is required to be "
        "supplied and to be false.", "response_format", "invalid_json_schema"),
    "strict_schema_optional_property": (
        {"response_format": {"type": "json_schema", "json_schema": {"name": "city", "strict": True, "schema": {
            "type": "object", "properties": {"place": {
                "type": "object", "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
                "required": ["city"], "additionalProperties": False}},
            "required": ["place"], "additionalProperties": False}}}},
        "Invalid schema for response_format 'city': In context=('properties', 'place'), 'required' is required to "
        "be supplied and to be an array including every key in properties. Missing 'zip'.", "response_format",
        "invalid_json_schema"),
    "strict_schema_unsupported_keyword": (
        {"response_format": {"type": "json_schema", "json_schema": {"name": "city", "strict": True, "schema": {
            "type": "object", "properties": {"city": {"allOf": [{"type": "string"}]}}, "required": ["city"],
            "additionalProperties": False}}}},
        "Invalid schema for response_format 'city': In context=('properties', 'city'), 'allOf' is not permitted.",
        "response_format", "invalid_json_schema"),
    "strict_schema_not_an_object": (
        {"response_format": {"type": "json_schema", "json_schema": {"name": "cities", "strict": True, "schema": {
            "type": "array", "items": {"type": "string"}}}}},
        "Invalid schema for response_format 'cities': schema must be a JSON Schema of 'type: \"object\"', got "
        "'type: \"array\"'.", "response_format", "invalid_json_schema"),
    "strict_tool_with_optional_parameter": (
        {"tools": [{"type": "function", "function": {"name": "get_weather", "strict": True, "parameters": {
            "type": "object", "properties": {"city": {"type": "string"}}, "additionalProperties": False}}}]},
        "Invalid schema for function 'get_weather': In context=(), 'required' is required to be supplied and to be "
        "an array including every key in properties. Missing 'city'.", "tools[0].function.parameters",
        "invalid_json_schema"),
}


@pytest.mark.parametrize(("fields", "message", "param", "code"), list(CASES.values()), ids=list(CASES))
def test_create_with_invalid_request_is_rejected(
    sdk: openai.OpenAI, fields: dict[str, Any], message: str, param: str | None, code: str | None
) -> None:
    request: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [USER], **fields}

    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(**request)

    assert_api_error(caught, 400, message, param=param, code=code)


def test_create_with_max_tokens_on_reasoning_model_is_unsupported(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="o4-mini", messages=[USER], max_tokens=10)  # type: ignore[list-item]

    assert_api_error(caught, 400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                     "'max_completion_tokens' instead.", param="max_tokens", code="unsupported_parameter")


def test_create_beyond_the_context_window_is_rejected(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="gpt-4", messages=[USER], max_tokens=9000)  # type: ignore[list-item]

    prompt = cookbook_prompt_tokens(tiktoken_encoding("cl100k_base"), [USER])
    assert_api_error(caught, 400, f"This model's maximum context length is 8192 tokens. However, you requested "
                     f"{prompt + 9000} tokens ({prompt} in the messages, 9000 in the completion). Please reduce the "
                     "length of the messages or completion.", param="messages", code="context_length_exceeded")


def test_create_with_a_prompt_beyond_the_context_window_is_rejected(sdk: openai.OpenAI) -> None:
    long_message = {"role": "user", "content": "hello " * 9000}

    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="gpt-4", messages=[long_message])  # type: ignore[list-item]

    prompt = cookbook_prompt_tokens(tiktoken_encoding("cl100k_base"), [long_message])
    assert prompt > 8192
    assert_api_error(caught, 400, f"This model's maximum context length is 8192 tokens. However, your messages "
                     f"resulted in {prompt} tokens. Please reduce the length of the messages.", param="messages",
                     code="context_length_exceeded")


def test_create_with_strict_schema_of_constraints_is_rejected_for_a_fine_tuned_model(
    sdk: openai.OpenAI, clock: ManualClock
) -> None:
    model = fine_tuned_model(sdk, clock, SEED_FILE)
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}$"}},
              "required": ["code"], "additionalProperties": False}
    response_format: Any = {"type": "json_schema", "json_schema": {"name": "code", "strict": True, "schema": schema}}

    sdk.chat.completions.create(model="gpt-4o-mini", messages=[USER], response_format=response_format)  # type: ignore[list-item]
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model=model, messages=[USER], response_format=response_format)  # type: ignore[list-item]

    assert_api_error(caught, 400, "Invalid schema for response_format 'code': In context=('properties', 'code'), "
                     "'pattern' is not permitted.", param="response_format", code="invalid_json_schema")


CITY_FORMAT: Any = {"type": "json_schema", "json_schema": {"name": "city", "strict": True, "schema": {
    "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": False}}}
NO_STRUCTURED_OUTPUTS = (
    "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model. Learn more about "
    "supported models at the Structured Outputs guide: https://platform.openai.com/docs/guides/structured-outputs"
)


@pytest.mark.parametrize("model", ["gpt-3.5-turbo", "gpt-3.5-turbo-1106", "gpt-4", "gpt-4-turbo", "gpt-4o-2024-05-13"])
def test_create_with_json_schema_on_model_without_structured_outputs_is_rejected(
    sdk: openai.OpenAI, model: str
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model=model, messages=[USER], response_format=CITY_FORMAT)  # type: ignore[list-item]

    assert_api_error(caught, 400, NO_STRUCTURED_OUTPUTS)


def test_create_with_json_schema_on_fine_tuned_gpt_3_5_turbo_is_rejected(
    sdk: openai.OpenAI, clock: ManualClock
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model=seed_model(sdk, clock), messages=[USER],  # type: ignore[list-item]
                                    response_format=CITY_FORMAT)

    assert_api_error(caught, 400, NO_STRUCTURED_OUTPUTS)


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4o-2024-11-20", "gpt-4o-mini", "gpt-4.1-nano", "o4-mini",
                                   "o3-mini", "gpt-5-mini"])
def test_create_with_json_schema_on_model_with_structured_outputs_is_accepted(sdk: openai.OpenAI, model: str) -> None:
    completion = sdk.chat.completions.create(model=model, messages=[USER], response_format=CITY_FORMAT)  # type: ignore[list-item]

    assert completion.choices[0].message.content is not None
