"""URL-path globs (fault rules, the request journal's filter), matched in time linear in the path.

`*` is any run of characters within one segment (no `/`), `**` any run across segments, `?` one character of a
segment; anything else is literal. A run of two or more stars is `**` (it matches whatever `**` does).

Not one regex: `re` backtracks, and the regex of a pattern of many stars against a long path that does not match
takes exponential time on the event loop. Without `**`, matching goes segment by segment with fnmatch (linear, see
_segments_match). With `**` it is a Thompson NFA run bit-parallel: bit k of an integer says "the first k pattern
elements match the path read so far", so each character costs a few integer operations however many stars the
pattern has.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache

WILDCARDS = "*?"


def is_glob(pattern: str) -> bool:
    return "*" in pattern or "?" in pattern


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
    stars: int  # bit k: element k is `*` or `**`
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
            stars=sum(1 << index for index, item in enumerate(elements) if item in ("*", "**")),
            any_stars=sum(1 << index for index, item in enumerate(elements) if item == "**"),
        )

    def matches(self, path: str) -> bool:
        if not (path.startswith(self.prefix) and path.endswith(self.suffix)):
            return False
        # The literal prefix is one element per character: matching it leaves exactly bit len(prefix) set.
        steps, other, stars, any_stars = self.steps, self.step_other, self.stars, self.any_stars
        state = 1 << len(self.prefix)
        state |= (state & stars) << 1  # a star may match nothing (runs are collapsed: never two in a row)
        for char in path[len(self.prefix):]:
            state = ((state << 1) & steps.get(char, other)) | (state & (any_stars if char == "/" else stars))
            if not state:
                return False
            state |= (state & stars) << 1
        return bool(state & self.accept)


@lru_cache(maxsize=256)
def compiled(pattern: str) -> PathGlob:
    return PathGlob.compile(pattern)


def path_matches(pattern: str, path: str) -> bool:
    """An exact path, or a glob: `/v1/files/*` matches `/v1/files/file-abc` but not `/v1/files/file-abc/content`;
    `/v1/files/**` matches both (and `/v1/files/` itself)."""
    if not is_glob(pattern):
        return pattern == path
    if "**" not in pattern:
        return _segments_match(pattern, path)
    return compiled(pattern).matches(path)


def _segments_match(pattern: str, path: str) -> bool:
    """Without `**` no wildcard crosses a `/`: segment by segment, where fnmatch's `*` and `?` are ours. fnmatch
    (3.11+) compiles each star to an atomic group, so a segment matches in linear time too, at C speed."""
    globs, segments = pattern.split("/"), path.split("/")
    if len(globs) != len(segments):
        return False
    for glob, segment in zip(globs, segments, strict=True):
        if not is_glob(glob):
            if glob != segment:
                return False
        elif not fnmatchcase(segment, glob.replace("[", "[[]")):  # `[` is literal in our globs
            return False
    return True
