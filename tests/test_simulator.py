"""The pure job simulator: a plan made at creation, and the state, events and checkpoints it shows at a time."""

from __future__ import annotations

import json
import math
import re

import pytest

from mockserver.simulator import Control, Plan, observe
from mockserver.simulator.metrics import csv_number, step_metrics_csv
from mockserver.simulator.plan import auto_batch_size
from mockserver.simulator.state import checkpoints_at, completed_steps, events_at, state_at
from mockserver.store.jobs import JobRecord
from mockserver.validation import auto_epochs
from tests.jobs_support import STEP_MESSAGE, seed_plan

CREATED = 1_767_225_600
FAILURE = {"code": "invalid_n_examples", "param": "training_file",
           "message": "Training file has 5 example(s), but must have at least 10 examples"}


def at(offset: float) -> int:
    """The first whole second at or after `offset` seconds into the job."""
    return CREATED + math.ceil(offset)


def running_time(plan: Plan, step: int) -> int:
    """The first whole second by which `step` has completed (at speed 1 a second holds two steps)."""
    return at(plan.step_offset(step))


def steps_done(plan: Plan, now: int) -> int:
    return completed_steps(plan, now - CREATED)


# -- phases -------------------------------------------------------------------------------------

def test_state_at_creation_is_validating_files() -> None:
    state = state_at(seed_plan(), [], CREATED)

    assert (state.status, state.fine_tuned_model, state.finished_at, state.error) == (
        "validating_files", None, None, None)
    assert not state.hyperparameters_resolved


@pytest.mark.parametrize(("boundary", "before", "after"), [
    ("validate_s", "validating_files", "queued"),
    ("started_at", "queued", "running"),
    ("succeeded_at", "running", "succeeded"),
])
def test_state_at_phase_boundary_switches_status(boundary: str, before: str, after: str) -> None:
    plan = seed_plan()
    edge = getattr(plan, boundary)

    assert state_at(plan, [], at(edge) - 1).status == before
    assert state_at(plan, [], at(edge)).status == after


def test_state_at_queued_resolves_hyperparameters() -> None:
    plan = seed_plan()

    assert state_at(plan, [], at(plan.validate_s)).hyperparameters_resolved


def test_state_at_succeeded_sets_model_tokens_result_file_and_finish_time() -> None:
    plan = seed_plan(billing_tokens=499)
    state = state_at(plan, [], at(plan.succeeded_at) + 100)

    assert state.fine_tuned_model == plan.fine_tuned_model
    assert state.trained_tokens == 499 * 10
    assert state.result_files == [plan.result_file_id]
    assert state.finished_at == at(plan.succeeded_at)
    assert state.estimated_finish is None


def test_state_at_queued_has_no_estimated_finish() -> None:
    plan = seed_plan()

    assert state_at(plan, [], at(plan.validate_s)).status == "queued"
    assert state_at(plan, [], at(plan.validate_s)).estimated_finish is None


def test_state_at_running_estimates_finish() -> None:
    plan = seed_plan()

    assert state_at(plan, [], running_time(plan, 5)).estimated_finish == at(plan.succeeded_at)


def test_state_at_speed_inf_succeeds_on_first_read() -> None:
    plan = seed_plan(speed=math.inf)

    state = state_at(plan, [], CREATED)

    assert state.status == "succeeded"
    assert state.completed_steps == plan.total_steps
    assert len(checkpoints_at(plan, [], CREATED)) == 3
    assert events_at(plan, [], CREATED)[-1].message == "The job has successfully completed"


def test_plan_seed_job_resolves_to_ten_epochs_of_ten_steps() -> None:
    n_examples = 10
    plan = seed_plan(n_examples=n_examples, n_epochs=auto_epochs(n_examples),
                     batch_size=auto_batch_size(n_examples))

    assert (plan.inputs.n_epochs, plan.inputs.batch_size) == (10, 1)
    assert (plan.steps_per_epoch, plan.total_steps) == (10, 100)


def test_state_at_seed_job_at_speed_one_succeeds_between_30_and_90_seconds() -> None:
    """The acceptance "--speed default: the seed's 10-example job succeeds in 30-90 s", as plan behaviour."""
    n_examples = 10
    plan = seed_plan(n_examples=n_examples, n_epochs=auto_epochs(n_examples),
                     batch_size=auto_batch_size(n_examples), speed=1.0)

    first_success = next(t for t in range(0, 600) if state_at(plan, [], CREATED + t).status == "succeeded")

    assert 30 <= first_success <= 90


