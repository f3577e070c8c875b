"""Job requests the audits found untested: RFT hyperparameters, auto values per model, unknown jobs, bad limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from tests.jobs_support import SEED_FILE, SEED_MODEL, advance_to, seed_plan, upload
from tests.support import envelope

RFT_MODEL = "o4-mini"
STRING_CHECK = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
                "reference": "{{item.answer}}", "operation": "eq"}
RFT_HYPERPARAMETERS = "method.reinforcement.hyperparameters"
PROMPT_COMPLETION_FILE = Path(SEED_FILE).parent / "prompt_completion.jsonl"
UNKNOWN_JOB = "ftjob-doesnotexist0000000000"


def rft_body(training_file: str, hyperparameters: dict[str, Any] | None = None) -> dict[str, Any]:
    reinforcement: dict[str, Any] = {"grader": STRING_CHECK}
    if hyperparameters is not None:
        reinforcement["hyperparameters"] = hyperparameters
    return {"model": RFT_MODEL, "training_file": training_file,
            "method": {"type": "reinforcement", "reinforcement": reinforcement}}


def test_rft_job_echoes_all_seven_hyperparameters(sdk: openai.OpenAI, http: httpx.Client) -> None:
    body = rft_body(upload(sdk, SEED_FILE), {"compute_multiplier": 2, "eval_samples": 3})

    created = http.post("/v1/fine_tuning/jobs", json=body).json()
    retrieved = sdk.fine_tuning.jobs.retrieve(created["id"])  # strict: every value must fit the SDK's types

    assert created["method"]["reinforcement"]["hyperparameters"] == {
        "n_epochs": "auto", "batch_size": "auto", "learning_rate_multiplier": "auto", "compute_multiplier": 2,
        "eval_interval": "auto", "eval_samples": 3, "reasoning_effort": "default"}
    assert retrieved.method is not None and retrieved.method.reinforcement is not None
    assert retrieved.method.reinforcement.hyperparameters is not None
    assert retrieved.method.reinforcement.hyperparameters.reasoning_effort == "default"


def test_rft_job_keeps_the_asked_reasoning_effort(sdk: openai.OpenAI, http: httpx.Client) -> None:
    body = rft_body(upload(sdk, SEED_FILE), {"reasoning_effort": "high"})

    created = http.post("/v1/fine_tuning/jobs", json=body).json()

    assert created["method"]["reinforcement"]["hyperparameters"]["reasoning_effort"] == "high"


RFT_ERRORS = [
    pytest.param({"compute_multiplier": 0}, "Invalid value for '{p}.compute_multiplier': 0. It must be > 1e-05 and "
                 "<= 10.", "compute_multiplier", "invalid_value", id="compute-multiplier-0"),
    pytest.param({"compute_multiplier": 11}, "Invalid value for '{p}.compute_multiplier': 11. It must be > 1e-05 "
                 "and <= 10.", "compute_multiplier", "invalid_value", id="compute-multiplier-11"),
    pytest.param({"eval_interval": 0}, "Invalid value for '{p}.eval_interval': 0. It must be >= 1.",
                 "eval_interval", "invalid_value", id="eval-interval-0"),
    pytest.param({"eval_interval": 1.5}, "Invalid type for '{p}.eval_interval': expected an integer or 'auto', "
                 "but got 1.5 instead.", "eval_interval", "invalid_type", id="eval-interval-float"),
    pytest.param({"eval_samples": 0}, "Invalid value for '{p}.eval_samples': 0. It must be >= 1.",
                 "eval_samples", "invalid_value", id="eval-samples-0"),
    pytest.param({"reasoning_effort": "auto"}, "Invalid value for '{p}.reasoning_effort': 'auto'. Supported values "
                 "are: 'default', 'low', 'medium', 'high'.", "reasoning_effort", "invalid_value",
                 id="reasoning-effort-auto"),
]


@pytest.mark.parametrize(("hyperparameters", "message", "name", "code"), RFT_ERRORS)
def test_rft_job_with_bad_hyperparameter_is_refused(
    sdk: openai.OpenAI, http: httpx.Client, hyperparameters: dict[str, Any], message: str, name: str, code: str,
) -> None:
    response = http.post("/v1/fine_tuning/jobs", json=rft_body(upload(sdk, SEED_FILE), hyperparameters))

    assert response.status_code == 400
    assert response.json() == envelope(message.format(p=RFT_HYPERPARAMETERS), param=f"{RFT_HYPERPARAMETERS}.{name}",
                                       code=code)
    assert http.get("/v1/fine_tuning/jobs").json()["data"] == []


@pytest.mark.parametrize(("model", "training_file", "multiplier"), [
    ("davinci-002", PROMPT_COMPLETION_FILE, 1.0),
    ("gpt-4.1-nano-2025-04-14", SEED_FILE, 1.0),
    ("gpt-4o-mini-2024-07-18", SEED_FILE, 1.8),
    (SEED_MODEL, SEED_FILE, 2.0),
])
def test_auto_learning_rate_multiplier_is_the_observed_one_per_model(
    sdk: openai.OpenAI, clock: ManualClock, model: str, training_file: Path, multiplier: float,
) -> None:
    job = sdk.fine_tuning.jobs.create(model=model, training_file=upload(sdk, training_file))

    advance_to(clock, job.created_at, seed_plan().validate_s)  # resolved once validation is over

    queued = sdk.fine_tuning.jobs.retrieve(job.id)
    assert queued.status in ("queued", "running")
    assert queued.hyperparameters.learning_rate_multiplier == multiplier


def test_job_with_validation_file_of_wrong_purpose_is_refused(sdk: openai.OpenAI, http: httpx.Client) -> None:
    batch = upload(sdk, SEED_FILE, purpose="batch")
    body = {"model": SEED_MODEL, "training_file": upload(sdk, SEED_FILE), "validation_file": batch}

    response = http.post("/v1/fine_tuning/jobs", json=body)

    assert response.status_code == 400
    assert response.json() == envelope(
        f"invalid validation_file: {batch}. Files used for fine-tuning must have purpose 'fine-tune', but this one "
        "has purpose 'batch'.", param="validation_file", code=None)


@pytest.mark.parametrize(("method", "suffix"), [
    ("POST", "/cancel"), ("POST", "/pause"), ("POST", "/resume"), ("GET", "/events"), ("GET", "/checkpoints"),
])
def test_action_on_unknown_job_is_not_found(http: httpx.Client, method: str, suffix: str) -> None:
    response = http.request(method, f"/v1/fine_tuning/jobs/{UNKNOWN_JOB}{suffix}")

    assert response.status_code == 404
    assert response.json() == envelope(f"No such fine-tuning job: {UNKNOWN_JOB}", param="fine_tuning_job_id",
                                       code="fine_tune_not_found")


def test_sdk_cancel_of_unknown_job_raises_not_found(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        sdk.fine_tuning.jobs.cancel(UNKNOWN_JOB)


@pytest.mark.parametrize("query", ["limit=0", "limit=101"])
@pytest.mark.parametrize("path", ["/v1/fine_tuning/jobs", "/v1/fine_tuning/jobs/{job}/events",
                                  "/v1/fine_tuning/jobs/{job}/checkpoints"])
def test_list_with_limit_out_of_range_is_refused(
    sdk: openai.OpenAI, http: httpx.Client, path: str, query: str,
) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE))
    limit = int(query.split("=")[1])

    response = http.get(f"{path.format(job=job.id)}?{query}")

    assert response.status_code == 400
    assert response.json() == envelope(f"Invalid 'limit': {limit}. It must be between 1 and 100.", param="limit",
                                       code="invalid_value")


def test_job_with_expired_training_file_is_refused(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    expiring = sdk.files.create(file=(SEED_FILE.name, SEED_FILE.read_bytes()), purpose="fine-tune",
                                expires_after={"anchor": "created_at", "seconds": 3600})
    clock.advance(3601)

    response = http.post("/v1/fine_tuning/jobs", json={"model": SEED_MODEL, "training_file": expiring.id})

    assert response.status_code == 400
    assert response.json()["error"]["param"] == "training_file"
    assert expiring.id in response.json()["error"]["message"]
    assert http.get("/v1/fine_tuning/jobs").json()["data"] == []
