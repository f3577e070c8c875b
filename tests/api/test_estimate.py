"""`POST /_mock/estimate`: the training charge a job on an uploaded file would get, before the job."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import openai
import pytest

from mockserver.clock import ManualClock
from tests.costs_support import admin_client, costs_by_line_item, file_of_billing_tokens
from tests.jobs_support import SEED_FILE, SEED_MODEL, succeeded_seed_job, upload
from tests.live_server import LiveServer
from tests.support import MISSING_KEY_MESSAGE, envelope


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = admin_client(live_server.base_url)
    yield client
    client.close()


def estimate(http: httpx.Client, **body: Any) -> httpx.Response:
    return http.post("/_mock/estimate", json=body)


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
