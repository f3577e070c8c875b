"""The RFT reward curve: samples degrade with quality, the curve is read at the training's quality."""

from __future__ import annotations

import random

from mockserver.simulator.rewards import answer_field, degraded, mean_reward, quality_at, reward_levels

EXACT = {"type": "string_check", "name": "x", "input": "{{sample.output_text}}", "reference": "{{item.answer}}",
         "operation": "eq"}


def test_answer_field_is_the_first_item_field_read_even_inside_a_multi() -> None:
    assert answer_field(EXACT) == "answer"
    assert answer_field({"type": "multi", "graders": {"a": {**EXACT, "reference": "{{item.gold.text}}"}}}) == "gold"
    assert answer_field({**EXACT, "reference": "fixed"}) is None
    assert answer_field({"type": "python", "source": "def grade(s, item):\n    return item.get('gold') == 1"}) == "gold"
    assert answer_field({"type": "python", "source": "def grade(s, item):\n    return item[ \"x\" ]"}) == "x"


def test_full_quality_keeps_the_answer_and_none_drops_every_word() -> None:
    assert degraded("a b c", 1.0, random.Random(1)) == "a b c"
    assert degraded("a b c", 0.0, random.Random(1)) == ""
    assert degraded("肺炎", 0.0, random.Random(1)) == ""


def test_an_exact_match_grader_rewards_more_at_higher_quality() -> None:
    items = [{"answer": f"answer number {n}"} for n in range(16)]

    levels = reward_levels(items, "answer", 3, lambda sample, item: float(sample == item["answer"]))

    assert (levels[0], levels[-1]) == (0.0, 1.0)
    assert levels[2] < levels[8]


def test_quality_rises_over_training_and_the_reward_stays_within_the_levels() -> None:
    assert quality_at(5, 0.0) < quality_at(5, 0.5) < quality_at(5, 1.0)
    assert mean_reward((0.2, 0.4), 1.0, jitter=1.0) == 0.4
    assert mean_reward((0.0,) * 11, 0.7, jitter=1.0) == 0.0
