"""Which tool calls a reply makes, given the tools and tool_choice of the request, and their ids."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from mockserver.core.ids import BASE62
from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.json_schema import instance_for

EMPTY_PARAMETERS: dict[str, Any] = {"type": "object", "properties": {}}
CALL_ID_LENGTH = 24


def select(answer: Answer, request: ReplyRequest) -> tuple[str | None, list[dict[str, Any]]]:
    """(content, calls `{"type", "function": {"name", "arguments"}}` without ids) for this request.

    - No tools offered (nor legacy `functions`), or `none`: text only. An answer that is only calls
      says its `fallback` instead (the fallback reply in the training answers' style).
    - `required` or a named function: calls only; the answer's calls to the allowed tools when it
      has them, else one call to the named (or first) tool, arguments built from its parameters.
    - `auto` (or unset): the answer's calls to offered tools when it makes any; otherwise text.
    - `parallel_tool_calls: false`: at most one call (the first).
    """
    calls = answer_calls(answer)
    choice = request.tool_choice
    if not request.tools or choice == "none":
        return text_of(answer, calls), []
    tools: dict[str, dict[str, Any]] = {name: tool for tool in request.tools if (name := tool_name(tool))}
    named = forced_name(choice)
    if named is not None or choice == "required":
        allowed: list[str] = [named] if named is not None else list(tools)
        chosen = [call for call in calls if call["function"]["name"] in allowed]
        if not chosen and allowed:
            chosen = [generated_call(allowed[0], tools.get(allowed[0], {}), hint=answer.content or "")]
        return None, at_most_one_unless_parallel(chosen, request)
    offered = [call for call in calls if call["function"]["name"] in tools]
    if offered:
        return answer.content, at_most_one_unless_parallel(offered, request)
    return text_of(answer, calls), []


def at_most_one_unless_parallel(calls: list[dict[str, Any]], request: ReplyRequest) -> list[dict[str, Any]]:
    return calls if request.parallel_tool_calls else calls[:1]


def answer_calls(answer: Answer) -> list[dict[str, Any]]:
    """The answer's tool calls (and legacy function call) as `{"type": "function", "function": …}`."""
    calls = [{"type": "function", "function": _function_of(call["function"])} for call in answer.tool_calls]
    if answer.function_call is not None:
        calls.append({"type": "function", "function": _function_of(answer.function_call)})
    return calls


def _function_of(function: dict[str, Any]) -> dict[str, str]:
    arguments = function.get("arguments", "{}")
    if not isinstance(arguments, str):  # tolerate training data that stored arguments as an object
        arguments = orjson.dumps(arguments).decode()
    return {"name": str(function["name"]), "arguments": arguments}


def tool_name(tool: dict[str, Any]) -> str | None:
    """The name of a function tool (chat shape `{"function": {"name"}}` or flat `{"name"}`)."""
    function = tool.get("function")
    name = function.get("name") if isinstance(function, dict) else tool.get("name")
    return name if isinstance(name, str) else None


def forced_name(choice: Any) -> str | None:
    """The function a `tool_choice` object forces (`{"type": "function", "function": {"name"}}`)."""
    if not isinstance(choice, dict):
        return None
    function = choice.get("function")
    name = function.get("name") if isinstance(function, dict) else choice.get("name")
    return name if isinstance(name, str) else None


def generated_call(name: str, tool: dict[str, Any], *, hint: str) -> dict[str, Any]:
    """A call to `name` whose arguments validate against the tool's parameters schema."""
    inner = tool.get("function")
    function: dict[str, Any] = inner if isinstance(inner, dict) else tool
    parameters = function.get("parameters") or EMPTY_PARAMETERS
    arguments = instance_for(parameters, hint=hint)
    return {"type": "function", "function": {"name": name, "arguments": orjson.dumps(arguments).decode()}}


def text_of(answer: Answer, calls: list[dict[str, Any]]) -> str:
    """The answer as text: its content, else its fallback, else (no fallback known) its calls written out."""
    if answer.content is not None:
        return answer.content
    if answer.fallback is not None:
        return answer.fallback
    return "; ".join(f"{call['function']['name']}({call['function']['arguments']})" for call in calls)


def call_id(request_digest: bytes, *parts: object) -> str:
    """`call_` and 24 base62 characters, a pure function of the request and `parts` (seed, choice, call)."""
    digest = hashlib.sha256(request_digest + ":".join(map(str, parts)).encode()).digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(CALL_ID_LENGTH):
        number, index = divmod(number, len(BASE62))
        chars.append(BASE62[index])
    return "call_" + "".join(chars)
