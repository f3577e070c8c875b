"""The reinforcement (RFT) format: `{"messages": […], "tools"?: […], <any reference keys for graders>}`."""

from __future__ import annotations

from typing import Any

from mockserver.validation.chat import check_image_count, checked_messages
from mockserver.validation.formats import Checked, Rules
from mockserver.validation.issues import IssueSink
from mockserver.validation.messages import check_messages, check_tools


def check_reinforcement_example(obj: dict[str, Any], sink: IssueSink, rules: Rules) -> Checked | None:
    """Only `messages` and `tools` are reserved; other keys are grader data and never flagged.

    The final message is the prompt the model answers: a user message (reference §3.5).
    No assistant message is required. Tokens are counted like a chat prompt (for the report only:
    RFT is billed per training hour).
    """
    if "messages" not in obj:
        sink.error("missing_key", "messages", "is missing", key="messages")
        return None
    summary = check_messages(obj["messages"], sink, rules)
    check_tools(obj, sink, keys=("tools",))
    if sink.example_errors == 0 and summary.last_role != "user":
        _prompt_last(summary.last_role, len(obj["messages"]) - 1, sink)
    check_image_count(summary, sink)
    if sink.example_errors:
        return None
    return checked_messages(obj["messages"], summary, obj.get("tools"), None, rules)


def _prompt_last(role: str | None, index: int, sink: IssueSink) -> None:
    code = "last_message_assistant" if role == "assistant" else "last_message_not_user"
    sink.error(
        code, f"messages[{index}].role",
        f"is '{role}', but the last message must be the prompt the model answers (a user message)",
    )
