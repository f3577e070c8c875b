"""The supervised chat format: `{"messages": […], "tools"?, "functions"?, "parallel_tool_calls"?}`."""

from __future__ import annotations

from typing import Any

from mockserver.core.tokens import REPLY_PRIMING, TOKENS_PER_MESSAGE, TokenPlan
from mockserver.validation.formats import MAX_IMAGES_PER_EXAMPLE, Checked, Rules
from mockserver.validation.issues import IssueSink
from mockserver.validation.messages import MessageSummary, check_messages, check_tools

TOP_LEVEL_KEYS = ("messages", "tools", "functions", "parallel_tool_calls")
_TOP_LEVEL_SET = frozenset(TOP_LEVEL_KEYS)
_PLAIN_ROLES = frozenset({"system", "developer", "user", "assistant"})


def check_unknown_keys(obj: dict[str, Any], allowed: tuple[str, ...], sink: IssueSink, *, prefix: str = "") -> None:
    """Every key outside `allowed` is an error naming the key (the real "contains an extra" failure)."""
    for key in obj:
        if key not in allowed:
            text = f"is not a recognized key (allowed: {', '.join(allowed)})"
            sink.error("unknown_key", f"{prefix}{key}", text, key=key)


def check_chat_example(obj: dict[str, Any], sink: IssueSink, rules: Rules) -> Checked | None:
    """A supervised chat example; returns its token plan when it has no errors."""
    plan = plain_chat_plan(obj)
    if plan is not None:
        return Checked(plan)
    if not obj.keys() <= _TOP_LEVEL_SET:
        check_unknown_keys(obj, TOP_LEVEL_KEYS, sink)
    summary = check_messages(obj.get("messages"), sink, rules)
    check_tools(obj, sink, keys=TOP_LEVEL_KEYS)
    if sink.example_errors == 0:
        check_learnable(summary, sink)
        check_image_count(summary, sink)
    if sink.example_errors:
        return None
    return checked_messages(obj["messages"], summary, obj.get("tools"), obj.get("functions"), rules)


def checked_messages(messages: list[Any], summary: MessageSummary, tools: Any, functions: Any,
                     rules: Rules) -> Checked:
    """The token plan of an example's valid messages, their images and tools (chat and reinforcement examples)."""
    plan = TokenPlan()
    plan.add_messages(messages)
    plan.overhead += summary.image_tokens
    plan.add_tools(tools, functions, encoding=rules.encoding)
    return Checked(plan, summary.n_images)


def plain_chat_plan(obj: dict[str, Any]) -> TokenPlan | None:
    """The token plan of the most common example, which passes every rule and draws no warning: only
    `messages`, each `{"role": "system"|"developer"|"user"|"assistant", "content": <string>}`, with a
    system or developer, a user and an assistant message. None for any other example, which the full
    checks then judge. One pass instead of checking and planning apart: this is the validator's hot path.
    """
    messages = obj.get("messages")
    if len(obj) != 1 or type(messages) is not list:
        return None
    plan = TokenPlan()
    texts, assistant_texts = plan.texts, plan.assistant_texts
    seen = set()
    for message in messages:
        if type(message) is not dict or len(message) != 2:
            return None
        role, content = message.get("role"), message.get("content")
        if type(content) is not str or type(role) is not str or role not in _PLAIN_ROLES:
            return None
        seen.add(role)
        texts.append(role)
        (assistant_texts if role == "assistant" else texts).append(content)
    if not ("assistant" in seen and "user" in seen and ("system" in seen or "developer" in seen)):
        return None
    plan.overhead = TOKENS_PER_MESSAGE * len(messages) + REPLY_PRIMING
    return plan


def check_learnable(summary: MessageSummary, sink: IssueSink) -> None:
    """An example needs an assistant message with weight 1; missing system/user turns only warn."""
    if summary.n_assistant == 0:
        sink.error("missing_assistant_message", "messages", "has no assistant message to learn from")
    elif summary.n_trained == 0:
        sink.error(
            "no_trained_assistant_message", "messages",
            "has no assistant message to learn from: every assistant message has weight 0",
        )
    if "user" not in summary.roles:
        sink.warning("missing_user_message", "messages", "has no user message")
    if not summary.roles & {"system", "developer"}:
        sink.warning("missing_system_message", "messages", "has no system or developer message")


def check_image_count(summary: MessageSummary, sink: IssueSink) -> None:
    if summary.n_images > MAX_IMAGES_PER_EXAMPLE:
        sink.error(
            "too_many_images", "messages",
            f"holds {summary.n_images} images, but an example may hold at most {MAX_IMAGES_PER_EXAMPLE}",
        )