def test_plan_higher_speed_finishes_proportionally_sooner() -> None:
    assert seed_plan(speed=10.0).succeeded_at == pytest.approx(seed_plan(speed=1.0).succeeded_at / 10)


def test_plan_round_trips_through_json() -> None:
    plan = seed_plan(validation_file="file-valid", failure=FAILURE)

    assert Plan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


# -- checkpoints --------------------------------------------------------------------------------

@pytest.mark.parametrize(("n_examples", "batch_size", "n_epochs", "steps"), [
    (10, 1, 10, (80, 90, 100)),
    (10, 3, 2, (4, 8)),
    (10, 1, 1, (10,)),
    (25, 4, 5, (21, 28, 35)),
])
def test_plan_checkpoint_steps_are_the_last_three_epoch_ends(
    n_examples: int, batch_size: int, n_epochs: int, steps: tuple[int, ...]
) -> None:
    plan = seed_plan(n_examples=n_examples, batch_size=batch_size, n_epochs=n_epochs)

    assert plan.checkpoint_steps == steps
    assert [c.step for c in checkpoints_at(plan, [], at(plan.succeeded_at))] == list(steps)


def test_plan_final_checkpoint_is_the_model_and_others_have_their_own_id() -> None:
    plan = seed_plan()
    prefix = re.escape(plan.fine_tuned_model.rsplit(":", 1)[0])

    assert plan.checkpoint_model(100) == plan.fine_tuned_model
    for step in (80, 90):
        assert re.fullmatch(rf"{prefix}:[A-Za-z0-9]{{8}}:ckpt-step-{step}", plan.checkpoint_model(step))
    assert plan.checkpoint_model(80).split(":")[4] != plan.checkpoint_model(90).split(":")[4]


def test_checkpoints_at_appear_when_their_step_completes() -> None:
    plan = seed_plan()

    assert [c.step for c in checkpoints_at(plan, [], at(plan.step_offset(90)) - 1)] == [80]
    assert [c.step for c in checkpoints_at(plan, [], at(plan.step_offset(90)))] == [80, 90]


# -- events -------------------------------------------------------------------------------------

def test_events_at_success_tell_the_whole_story_in_order() -> None:
    plan = seed_plan()
    messages = [e.message for e in events_at(plan, [], at(plan.succeeded_at))]

    assert messages[:4] == ["Created fine-tuning job: ftjob-test", "Validating training file: file-train",
                            "Files validated, moving job to queued state", "Fine-tuning job started"]
    steps = [int(m.group(1)) for m in map(re.compile(STEP_MESSAGE).fullmatch, messages) if m]
    assert steps == list(range(1, 101))
    assert [m for m in messages if m.startswith("Checkpoint created")] == [
        f"Checkpoint created at step {step} with Snapshot ID: {plan.checkpoint_model(step)}" for step in (80, 90)]
    assert messages[-4:] == [f"New fine-tuned model created: {plan.fine_tuned_model}",
                             "Evaluating model against our usage policies before enabling",
                             "Usage policy evaluations completed, model is now enabled for sampling",
                             "The job has successfully completed"]


def test_events_at_metrics_carry_step_loss_accuracy_and_total() -> None:
    plan = seed_plan()
    metrics = [e for e in events_at(plan, [], at(plan.succeeded_at)) if e.type == "metrics"]

    assert all(set(e.data or {}) == {"step", "train_loss", "train_mean_token_accuracy", "total_steps"}
               for e in metrics)
    assert [e.data["step"] for e in metrics if e.data] == list(range(1, 101))


def test_events_at_started_event_has_null_data() -> None:
    plan = seed_plan()
    started = next(e for e in events_at(plan, [], at(plan.started_at)) if e.message == "Fine-tuning job started")

    assert started.data is None


def test_events_at_ids_are_stable_across_calls_and_times() -> None:
    plan = seed_plan()
    early = events_at(plan, [], running_time(plan, 10))
    late = events_at(plan, [], at(plan.succeeded_at))

    assert [e.id for e in events_at(plan, [], running_time(plan, 10))] == [e.id for e in early]
    assert [e.id for e in late[:len(early)]] == [e.id for e in early]
    assert len({e.id for e in late}) == len(late)
    assert all(re.fullmatch(r"ftevent-[A-Za-z0-9]{24}", e.id) for e in late)


