"""Scripted job outcomes: `POST /_mock/jobs/{id}/script` and the `mock_*` metadata keys, seen through the SDK."""

from __future__ import annotations

from typing import Any

import httpx
import openai
import pytest
from openai.types.fine_tuning import FineTuningJob

from mockserver.core.clock import ManualClock
from mockserver.simulator.scripts import ERROR_TEMPLATES
from tests.jobs_support import SEED_FILE, SEED_MODEL, advance_to, chat_file, seed_plan, upload

SERVER_ERROR = ERROR_TEMPLATES["server_error"][1]
MONTH = 30 * 24 * 3600


def seed_job(sdk: openai.OpenAI, content: bytes | None = None, **create: Any) -> FineTuningJob:
    training_file = upload(sdk, SEED_FILE if content is None else content)
    return sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training_file, **create)


def script(http: httpx.Client, job_id: str, **body: Any) -> httpx.Response:
    return http.post(f"/_mock/jobs/{job_id}/script", json=body)


def metrics_steps(sdk: openai.OpenAI, job_id: str) -> list[int]:
    events = sdk.fine_tuning.jobs.list_events(job_id, limit=100).data
    return [event.data["step"] for event in reversed(events) if event.type == "metrics"]  # type: ignore[index]


def test_script_fail_at_step_fails_after_that_step_with_the_code(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job = seed_job(sdk)
    assert script(http, job.id, outcome="fail", fail_at=7, error_code="server_error").status_code == 200
    clock.advance(3600)

    failed = sdk.fine_tuning.jobs.retrieve(job.id)
    newest = sdk.fine_tuning.jobs.list_events(job.id, limit=1).data[0]

    assert failed.status == "failed"
    assert failed.error is not None
    assert failed.error.model_dump() == {"code": "server_error", "message": SERVER_ERROR, "param": None}
    assert (newest.level, newest.message) == ("error", SERVER_ERROR)
    assert metrics_steps(sdk, job.id) == list(range(1, 8))
    assert (failed.fine_tuned_model, failed.result_files) == (None, [])


def test_script_fail_at_step_fails_when_that_step_ends(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    plan = seed_plan()
    job = seed_job(sdk)
    script(http, job.id, outcome="fail", fail_at=7)

    advance_to(clock, job.created_at, plan.step_offset(7) - 1)
    before = sdk.fine_tuning.jobs.retrieve(job.id).status
    advance_to(clock, job.created_at, plan.step_offset(7))

    assert (before, sdk.fine_tuning.jobs.retrieve(job.id).status) == ("running", "failed")


def test_script_fail_at_validating_files_fails_without_training(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job = seed_job(sdk)
    script(http, job.id, outcome="fail", fail_at="validating_files", error_code="invalid_training_file")
    clock.advance(3600)

    failed = sdk.fine_tuning.jobs.retrieve(job.id)

    assert failed.error is not None
    assert (failed.error.code, failed.error.param) == ("invalid_training_file", "training_file")
    assert metrics_steps(sdk, job.id) == []
    assert "Files validated" not in str(sdk.fine_tuning.jobs.list_events(job.id).data)


def test_script_fail_at_running_fails_before_the_first_step(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job = seed_job(sdk)
    script(http, job.id, outcome="fail", fail_at="running")
    clock.advance(3600)

    messages = [event.message for event in sdk.fine_tuning.jobs.list_events(job.id).data]

    assert messages[:2] == [SERVER_ERROR, "Fine-tuning job started"]
    assert metrics_steps(sdk, job.id) == []


def test_script_fail_with_error_message_shows_it(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    job = seed_job(sdk)
    script(http, job.id, outcome="fail", error_code="capacity_exceeded", error_message="No GPUs left.")
    clock.advance(3600)

    error = sdk.fine_tuning.jobs.retrieve(job.id).error

    assert error is not None
    assert error.model_dump() == {"code": "capacity_exceeded", "message": "No GPUs left.", "param": None}


def test_script_stay_queued_keeps_the_job_queued(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    job = seed_job(sdk)
    script(http, job.id, outcome="stay", status="queued")
    clock.advance(MONTH)

    held = sdk.fine_tuning.jobs.retrieve(job.id)

    assert (held.status, held.estimated_finish) == ("queued", None)
    assert sdk.fine_tuning.jobs.list_events(job.id, limit=1).data[0].message == (
        "Files validated, moving job to queued state")


def test_script_stay_running_holds_the_job_after_its_last_step(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job = seed_job(sdk)
    script(http, job.id, outcome="stay", status="running")
    clock.advance(MONTH)

    held = sdk.fine_tuning.jobs.retrieve(job.id)

    assert (held.status, held.estimated_finish, held.fine_tuned_model) == ("running", None, None)
    assert metrics_steps(sdk, job.id)[-1] == seed_plan().total_steps


def test_script_succeed_releases_a_held_job_from_now_on(
    sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job = seed_job(sdk)
    script(http, job.id, outcome="stay", status="running")
    released_at = clock.advance(MONTH)

    assert script(http, job.id, outcome="succeed").json()["status"] == "running"
    clock.advance(3600)
    done = sdk.fine_tuning.jobs.retrieve(job.id)
    finishing = sdk.fine_tuning.jobs.list_events(job.id, limit=4).data

    assert done.status == "succeeded"
    assert all(event.created_at >= released_at for event in finishing)


def test_script_succeed_overrides_a_file_failure(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    job = seed_job(sdk, chat_file(5))
    script(http, job.id, outcome="succeed")
    clock.advance(3600)

    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "succeeded"


def test_script_answers_the_script_in_force(sdk: openai.OpenAI, http: httpx.Client) -> None:
    job = seed_job(sdk)

    answer = script(http, job.id, outcome="fail", fail_at=7).json()

    assert answer == {"object": "mock.job_script", "job_id": job.id, "outcome": "fail", "fail_at": 7,
                      "error": {"code": "server_error", "message": SERVER_ERROR, "param": None}, "stay_in": None,
                      "status": "validating_files"}


def test_script_terminal_job_conflicts(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    job = seed_job(sdk)
    clock.advance(3600)

    response = script(http, job.id, outcome="fail")

    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        f"Job {job.id} is already succeeded: its outcome can no longer be scripted.")


def test_script_step_already_trained_conflicts(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    job = seed_job(sdk)
    advance_to(clock, job.created_at, seed_plan().step_offset(20))

    response = script(http, job.id, outcome="fail", fail_at=7)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "job_past_scripted_point"
    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "running"


def test_script_stay_in_a_passed_status_conflicts(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    job = seed_job(sdk)
    advance_to(clock, job.created_at, seed_plan().step_offset(20))

    response = script(http, job.id, outcome="stay", status="queued")

    assert response.status_code == 409
    assert "it is already running" in response.json()["error"]["message"]


def test_script_unknown_job_is_not_found(http: httpx.Client) -> None:
    response = script(http, "ftjob-nope", outcome="succeed")

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "No such fine-tuning job: ftjob-nope"


FAIL_AT_EXPECTED = "Input should be 'validating_files', 'running' or a step number (an integer from 1)"
INVALID_BODIES = [
    pytest.param({}, "Missing required parameter: 'outcome'.", "outcome", "missing_required_parameter",
                 id="no-outcome"),
    pytest.param({"outcome": "explode"},
                 "Invalid value for 'outcome': \"explode\". Input should be 'succeed', 'fail' or 'stay'.", "outcome",
                 "invalid_value", id="unknown-outcome"),
    pytest.param({"outcome": "fail", "status": "queued"}, "'status' applies only to the outcome 'stay'.", "status",
                 "invalid_value", id="status-with-fail"),
    pytest.param({"outcome": "stay", "fail_at": 3}, "'fail_at' applies only to the outcome 'fail'.", "fail_at",
                 "invalid_value", id="fail-at-with-stay"),
    pytest.param({"outcome": "succeed", "error_code": "server_error"},
                 "'error_code' applies only to the outcome 'fail'.", "error_code", "invalid_value",
                 id="error-with-succeed"),
    pytest.param({"outcome": "succeed", "when": "now"}, "Unrecognized request argument supplied: when", "when",
                 "unknown_parameter", id="unknown-field"),
    pytest.param({"outcome": "fail", "fail_at": 0},
                 "Invalid value for 'fail_at': 0. Steps are numbered from 1; to fail before the first step, use "
                 "'running'.", "fail_at", "invalid_value", id="step-zero"),
    pytest.param({"outcome": "fail", "fail_at": -2}, f"Invalid value for 'fail_at': -2. {FAIL_AT_EXPECTED}.",
                 "fail_at", "invalid_value", id="negative-step"),
    pytest.param({"outcome": "fail", "fail_at": "7"}, f"Invalid value for 'fail_at': \"7\". {FAIL_AT_EXPECTED}.",
                 "fail_at", "invalid_value", id="step-as-string"),
]


@pytest.mark.parametrize(("body", "message", "param", "code"), INVALID_BODIES)
def test_script_with_invalid_body_is_refused_with_the_reason(
    sdk: openai.OpenAI, http: httpx.Client, body: dict[str, Any], message: str, param: str, code: str
) -> None:
    job = seed_job(sdk)

    response = script(http, job.id, **body)

    assert (response.status_code, response.json()["error"]) == (
        400, {"message": message, "type": "invalid_request_error", "param": param, "code": code}
    )


@pytest.mark.parametrize("body", [
    pytest.param({"outcome": "fail", "fail_at": "succeeded"}, id="unknown-fail-point"),
    pytest.param({"outcome": "fail", "error_code": "Not A Code"}, id="bad-error-code"),
    pytest.param({"outcome": "stay", "status": "succeeded"}, id="stay-in-terminal"),
])
def test_script_with_invalid_body_is_refused(sdk: openai.OpenAI, http: httpx.Client, body: dict[str, Any]) -> None:
    job = seed_job(sdk)

    response = script(http, job.id, **body)

    assert (response.status_code, response.json()["error"]["type"]) == (400, "invalid_request_error")
    assert response.json()["error"]["code"] == "invalid_value"


# -- the same through metadata, for clients that cannot call the control plane -----------------------------

def test_metadata_fail_at_step_fails_there_and_is_echoed(sdk: openai.OpenAI, clock: ManualClock) -> None:
    metadata = {"mock_outcome": "fail", "mock_fail_at": "7", "mock_error_code": "server_error", "team": "ml"}
    job = seed_job(sdk, metadata=metadata)
    clock.advance(3600)

    failed = sdk.fine_tuning.jobs.retrieve(job.id)

    assert (job.metadata, failed.metadata) == (metadata, metadata)
    assert failed.error is not None
    assert (failed.status, failed.error.code) == ("failed", "server_error")
    assert metrics_steps(sdk, job.id) == list(range(1, 8))


def test_metadata_fail_at_alone_means_fail(sdk: openai.OpenAI, clock: ManualClock) -> None:
    job = seed_job(sdk, metadata={"mock_fail_at": "running"})
    clock.advance(3600)

    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "failed"


def test_metadata_stay_keeps_the_job_in_that_status(sdk: openai.OpenAI, clock: ManualClock) -> None:
    job = seed_job(sdk, metadata={"mock_outcome": "stay", "mock_status": "validating_files"})
    clock.advance(MONTH)

    held = sdk.fine_tuning.jobs.retrieve(job.id)

    assert (held.status, held.estimated_finish) == ("validating_files", None)


@pytest.mark.parametrize(("value", "message"), [
    pytest.param("0", "Steps are numbered from 1; to fail before the first step, use 'running'", id="step-zero"),
    pytest.param("soon", FAIL_AT_EXPECTED, id="unknown-fail-point"),
])
def test_metadata_fail_at_that_is_no_step_is_refused_with_the_reason(
    sdk: openai.OpenAI, value: str, message: str
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        seed_job(sdk, metadata={"mock_fail_at": value})

    assert caught.value.body == {
        "message": f"Invalid 'metadata.mock_fail_at': {message}. See mockserver's README (scripted outcomes).",
        "type": "invalid_request_error", "param": "metadata.mock_fail_at", "code": "invalid_value",
    }


@pytest.mark.parametrize(("metadata", "param"), [
    pytest.param({"mock_outcome": "explode"}, "metadata.mock_outcome", id="unknown-outcome"),
    pytest.param({"mock_fail_at": "soon"}, "metadata.mock_fail_at", id="unknown-fail-point"),
    pytest.param({"mock_error_code": "Not A Code"}, "metadata.mock_error_code", id="bad-error-code"),
    pytest.param({"mock_outcome": "stay", "mock_status": "failed"}, "metadata.mock_status", id="stay-in-terminal"),
    pytest.param({"mock_outcome": "succeed", "mock_error_code": "server_error"}, "metadata.mock_error_code",
                 id="error-code-with-succeed"),
])
def test_metadata_with_invalid_script_is_refused(sdk: openai.OpenAI, metadata: dict[str, str], param: str) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        seed_job(sdk, metadata=metadata)

    assert caught.value.status_code == 400
    assert isinstance(caught.value.body, dict)
    assert (caught.value.body["param"], caught.value.body["code"]) == (param, "invalid_value")
