"""`POST /_mock/estimate`: the training charge a job on an uploaded file would get, before the job."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from click.testing import CliRunner

from mockserver.commands.validate import validate
from mockserver.core.clock import ManualClock
from tests.costs_support import admin_client, costs_by_line_item, file_of_billing_tokens
from tests.jobs_support import ROOT, SEED_FILE, SEED_MODEL, advance_after_preparations, succeeded_seed_job, upload
from tests.live_server import LiveServer
from tests.support import MISSING_KEY_MESSAGE, envelope


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = admin_client(live_server.base_url)
    yield client
    client.close()


RFT_FILE = ROOT / "fixtures" / "training" / "valid" / "reinforcement.jsonl"
INVALID_FILE = ROOT / "fixtures" / "training" / "invalid" / "all_weights_zero.jsonl"
STRING_CHECK = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
                "reference": "{{item.answer}}", "operation": "eq"}
SHARED_KEYS = ("valid", "n_epochs", "trained_tokens", "estimated_cost", "training_hours", "estimate_note")
NO_ESTIMATE = "A job on this file would fail validation (invalid_training_file) and cost nothing."


def estimate(http: httpx.Client, **body: Any) -> httpx.Response:
    return http.post("/_mock/estimate", json=body)


def validate_json(path: Path, *args: str) -> dict[str, Any]:
    """`mockserver validate PATH --json …`'s report, whatever the exit status (1 for an invalid file)."""
    result = CliRunner().invoke(validate, [str(path), "--json", *args])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.mark.parametrize(("path", "model", "epochs"), [
    pytest.param(RFT_FILE, "o4-mini", "auto", id="rft-per-hour-auto-epochs"),
    pytest.param(RFT_FILE, "o4-mini", 2, id="rft-per-hour-2-epochs"),
    pytest.param(SEED_FILE, SEED_MODEL, 3, id="supervised-per-token"),
    pytest.param(INVALID_FILE, "gpt-4o-mini", "auto", id="invalid-file"),
])
def test_validate_and_estimate_agree_exactly(
    sdk: openai.OpenAI, http: httpx.Client, path: Path, model: str, epochs: int | str
) -> None:
    answer = estimate(http, file_id=upload(sdk, path), model=model, n_epochs=epochs).json()
    report = validate_json(path, "--model", model, "--epochs", str(epochs))

    assert {key: report[key] for key in SHARED_KEYS} == {key: answer[key] for key in SHARED_KEYS}


def test_estimate_for_rft_is_the_training_charge_of_the_job(
    sdk: openai.OpenAI, admin: openai.OpenAI, http: httpx.Client
) -> None:
    file_id = upload(sdk, RFT_FILE)
    answer = estimate(http, file_id=file_id, model="o4-mini").json()
    job = sdk.fine_tuning.jobs.create(
        model="o4-mini", training_file=file_id,
        method={"type": "reinforcement", "reinforcement": {"grader": STRING_CHECK}},  # type: ignore[typeddict-item]
    )
    advance_after_preparations(sdk, 36_000)  # an RFT job's grader runs in its preparation
    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "succeeded"

    assert costs_by_line_item(admin) == {"ft-o4-mini-2025-04-16, training": Decimal(answer["estimated_cost"])}


def test_estimate_of_an_invalid_file_has_no_cost_and_says_why(sdk: openai.OpenAI, http: httpx.Client) -> None:
    answer = estimate(http, file_id=upload(sdk, INVALID_FILE), model="gpt-4o-mini").json()

    assert (answer["valid"], answer["estimated_cost"], answer["training_hours"], answer["estimate_note"],
            answer["job_error"]["code"]) == (False, None, None, NO_ESTIMATE, "invalid_training_file")


def test_estimate_equals_the_training_charge_of_the_job(
    sdk: openai.OpenAI, admin: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    answer = estimate(http, file_id=upload(sdk, SEED_FILE), model=SEED_MODEL).json()
    succeeded_seed_job(sdk, clock)

    assert Decimal(answer["estimated_cost"]) == costs_by_line_item(admin)["ft-gpt-3.5-turbo-0125, training"]


def test_estimate_of_100k_tokens_3_epochs_at_8_per_million(sdk: openai.OpenAI, http: httpx.Client) -> None:
    file_id = upload(sdk, file_of_billing_tokens(100_000))
    answer = estimate(http, file_id=file_id, model="gpt-3.5-turbo", n_epochs=3).json()

    assert {key: answer[key] for key in ("billing_tokens", "n_epochs", "trained_tokens", "estimated_cost")} == {
        "billing_tokens": 100_000, "n_epochs": 3, "trained_tokens": 300_000, "estimated_cost": "2.40"}


def test_estimate_names_the_price_used(sdk: openai.OpenAI, http: httpx.Client) -> None:
    answer = estimate(http, file_id=upload(sdk, SEED_FILE), model=SEED_MODEL).json()

    assert {k: answer["price"][k] for k in ("set", "as_of", "rate", "unit")} == {
        "set": "pricing-page-2025-11", "as_of": "2025-11-01", "rate": "8.00", "unit": "1M tokens"}


def test_estimate_for_hourly_model_counts_training_hours(sdk: openai.OpenAI, http: httpx.Client) -> None:
    rows = (b'{"messages": [{"role": "user", "content": "2+2?"}], "reference_answer": "4"}\n' * 10)
    answer = estimate(http, file_id=upload(sdk, rows), model="o4-mini", n_epochs=2).json()

    # 10 examples at batch 1, 2 epochs: 20 steps × 10 s = 200 s → 0.06 h (rounded up) × $100/h
    assert (answer["training_hours"], answer["estimated_cost"], answer["price"]["unit"]) == ("0.06", "6.0000", "hour")


def test_estimate_unknown_file_is_404(http: httpx.Client) -> None:
    response = estimate(http, file_id="file-nope", model=SEED_MODEL)

    assert (response.status_code, response.json()) == (404, envelope("No such File object: file-nope",
                                                                     param="file_id"))


def test_estimate_unknown_model_is_404(sdk: openai.OpenAI, http: httpx.Client) -> None:
    response = estimate(http, file_id=upload(sdk, SEED_FILE), model="gpt-9")

    assert (response.status_code, response.json()) == (404, envelope(
        "The model `gpt-9` does not exist or you do not have access to it.", param="model", code="model_not_found"))


def test_estimate_bad_epochs_is_400(sdk: openai.OpenAI, http: httpx.Client) -> None:
    response = estimate(http, file_id=upload(sdk, SEED_FILE), model=SEED_MODEL, n_epochs=51)

    assert (response.status_code, response.json()) == (400, envelope(
        "Invalid 'n_epochs': n_epochs must be 'auto' or an integer from 1 to 50, got 51.", param="n_epochs",
        code="invalid_value"))


def test_estimate_unsupported_method_is_400(sdk: openai.OpenAI, http: httpx.Client) -> None:
    response = estimate(http, file_id=upload(sdk, SEED_FILE), model=SEED_MODEL, method="dpo")

    assert (response.status_code, response.json()) == (400, envelope(
        "gpt-3.5-turbo-0125 cannot be fine-tuned with method 'dpo'", param="method", code="invalid_value"))


def test_estimate_needs_an_api_key(live_server: LiveServer) -> None:
    response = httpx.post(f"{live_server.base_url}/_mock/estimate", json={"file_id": "f", "model": SEED_MODEL})

    assert (response.status_code, response.json()) == (401, envelope(MISSING_KEY_MESSAGE))
