"""URL-path globs (fault rules, the request journal's filter), matched in time linear in the path.

`*` is any run of characters within one segment (no `/`), `**` any run across segments, `?` one character of a
segment; anything else is literal. A run of two or more stars is `**` (it matches whatever `**` does).

Not a regex: `re` (and `fnmatch`, which compiles to one) backtracks, and a pattern of many stars against a long
path that does not match takes exponential time on the event loop. This is a Thompson NFA run bit-parallel:
bit k of an integer says "the first k pattern elements match the path read so far", so each character costs a
few integer operations however many stars the pattern has.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

WILDCARDS = "*?"


def is_glob(pattern: str) -> bool:
    return any(char in pattern for char in WILDCARDS)


@dataclass(frozen=True)
class _Elements:
    """The pattern as one element per character, star runs collapsed: a literal character, `?`, `*` or `**`."""

    items: tuple[str, ...]

    @classmethod
    def parse(cls, pattern: str) -> _Elements:
        items: list[str] = []
        stars = 0
        for char in pattern + "\0":  # a sentinel that flushes a trailing run of stars
            if char == "*":
                stars += 1
                continue
            if stars:
                items.append("*" if stars == 1 else "**")
                stars = 0
            items.append(char)
        return cls(tuple(items[:-1]))


@dataclass(frozen=True)
class PathGlob:
    """A compiled glob. The masks are bit sets over pattern positions (see the module's docstring)."""

    prefix: str  # literal text before the first wildcard: a cheap first check
    suffix: str  # literal text after the last wildcard
    accept: int
    steps: dict[str, int]  # per literal character: the positions it advances (bit k+1 for element k)
    step_other: int  # what any other character advances (the `?` positions)
    segment_stars: int  # bit k: element k is `*`
    any_stars: int  # bit k: element k is `**`

    @classmethod
    def compile(cls, pattern: str) -> PathGlob:
        elements = _Elements.parse(pattern).items
        singles = [index for index, item in enumerate(elements) if item == "?"]
        question_marks = sum(1 << (index + 1) for index in singles)
        steps: dict[str, int] = {"/": 0}
        for index, item in enumerate(elements):
            if item not in ("?", "*", "**"):
                steps.setdefault(item, question_marks if item != "/" else 0)
                steps[item] |= 1 << (index + 1)
        first = min((pattern.find(char) for char in WILDCARDS if char in pattern), default=len(pattern))
        last = max(pattern.rfind(char) for char in WILDCARDS)
        return cls(
            prefix=pattern[:first], suffix=pattern[last + 1:], accept=1 << len(elements), steps=steps,
            step_other=question_marks,
            segment_stars=sum(1 << index for index, item in enumerate(elements) if item == "*"),
            any_stars=sum(1 << index for index, item in enumerate(elements) if item == "**"),
        )

    def matches(self, path: str) -> bool:
        if not (path.startswith(self.prefix) and path.endswith(self.suffix)):
            return False
        stars = self.segment_stars | self.any_stars
        state = self._close(1, stars)
        for char in path:
            stay = self.any_stars if char == "/" else stars
            state = ((state << 1) & self.steps.get(char, self.step_other)) | (state & stay)
            if not state:
                return False
            state = self._close(state, stars)
        return bool(state & self.accept)

    @staticmethod
    def _close(state: int, stars: int) -> int:
        """A star may match nothing. Star runs are collapsed, so a star is never followed by another."""
        return state | ((state & stars) << 1)


@lru_cache(maxsize=256)
def compiled(pattern: str) -> PathGlob:
    return PathGlob.compile(pattern)


def path_matches(pattern: str, path: str) -> bool:
    """An exact path, or a glob: `/v1/files/*` matches `/v1/files/file-abc` but not `/v1/files/file-abc/content`;
    `/v1/files/**` matches both (and `/v1/files/` itself)."""
    if not is_glob(pattern):
        return pattern == path
    return compiled(pattern).matches(path)
