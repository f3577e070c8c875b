"""Checks of a chat completion request (the real API's 400s) and the `ReplyRequest` it becomes."""

from __future__ import annotations

from typing import Any

from mockserver.core.catalog import ModelSpec
from mockserver.core.errors import InvalidRequest, missing_parameter
from mockserver.responder import ReplyRequest
from mockserver.responder.tool_calls import forced_name, tool_name
from mockserver.schemas.chat import ChatCompletionCreate
from mockserver.services.chat_messages import check_request_messages
from mockserver.services.request_checks import (
    check_keys,
    check_logit_bias,
    check_metadata,
    check_sampling,
    empty_array,
    is_fine_tuned,
    only_with_tools,
    unsupported_value,
)
from mockserver.services.strict_schemas import check_strict_schema

# param: (low, high), inclusive
RANGES: dict[str, tuple[float | None, float | None]] = {
    "n": (1, 128),
    "temperature": (0, 2),
    "top_p": (0, 1),
    "frequency_penalty": (-2, 2),
    "presence_penalty": (-2, 2),
    "top_logprobs": (0, 20),
    "max_tokens": (1, None),
    "max_completion_tokens": (1, None),
}
TOOL_CHOICES = ("none", "auto", "required")
FUNCTION_CALL_CHOICES = ("none", "auto")
RESPONSE_FORMATS = ("text", "json_object", "json_schema")
TOOL_TYPES = ("function", "custom")
REASONING_PREFIXES = ("o1", "o3", "o4", "gpt-5")
ONLY_MODEL_AND_MESSAGES = frozenset({"model", "messages"})


def check_request(body: ChatCompletionCreate) -> None:
    """The checks that need no model: messages, value ranges and parameters that need one another."""
    check_request_messages(body.messages)
    if body.model_fields_set <= ONLY_MODEL_AND_MESSAGES:
        return  # the checks below are of the other parameters: none was sent (most requests)
    check_sampling(body, RANGES)
    if body.top_logprobs is not None and not body.logprobs:
        raise InvalidRequest(
            "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is specified.",
            param="top_logprobs",
        )
    check_metadata(body.metadata)
    check_logit_bias(body.logit_bias)
    check_tools(body)
    check_response_format(body.response_format, body.messages, fine_tuned=is_fine_tuned(body.model))


def check_tools(body: ChatCompletionCreate) -> None:
    if body.tools is not None:
        if not body.tools:
            raise empty_array("tools")
        for index, tool in enumerate(body.tools):
            _check_tool(f"tools[{index}]", tool, fine_tuned=is_fine_tuned(body.model))
    elif body.tool_choice is not None:
        raise only_with_tools("tool_choice")
    elif body.parallel_tool_calls is not None:
        raise only_with_tools("parallel_tool_calls")
    if isinstance(body.tool_choice, str) and body.tool_choice not in TOOL_CHOICES:
        raise unsupported_value("tool_choice", body.tool_choice, TOOL_CHOICES)
    if isinstance(body.tool_choice, dict):
        check_keys("tool_choice", body.tool_choice, ("type", "function", "custom", "allowed_tools"),
                   required=("type",))
        _check_named_tool(body.tool_choice, body.tools or [])
    if body.functions is not None:
        for index, function in enumerate(body.functions):
            check_keys(f"functions[{index}]", function, ("name", "description", "parameters"), required=("name",))
    if isinstance(body.function_call, str) and body.function_call not in FUNCTION_CALL_CHOICES:
        raise unsupported_value("function_call", body.function_call, FUNCTION_CALL_CHOICES)


def _check_named_tool(tool_choice: dict[str, Any], tools: list[dict[str, Any]]) -> None:
    """A `tool_choice` forcing a function must name one of the offered function tools."""
    name = forced_name(tool_choice)
    if name is not None and name not in {tool_name(tool) for tool in tools}:
        raise InvalidRequest(
            f"Invalid value for 'tool_choice': function '{name}' is not in 'tools'.",
            param="tool_choice", code="invalid_value",
        )


def _check_tool(param: str, tool: dict[str, Any], *, fine_tuned: bool) -> None:
    kind = tool.get("type")
    if kind is None:
        raise missing_parameter(f"{param}.type")
    if kind not in TOOL_TYPES:
        raise unsupported_value(f"{param}.type", kind, TOOL_TYPES)
    check_keys(param, tool, ("type", kind), required=(kind,))
    if kind == "function":
        function = tool["function"]
        check_keys(f"{param}.function", function, ("name", "description", "parameters", "strict"),
                   required=("name",))
        if function.get("strict") is True and "parameters" in function:
            check_strict_schema(function["parameters"], subject=f"function '{function['name']}'",
                                param=f"{param}.function.parameters", fine_tuned=fine_tuned)


