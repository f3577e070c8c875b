"""An RFT job's reward metrics come from its grader run on its training items, not from a canned curve."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openai
import pytest

from mockserver.graders import python_runner
from tests.jobs_support import SEED_FILE, advance_after_preparations, upload
from tests.live_server import LiveServer
from tests.support import sdk_client

RFT_FILE = Path(SEED_FILE).parent / "reinforcement.jsonl"
ALWAYS = {"type": "string_check", "name": "always", "input": "{{item.difficulty}}",
          "reference": "{{item.difficulty}}", "operation": "eq"}
NEVER = {**ALWAYS, "name": "never", "reference": "no item has this difficulty"}
EXACT = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
         "reference": "{{item.reference_answer}}", "operation": "eq"}
# The same test as EXACT, in python (its first item read is reference_answer too: the same samples).
PYTHON_EXACT = {"type": "python", "name": "exact",
                "source": "def grade(sample, item):\n"
                          "    return float(sample['output_text'] == item['reference_answer'])\n"}


def rft_metrics(sdk: openai.OpenAI, grader: dict[str, Any]) -> list[dict[str, Any]]:
    """The metrics events' data of a finished RFT job on the RFT fixture, oldest step first."""
    job = sdk.fine_tuning.jobs.create(
        model="o4-mini", training_file=upload(sdk, RFT_FILE), seed=7,
        method={"type": "reinforcement", "reinforcement": {"grader": grader}},  # type: ignore[arg-type]
    )
    advance_after_preparations(sdk, 24 * 3600)  # the grader runs in the job's preparation
    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "succeeded"
    events = list(sdk.fine_tuning.jobs.list_events(job.id, limit=100))  # every page, newest first
    data = [event.data for event in reversed(events) if event.type == "metrics"]
    return [item for item in data if isinstance(item, dict)]


def test_rewards_of_a_grader_that_always_matches_and_one_that_never_does(sdk: openai.OpenAI) -> None:
    always = rft_metrics(sdk, ALWAYS)
    never = rft_metrics(sdk, NEVER)

    assert always and len(always) == len(never)
    assert {step["train_mean_reward"] for step in always} == {1.0}
    assert {step["train_mean_reward"] for step in never} == {0.0}
    assert {step["scores"]["train_reward_mean"] for step in always} == {1.0}


def test_rewards_of_an_exact_match_grader_rise_over_training(sdk: openai.OpenAI) -> None:
    steps = rft_metrics(sdk, EXACT)
    rewards = [step["train_mean_reward"] for step in steps]
    quarter = max(1, len(rewards) // 4)

    assert sum(rewards[:quarter]) / quarter < sum(rewards[-quarter:]) / quarter
    assert all(0.0 <= reward <= 1.0 for reward in rewards)
    assert rft_metrics(sdk, EXACT) == steps  # a pure function of the job: same seed, same curve


def test_rft_metrics_events_use_the_rft_message(sdk: openai.OpenAI) -> None:
    job = sdk.fine_tuning.jobs.create(
        model="o4-mini", training_file=upload(sdk, RFT_FILE),
        method={"type": "reinforcement", "reinforcement": {"grader": EXACT}},  # type: ignore[arg-type]
    )
    advance_after_preparations(sdk, 24 * 3600)

    messages = [event.message for event in sdk.fine_tuning.jobs.list_events(job.id, limit=100)
                if event.type == "metrics"]

    assert messages and all(" , train mean reward=" in message for message in messages)
    assert "full validation mean reward=" not in messages[-1]  # no validation file: no full validation


def test_a_python_grader_gives_the_same_curve_as_the_string_check_it_mirrors(
    sdk: openai.OpenAI, start_server: Callable[..., LiveServer]
) -> None:
    python_sdk = sdk_client(start_server(allow_python_graders=True).base_url, "sk-test")

    by_python = rft_metrics(python_sdk, PYTHON_EXACT)

    assert [step["train_mean_reward"] for step in by_python] == [
        step["train_mean_reward"] for step in rft_metrics(sdk, EXACT)]


def test_a_python_grader_on_a_server_without_the_flag_gives_no_reward_metrics(sdk: openai.OpenAI) -> None:
    steps = rft_metrics(sdk, PYTHON_EXACT)

    assert steps and not any("train_mean_reward" in step for step in steps)


def test_a_job_whose_multi_formula_names_an_unknown_grader_is_refused(sdk: openai.OpenAI) -> None:
    grader = {"type": "multi", "name": "m", "graders": {"exact": EXACT}, "calculate_output": "exact + typo"}

    with pytest.raises(openai.BadRequestError) as caught:
        sdk.fine_tuning.jobs.create(
            model="o4-mini", training_file=upload(sdk, RFT_FILE),
            method={"type": "reinforcement", "reinforcement": {"grader": grader}},  # type: ignore[arg-type]
        )

    assert caught.value.body["param"] == "method.reinforcement.grader.calculate_output"  # type: ignore[index]
    assert "'typo' is not defined" in caught.value.body["message"]  # type: ignore[index]


def test_a_create_with_a_python_grader_answers_before_the_grader_runs_in_the_jobs_preparation(
    start_server: Callable[..., LiveServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = start_server(allow_python_graders=True)
    assert server.app is not None
    preparer = server.app.state.job_preparer
    ran_in: list[str] = []
    run_python_calls = python_runner.run_python_calls

    def recorded(*args: Any, **kwargs: Any) -> Any:
        ran_in.append(threading.current_thread().name)
        return run_python_calls(*args, **kwargs)

    monkeypatch.setattr(python_runner, "run_python_calls", recorded)
    python_sdk = sdk_client(server.base_url, "sk-test")
    preparer.stop()  # nothing prepares: the create cannot have waited for the grader
    job = python_sdk.fine_tuning.jobs.create(
        model="o4-mini", training_file=upload(python_sdk, RFT_FILE), seed=7,
        method={"type": "reinforcement", "reinforcement": {"grader": PYTHON_EXACT}},  # type: ignore[arg-type]
    )

    assert job.status == "validating_files" and ran_in == []
    preparer.start()
    advance_after_preparations(python_sdk, 24 * 3600)
    assert python_sdk.fine_tuning.jobs.retrieve(job.id).status == "succeeded"
    assert ran_in == ["mockserver-job-preparation"]  # once per grader, in the preparer's thread
    events = list(python_sdk.fine_tuning.jobs.list_events(job.id, limit=100))
    assert any(isinstance(event.data, dict) and "train_mean_reward" in event.data for event in events)
