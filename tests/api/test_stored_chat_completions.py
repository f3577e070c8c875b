"""Stored chat completions (`store: true`) through the strict SDK: list, retrieve, update, delete, messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.jobs_support import assert_api_error
from tests.live_server import LiveServer
from tests.support import envelope, sdk_client

MODEL = "gpt-4o-mini"
HELLO = [{"role": "user", "content": "Hello"}]


def stored(sdk: openai.OpenAI, *, model: str = MODEL, messages: list[dict[str, Any]] | None = None,
           **fields: Any) -> str:
    completion = sdk.chat.completions.create(model=model, messages=messages or HELLO, store=True,  # type: ignore[arg-type]
                                             **fields)
    return completion.id


def ids(page: Any) -> list[str]:
    return [item.id for item in page.data]


def test_a_stored_completion_is_retrieved_as_it_was_sent(sdk: openai.OpenAI) -> None:
    created = sdk.chat.completions.create(model=MODEL, messages=HELLO, store=True,  # type: ignore[arg-type]
                                          metadata={"team": "a"})
    retrieved = sdk.chat.completions.retrieve(created.id)
    assert retrieved.to_dict() == {**created.to_dict(), "metadata": {"team": "a"}}


def test_a_completion_without_store_is_not_kept(sdk: openai.OpenAI) -> None:
    created = sdk.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
    kept = stored(sdk)
    assert ids(sdk.chat.completions.list()) == [kept]
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.chat.completions.retrieve(created.id)
    assert_api_error(caught, 404, f"No chat completion found with id '{created.id}'.", param="completion_id")


def test_a_streamed_completion_is_stored_too(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(model=MODEL, messages=HELLO, store=True, stream=True)  # type: ignore[arg-type]
    chunks: list[Any] = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    kept = sdk.chat.completions.retrieve(chunks[0].id)
    assert kept.choices[0].message.content == text


def test_list_is_oldest_first_and_pages_with_after(sdk: openai.OpenAI, clock: ManualClock) -> None:
    made = []
    for _ in range(3):
        made.append(stored(sdk))
        clock.advance(1)
    first = sdk.chat.completions.list(limit=2)
    assert ids(first) == made[:2]
    assert first.has_more is True
    assert ids(sdk.chat.completions.list(limit=2, after=made[1])) == made[2:]
    assert ids(sdk.chat.completions.list(order="desc")) == made[::-1]
    assert ids(sdk.chat.completions.list(order="desc", after=made[2])) == made[1::-1]


def test_list_filters_by_model_and_metadata(sdk: openai.OpenAI) -> None:
    tagged = stored(sdk, metadata={"team": "a", "run": "1"})
    stored(sdk, metadata={"team": "b"})
    other_model = stored(sdk, model="gpt-4.1-nano", metadata={"team": "a"})
    shown = sdk.chat.completions.retrieve(other_model).model
    assert ids(sdk.chat.completions.list(metadata={"team": "a"})) == [tagged, other_model]
    assert ids(sdk.chat.completions.list(metadata={"team": "a", "run": "1"})) == [tagged]
    assert ids(sdk.chat.completions.list(model=shown)) == [other_model]
    assert ids(sdk.chat.completions.list(model=shown, metadata={"team": "b"})) == []


def test_update_replaces_the_metadata_and_the_filter_follows(sdk: openai.OpenAI) -> None:
    completion_id = stored(sdk, metadata={"team": "a"})
    updated = sdk.chat.completions.update(completion_id, metadata={"team": "b"})
    assert updated.to_dict()["metadata"] == {"team": "b"}
    assert ids(sdk.chat.completions.list(metadata={"team": "a"})) == []
    assert ids(sdk.chat.completions.list(metadata={"team": "b"})) == [completion_id]
    assert sdk.chat.completions.update(completion_id, metadata=None).to_dict()["metadata"] == {}


def test_delete_removes_the_completion_and_its_messages(sdk: openai.OpenAI, http: httpx.Client) -> None:
    completion_id = stored(sdk, metadata={"team": "a"})
    deleted = sdk.chat.completions.delete(completion_id)
    assert (deleted.id, deleted.deleted, deleted.object) == (completion_id, True, "chat.completion.deleted")
    assert ids(sdk.chat.completions.list(metadata={"team": "a"})) == []
    response = http.get(f"/v1/chat/completions/{completion_id}/messages")
    assert response.status_code == 404
    assert response.json() == envelope(f"No chat completion found with id '{completion_id}'.", param="completion_id")


def test_messages_list_the_request_messages_with_ids(live_server: LiveServer, sdk: openai.OpenAI) -> None:
    # The default client: the SDK's ChatCompletionStoreMessage types `role` as "assistant" only, so its strict
    # mode rejects the user and system messages the real API lists (README, "Deviations from the spec").
    loose = openai.OpenAI(api_key=sdk.api_key, base_url=f"{live_server.base_url}/v1", max_retries=0)
    parts = [{"type": "text", "text": "Hel"}, {"type": "text", "text": "lo"}]
    completion_id = stored(sdk, messages=[{"role": "system", "content": "Be brief."},
                                          {"role": "user", "content": parts}])
    page = loose.chat.completions.messages.list(completion_id)
    assert [item.to_dict() for item in page.data] == [
        {"id": f"{completion_id}-0", "role": "system", "content": "Be brief.", "name": None, "content_parts": None},
        {"id": f"{completion_id}-1", "role": "user", "content": "Hello", "name": None, "content_parts": parts},
    ]
    assert ids(loose.chat.completions.messages.list(completion_id, order="desc", limit=1)) == [f"{completion_id}-1"]
    assert ids(loose.chat.completions.messages.list(completion_id, after=f"{completion_id}-0")) == [
        f"{completion_id}-1"]
    loose.close()


def test_another_key_sees_none_of_them(sdk: openai.OpenAI, start_server: Any) -> None:
    server = start_server(api_keys=("sk-one", "sk-two"))
    one, two = sdk_client(server.base_url, "sk-one"), sdk_client(server.base_url, "sk-two")
    completion_id = stored(one)
    assert ids(two.chat.completions.list()) == []
    with pytest.raises(openai.NotFoundError) as caught:
        two.chat.completions.retrieve(completion_id)
    assert_api_error(caught, 404, f"No chat completion found with id '{completion_id}'.", param="completion_id")


@pytest.mark.parametrize("call", ["retrieve", "update", "delete", "messages"])
def test_an_unknown_id_is_404(sdk: openai.OpenAI, call: str) -> None:
    actions: dict[str, Callable[[], object]] = {
        "retrieve": lambda: sdk.chat.completions.retrieve("chatcmpl-nope"),
        "update": lambda: sdk.chat.completions.update("chatcmpl-nope", metadata={"a": "b"}),
        "delete": lambda: sdk.chat.completions.delete("chatcmpl-nope"),
        "messages": lambda: sdk.chat.completions.messages.list("chatcmpl-nope"),
    }
    with pytest.raises(openai.NotFoundError) as caught:
        actions[call]()
    assert_api_error(caught, 404, "No chat completion found with id 'chatcmpl-nope'.", param="completion_id")


def test_update_with_too_many_metadata_pairs_is_400_and_changes_nothing(sdk: openai.OpenAI) -> None:
    completion_id = stored(sdk, metadata={"team": "a"})
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.update(completion_id, metadata={f"k{i}": "v" for i in range(17)})
    assert_api_error(caught, 400, "Invalid 'metadata': too many properties. Expected an object with at most 16 "
                     "properties, but got an object with 17 properties instead.", param="metadata",
                     code="object_above_max_properties")
    assert sdk.chat.completions.retrieve(completion_id).to_dict()["metadata"] == {"team": "a"}


def test_update_with_metadata_not_strings_is_400(http: httpx.Client, sdk: openai.OpenAI) -> None:
    completion_id = stored(sdk)
    response = http.post(f"/v1/chat/completions/{completion_id}", json={"metadata": {"a": 1}})
    assert response.status_code == 400
    assert response.json() == envelope("Invalid type for 'metadata.a': expected a string, but got 1 instead.",
                                       param="metadata.a", code="invalid_type")


@pytest.mark.parametrize(("params", "message", "param"), [
    ({"limit": 0}, "Invalid 'limit': 0. It must be between 1 and 100.", "limit"),
    ({"limit": 101}, "Invalid 'limit': 101. It must be between 1 and 100.", "limit"),
    ({"order": "newest"}, "Invalid value for 'order': 'newest'. Supported values are: 'asc' and 'desc'.", "order"),
])
def test_list_with_a_bad_page_is_400(http: httpx.Client, params: dict[str, Any], message: str, param: str) -> None:
    response = http.get("/v1/chat/completions", params=params)
    assert response.status_code == 400
    assert response.json() == envelope(message, param=param, code="invalid_value")
