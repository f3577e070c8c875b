"""A Responses API request checked (real 400s) and translated into the chat shapes the responder reads.

`instructions` becomes a leading system message; input messages keep their role; `function_call`
items become assistant tool calls and `function_call_output` items tool messages. Function tools,
`tool_choice` and `text.format` map onto their chat counterparts. Other item and tool types (hosted
tools, reasoning items, item references) are outside what this server simulates and are refused.
"""

from __future__ import annotations

from typing import Any

from mockserver.core.catalog import ModelSpec
from mockserver.core.errors import InvalidRequest, invalid_type, missing_parameter
from mockserver.responder import ReplyRequest
from mockserver.schemas.responses import ResponseCreate
from mockserver.services.request_checks import (
    check_keys,
    check_metadata,
    check_range,
    empty_array,
    is_fine_tuned,
    unsupported_value,
)
from mockserver.services.strict_schemas import check_strict_schema

RANGES: dict[str, tuple[float | None, float | None]] = {
    "max_output_tokens": (16, None),
    "temperature": (0, 2),
    "top_p": (0, 1),
    "top_logprobs": (0, 20),
}
ITEM_TYPES = ("message", "function_call", "function_call_output")
ROLES = ("user", "assistant", "system", "developer")
TEXT_PARTS = ("input_text", "output_text", "refusal")
PART_TYPES = (*TEXT_PARTS, "input_image", "input_file")
FORMATS = ("text", "json_object", "json_schema")
LOGPROBS_INCLUDE = "message.output_text.logprobs"


def check_response_request(body: ResponseCreate) -> None:
    for param, (low, high) in RANGES.items():
        check_range(param, getattr(body, param), low, high)
    if body.stream_options is not None and not body.stream:
        raise InvalidRequest(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.", param="stream_options"
        )
    if body.input is None:
        raise missing_parameter("input")
    if isinstance(body.input, list):
        if not body.input:
            raise empty_array("input")
        for index, item in enumerate(body.input):
            _check_item(f"input[{index}]", item)
    check_metadata(body.metadata)
    for index, tool in enumerate(body.tools or ()):
        _check_tool(f"tools[{index}]", tool, fine_tuned=is_fine_tuned(body.model))
    _check_format(body)


def check_format_for_model(body: ResponseCreate, spec: ModelSpec) -> None:
    """A `json_schema` text format needs a model with Structured Outputs (`ft:` models: their base's)."""
    text_format = (body.text or {}).get("format") or {}
    if text_format.get("type") == "json_schema" and not spec.structured_outputs:
        raise InvalidRequest(
            "Invalid parameter: 'text.format' of type 'json_schema' is not supported with model version "
            f"`{body.model}`.", param="text.format",
        )


def _check_item(param: str, item: Any) -> None:
    if not isinstance(item, dict):
        raise invalid_type(param, "an object", item)
    kind = item.get("type", "message" if "role" in item else None)
    if kind is None:
        raise missing_parameter(f"{param}.type")
    if kind not in ITEM_TYPES:
        raise unsupported_value(f"{param}.type", kind, ITEM_TYPES)
    if kind == "function_call":
        check_keys(param, item, ("type", "id", "call_id", "name", "arguments", "status"),
                   required=("call_id", "name", "arguments"))
    elif kind == "function_call_output":
        check_keys(param, item, ("type", "id", "call_id", "output", "status"), required=("call_id", "output"))
    else:
        _check_message(param, item)


def _check_message(param: str, item: dict[str, Any]) -> None:
    check_keys(param, item, ("type", "id", "role", "content", "status", "phase"), required=("role", "content"))
    if item["role"] not in ROLES:
        raise unsupported_value(f"{param}.role", item["role"], ROLES)
    content = item["content"]
    if isinstance(content, str):
        return
    if not isinstance(content, list) or not all(isinstance(part, dict) for part in content):
        raise invalid_type(f"{param}.content", "one of a string or array of objects", content)
    for index, part in enumerate(content):
        kind = part.get("type")
        if kind is None:
            raise missing_parameter(f"{param}.content[{index}].type")
        if kind not in PART_TYPES:
            raise unsupported_value(f"{param}.content[{index}].type", kind, PART_TYPES)
        field = "refusal" if kind == "refusal" else "text"
        if kind in TEXT_PARTS and not isinstance(part.get(field), str):
            raise missing_parameter(f"{param}.content[{index}].{field}")


# What the SDK's FunctionToolParam sends (openai 3.63); the answer does not depend on the newer ones.
FUNCTION_TOOL_KEYS = ("type", "name", "description", "parameters", "strict", "defer_loading", "allowed_callers",
                      "async", "output_schema")
TOOL_CALLERS = ("direct", "programmatic")


