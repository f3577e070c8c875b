"""Validation issues: one finding per line and field, collected within a fixed memory bound."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

import orjson

Severity = Literal["error", "warning"]

# Only the first issues of each severity are kept (a 10-million-line file of bad lines must not
# hold 10 million messages); every issue is still counted per code.
MAX_STORED_PER_SEVERITY = 100
# What one item of each list in a training example is called, in words.
ITEM_NAMES = {
    "messages": "message",
    "content": "content part",
    "tool_calls": "tool call",
    "tools": "tool",
    "functions": "function",
    "preferred_output": "preferred_output message",
    "non_preferred_output": "non_preferred_output message",
}
_PATH_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding. `line`/`example` are 1-based and None for file-level findings."""

    line: int | None
    example: int | None
    severity: Severity
    code: str
    field: str | None
    message: str
    # Template parameters for job errors (not part of the public dict).
    data: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The message without its "Line N: " prefix (for tables that show the line apart)."""
        prefix = f"Line {self.line}: "
        return self.message.removeprefix(prefix) if self.line is not None else self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "example": self.example,
            "severity": self.severity,
            "code": self.code,
            "field": self.field,
            "message": self.message,
        }


class IssueSink:
    """Receives the issues of the example being checked; stores a bounded prefix, counts everything."""

    def __init__(self, *, cap: int = MAX_STORED_PER_SEVERITY) -> None:
        self.cap = cap
        self.line: int | None = None
        self.example: int | None = None
        self.example_errors = 0
        self.stored: list[Issue] = []
        self.counts: Counter[str] = Counter()
        self.totals: dict[Severity, int] = {"error": 0, "warning": 0}
        self.first_by_code: dict[str, Issue] = {}
        self._kept: dict[Severity, int] = {"error": 0, "warning": 0}

    def start(self, *, line: int | None, example: int | None) -> None:
        """Issues that follow belong to this line and example."""
        self.line, self.example, self.example_errors = line, example, 0

    def error(self, code: str, field: str | None, text: str, **data: Any) -> None:
        self.add("error", code, field, text, **data)

    def warning(self, code: str, field: str | None, text: str, **data: Any) -> None:
        self.add("warning", code, field, text, **data)

    def add(self, severity: Severity, code: str, field: str | None, text: str, **data: Any) -> None:
        """Record an issue; `text` follows the field in words: `messages[0].role` + "is missing" reads
        "message 1, role is missing"."""
        body = f"{in_words(field)} {text}" if field else text
        message = f"Line {self.line}: {body}" if self.line is not None else body
        issue = Issue(self.line, self.example, severity, code, field, message, {"text": body, **data})
        self.counts[code] += 1
        self.totals[severity] += 1
        if severity == "error":
            self.example_errors += 1
        self.first_by_code.setdefault(code, issue)
        if self._kept[severity] < self.cap:
            self._kept[severity] += 1
            self.stored.append(issue)


def in_words(path: str) -> str:
    """A JSON path as the real job errors number things ("Example 3, message 2"): list items counted from 1,
    e.g. `messages[2].tool_calls[0].function.name` → "message 3, tool call 1, function.name"."""
    parts: list[str] = []
    keys: list[str] = []
    for key, index in _PATH_STEP.findall(path):
        if key:
            keys.append(key)
            continue
        name = keys.pop() if keys else ""
        owner = ".".join(keys) + " " if keys else ""  # `input.messages[0]` → "input message 1"
        parts.append(f"{owner}{ITEM_NAMES.get(name, f'{name} item')} {int(index) + 1}")
        keys = []
    if keys:
        parts.append(".".join(keys))
    return ", ".join(parts)


def show(value: Any, limit: int = 40) -> str:
    """A JSON rendering of a value for messages, shortened."""
    try:
        text = orjson.dumps(value).decode()
    except TypeError:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
