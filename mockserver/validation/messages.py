"""Checks of chat messages and tool definitions, shared by the chat, DPO and reinforcement formats."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from mockserver.core.tokens import IMAGE_BASE_TOKENS
from mockserver.validation.formats import Rules
from mockserver.validation.images import REMOTE, image_cost
from mockserver.validation.issues import IssueSink, json_type, show

ROLES = ("system", "developer", "user", "assistant", "tool", "function")
ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "system": ("role", "content", "name"),
    "developer": ("role", "content", "name"),
    "user": ("role", "content", "name"),
    "assistant": ("role", "content", "name", "weight", "tool_calls", "function_call", "refusal"),
    "tool": ("role", "content", "tool_call_id"),
    "function": ("role", "name", "content"),
}
_ROLE_KEY_SETS = {role: frozenset(keys) for role, keys in ROLE_KEYS.items()}
_PLAIN_ROLES = frozenset({"system", "developer", "user", "assistant"})
IMAGE_DETAILS = ("low", "high", "auto")
UNSUPPORTED_PARTS = frozenset({"input_audio", "audio", "file", "input_file"})
# Any data: URL is taken (one that holds no usable image is skipped, not fatal); other schemes are errors.
_IMAGE_URL = re.compile(r"(?:https?://\S+|data:)", re.IGNORECASE)


@dataclass(slots=True)
class MessageSummary:
    """What the messages of one example contain, for the example-level rules."""

    roles: set[str] = field(default_factory=set)
    n_assistant: int = 0
    n_trained: int = 0
    last_role: str | None = None
    n_images: int = 0
    image_tokens: int = 0
    remote_images: list[str] = field(default_factory=list)  # paths of those counted at the low-detail cost
    call_ids: set[str] = field(default_factory=set)


def check_messages(messages: Any, sink: IssueSink, rules: Rules, *, path: str = "messages") -> MessageSummary:
    """Validate a list of messages; issues go to the sink, the summary is returned even if invalid."""
    summary = MessageSummary()
    if type(messages) is not list or not messages:
        sink.error("invalid_messages", path, f"must be a non-empty list of messages, got {show(messages)}")
        return summary
    roles = summary.roles
    for index, message in enumerate(messages):
        # Fast path: a plain {"role": <system|developer|user|assistant>, "content": <string>}
        # message passes every rule, and it is by far the most common message.
        if type(message) is dict and len(message) == 2 and type(message.get("content")) is str:
            role = message.get("role")
            if type(role) is str and role in _PLAIN_ROLES:
                roles.add(role)
                summary.last_role = role
                if role == "assistant":
                    summary.n_assistant += 1
                    summary.n_trained += 1
                continue
        check_message(message, sink, rules, summary, path=f"{path}[{index}]", index=index)
    if summary.remote_images:
        _warn_remote_images(summary.remote_images, sink)
    return summary


def _warn_remote_images(paths: list[str], sink: IssueSink) -> None:
    """One warning per example: http(s) images are not fetched, so their size (and cost) is unknown."""
    if len(paths) == 1:
        images, each = "is a remote image", "it is"
    else:
        images, each = f"and {len(paths) - 1} more are remote images", "each is"
    sink.warning(
        "image_size_unknown", paths[0],
        f"{images} with detail 'high' or 'auto' whose size cannot be known offline: {each} counted as "
        f"{IMAGE_BASE_TOKENS} tokens (the 'detail: low' cost), so this example's token count is a lower bound",
        images=len(paths),
    )


def check_message(
    message: Any, sink: IssueSink, rules: Rules, summary: MessageSummary, *, path: str, index: int
) -> None:
    """One message: role, allowed keys, content, and the role's own fields."""
    if type(message) is not dict:
        sink.error("invalid_message", path, f"must be an object, got a JSON {json_type(message)}")
        return
    role = message.get("role")
    if role is None and "role" not in message:
        sink.error("missing_role", f"{path}.role", "is missing", message=index + 1)
        return
    if type(role) is not str or role not in _ROLE_KEY_SETS:
        shown = f"'{role}'" if type(role) is str else show(role)
        sink.error(
            "unrecognized_role", f"{path}.role", f"{shown} is not one of {', '.join(ROLES)}",
            message=index + 1, tag=role,
        )
        return
    if not message.keys() <= _ROLE_KEY_SETS[role]:
        _unknown_keys(message, role, sink, path)
    summary.roles.add(role)
    summary.last_role = role
    _check_content(message, role, sink, rules, summary, path)
    if "name" in message or role == "function":
        _check_name(message.get("name"), sink, f"{path}.name")
    if role == "assistant":
        _check_assistant(message, sink, summary, path)
    elif role == "tool":
        _check_tool_message(message, sink, summary, path)


def _unknown_keys(message: dict[str, Any], role: str, sink: IssueSink, path: str) -> None:
    allowed = _ROLE_KEY_SETS[role]
    for key in message:
        if key not in allowed:
            sink.error(
                "unknown_message_key", f"{path}.{key}",
                f"is not allowed in {'an' if role == 'assistant' else 'a'} {role} message "
                f"(allowed: {', '.join(ROLE_KEYS[role])})", key=key,
            )