def _check_tool(param: str, tool: dict[str, Any], *, fine_tuned: bool) -> None:
    kind = tool.get("type")
    if kind is None:
        raise missing_parameter(f"{param}.type")
    if kind != "function":
        raise unsupported_value(f"{param}.type", kind, ("function",))
    check_keys(param, tool, FUNCTION_TOOL_KEYS, required=("name",))
    for index, caller in enumerate(tool.get("allowed_callers") or ()):
        if caller not in TOOL_CALLERS:
            raise unsupported_value(f"{param}.allowed_callers[{index}]", caller, TOOL_CALLERS)
    if tool.get("strict") is True and "parameters" in tool:
        check_strict_schema(tool["parameters"], subject=f"function '{tool['name']}'", param=f"{param}.parameters",
                            fine_tuned=fine_tuned)


def _check_format(body: ResponseCreate) -> None:
    text_format = (body.text or {}).get("format")
    if text_format is None:
        return
    kind = text_format.get("type")
    if kind is None:
        raise missing_parameter("text.format.type")
    if kind not in FORMATS:
        raise unsupported_value("text.format.type", kind, FORMATS)
    if kind == "json_schema":
        check_keys("text.format", text_format, ("type", "name", "schema", "description", "strict"),
                   required=("name", "schema"))
        if text_format.get("strict") is True:
            check_strict_schema(text_format["schema"], subject=f"response_format '{text_format['name']}'",
                                param="text.format.schema", fine_tuned=is_fine_tuned(body.model))
    if kind == "json_object" and not any("json" in _text(m).lower() for m in chat_messages(body)):
        raise InvalidRequest(
            "Response input messages must contain the word 'json' in some form to use 'text.format' of type "
            "'json_object'.", param="input",
        )


def _text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return " ".join(part.get("text") or "" for part in content)
    return content or ""


def chat_messages(body: ResponseCreate) -> list[dict[str, Any]]:
    """The conversation as chat messages: instructions first, then the input items in order."""
    messages: list[dict[str, Any]] = []
    if body.instructions:
        messages.append({"role": "system", "content": body.instructions})
    if isinstance(body.input, str):
        messages.append({"role": "user", "content": body.input})
        return messages
    for item in body.input or ():
        kind = item.get("type", "message")
        if kind == "function_call":
            call = {"id": item["call_id"], "type": "function",
                    "function": {"name": item["name"], "arguments": item["arguments"]}}
            if messages and messages[-1].get("tool_calls"):
                messages[-1]["tool_calls"].append(call)
            else:
                messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
        elif kind == "function_call_output":
            output = item["output"]
            messages.append({"role": "tool", "tool_call_id": item["call_id"],
                             "content": output if isinstance(output, str) else _parts(output)})
        else:
            content = item["content"]
            messages.append({"role": item["role"], "content": content if isinstance(content, str) else _parts(content)})
    return messages


def _parts(parts: list[Any]) -> list[dict[str, Any]]:
    """Text parts as chat text parts; images and files add no text."""
    texts = [part.get("text", part.get("refusal")) for part in parts if isinstance(part, dict)]
    return [{"type": "text", "text": text} for text in texts if isinstance(text, str)]


def chat_tools(body: ResponseCreate) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"type": "function", "function": {key: tool[key] for key in ("name", "description", "parameters", "strict")
                                          if tool.get(key) is not None}}
        for tool in body.tools or ()
    )


def chat_tool_choice(choice: str | dict[str, Any] | None) -> str | dict[str, Any] | None:
    if isinstance(choice, dict):
        if choice.get("type") == "function" and "name" in choice:
            return {"type": "function", "function": {"name": choice["name"]}}
        return "auto"
    return choice


def chat_response_format(body: ResponseCreate) -> dict[str, Any] | None:
    text_format = (body.text or {}).get("format")
    if text_format is None or text_format.get("type") == "text":
        return None
    if text_format["type"] == "json_object":
        return {"type": "json_object"}
    schema = {key: text_format[key] for key in ("name", "description", "schema", "strict") if key in text_format}
    return {"type": "json_schema", "json_schema": schema}


def response_reply_request(body: ResponseCreate, messages: list[dict[str, Any]]) -> ReplyRequest:
    """What the responder needs. The Responses API has no `n`, `stop` or `seed`."""
    return ReplyRequest(
        model=body.model, messages=tuple(messages), tools=chat_tools(body),
        tool_choice=chat_tool_choice(body.tool_choice), response_format=chat_response_format(body),
        max_tokens=body.max_output_tokens, logprobs=LOGPROBS_INCLUDE in (body.include or ()),
        top_logprobs=body.top_logprobs or 0, parallel_tool_calls=body.parallel_tool_calls is not False,
    )
