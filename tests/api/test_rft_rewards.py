"""An RFT job's reward metrics come from its grader run on its training items, not from a canned curve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openai

from mockserver.clock import ManualClock
from tests.jobs_support import SEED_FILE, upload

RFT_FILE = Path(SEED_FILE).parent / "reinforcement.jsonl"
ALWAYS = {"type": "string_check", "name": "always", "input": "{{item.difficulty}}",
          "reference": "{{item.difficulty}}", "operation": "eq"}
NEVER = {**ALWAYS, "name": "never", "reference": "no item has this difficulty"}
EXACT = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
         "reference": "{{item.reference_answer}}", "operation": "eq"}


def rft_metrics(sdk: openai.OpenAI, clock: ManualClock, grader: dict[str, Any]) -> list[dict[str, Any]]:
    """The metrics events' data of a finished RFT job on the RFT fixture, oldest step first."""
    job = sdk.fine_tuning.jobs.create(
        model="o4-mini", training_file=upload(sdk, RFT_FILE), seed=7,
        method={"type": "reinforcement", "reinforcement": {"grader": grader}},  # type: ignore[typeddict-item]
    )
    clock.advance(24 * 3600)
    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "succeeded"
    events = list(sdk.fine_tuning.jobs.list_events(job.id, limit=100))  # every page, newest first
    data = [event.data for event in reversed(events) if event.type == "metrics"]
    return [item for item in data if isinstance(item, dict)]


def test_rewards_of_a_grader_that_always_matches_and_one_that_never_does(
    sdk: openai.OpenAI, clock: ManualClock
) -> None:
    always = rft_metrics(sdk, clock, ALWAYS)
    never = rft_metrics(sdk, clock, NEVER)

    assert always and len(always) == len(never)
    assert {step["train_mean_reward"] for step in always} == {1.0}
    assert {step["train_mean_reward"] for step in never} == {0.0}
    assert {step["scores"]["train_reward_mean"] for step in always} == {1.0}


def test_rewards_of_an_exact_match_grader_rise_over_training(sdk: openai.OpenAI, clock: ManualClock) -> None:
    steps = rft_metrics(sdk, clock, EXACT)
    rewards = [step["train_mean_reward"] for step in steps]
    quarter = max(1, len(rewards) // 4)

    assert sum(rewards[:quarter]) / quarter < sum(rewards[-quarter:]) / quarter
    assert all(0.0 <= reward <= 1.0 for reward in rewards)
    assert rft_metrics(sdk, clock, EXACT) == steps  # a pure function of the job: same seed, same curve


def test_rft_metrics_events_use_the_rft_message(sdk: openai.OpenAI, clock: ManualClock) -> None:
    job = sdk.fine_tuning.jobs.create(
        model="o4-mini", training_file=upload(sdk, RFT_FILE),
        method={"type": "reinforcement", "reinforcement": {"grader": EXACT}},  # type: ignore[typeddict-item]
    )
    clock.advance(24 * 3600)

    messages = [event.message for event in sdk.fine_tuning.jobs.list_events(job.id, limit=100)
                if event.type == "metrics"]

    assert messages and all(" , train mean reward=" in message for message in messages)
    assert "full validation mean reward=" not in messages[-1]  # no validation file: no full validation
