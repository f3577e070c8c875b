"""`record`: a dataclass that the type checker holds frozen and Python builds as a plain one.

A frozen dataclass sets each field through `object.__setattr__` when it is made, three to four times the cost of a
plain assignment. The records a chat completion makes (its reply request, choices, context, journal row, usage
row and cost lines: some 80 fields a request) cost it ~3% of its requests a second that way (A/B under wrk,
bench/chat.py's paraphrases). mypy, which the test suite runs strictly, still refuses any assignment to a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from typing_extensions import dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """A dataclass with `eq` (and so, like any dataclass with `eq` that is not frozen, unhashable at runtime)."""
    return dataclass(cls)
