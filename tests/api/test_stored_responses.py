"""Stored responses through the strict SDK: retrieve, delete, cancel, input items, `previous_response_id`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import openai
import pytest

from tests.chat_support import TOOLS_FILE, cookbook_prompt_tokens, tiktoken_encoding, training_lines
from tests.jobs_support import assert_api_error

MODEL = "gpt-4o-mini"
O200K = tiktoken_encoding("o200k_base")


def test_a_response_is_retrieved_as_it_was_sent(sdk: openai.OpenAI) -> None:
    created = sdk.responses.create(model=MODEL, input="Hello", metadata={"team": "a"})
    assert sdk.responses.retrieve(created.id).to_dict() == created.to_dict()


def test_a_streamed_response_is_stored_as_it_completed(sdk: openai.OpenAI) -> None:
    events: list[Any] = list(sdk.responses.create(model=MODEL, input="Hello", stream=True))
    completed = events[-1].response
    assert sdk.responses.retrieve(completed.id).to_dict() == completed.to_dict()


def test_store_false_keeps_nothing(sdk: openai.OpenAI) -> None:
    created = sdk.responses.create(model=MODEL, input="Hello", store=False)
    with pytest.raises(openai.NotFoundError) as unknown:
        sdk.responses.retrieve(created.id)
    with pytest.raises(openai.BadRequestError) as refused:
        sdk.responses.create(model=MODEL, input="Again", previous_response_id=created.id)
    assert_api_error(unknown, 404, f"Response with id '{created.id}' not found.", param="response_id")
    assert_api_error(refused, 400, f"Previous response with id '{created.id}' not found.",
                     param="previous_response_id", code="previous_response_not_found")


def test_previous_response_id_continues_the_conversation(sdk: openai.OpenAI) -> None:
    first = sdk.responses.create(model=MODEL, instructions="Answer briefly.", input="Hello")
    second = sdk.responses.create(model=MODEL, previous_response_id=first.id,
                                  input=[{"role": "user", "content": "And then?"}])
    assert second.previous_response_id == first.id
    # The earlier input and output are context; the earlier instructions are not carried over.
    context = [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": first.output_text},
               {"role": "user", "content": "And then?"}]
    assert second.usage is not None
    assert second.usage.input_tokens == cookbook_prompt_tokens(O200K, context)
    third = sdk.responses.create(model=MODEL, previous_response_id=second.id, input="Last one", instructions="Hi.")
    context += [{"role": "assistant", "content": second.output_text}, {"role": "user", "content": "Last one"}]
    assert third.usage is not None
    assert third.usage.input_tokens == cookbook_prompt_tokens(O200K, [{"role": "system", "content": "Hi."},
                                                                      *context])


def test_a_tool_call_continues_with_its_output(sdk: openai.OpenAI) -> None:
    weather = training_lines(TOOLS_FILE)[0]
    tool: Any = {"type": "function", **weather["tools"][0]["function"]}
    first = sdk.responses.create(model=MODEL, input="Weather in Paris?", tools=[tool], tool_choice="required")
    call = next(item for item in first.output if item.type == "function_call")
    output: Any = {"type": "function_call_output", "call_id": call.call_id, "output": "sunny"}
    second = sdk.responses.create(model=MODEL, previous_response_id=first.id, tools=[tool], input=[output])
    assert second.status == "completed"
    items = sdk.responses.input_items.list(second.id)
    assert [(item.type, getattr(item, "call_id", None)) for item in items.data] == [
        ("function_call_output", call.call_id)]


def test_input_items_are_newest_first_with_ids_and_pages(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model=MODEL, input=[
        {"role": "user", "content": "One"}, {"role": "assistant", "content": "Two"},
        {"role": "user", "content": [{"type": "input_text", "text": "Three"}]},
    ])
    data: list[Any] = sdk.responses.input_items.list(response.id).to_dict()["data"]  # type: ignore[assignment]
    assert [(item["type"], item["role"], item["content"][0]["text"]) for item in data] == [
        ("message", "user", "Three"), ("message", "assistant", "Two"), ("message", "user", "One")]
    ids = [item["id"] for item in data]
    assert all(item_id.startswith("msg_") for item_id in ids)
    first = sdk.responses.input_items.list(response.id, limit=2)
    assert ([item.id for item in first.data], first.has_more) == (ids[:2], True)
    assert [item.id for item in sdk.responses.input_items.list(response.id, after=ids[1]).data] == ids[2:]
    assert [item.id for item in sdk.responses.input_items.list(response.id, order="asc").data] == ids[::-1]


def test_delete_removes_the_response(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model=MODEL, input="Hello")
    sdk.responses.delete(response.id)
    with pytest.raises(openai.NotFoundError) as unknown:
        sdk.responses.retrieve(response.id)
    assert_api_error(unknown, 404, f"Response with id '{response.id}' not found.", param="response_id")
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(model=MODEL, input="Again", previous_response_id=response.id)
    assert_api_error(caught, 400, f"Previous response with id '{response.id}' not found.",
                     param="previous_response_id", code="previous_response_not_found")


def test_cancel_of_a_background_response_returns_it_finished(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model=MODEL, input="Hello", background=True)
    assert sdk.responses.cancel(response.id).to_dict() == response.to_dict()


def test_cancel_of_a_foreground_response_is_400(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model=MODEL, input="Hello")
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.cancel(response.id)
    assert_api_error(caught, 400, "Only responses created with background=true can be cancelled.",
                     param="response_id")


@pytest.mark.parametrize("call", ["retrieve", "delete", "cancel", "input_items"])
def test_an_unknown_id_is_404(sdk: openai.OpenAI, call: str) -> None:
    actions: dict[str, Callable[[], object]] = {
        "retrieve": lambda: sdk.responses.retrieve("resp_nope"),
        "delete": lambda: sdk.responses.delete("resp_nope"),
        "cancel": lambda: sdk.responses.cancel("resp_nope"),
        "input_items": lambda: sdk.responses.input_items.list("resp_nope"),
    }
    with pytest.raises(openai.NotFoundError) as caught:
        actions[call]()
    assert_api_error(caught, 404, "Response with id 'resp_nope' not found.", param="response_id")
