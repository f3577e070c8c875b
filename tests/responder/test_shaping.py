"""Shaping answers to requests: n, max tokens, stop, response formats, tools, logprobs."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import tiktoken

from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.shaping import shape

TEXT = "Paris, as if everyone doesn't know that already."
CHINESE = "血压150/95毫米汞柱属于高血压1级。建议先连续一周在不同时间测量血压并记录。"
WEATHER_PARAMETERS = {"type": "object", "properties": {"city": {"type": "string"},
                                                       "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                      "required": ["city", "unit"], "additionalProperties": False}
WEATHER = {"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_PARAMETERS}}
TIME = {"type": "function", "function": {"name": "get_time", "parameters": {
    "type": "object", "properties": {"zone": {"type": "string"}}, "required": ["zone"]}}}
TRAINED_CALL = {"id": "call_0", "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city": "Paris", "unit": "celsius"}'}}
CALL_ID = re.compile(r"call_[A-Za-z0-9]{24}")


def request(**fields: Any) -> ReplyRequest:
    return ReplyRequest(model="gpt-4o-mini", messages=({"role": "user", "content": "Capital of France?"},), **fields)


def only(answer: Answer, encoding: tiktoken.Encoding, **fields: Any) -> Any:
    choices = shape(answer, request(**fields), encoding)
    assert len(choices) == 1
    return choices[0]


def test_shape_of_plain_answer_is_one_stop_choice(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k)
    assert (choice.index, choice.content, choice.finish_reason, choice.logprobs) == (0, TEXT, "stop", None)
    assert choice.completion_tokens == len(o200k.encode(TEXT))


def test_shape_with_n_gives_indexed_choices_with_the_same_content(o200k: tiktoken.Encoding) -> None:
    choices = shape(Answer(content=TEXT), request(n=3), o200k)
    assert [(c.index, c.content) for c in choices] == [(0, TEXT), (1, TEXT), (2, TEXT)]


@pytest.mark.parametrize("max_tokens", [1, 3, 7])
def test_shape_with_max_tokens_keeps_the_first_tokens(o200k: tiktoken.Encoding, max_tokens: int) -> None:
    choice = only(Answer(content=TEXT), o200k, max_tokens=max_tokens)
    assert choice.content == o200k.decode(o200k.encode(TEXT)[:max_tokens])
    assert (choice.completion_tokens, choice.finish_reason) == (max_tokens, "length")


def test_shape_with_max_tokens_cuts_chinese_by_tokens(cl100k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=CHINESE), cl100k, max_tokens=5)
    assert choice.content == cl100k.decode(cl100k.encode(CHINESE)[:5])
    assert choice.completion_tokens == 5


def test_shape_with_max_tokens_above_the_length_is_not_cut(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k, max_tokens=100)
    assert (choice.content, choice.finish_reason) == (TEXT, "stop")


def test_shape_with_stop_cuts_before_the_earliest_sequence(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k, stop=("know", "as if"))
    assert (choice.content, choice.finish_reason) == ("Paris, ", "stop")
    assert choice.completion_tokens == len(o200k.encode("Paris, "))


def test_shape_with_stop_then_max_tokens_applies_both(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k, stop=("know",), max_tokens=2)
    assert (choice.content, choice.finish_reason) == (o200k.decode(o200k.encode(TEXT)[:2]), "length")


def test_shape_with_json_object_wraps_plain_text(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k, response_format={"type": "json_object"})
    assert json.loads(choice.content) == {"answer": TEXT}


def test_shape_with_json_object_keeps_a_json_object_answer(o200k: tiktoken.Encoding) -> None:
    content = '{"city": "Paris"}'
    assert only(Answer(content=content), o200k, response_format={"type": "json_object"}).content == content


def test_shape_with_json_schema_gives_compact_valid_json(o200k: tiktoken.Encoding) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "string"}, "sure": {"type": "boolean"}},
              "required": ["answer", "sure"], "additionalProperties": False}
    response_format = {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema, "strict": True}}
    choice = only(Answer(content=TEXT), o200k, response_format=response_format)
    jsonschema.validate(json.loads(choice.content), schema)
    assert ", " not in choice.content.replace(TEXT, "")
    assert choice.completion_tokens == len(o200k.encode(choice.content))


def test_shape_with_tool_choice_none_answers_with_text(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER,), tool_choice="none")
    assert (choice.content, choice.tool_calls, choice.finish_reason) == (TEXT, (), "stop")


def test_shape_with_tool_choice_none_tells_a_call_only_answer_as_text(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER,), tool_choice="none")
    assert choice.content == 'get_weather({"city": "Paris", "unit": "celsius"})'


def test_shape_with_tool_choice_required_calls_the_first_tool(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k, tools=(WEATHER, TIME), tool_choice="required")
    assert (choice.content, choice.finish_reason) == (None, "tool_calls")
    (call,) = choice.tool_calls
    assert call["type"] == "function" and call["function"]["name"] == "get_weather"
    jsonschema.validate(json.loads(call["function"]["arguments"]), WEATHER_PARAMETERS)


def test_shape_with_named_tool_choice_calls_that_tool(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER, TIME),
                  tool_choice={"type": "function", "function": {"name": "get_time"}})
    assert [call["function"]["name"] for call in choice.tool_calls] == ["get_time"]


def test_shape_with_required_keeps_the_trained_call(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, tools=(TIME, WEATHER),
                  tool_choice="required")
    assert [call["function"] for call in choice.tool_calls] == [TRAINED_CALL["function"]]


def test_shape_with_auto_gives_the_trained_call_to_an_offered_tool(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER,), tool_choice="auto")
    assert choice.tool_calls[0]["function"] == TRAINED_CALL["function"]
    assert (choice.content, choice.finish_reason) == (None, "tool_calls")


def test_shape_with_auto_and_the_tool_not_offered_answers_with_text(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content="Sunny.", tool_calls=(TRAINED_CALL,)), o200k, tools=(TIME,))
    assert (choice.content, choice.tool_calls, choice.finish_reason) == ("Sunny.", (), "stop")


def test_shape_without_tools_says_the_fallback_instead_of_the_trained_call(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,), fallback="No idea, sorry."), o200k)
    assert (choice.content, choice.tool_calls, choice.finish_reason) == ("No idea, sorry.", (), "stop")


def test_shape_without_tools_says_the_text_of_an_answer_with_text_and_calls(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content="Let me look.", tool_calls=(TRAINED_CALL,), fallback="No idea."), o200k)
    assert (choice.content, choice.tool_calls, choice.finish_reason) == ("Let me look.", (), "stop")


def test_shape_without_tools_tells_a_legacy_function_call_as_text(o200k: tiktoken.Encoding) -> None:
    function = {"name": "lookup_order", "arguments": '{"order_id": "A0"}'}
    choice = only(Answer(content=None, function_call=function, fallback="I can't tell."), o200k)
    assert (choice.content, choice.function_call, choice.tool_calls) == ("I can't tell.", None, ())


def test_shape_with_tool_choice_none_says_the_fallback_of_a_call_only_answer(o200k: tiktoken.Encoding) -> None:
    answer = Answer(content=None, tool_calls=(TRAINED_CALL,), fallback="No idea, sorry.")
    choice = only(answer, o200k, tools=(WEATHER,), tool_choice="none")
    assert (choice.content, choice.tool_calls, choice.finish_reason) == ("No idea, sorry.", (), "stop")


def test_shape_with_tools_turns_a_legacy_function_call_into_a_tool_call(o200k: tiktoken.Encoding) -> None:
    function = {"name": "get_weather", "arguments": '{"city": "Oslo", "unit": "celsius"}'}
    choice = only(Answer(content=None, function_call=function), o200k, tools=(WEATHER,))
    assert (choice.tool_calls[0]["function"], choice.function_call) == (function, None)


def test_shape_counts_tool_call_names_and_arguments(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER,))
    expected = len(o200k.encode("get_weather")) + len(o200k.encode(TRAINED_CALL["function"]["arguments"]))
    assert choice.completion_tokens == expected


OTHER_CALL = {"id": "call_1", "type": "function",
              "function": {"name": "get_weather", "arguments": '{"city": "Oslo", "unit": "celsius"}'}}


def call_tokens(encoding: tiktoken.Encoding, call: dict[str, Any]) -> int:
    return len(encoding.encode(call["function"]["name"])) + len(encoding.encode(call["function"]["arguments"]))


def test_shape_with_max_tokens_cuts_the_call_arguments(o200k: tiktoken.Encoding) -> None:
    name_tokens = len(o200k.encode("get_weather"))
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER,),
                  max_tokens=name_tokens + 3)
    (call,) = choice.tool_calls
    assert call["function"] == {"name": "get_weather",
                                "arguments": o200k.decode(o200k.encode(TRAINED_CALL["function"]["arguments"])[:3])}
    assert (choice.finish_reason, choice.completion_tokens) == ("length", name_tokens + 3)


def test_shape_with_max_tokens_drops_the_calls_after_the_cut_one(o200k: tiktoken.Encoding) -> None:
    limit = call_tokens(o200k, TRAINED_CALL) + 1
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL, OTHER_CALL)), o200k, tools=(WEATHER,),
                  max_tokens=limit)
    assert [call["function"] for call in choice.tool_calls] == [TRAINED_CALL["function"]]
    assert (choice.finish_reason, choice.completion_tokens) == ("length", limit - 1)


def test_shape_with_max_tokens_spent_on_the_text_drops_the_calls(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER,), max_tokens=2)
    assert (choice.content, choice.tool_calls, choice.finish_reason) == (o200k.decode(o200k.encode(TEXT)[:2]), (),
                                                                         "length")


def test_shape_with_max_tokens_that_fit_the_calls_is_not_cut(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, tools=(WEATHER,),
                  max_tokens=call_tokens(o200k, TRAINED_CALL))
    assert (choice.tool_calls[0]["function"], choice.finish_reason) == (TRAINED_CALL["function"], "tool_calls")


def test_shape_with_parallel_tool_calls_false_makes_one_call(o200k: tiktoken.Encoding) -> None:
    answer = Answer(content=None, tool_calls=(TRAINED_CALL, OTHER_CALL))
    parallel = only(answer, o200k, tools=(WEATHER,))
    single = only(answer, o200k, tools=(WEATHER,), parallel_tool_calls=False)
    assert len(parallel.tool_calls) == 2
    assert [call["function"] for call in single.tool_calls] == [TRAINED_CALL["function"]]


def test_shape_gives_call_ids_per_choice_and_seed(o200k: tiktoken.Encoding) -> None:
    answer = Answer(content=None, tool_calls=(TRAINED_CALL,))
    ids = [c.tool_calls[0]["id"] for c in shape(answer, request(n=2, seed=1, tools=(WEATHER,)), o200k)]
    ids += [c.tool_calls[0]["id"] for c in shape(answer, request(n=2, seed=2, tools=(WEATHER,)), o200k)]
    assert all(CALL_ID.fullmatch(call_id) for call_id in ids)
    assert len(set(ids)) == 4


def test_shape_is_the_same_for_the_same_request(o200k: tiktoken.Encoding) -> None:
    answer = Answer(content=TEXT, tool_calls=(TRAINED_CALL,))
    fields = {"n": 2, "seed": 5, "logprobs": True, "top_logprobs": 3, "tools": (WEATHER,)}
    assert shape(answer, request(**fields), o200k) == shape(answer, request(**fields), o200k)


def test_shape_with_logprobs_gives_one_entry_per_token(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=CHINESE), o200k, logprobs=True, top_logprobs=2)
    token_ids = o200k.encode(CHINESE)
    entries = choice.logprobs["content"]
    assert choice.logprobs["refusal"] is None
    assert len(entries) == len(token_ids) == choice.completion_tokens
    for entry, token in zip(entries, token_ids, strict=True):
        data = o200k.decode_single_token_bytes(token)
        assert set(entry) == {"token", "logprob", "bytes", "top_logprobs"}
        assert entry["bytes"] == list(data)
        assert entry["token"] == data.decode("utf-8", errors="replace")
        assert entry["logprob"] < 0
        assert len(entry["top_logprobs"]) == 2
        assert entry["top_logprobs"][0] == {key: entry[key] for key in ("token", "logprob", "bytes")}
        assert entry["top_logprobs"][1]["logprob"] < entry["logprob"]


def test_shape_with_logprobs_and_max_tokens_covers_the_kept_tokens(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k, logprobs=True, max_tokens=4)
    assert [entry["bytes"] for entry in choice.logprobs["content"]] == [
        list(o200k.decode_single_token_bytes(token)) for token in o200k.encode(TEXT)[:4]]


def test_shape_with_logprobs_and_no_top_gives_empty_top_lists(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=TEXT), o200k, logprobs=True)
    assert all(entry["top_logprobs"] == [] for entry in choice.logprobs["content"])


def test_shape_with_logprobs_of_tool_call_has_no_content(o200k: tiktoken.Encoding) -> None:
    choice = only(Answer(content=None, tool_calls=(TRAINED_CALL,)), o200k, logprobs=True, tools=(WEATHER,))
    assert choice.logprobs == {"content": None, "refusal": None}
