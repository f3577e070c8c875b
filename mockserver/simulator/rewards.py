"""An RFT job's reward curve, from its grader run on its training items.

The simulated model's sample for an item is the item's answer (the first `{{item.<field>}}` the grader reads)
degraded by a seeded function of its quality: at quality q the sample is the answer itself with probability q,
else the answer with each word (each character, in text without spaces) kept with probability q. When the job
is created the grader scores a bounded sample of items at each of QUALITY_LEVELS; a step's mean reward is that
curve read at the quality the training has reached, which rises with the steps. So the reward is a pure
function of the job, and reading the metrics never runs the grader again."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mockserver.graders.shape import sub_graders
from mockserver.graders.templates import references

QUALITY_LEVELS = tuple(level / 10 for level in range(11))
MAX_ITEMS = 16  # items graded when the job is created: the cost is bounded whatever the file's size
ITEM_FIELDS = ("input", "reference")
# A python grader has no templates: the first `item["<field>"]` or `item.get("<field>"` its code reads.
PYTHON_ITEM_READ = re.compile(r"""\bitem(?:\[\s*|\.get\(\s*)["'](\w+)["']""")


def answer_field(grader: Mapping[str, Any]) -> str | None:
    """The first item field the grader's templates (or a python grader's code) read, a multi's graders in
    order; None when it reads none."""
    if grader.get("type") == "multi":
        fields = (answer_field(sub_grader) for _, sub_grader, _ in sub_graders(grader.get("graders")))
        return next((field for field in fields if field is not None), None)
    if grader.get("type") == "python":
        found = PYTHON_ITEM_READ.search(str(grader.get("source", "")))
        return found.group(1) if found else None
    for text in (str(grader.get(name, "")) for name in ITEM_FIELDS):
        for reference in references(text):
            if reference.startswith("item."):
                return reference.removeprefix("item.").split(".")[0]
    return None


def degraded(answer: str, quality: float, rng: random.Random) -> str:
    if rng.random() < quality:
        return answer
    separator = " " if " " in answer else ""
    units = answer.split(" ") if separator else list(answer)
    return separator.join(unit for unit in units if rng.random() < quality)


def simulated_samples(items: Sequence[dict[str, Any]], field: str | None, seed: int) -> list[list[str]]:
    """Per quality level, the simulated sample of each of the first MAX_ITEMS items."""
    def answer(item: dict[str, Any]) -> str:
        value = item.get(field) if field is not None else None
        return value if isinstance(value, str) else ""
    return [[degraded(answer(item), level, random.Random(f"{seed}:{index}:{level}"))
             for index, item in enumerate(items[:MAX_ITEMS])] for level in QUALITY_LEVELS]


def reward_levels(items: Sequence[dict[str, Any]], field: str | None, seed: int,
                  grade: Callable[[str, dict[str, Any]], float]) -> tuple[float, ...]:
    """The mean reward over `items` of samples at each quality level (`grade(sample, item)` is the grader)."""
    levels = []
    for samples in simulated_samples(items, field, seed):
        rewards = [grade(sample, item) for sample, item in zip(samples, items, strict=False)]
        levels.append(sum(rewards) / len(rewards) if rewards else 0.0)
    return tuple(levels)


def quality_at(seed: int, progress: float) -> float:
    """How good the model's samples are `progress` (0..1) of the way through training: rising, then levelling."""
    shape = random.Random(f"{seed}:reward-shape")
    start, end = shape.uniform(0.1, 0.4), shape.uniform(0.8, 1.0)
    return start + (end - start) * (1 - math.exp(-3.0 * progress)) / (1 - math.exp(-3.0))


def mean_reward(levels: Sequence[float], quality: float, jitter: float) -> float:
    """`levels` read at `quality` (linear between levels), moved by `jitter` (-1..1) within the levels' span."""
    position = max(0.0, min(1.0, quality)) * (len(levels) - 1)
    low = int(position)
    high = min(low + 1, len(levels) - 1)
    value = levels[low] + (levels[high] - levels[low]) * (position - low)
    return max(min(levels), min(max(levels), value + 0.03 * jitter))
