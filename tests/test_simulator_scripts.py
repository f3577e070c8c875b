"""Scripted outcomes in the pure simulator: plans rewritten to fail, stay or succeed, and when that is refused."""

from __future__ import annotations

import math

import pytest

from mockserver.simulator.scripts import Script, ScriptRefused, apply_script, scripted_inputs
from mockserver.simulator.state import checkpoints_at, events_at, state_at
from mockserver.simulator.timeline import entries
from tests.jobs_support import inputs, seed_plan

CREATED = 1_767_225_600
FAILURE = {"code": "server_error", "message": "boom", "param": None}


def at(offset: float) -> int:
    return CREATED + math.ceil(offset)


def test_scripted_inputs_fail_at_running_fails_after_step_zero() -> None:
    scripted = scripted_inputs(inputs(), Script("fail", fail_at="running"))

    assert (scripted.fail_at_step, scripted.failure["code"] if scripted.failure else None) == (0, "server_error")


def test_scripted_inputs_succeed_clears_a_file_failure() -> None:
    scripted = scripted_inputs(inputs(failure=FAILURE), Script("succeed"))

    assert (scripted.failure, scripted.fail_at_step, scripted.stay_in) == (None, None, None)


def test_fail_at_step_at_infinite_speed_stops_at_that_step() -> None:
    plan = seed_plan(speed=math.inf, failure=FAILURE, fail_at_step=95)

    steps = [entry.data["step"] for entry in entries(plan) if entry.type == "metrics" and entry.data]

    assert steps == list(range(1, 96))
    assert [checkpoint.step for checkpoint in checkpoints_at(plan, [], CREATED)] == [80, 90]
    assert state_at(plan, [], CREATED).status == "failed"


def test_stay_queued_timeline_ends_when_files_are_validated() -> None:
    plan = seed_plan(stay_in="queued")

    last = events_at(plan, [], CREATED + 10**7)[-1]

    assert last.message == "Files validated, moving job to queued state"
    assert state_at(plan, [], CREATED + 10**7).status == "queued"


def test_releasing_a_held_job_moves_nothing_already_seen() -> None:
    plan = seed_plan(stay_in="queued")
    now = CREATED + 10_000
    seen = events_at(plan, [], now)

    released = apply_script(plan, [], now, Script("succeed"))

    assert events_at(released, [], now)[:len(seen)] == seen
    assert min(event.created_at for event in events_at(released, [], now + 10**6)[len(seen):]) >= now


def test_stay_in_the_held_status_again_keeps_the_plan_timing() -> None:
    plan = seed_plan(stay_in="queued")

    again = apply_script(plan, [], CREATED + 10_000, Script("stay", status="queued"))

    assert again == plan


def test_fail_at_running_on_a_running_job_fails_at_the_next_step() -> None:
    plan = seed_plan()
    now = at(plan.step_offset(20))

    scripted = apply_script(plan, [], now, Script("fail", fail_at="running"))

    assert scripted.inputs.fail_at_step == 21


@pytest.mark.parametrize(("script", "reason"), [
    pytest.param(Script("fail", fail_at=7), "it has already trained past step 7 (of 100)", id="past-step"),
    pytest.param(Script("fail", fail_at="validating_files"), "it has already finished validating its files",
                 id="past-validation"),
    pytest.param(Script("stay", status="queued"), "it is already running", id="past-status"),
])
def test_script_past_its_point_is_refused(script: Script, reason: str) -> None:
    plan = seed_plan()

    with pytest.raises(ScriptRefused) as caught:
        apply_script(plan, [], at(plan.step_offset(20)), script)

    assert str(caught.value) == reason
