"""The DPO (preference) format: `{"input": {"messages", …}, "preferred_output": [m], "non_preferred_output": [m]}`."""

from __future__ import annotations

from typing import Any

from mockserver.core.tokens import TokenPlan
from mockserver.validation.chat import check_unknown_keys
from mockserver.validation.formats import Checked, Rules
from mockserver.validation.issues import IssueSink, json_type
from mockserver.validation.messages import MessageSummary, check_message, check_messages, check_tools

KEYS = ("input", "preferred_output", "non_preferred_output")
# The spec's FineTunePreferenceRequestInput: no deprecated `functions` (unlike the chat format).
INPUT_KEYS = ("messages", "tools", "parallel_tool_calls")
# An output is a ChatCompletionRequestAssistantMessage: no `weight` (the pair is what is trained).
OUTPUT_MESSAGE_KEYS = ("role", "content", "name", "tool_calls", "function_call", "refusal")


def check_preference_example(obj: dict[str, Any], sink: IssueSink, rules: Rules) -> Checked | None:
    """One DPO pair. Each output holds exactly one assistant message (reference §3.4).

    Tokens: the input messages plus both outputs, counted as one chat (each output message pays
    its 3-token overhead; one reply priming). That is this mock's choice: how OpenAI counts DPO
    billing tokens is not documented.
    """
    check_unknown_keys(obj, KEYS, sink)
    for key in KEYS:
        if key not in obj:
            sink.error("missing_key", key, "is missing", key=key)
    payload = obj.get("input")
    if "input" in obj:
        _check_input(payload, sink, rules)
    outputs = [_check_output(obj[key], key, sink, rules) for key in KEYS[1:] if key in obj]
    if sink.example_errors or not isinstance(payload, dict):
        return None
    plan = TokenPlan()
    plan.add_messages([*payload["messages"], *outputs])
    plan.add_tools(payload.get("tools"), None, encoding=rules.encoding)
    return Checked(plan)


def _check_input(payload: Any, sink: IssueSink, rules: Rules) -> None:
    if type(payload) is not dict:
        sink.error("invalid_input", "input", f"must be an object with messages, got a JSON {json_type(payload)}")
        return
    check_unknown_keys(payload, INPUT_KEYS, sink, prefix="input.")
    if "messages" not in payload:
        sink.error("missing_key", "input.messages", "is missing", key="messages")
        return
    summary = check_messages(payload["messages"], sink, rules, path="input.messages")
    check_tools(payload, sink, prefix="input.", keys=INPUT_KEYS)
    if sink.example_errors == 0:
        _check_single_turn(payload["messages"], summary, sink)


def _check_single_turn(messages: list[dict[str, Any]], summary: MessageSummary, sink: IssueSink) -> None:
    """DPO is single-turn: the pair is the final assistant turn answering one prompt (reference §3.4),
    so the input must hold exactly one user turn and not end with an assistant message."""
    if summary.last_role == "assistant":
        sink.error(
            "multi_turn_input", f"input.messages[{len(messages) - 1}].role",
            "is 'assistant', but the input must end before the final assistant turn: "
            "the preference pair is that turn",
        )
    users = [index for index, message in enumerate(messages) if message.get("role") == "user"]
    if not users:
        sink.error(
            "missing_prompt", "input.messages",
            "has no user message, but a DPO input needs the prompt (one user message) that both outputs answer",
        )
    elif len(users) > 1:
        sink.error(
            "multi_turn_input", f"input.messages[{users[1]}].role",
            f"is a second 'user' turn ({len(users)} in all), but DPO examples are single-turn: "
            "the input may hold one user message",
        )


def _check_output(output: Any, key: str, sink: IssueSink, rules: Rules) -> Any:
    """Validate one output list; returns its message (for counting) when the shape is right."""
    if type(output) is not list or len(output) != 1 or type(output[0]) is not dict:
        sink.error("invalid_output", key, "must be a list holding exactly one assistant message")
        return None
    message = output[0]
    if message.get("role") != "assistant":
        sink.error("invalid_output", f"{key}[0].role", "must be 'assistant'")
        return None
    if "weight" in message:
        sink.error(
            "unknown_message_key", f"{key}[0].weight",
            f"is not allowed in a DPO output message (allowed: {', '.join(OUTPUT_MESSAGE_KEYS)})", key="weight",
        )
    check_message(message, sink, rules, MessageSummary(), path=f"{key}[0]", index=0)
    return message