def check_response_format(
    response_format: dict[str, Any] | None, messages: list[Any], *, fine_tuned: bool = False
) -> None:
    if response_format is None:
        return
    kind = response_format.get("type")
    if kind is None:
        raise missing_parameter("response_format.type")
    if kind not in RESPONSE_FORMATS:
        raise unsupported_value("response_format.type", kind, RESPONSE_FORMATS)
    if kind == "json_schema":
        check_keys("response_format", response_format, ("type", "json_schema"), required=("json_schema",))
        spec = response_format["json_schema"]
        check_keys("response_format.json_schema", spec, ("name", "description", "schema", "strict"),
                   required=("name",))
        if spec.get("strict") is True and "schema" in spec:
            check_strict_schema(spec["schema"], subject=f"response_format '{spec['name']}'",
                                param="response_format", fine_tuned=fine_tuned)
        return
    check_keys("response_format", response_format, ("type",))
    if kind == "json_object" and not any("json" in _text_of(message).lower() for message in messages):
        raise InvalidRequest(
            "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
            param="messages",
        )


def _text_of(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return " ".join(part.get("text") or "" for part in content)
    return content or ""


def check_for_model(body: ChatCompletionCreate, spec: ModelSpec) -> None:
    """The checks that depend on the model: chat support, Structured Outputs and reasoning-model parameters."""
    check_chat_model(spec)
    kind = (body.response_format or {}).get("type")
    if kind == "json_schema" and not spec.structured_outputs:
        # As recorded from the real API: no param, no code.
        raise InvalidRequest(
            "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model. "
            "Learn more about supported models at the Structured Outputs guide: "
            "https://platform.openai.com/docs/guides/structured-outputs",
        )
    if body.max_tokens is not None and spec.id.startswith(REASONING_PREFIXES):
        raise InvalidRequest(
            "Unsupported parameter: 'max_tokens' is not supported with this model. "
            "Use 'max_completion_tokens' instead.", param="max_tokens", code="unsupported_parameter",
        )


def check_chat_model(spec: ModelSpec) -> None:
    """Completions-only models (davinci-002, babbage-002 and their fine-tunes) cannot chat."""
    if spec.training_format != "chat":
        raise InvalidRequest(
            "This is not a chat model and thus not supported in the v1/chat/completions endpoint. "
            "Did you mean to use v1/completions?", param="model",
        )


def check_context(spec: ModelSpec, prompt_tokens: int, max_tokens: int | None) -> None:
    """`context_length_exceeded` when the prompt (and the requested completion) outgrow the window."""
    window = spec.context_window
    if max_tokens is None and prompt_tokens > window:
        raise InvalidRequest(
            f"This model's maximum context length is {window} tokens. However, your messages resulted in "
            f"{prompt_tokens} tokens. Please reduce the length of the messages.",
            param="messages", code="context_length_exceeded",
        )
    if max_tokens is not None and prompt_tokens + max_tokens > window:
        raise InvalidRequest(
            f"This model's maximum context length is {window} tokens. However, you requested "
            f"{prompt_tokens + max_tokens} tokens ({prompt_tokens} in the messages, {max_tokens} in the "
            "completion). Please reduce the length of the messages or completion.",
            param="messages", code="context_length_exceeded",
        )


def reply_request(body: ChatCompletionCreate) -> ReplyRequest:
    """What the responder needs from a checked request. Legacy `functions` become function tools."""
    tools = tuple(body.tools or ()) or tuple({"type": "function", "function": f} for f in body.functions or ())
    tool_choice = body.tool_choice
    if tool_choice is None and isinstance(body.function_call, dict):
        tool_choice = {"type": "function", "function": {"name": body.function_call.get("name")}}
    elif tool_choice is None and body.function_call is not None:
        tool_choice = body.function_call
    stop = (body.stop,) if isinstance(body.stop, str) else tuple(body.stop or ())
    return ReplyRequest(
        model=body.model, messages=tuple(body.messages), tools=tools, tool_choice=tool_choice,
        response_format=body.response_format, seed=body.seed, n=body.n or 1,
        max_tokens=max_output_tokens(body), stop=stop, logprobs=bool(body.logprobs),
        top_logprobs=body.top_logprobs or 0, parallel_tool_calls=body.parallel_tool_calls is not False,
    )


def max_output_tokens(body: ChatCompletionCreate) -> int | None:
    return body.max_completion_tokens if body.max_completion_tokens is not None else body.max_tokens
