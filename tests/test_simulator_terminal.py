"""`terminal_at`: the first second a job is terminal under its controls, for the store's "due" queries.

It must agree with `state_at` at every second: a job due by `terminal_at <= now` is exactly a job that
`state_at` shows succeeded, failed or cancelled at `now`.
"""

from __future__ import annotations

import math

import pytest

from mockserver.simulator import Control, Plan
from mockserver.simulator.state import TERMINAL_STATUSES, state_at, terminal_at
from tests.jobs_support import seed_plan

CREATED = 1_767_225_600
FAILURE = {"code": "server_error", "message": "boom", "param": None}
HORIZON = 400  # seconds scanned: the seed job at speed 1 ends after about a minute, pauses add their length


def plans() -> dict[str, Plan]:
    return {
        "succeeds": seed_plan(),
        "slow": seed_plan(speed=0.7),
        "fails validating": seed_plan(failure=FAILURE),
        "fails at step 37": seed_plan(failure=FAILURE, fail_at_step=37),
        "stays running": seed_plan(stay_in="running"),
        "stays queued": seed_plan(stay_in="queued"),
        "infinite speed": seed_plan(speed=math.inf),
    }


def controls() -> dict[str, list[Control]]:
    running = CREATED + 40  # the seed job is running from about 9 s to about 60 s
    return {
        "none": [],
        "paused and resumed": [Control("pause", running), Control("resume", running + 33)],
        "paused twice": [Control("pause", running - 5), Control("resume", running + 7),
                         Control("pause", running + 20), Control("resume", running + 111)],
        "paused": [Control("pause", running)],
        "cancelled": [Control("cancel", running)],
        "paused then cancelled": [Control("pause", running), Control("cancel", running + 90)],
    }


def first_terminal_second(plan: Plan, applied: list[Control]) -> int | None:
    """Brute force: every second of the horizon, through `state_at`."""
    for now in range(CREATED, CREATED + HORIZON):
        if state_at(plan, applied, now).status in TERMINAL_STATUSES:
            return now
    return None


@pytest.mark.parametrize("plan_name", list(plans()))
@pytest.mark.parametrize("controls_name", list(controls()))
def test_terminal_at_is_the_first_second_state_at_shows_terminal(plan_name: str, controls_name: str) -> None:
    plan, applied = plans()[plan_name], controls()[controls_name]
    if any(control.at < CREATED + plan.started_at for control in applied if control.action == "pause"):
        pytest.skip("a pause is only allowed while running")  # the API refuses it, so no job has it

    assert terminal_at(plan, applied) == first_terminal_second(plan, applied)


def test_terminal_at_of_a_succeeding_job_is_its_finished_at() -> None:
    plan = seed_plan()
    finished = state_at(plan, [], CREATED + HORIZON).finished_at

    assert terminal_at(plan, []) == finished


def test_terminal_at_is_none_while_paused_and_not_resumed() -> None:
    assert terminal_at(seed_plan(), [Control("pause", CREATED + 40)]) is None
