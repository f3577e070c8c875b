"""Tool call selection helpers: names in both tool shapes, forced choices, ids."""

from __future__ import annotations

import pytest

from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.tool_calls import call_id, forced_name, select, tool_name


@pytest.mark.parametrize(("tool", "name"), [
    ({"type": "function", "function": {"name": "a"}}, "a"),
    ({"type": "function", "name": "b"}, "b"),
    ({"type": "web_search"}, None),
])
def test_tool_name_reads_chat_and_flat_shapes(tool: dict[str, object], name: str | None) -> None:
    assert tool_name(tool) == name


@pytest.mark.parametrize(("choice", "name"), [
    ({"type": "function", "function": {"name": "a"}}, "a"),
    ({"type": "function", "name": "b"}, "b"),
    ("auto", None),
    ("required", None),
])
def test_forced_name_of_tool_choice(choice: object, name: str | None) -> None:
    assert forced_name(choice) == name


def test_call_id_is_stable_and_depends_on_its_parts() -> None:
    assert call_id(b"r", 1, 0, 0) == call_id(b"r", 1, 0, 0)
    assert len({call_id(b"r", 1, 0, 0), call_id(b"r", 1, 1, 0), call_id(b"r", 2, 0, 0), call_id(b"s", 1, 0, 0)}) == 4


def test_select_with_flat_tools_offered_keeps_the_trained_call() -> None:
    call = {"id": "x", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}
    request = ReplyRequest(model="m", messages=(), tools=({"type": "function", "name": "lookup"},))
    assert select(Answer(content=None, tool_calls=(call,)), request) == (
        None, [{"type": "function", "function": {"name": "lookup", "arguments": "{}"}}])


def test_select_with_object_arguments_serialises_them() -> None:
    call = {"id": "x", "type": "function", "function": {"name": "f", "arguments": {"a": 1}}}
    request = ReplyRequest(model="m", messages=(), tools=({"type": "function", "name": "f"},))
    _, calls = select(Answer(content=None, tool_calls=(call,)), request)
    assert calls[0]["function"]["arguments"] == '{"a":1}'
