"""A short string that a regular expression matches, built from the parsed pattern (best effort)."""

from __future__ import annotations

import re
import re._constants as sre  # the parser's opcodes; `sre_constants` itself warns on import
import re._parser as sre_parse
from collections.abc import Callable
from typing import Any

# Characters tried, in order, for a class or a category: plain ones first.
CANDIDATES = "aA0xZ9b_ -.@:/"
CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre.CATEGORY_DIGIT: str.isdigit,
    sre.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdigit(),
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    sre.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    sre.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}


def sample(pattern: str, *, stretch: int = 0) -> str | None:
    """A string `re.search(pattern, ·)` accepts; repeats run `stretch` more times than their minimum.

    None when the pattern does not compile or uses something the builder cannot satisfy
    (lookarounds it ignores, for instance, may make the result fail the final check).
    """
    try:
        compiled = re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None
    groups: dict[int, str] = {}
    try:
        text = _build(parsed, stretch, groups)
    except (KeyError, ValueError, TypeError):
        return None
    return text if compiled.search(text) else None


def _build(items: Any, stretch: int, groups: dict[int, str]) -> str:
    return "".join(_node(op, arg, stretch, groups) for op, arg in items)


def _node(op: Any, arg: Any, stretch: int, groups: dict[int, str]) -> str:
    if op is sre.LITERAL:
        return chr(arg)
    if op is sre.NOT_LITERAL:
        return next(ch for ch in CANDIDATES if ord(ch) != arg)
    if op is sre.ANY:
        return "a"
    if op is sre.IN:
        return _class_char(arg)
    if op is sre.CATEGORY:
        return _class_char([(op, arg)])
    if op is sre.BRANCH:
        return _build(arg[1][0], stretch, groups)
    if op is sre.SUBPATTERN:
        group, _, _, pattern = arg
        text = _build(pattern, stretch, groups)
        if group is not None:
            groups[group] = text
        return text
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, pattern = arg
        count = low + stretch if high is sre.MAXREPEAT else min(high, low + stretch)
        return "".join(_build(pattern, stretch, groups) for _ in range(count))
    if op is sre.GROUPREF:
        return groups.get(arg, "")
    if op is sre.ATOMIC_GROUP:
        return _build(arg, stretch, groups)
    # AT (anchors and boundaries), ASSERT, ASSERT_NOT, GROUPREF_EXISTS: nothing to add.
    return ""


def _class_char(items: list[tuple[Any, Any]]) -> str:
    """The first candidate character in a class; otherwise the class's first literal or range start."""
    negate = bool(items) and items[0][0] is sre.NEGATE
    members = items[1:] if negate else items
    for ch in CANDIDATES:
        if _member(ch, members) != negate:
            return ch
    if not negate:
        op, arg = members[0]
        if op is sre.LITERAL:
            return chr(arg)
        if op is sre.RANGE:
            return chr(arg[0])
    raise ValueError("no character found for the class")


def _member(ch: str, members: list[tuple[Any, Any]]) -> bool:
    code = ord(ch)
    for op, arg in members:
        if op is sre.LITERAL and code == arg:
            return True
        if op is sre.RANGE and arg[0] <= code <= arg[1]:
            return True
        if op is sre.CATEGORY and arg in CATEGORIES and CATEGORIES[arg](ch):
            return True
    return False
