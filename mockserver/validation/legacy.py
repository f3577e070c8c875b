"""The legacy completions format of babbage-002 and davinci-002: `{"prompt": …, "completion": …}`."""

from __future__ import annotations

from typing import Any

from mockserver.core.tokens import TokenPlan
from mockserver.validation.chat import check_unknown_keys
from mockserver.validation.formats import Checked, Rules
from mockserver.validation.issues import IssueSink, show

KEYS = ("prompt", "completion")


def check_completion_example(obj: dict[str, Any], sink: IssueSink, rules: Rules) -> Checked | None:
    """Exactly a string prompt and a non-empty string completion, nothing else.

    Tokens: tokens(prompt) + tokens(completion), no per-message overhead; the completion is what
    the model learns (counted as "assistant" tokens).
    """
    check_unknown_keys(obj, KEYS, sink)
    for key in KEYS:
        value = obj.get(key)
        if key not in obj:
            sink.error("missing_key", key, "is missing", key=key)
        elif type(value) is not str:
            sink.error("invalid_type", key, f"must be a string, got {show(value)}")
    if sink.example_errors == 0 and not obj["completion"]:
        sink.error("empty_completion", "completion", "is empty: there is nothing to learn")
    if sink.example_errors:
        return None
    plan = TokenPlan()
    plan.texts.append(obj["prompt"])
    plan.assistant_texts.append(obj["completion"])
    return Checked(plan)
