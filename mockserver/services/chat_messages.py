"""Checks of chat `messages`: roles, keys, content types and the tool-call sequence, with real 400s."""

from __future__ import annotations

from typing import Any

from mockserver.core.errors import InvalidRequest, invalid_type, missing_parameter
from mockserver.services.request_checks import (
    check_keys,
    empty_array,
    unknown,
    unsupported_value,
)

ROLES = ("system", "assistant", "user", "function", "tool", "developer")
MESSAGE_KEYS: dict[str, tuple[str, ...]] = {
    "system": ("role", "content", "name"),
    "developer": ("role", "content", "name"),
    "user": ("role", "content", "name"),
    "assistant": ("role", "content", "name", "tool_calls", "function_call", "refusal", "audio"),
    "tool": ("role", "content", "tool_call_id"),
    "function": ("role", "content", "name"),
}
PART_TYPES: dict[str, tuple[str, ...]] = {
    "user": ("text", "image_url", "input_audio", "file"),
    "assistant": ("text", "refusal"),
}
TEXT_ONLY = ("text",)
CONTENT_TYPE = "one of a string or array of objects"


def check_request_messages(messages: list[Any]) -> None:
    """Every message well formed, then tool messages answering the calls before them."""
    if not messages:
        raise empty_array("messages")
    for index, message in enumerate(messages):
        check_message(f"messages[{index}]", message)
    check_tool_sequence(messages)


def check_message(param: str, message: Any) -> None:
    if not isinstance(message, dict):
        raise invalid_type(param, "an object", message)
    role = message.get("role")
    if role is None:
        raise missing_parameter(f"{param}.role")
    if role not in ROLES:
        raise unsupported_value(f"{param}.role", role, ROLES)
    for key in message:
        if key not in MESSAGE_KEYS[role]:
            raise unknown(f"{param}.{key}")
    if role == "tool":
        _check_string(f"{param}.tool_call_id", message.get("tool_call_id"))
    if role == "function" and message.get("name") is None:
        raise missing_parameter(f"{param}.name")
    if role == "assistant" and "tool_calls" in message:
        _check_tool_calls(f"{param}.tool_calls", message["tool_calls"])
    _check_content(param, role, message)


def _check_content(param: str, role: str, message: dict[str, Any]) -> None:
    content = message.get("content")
    if content is None:
        answered_by_call = role == "assistant" and (message.get("tool_calls") or message.get("function_call"))
        if not answered_by_call and not (role == "assistant" and message.get("refusal")):
            raise missing_parameter(f"{param}.content")
        return
    if isinstance(content, str):
        return
    if not isinstance(content, list) or not all(isinstance(part, dict) for part in content):
        raise invalid_type(f"{param}.content", CONTENT_TYPE, content)
    allowed = PART_TYPES.get(role, TEXT_ONLY)
    for index, part in enumerate(content):
        part_param = f"{param}.content[{index}]"
        kind = part.get("type")
        if kind is None:
            raise missing_parameter(f"{part_param}.type")
        if kind not in allowed:
            raise unsupported_value(f"{part_param}.type", kind, allowed)
        if kind in ("text", "refusal"):
            check_keys(part_param, part, ("type", kind), required=(kind,))
            if not isinstance(part[kind], str):
                raise invalid_type(f"{part_param}.{kind}", "a string", part[kind])


def _check_tool_calls(param: str, calls: Any) -> None:
    if not isinstance(calls, list):
        raise invalid_type(param, "an array", calls)
    if not calls:
        raise empty_array(param)
    for index, call in enumerate(calls):
        call_param = f"{param}[{index}]"
        if not isinstance(call, dict):
            raise invalid_type(call_param, "an object", call)
        check_keys(call_param, call, ("id", "type", "function"), required=("id", "type", "function"))
        _check_string(f"{call_param}.id", call["id"])
        if call["type"] != "function":
            raise unsupported_value(f"{call_param}.type", call["type"], ("function",))
        function = call["function"]
        if not isinstance(function, dict):
            raise invalid_type(f"{call_param}.function", "an object", function)
        check_keys(f"{call_param}.function", function, ("name", "arguments"), required=("name", "arguments"))
        for key in ("name", "arguments"):
            _check_string(f"{call_param}.function.{key}", function[key])


def _check_string(param: str, value: Any) -> None:
    """A required string: the ids pair calls with their answers (as dict keys and in messages)."""
    if value is None:
        raise missing_parameter(param)
    if not isinstance(value, str):
        raise invalid_type(param, "a string", value)


def check_tool_sequence(messages: list[dict[str, Any]]) -> None:
    """Tool messages answer the assistant's calls right before them, and every call gets its answer."""
    pending: dict[str, int] = {}  # call id -> index of the assistant message that made it
    for index, message in enumerate(messages):
        role = message["role"]
        if role == "tool":
            if message["tool_call_id"] not in pending and not _follows_calls(messages, index):
                raise _orphan_tool_message(index)
            pending.pop(message["tool_call_id"], None)
            continue
        if pending:
            raise _unanswered_calls(pending)
        if role == "assistant":
            pending = {call["id"]: index for call in message.get("tool_calls") or ()}
    if pending:
        raise _unanswered_calls(pending)


def _follows_calls(messages: list[dict[str, Any]], index: int) -> bool:
    """Whether a tool message sits in the run of tool messages after an assistant's tool calls."""
    previous = index - 1
    while previous >= 0 and messages[previous]["role"] == "tool":
        previous -= 1
    return previous >= 0 and messages[previous]["role"] == "assistant" and bool(messages[previous].get("tool_calls"))


def _orphan_tool_message(index: int) -> InvalidRequest:
    return InvalidRequest(
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        param=f"messages.[{index}].role",
    )


def _unanswered_calls(pending: dict[str, int]) -> InvalidRequest:
    index = next(iter(pending.values()))
    return InvalidRequest(
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
        f"'tool_call_id'. The following tool_call_ids did not have response messages: {', '.join(pending)}",
        param=f"messages.[{index}].role",
    )
