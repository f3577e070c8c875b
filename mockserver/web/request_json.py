"""A JSON request body parsed and checked for what the json module accepts but nothing downstream can use:
nesting too deep to walk, and lone UTF-16 surrogates (`"\\ud800"`), which no UTF-8 encoder (SQLite, the
response writer, tiktoken) takes. Pure: bytes in, a value or an InvalidRequest out.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mockserver.core.errors import InvalidRequest

MAX_DEPTH = 128  # arrays and objects; far beyond any request shape of the API, well within Python's recursion

# Only a body with one of these can hold a lone surrogate: a `\uD8xx`-`\uDFxx` escape, a raw surrogate (bytes
# 0xED 0xA0-0xBF: json decodes UTF-8 with 'surrogatepass'), or a UTF-16/32 body (NUL bytes).
_MAY_HOLD_SURROGATES = re.compile(rb"\\u[dD]|\xed|\x00")

NESTED_TOO_DEEP = (
    f"The JSON body is nested too deeply: at most {MAX_DEPTH} levels of arrays and objects are accepted."
)


# The type of the validation error that carries an UnacceptableBody: reported like any body that fails
# validation, so the API key is checked first (error_handlers.py).
UNACCEPTABLE_BODY = "unacceptable_body"


class UnacceptableBody(InvalidRequest):
    """Valid JSON the API cannot take."""

    def as_validation_error(self) -> dict[str, Any]:
        """One error of a RequestValidationError, in pydantic's shape."""
        return {"type": UNACCEPTABLE_BODY, "loc": ("body",), "msg": self.message, "input": None,
                "ctx": {"error": self}}


def parse_json_body(body: bytes) -> Any:
    """The body's value. Raises json.JSONDecodeError for a body that is not JSON, UnacceptableBody for JSON that
    nests too deep or holds a lone surrogate. The full walk runs only when a cheap scan of the bytes says it
    may find something."""
    try:
        value = json.loads(body)
    except RecursionError:
        raise UnacceptableBody(NESTED_TOO_DEEP, code="invalid_value") from None
    except UnicodeDecodeError as error:  # not text in any encoding JSON allows: reported as any other non-JSON
        raise json.JSONDecodeError("the body is not UTF-8, UTF-16 or UTF-32 text", "", error.start) from None
    may_nest_too_deep = body.count(b"[") + body.count(b"{") > MAX_DEPTH
    if may_nest_too_deep or _MAY_HOLD_SURROGATES.search(body):
        check_value(value)
    return value


def check_value(value: Any) -> None:
    """Walk the value without recursion; the first problem found is raised, naming where it is."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            _check_string(item, path)
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth >= MAX_DEPTH:
            raise UnacceptableBody(NESTED_TOO_DEEP, param=_top_level(path), code="invalid_value")
        if isinstance(item, dict):
            for key, member in item.items():
                _check_string(key, path)
                stack.append((member, f"{path}.{key}" if path else key, depth + 1))
        else:
            stack.extend((member, f"{path}[{index}]", depth + 1) for index, member in enumerate(item))


def _check_string(text: str, path: str) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        surrogate = f"\\u{ord(text[error.start]):04x}"
        subject = f"'{path}'" if path else "the request body"
        raise UnacceptableBody(
            f"Invalid value for {subject}: the string holds a lone surrogate ({surrogate}), which is not valid "
            "Unicode. Send text as UTF-8, or escape characters outside the Basic Multilingual Plane as a "
            "surrogate pair.", param=path or None, code="invalid_value",
        ) from None


def _top_level(path: str) -> str | None:
    """The body's field a nested value sits under: `messages` for `messages[0].content[3]`."""
    return re.split(r"[.\[]", path, maxsplit=1)[0] or None
