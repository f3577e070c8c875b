"""Base models' replies: editable pattern rules (responses.json), else a stable default from the request."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from string import Template
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mockserver.responder import Answer, ReplyRequest
from mockserver.responder.examples import content_text
from mockserver.responder.fallback import gist, language_of

# Phrasings of the default reply by language; `$model` and `$gist` are filled in.
DEFAULT_REPLIES: dict[str, tuple[str, ...]] = {
    "en": (
        'This is a mock reply from $model to: "$gist"',
        '$model (simulated) heard you say: "$gist"',
        'A deterministic answer from $model about "$gist".',
    ),
    "zh": (
        "这是 $model 的模拟回复。你说：“$gist”",
        "$model（模拟）收到了你的消息：“$gist”",
        "来自 $model 的确定性回复，关于“$gist”。",
    ),
}


class RulesError(ValueError):
    """responses.json is unreadable or malformed; the message names the bad rule."""


class Rule(BaseModel):
    """Reply `reply` when `pattern` (a case-insensitive regex) is found in the last user message.

    `models` limits the rule to these model ids or globs (`gpt-4o*`). The reply may use `$model`,
    `$gist` (the start of the user message) and the pattern's named groups (`$name`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    pattern: str
    reply: str
    models: tuple[str, ...] | None = Field(None, min_length=1)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        return pattern

    def applies_to(self, model: str) -> bool:
        return self.models is None or any(fnmatchcase(model, glob) for glob in self.models)


class _RulesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str | None = None
    rules: list[Rule]
    defaults: dict[str, tuple[str, ...]] | None = Field(
        None, description="Default phrasings by language (`en` required when given); overrides the built-in ones."
    )


class ResponseRules:
    """Rules tried in order; the first whose pattern is found in the last user message answers."""

    def __init__(self, rules: Sequence[Rule] = (), defaults: dict[str, tuple[str, ...]] | None = None) -> None:
        self.rules = tuple(rules)
        self._compiled = [re.compile(rule.pattern, re.IGNORECASE) for rule in self.rules]
        self.defaults = defaults or DEFAULT_REPLIES
        if not self.defaults.get("en"):
            raise RulesError("Response rules need at least one default phrasing for `en`")

    @classmethod
    def load(cls, path: Path | str) -> ResponseRules:
        """Read and validate a responses.json; raises RulesError naming the rule at fault."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RulesError(f"Cannot load response rules {path}: {exc}") from exc
        try:
            parsed = _RulesFile.model_validate(raw)
        except ValidationError as exc:
            raise RulesError(f"Cannot load response rules {path}: {_describe(exc, raw)}") from None
        return cls(parsed.rules, parsed.defaults)

    def answer(self, request: ReplyRequest) -> Answer:
        """The first matching rule's reply (source "rule"), else the default reply (source "default")."""
        text = last_user_text(request)
        values = {"model": request.model, "gist": gist(text)}
        for rule, regex in zip(self.rules, self._compiled, strict=True):
            if not rule.applies_to(request.model):
                continue
            match = regex.search(text)
            if match is not None:
                groups = {name: value or "" for name, value in match.groupdict().items()}
                return Answer(content=Template(rule.reply).safe_substitute({**groups, **values}), source="rule")
        return Answer(content=self.default_reply(request, text, values), source="default")

    def default_reply(self, request: ReplyRequest, text: str, values: dict[str, str]) -> str:
        """One of a few phrasings, picked by the message and the seed: same request, same reply."""
        phrasings = self.defaults.get(language_of(text)) or self.defaults["en"]
        digest = hashlib.sha256(f"{request.seed}:{request.model}:{text}".encode()).digest()
        return Template(phrasings[digest[0] % len(phrasings)]).safe_substitute(values)


def last_user_text(request: ReplyRequest) -> str:
    """The text of the request's last user message ("" when it has none)."""
    for message in reversed(request.messages):
        if message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


def _describe(exc: ValidationError, raw: Any) -> str:
    """Validation errors with the rule they concern: `rules[3] (pattern '(oops'): …`."""
    parts = []
    for error in exc.errors():
        loc = error["loc"]
        where = ".".join(str(part) for part in loc) or "file"
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            rule = raw["rules"][loc[1]] if isinstance(raw.get("rules"), list) else None
            pattern = rule.get("pattern") if isinstance(rule, dict) else None
            field = ".".join(str(part) for part in loc[2:])
            where = f"rules[{loc[1]}]" + (f" (pattern {pattern!r})" if pattern is not None else "")
            where += f" field {field!r}" if field else ""
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)