def test_events_at_validation_file_adds_validation_losses() -> None:
    plan = seed_plan(validation_file="file-valid")
    events = events_at(plan, [], at(plan.succeeded_at))
    metrics = {e.data["step"]: e for e in events if e.type == "metrics" and e.data}

    assert events[1].message == "Validating training file: file-train and validation file: file-valid"
    assert "valid_loss" in metrics[10].data and "valid_mean_token_accuracy" in metrics[10].data  # type: ignore[operator]
    assert "valid_loss" not in metrics[3].data  # type: ignore[operator]
    assert metrics[100].message.endswith(
        f", validation loss={metrics[100].data['valid_loss']:.2f}, "  # type: ignore[index]
        f"full validation loss={metrics[100].data['full_valid_loss']:.2f}")  # type: ignore[index]


# -- seeds ---------------------------------------------------------------------------------------

def test_plan_same_seed_gives_same_metrics_and_csv() -> None:
    one, two = seed_plan(seed=7, salt="a", job_id="ftjob-a"), seed_plan(seed=7, salt="b", job_id="ftjob-b")

    assert [e.data for e in events_at(one, [], at(one.succeeded_at))] == [
        e.data for e in events_at(two, [], at(two.succeeded_at))]
    assert step_metrics_csv(one) == step_metrics_csv(two)


def test_plan_different_seed_gives_different_metrics() -> None:
    assert step_metrics_csv(seed_plan(seed=7)) != step_metrics_csv(seed_plan(seed=8))


def test_step_metrics_csv_has_one_row_per_step_and_blank_validation_cells() -> None:
    rows = step_metrics_csv(seed_plan()).splitlines()

    assert rows[0] == "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy"
    assert len(rows) == 101
    assert re.fullmatch(r"1,\d+\.\d{1,5},\d+\.\d{1,5},,", rows[1])


@pytest.mark.parametrize(("value", "text"), [(1.523471, "1.52347"), (0.0, "0.0"), (0.5, "0.5"), (2.000004, "2.0"),
                                             (0.333336, "0.33334")])
def test_csv_number_rounds_to_five_decimals_without_padding(value: float, text: str) -> None:
    # The real file: `1,1.52347,0.0,,` (reference §2.10).
    assert csv_number(value) == text


# -- pause, resume, cancel ---------------------------------------------------------------------

def test_state_at_paused_job_stays_at_its_step() -> None:
    plan = seed_plan()
    paused_at = running_time(plan, 20)
    controls = [Control("pause", paused_at)]

    later = state_at(plan, controls, paused_at + 10_000)

    assert later.status == "paused"
    assert later.completed_steps == state_at(plan, [], paused_at).completed_steps == steps_done(plan, paused_at)
    assert steps_done(plan, paused_at) >= 20
    assert later.estimated_finish is None


def test_checkpoints_at_pause_adds_a_checkpoint_at_the_pause_step() -> None:
    plan = seed_plan()
    paused_at = running_time(plan, 20)

    (checkpoint,) = checkpoints_at(plan, [Control("pause", paused_at)], paused_at)

    step = steps_done(plan, paused_at)
    assert (checkpoint.step, checkpoint.created_at) == (step, paused_at)
    assert checkpoint.model.endswith(f":ckpt-step-{step}")


def test_state_at_resume_shifts_the_finish_by_the_paused_time() -> None:
    plan = seed_plan()
    paused_at = running_time(plan, 20)
    controls = [Control("pause", paused_at), Control("resume", paused_at + 500)]
    original_finish = at(plan.succeeded_at)

    resumed = state_at(plan, controls, paused_at + 500)
    assert (resumed.status, resumed.estimated_finish) == ("running", original_finish + 500)
    assert state_at(plan, controls, original_finish + 499).status == "running"
    done = state_at(plan, controls, original_finish + 500)
    assert (done.status, done.finished_at) == ("succeeded", original_finish + 500)


def test_state_at_two_pauses_shift_the_finish_by_their_sum() -> None:
    plan = seed_plan()
    first = running_time(plan, 20)
    second = first + 300 + 10
    controls = [Control("pause", first), Control("resume", first + 300),
                Control("pause", second), Control("resume", second + 200)]
    finish = at(plan.succeeded_at) + 500

    assert state_at(plan, controls, finish - 1).status == "running"
    assert state_at(plan, controls, finish).finished_at == finish
    assert [c.step for c in checkpoints_at(plan, controls, finish)] == [
        steps_done(plan, first), steps_done(plan, first) + 20, 80, 90, 100]