def _check_content(
    message: dict[str, Any], role: str, sink: IssueSink, rules: Rules, summary: MessageSummary, path: str
) -> None:
    content = message.get("content")
    if type(content) is str:
        return
    if content is None:
        if role == "assistant" and any(message.get(k) is not None for k in ("tool_calls", "function_call", "refusal")):
            return
        detail = "is null" if "content" in message else "is missing"
        if role == "assistant":
            detail += " (an assistant message needs content, tool_calls or function_call)"
        sink.error("missing_content", f"{path}.content", detail)
    elif type(content) is list and content and role != "function":
        for index, part in enumerate(content):
            _check_part(part, role, sink, rules, summary, f"{path}.content[{index}]")
    else:
        kinds = "a string" if role == "function" else "a string or a non-empty list of content parts"
        sink.error("invalid_content", f"{path}.content", f"must be {kinds}, got {show(content)}")


def _check_part(part: Any, role: str, sink: IssueSink, rules: Rules, summary: MessageSummary, path: str) -> None:
    kind = part.get("type") if type(part) is dict else None
    if kind == "text":
        if type(part.get("text")) is not str or not part.keys() <= {"type", "text"}:
            sink.error("invalid_content_part", path, "must be {\"type\": \"text\", \"text\": <string>}")
    elif kind == "image_url":
        if role != "user":
            text = f"is an image, but images are only allowed in user messages, not {role}"
            sink.error("image_not_allowed", path, text)
        elif not rules.images_allowed:
            sink.error("images_not_supported", path, f"is an image, but {rules.images_refusal}")
        else:
            summary.n_images += 1
            _check_image(part, sink, summary, path)
    elif kind in UNSUPPORTED_PARTS:
        sink.error("unsupported_content_part", f"{path}.type", f"'{kind}' parts are not supported for fine-tuning")
    else:
        sink.error("invalid_content_part", f"{path}.type", f"must be 'text' or 'image_url', got {show(kind)}")


def _check_image(part: dict[str, Any], sink: IssueSink, summary: MessageSummary, path: str) -> None:
    image = part.get("image_url")
    if not part.keys() <= {"type", "image_url"} or type(image) is not dict or not image.keys() <= {"url", "detail"}:
        sink.error("invalid_content_part", path, 'must be {"type": "image_url", "image_url": {"url", "detail"?}}')
        return
    url = image.get("url")
    if type(url) is not str or not _IMAGE_URL.match(url):
        sink.error(
            "invalid_image_url", f"{path}.image_url.url",
            f"must be an http(s) URL or a data:image/(jpeg|png|webp);base64 URL, got {show(url)}",
        )
        url = None
    detail = image.get("detail", "auto")
    if detail not in IMAGE_DETAILS:
        sink.error(
            "invalid_image_detail", f"{path}.image_url.detail",
            f"must be one of {', '.join(IMAGE_DETAILS)}, got {show(image['detail'])}",
        )
    elif url is not None:
        _count_image(url, detail, sink, summary, f"{path}.image_url.url")


def _count_image(url: str, detail: str, sink: IssueSink, summary: MessageSummary, path: str) -> None:
    cost = image_cost(url, detail)
    summary.image_tokens += cost.tokens
    if cost.unknown == REMOTE:
        summary.remote_images.append(path)
    elif cost.skipped is not None:
        text = f"is skipped (it adds no tokens): it {cost.skipped}"
        sink.warning("image_skipped", path, text, reason=cost.skipped)


def _check_name(name: Any, sink: IssueSink, path: str) -> None:
    if name is None:
        sink.error("missing_name", path, "is missing (function messages need the function's name)")
    elif type(name) is not str or not name:
        sink.error("invalid_name", path, f"must be a non-empty string, got {show(name)}")


def _check_assistant(message: dict[str, Any], sink: IssueSink, summary: MessageSummary, path: str) -> None:
    summary.n_assistant += 1
    weight = message.get("weight", 1)
    if type(weight) is not int or weight not in (0, 1):
        sink.error("invalid_weight", f"{path}.weight", f"must be 0 or 1, got {show(weight)}")
    elif weight:
        summary.n_trained += 1
    refusal = message.get("refusal")
    if refusal is not None and type(refusal) is not str:
        sink.error("invalid_refusal", f"{path}.refusal", f"must be a string or null, got {show(refusal)}")
    if message.get("tool_calls") is not None:
        _check_tool_calls(message["tool_calls"], sink, summary, f"{path}.tool_calls")
    if message.get("function_call") is not None:
        check_call(message["function_call"], sink, f"{path}.function_call", code="invalid_function_call")


