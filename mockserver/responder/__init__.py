"""The responder: how a model answers. Pure: training examples and a request in, replies out.

A fine-tuned model answers with the assistant turn of the training example whose conversation
best matches the request (a lexical BM25 ranking over system + user text); base models answer from
editable pattern rules (`fixtures/responses.json`) or a stable default derived from the request.
The shaping of a reply to the request (n, max tokens, stop, tools, response formats, logprobs) is
also here; HTTP and storage are not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockserver.core.records import record


@dataclass(frozen=True)
class Answer:
    """What a model would say, before it is shaped to the request.

    `content` is the assistant text (None when the answer is only tool calls); `tool_calls` are
    `[{"id", "type": "function", "function": {"name", "arguments"}}]`; `function_call` is the
    deprecated `{"name", "arguments"}`. `fallback` is what the model says instead of its calls when
    the request lets it answer only in text (no tools offered, or `tool_choice: "none"`) and it has
    no `content`: the fallback reply in the training answers' style.
    """

    content: str | None
    tool_calls: tuple[dict[str, Any], ...] = ()
    function_call: dict[str, Any] | None = None
    fallback: str | None = None
    source: str = "default"  # "training" | "fallback" | "rule" | "default": how it was chosen (for tests)
    score: float = 0.0
    example: int | None = None  # "training": the matched example's position in the index (file order)


@record  # frozen for mypy; plain at runtime, where it is made on every request (core/records.py)
class ReplyRequest:
    """The parts of a chat request that decide the reply."""

    model: str
    messages: tuple[dict[str, Any], ...]
    tools: tuple[dict[str, Any], ...] = ()
    tool_choice: Any = None
    response_format: dict[str, Any] | None = None
    seed: int | None = None
    n: int = 1
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    logprobs: bool = False
    top_logprobs: int = 0
    parallel_tool_calls: bool = True


@record  # frozen for mypy; plain at runtime, where it is made on every request (core/records.py)
class Choice:
    """One shaped choice: the message parts, why it ended, and its logprobs when asked for."""

    index: int
    content: str | None
    tool_calls: tuple[dict[str, Any], ...] = ()
    function_call: dict[str, Any] | None = None
    finish_reason: str = "stop"  # stop | length | tool_calls | function_call
    logprobs: dict[str, Any] | None = None
    completion_tokens: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