def test_checkpoints_at_resume_shifts_later_checkpoints() -> None:
    plan = seed_plan()
    paused_at = running_time(plan, 20)
    controls = [Control("pause", paused_at), Control("resume", paused_at + 500)]

    shifted = {c.step: c.created_at for c in checkpoints_at(plan, controls, paused_at + 10_000)}
    plain = {c.step: c.created_at for c in checkpoints_at(plan, [], paused_at + 10_000)}

    assert shifted == {steps_done(plan, paused_at): paused_at, **{step: plain[step] + 500 for step in (80, 90, 100)}}


def test_events_at_pause_and_resume_are_logged() -> None:
    plan = seed_plan()
    paused_at = running_time(plan, 20)
    controls = [Control("pause", paused_at), Control("resume", paused_at + 500)]

    messages = [e.message for e in events_at(plan, controls, paused_at + 500)]

    assert messages[-2:] == ["Fine-tuning job paused", "Fine-tuning job resumed"]


def test_state_at_cancel_while_running_cuts_off_everything_after_it() -> None:
    plan = seed_plan()
    cancelled_at = running_time(plan, 85)
    controls = [Control("cancel", cancelled_at)]
    long_after = cancelled_at + 100_000

    state = state_at(plan, controls, long_after)
    events = events_at(plan, controls, long_after)

    assert (state.status, state.fine_tuned_model, state.finished_at, state.result_files) == (
        "cancelled", None, None, [])
    assert state.completed_steps == steps_done(plan, cancelled_at) < plan.total_steps
    assert [c.step for c in checkpoints_at(plan, controls, long_after)] == [80]
    assert events[:-1] == events_at(plan, [], cancelled_at)
    assert (events[-1].message, events[-1].level) == ("Fine-tuning job cancelled", "warn")


def test_state_at_cancel_while_validating_leaves_hyperparameters_unresolved() -> None:
    plan = seed_plan()
    state = state_at(plan, [Control("cancel", CREATED)], CREATED + 10_000)

    assert state.status == "cancelled"
    assert not state.hyperparameters_resolved
    assert completed_steps(plan, 0) == 0


# -- failure -------------------------------------------------------------------------------------

def test_state_at_file_failure_fails_when_validation_ends() -> None:
    plan = seed_plan(failure=FAILURE)

    assert state_at(plan, [], at(plan.validate_s) - 1).status == "validating_files"
    failed = state_at(plan, [], at(plan.validate_s))
    assert (failed.status, failed.error, failed.finished_at, failed.trained_tokens) == (
        "failed", FAILURE, None, None)
    assert state_at(plan, [], at(plan.succeeded_at) + 10_000).status == "failed"


def test_events_at_file_failure_end_with_the_error() -> None:
    plan = seed_plan(failure=FAILURE)
    events = events_at(plan, [], at(plan.succeeded_at) + 10_000)

    assert [e.message for e in events] == [
        "Created fine-tuning job: ftjob-test", "Validating training file: file-train", FAILURE["message"]]
    assert events[-1].level == "error"
    assert checkpoints_at(plan, [], at(plan.succeeded_at) + 10_000) == []



# -- observe: how services read a stored job ------------------------------------------------------

def stored_job(plan: Plan, controls: list[Control]) -> JobRecord:
    """The record the store returns for a job with this plan and these controls (its row decoded)."""
    return JobRecord.from_row({
        "seq": 1, "id": plan.inputs.job_id, "owner": "o", "created_at": CREATED, "model": plan.inputs.model,
        "training_file": plan.inputs.training_file, "seed": plan.inputs.seed, "method": {},
        "plan": json.loads(json.dumps(plan.to_dict())), "controls": [vars(control) for control in controls]})


@pytest.mark.parametrize(("controls", "status"), [
    ([], "running"),
    ([Control("pause", CREATED + 20)], "paused"),
    ([Control("pause", CREATED + 20), Control("resume", CREATED + 25)], "running"),
    ([Control("cancel", CREATED + 20)], "cancelled"),
])
def test_observe_a_stored_job_sees_its_plan_under_its_controls(controls: list[Control], status: str) -> None:
    plan = seed_plan()
    now = running_time(plan, 60)  # after the resume, before the end
    job = stored_job(plan, controls)

    state = observe(job, now)

    assert state.status == status
    assert state == state_at(plan, controls, now)


def test_observe_a_stored_job_after_its_end_sees_it_succeeded_with_its_model() -> None:
    plan = seed_plan()
    state = observe(stored_job(plan, []), at(plan.succeeded_at))

    assert (state.status, state.fine_tuned_model, state.result_files) == (
        "succeeded", plan.fine_tuned_model, [plan.result_file_id])