def _check_tool_calls(calls: Any, sink: IssueSink, summary: MessageSummary, path: str) -> None:
    if type(calls) is not list or not calls:
        sink.error("invalid_tool_call", path, f"must be a non-empty list, got {show(calls)}")
        return
    for index, call in enumerate(calls):
        cpath = f"{path}[{index}]"
        if type(call) is not dict or not call.keys() <= {"id", "type", "function"}:
            sink.error("invalid_tool_call", cpath, 'must be {"id", "type": "function", "function": {…}}')
            continue
        if need_string(call, "id", sink, cpath, code="invalid_tool_call"):
            summary.call_ids.add(call["id"])
        if call.get("type") != "function":
            sink.error("invalid_tool_call", f"{cpath}.type", f"must be 'function', got {show(call.get('type'))}")
        check_call(call.get("function"), sink, f"{cpath}.function", code="invalid_tool_call")


def need_string(obj: dict[str, Any], key: str, sink: IssueSink, path: str, *, code: str) -> bool:
    """A required non-empty string field; reports "is missing" or the wrong value."""
    value = obj.get(key)
    if type(value) is str and value:
        return True
    detail = "is missing" if key not in obj else f"must be a non-empty string, got {show(value)}"
    sink.error(code, f"{path}.{key}", detail)
    return False


def check_call(call: Any, sink: IssueSink, path: str, *, code: str) -> None:
    """A function call: {name: string, arguments: a JSON-encoded object as a string}."""
    if type(call) is not dict or not call.keys() <= {"name", "arguments"}:
        sink.error(code, path, f'must be {{"name": <string>, "arguments": <JSON string>}}, got {show(call)}')
        return
    need_string(call, "name", sink, path, code=code)
    arguments = call.get("arguments")
    if type(arguments) is not str:
        detail = "is missing" if "arguments" not in call else f"must be a JSON-encoded string, got {show(arguments)}"
        sink.error(code, f"{path}.arguments", detail)
        return
    try:
        decoded = orjson.loads(arguments)
    except orjson.JSONDecodeError as exc:
        sink.error("invalid_tool_arguments", f"{path}.arguments", f"is not valid JSON: {exc}")
        return
    if type(decoded) is not dict:
        sink.error("invalid_tool_arguments", f"{path}.arguments", f"must encode a JSON object, got {show(decoded)}")


def _check_tool_message(message: dict[str, Any], sink: IssueSink, summary: MessageSummary, path: str) -> None:
    call_id = message.get("tool_call_id")
    if type(call_id) is not str or not call_id:
        what = "is missing" if call_id is None else f"must be a non-empty string, got {show(call_id)}"
        sink.error("invalid_tool_call_id", f"{path}.tool_call_id", what)
    elif call_id not in summary.call_ids:
        sink.warning(
            "unmatched_tool_call_id", f"{path}.tool_call_id",
            f"{show(call_id)} answers no tool call of an earlier assistant message",
        )


def check_tools(obj: dict[str, Any], sink: IssueSink, *, prefix: str = "", keys: tuple[str, ...]) -> None:
    """Top-level `tools`, `functions` and `parallel_tool_calls` (those named in `keys`); null = absent."""
    if "tools" in keys and obj.get("tools") is not None:
        _check_definitions(obj["tools"], sink, f"{prefix}tools", wrapped=True)
    if "functions" in keys and obj.get("functions") is not None:
        _check_definitions(obj["functions"], sink, f"{prefix}functions", wrapped=False)
    flag = obj.get("parallel_tool_calls")
    if "parallel_tool_calls" in keys and flag is not None and type(flag) is not bool:
        text = f"must be true or false, got {show(flag)}"
        sink.error("invalid_parallel_tool_calls", f"{prefix}parallel_tool_calls", text)


def _check_definitions(items: Any, sink: IssueSink, path: str, *, wrapped: bool) -> None:
    code = "invalid_tools" if wrapped else "invalid_functions"
    if type(items) is not list:
        sink.error(code, path, f"must be a list, got {show(items)}")
        return
    for index, item in enumerate(items):
        ipath = f"{path}[{index}]"
        if wrapped:
            if type(item) is not dict or item.get("type") != "function" or not item.keys() <= {"type", "function"}:
                sink.error(code, ipath, 'must be {"type": "function", "function": {…}}')
                continue
            item, ipath = item.get("function"), f"{ipath}.function"
        _check_function_definition(item, sink, ipath, code=code)


def _check_function_definition(item: Any, sink: IssueSink, path: str, *, code: str) -> None:
    allowed = {"name", "description", "parameters", "strict"}
    if type(item) is not dict or not item.keys() <= allowed:
        sink.error(code, path, f"must be an object with name, description?, parameters?, strict?, got {show(item)}")
        return
    need_string(item, "name", sink, path, code=code)
    if "description" in item and type(item["description"]) is not str:
        sink.error(code, f"{path}.description", f"must be a string, got {show(item['description'])}")
    if "parameters" in item and type(item["parameters"]) is not dict:
        sink.error(code, f"{path}.parameters", f"must be a JSON Schema object, got {show(item['parameters'])}")
    if "strict" in item and type(item["strict"]) is not bool:
        sink.error(code, f"{path}.strict", f"must be true or false, got {show(item['strict'])}")
