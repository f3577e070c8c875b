"""The cost ledger, read through OpenAI's Admin costs and usage API with the official SDK (strict, live server)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import httpx
import openai
import pytest

from mockserver.core.auth import owner_of
from mockserver.core.clock import ManualClock
from tests.chat_support import marv_messages, seed_model
from tests.conftest import API_KEY, START_TIME
from tests.costs_support import (
    DAY,
    LAUNCH_SET,
    admin_client,
    costs_by_line_item,
    file_of_billing_tokens,
    validate_estimate,
)
from tests.jobs_support import (
    SEED_FILE,
    SEED_MODEL,
    STEP_MESSAGE,
    advance_to,
    chat_file,
    raw_job,
    seed_plan,
    succeeded_seed_job,
    upload,
)
from tests.live_server import LiveServer
from tests.support import sdk_client

TRAINING = "ft-gpt-3.5-turbo-0125, training"
PER_MILLION = Decimal(1_000_000)
# fixtures/pricing.json, pricing-page-2025-11: gpt-3.5-turbo training, fine-tuned and gpt-4o-mini base prices.
TRAINING_PRICE = Decimal("8.00")
FT_INPUT, FT_OUTPUT = Decimal("3.00"), Decimal("6.00")
BASE_MINI_INPUT, BASE_MINI_OUTPUT = Decimal("0.15"), Decimal("0.60")


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = admin_client(live_server.base_url)
    yield client
    client.close()


def test_launch_example_100k_tokens_3_epochs_costs_2_40(
    start_server: Callable[..., LiveServer], clock: ManualClock
) -> None:
    server = start_server(price_set=LAUNCH_SET)
    sdk, admin = sdk_client(server.base_url, API_KEY), admin_client(server.base_url)
    file_id = upload(sdk, file_of_billing_tokens(100_000))
    job = sdk.fine_tuning.jobs.create(model="gpt-3.5-turbo", training_file=file_id, hyperparameters={"n_epochs": 3})
    clock.advance(3600)
    assert sdk.fine_tuning.jobs.retrieve(job.id).trained_tokens == 300_000

    assert costs_by_line_item(admin) == {TRAINING: Decimal("2.40")}


def fine_tuned_call_charges(server: LiveServer, clock: ManualClock) -> tuple[dict[str, Decimal], int, int]:
    """A chat call to the seed job's fine-tuned gpt-3.5-turbo on `server`: its cost lines, prompt and completion
    tokens."""
    with sdk_client(server.base_url, API_KEY) as sdk, admin_client(server.base_url) as admin:
        reply = sdk.chat.completions.create(model=seed_model(sdk, clock), messages=marv_messages())  # type: ignore[arg-type]
        lines = {item: amount for item, amount in costs_by_line_item(admin).items() if item != TRAINING}
    assert reply.usage is not None
    return lines, reply.usage.prompt_tokens, reply.usage.completion_tokens


def test_launch_price_set_charges_fine_tuned_gpt_3_5_inference_at_launch_prices(
    start_server: Callable[..., LiveServer], clock: ManualClock
) -> None:
    launch, prompt, completion = fine_tuned_call_charges(start_server(price_set=LAUNCH_SET), clock)
    default, *_ = fine_tuned_call_charges(start_server(), clock)

    per_1k = Decimal(1000)  # the launch announcement: $0.012 / 1K input tokens, $0.016 / 1K output tokens
    assert launch == {"ft-gpt-3.5-turbo-0125, input": prompt * Decimal("0.012") / per_1k,
                      "ft-gpt-3.5-turbo-0125, output": completion * Decimal("0.016") / per_1k}
    assert default == {"ft-gpt-3.5-turbo-0125, input": prompt * FT_INPUT / PER_MILLION,
                       "ft-gpt-3.5-turbo-0125, output": completion * FT_OUTPUT / PER_MILLION}
    assert all(launch[item] != default[item] for item in launch)


def test_seed_job_charge_is_trained_tokens_times_price_and_the_validate_estimate(
    sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    estimate = validate_estimate(SEED_FILE, "--model", SEED_MODEL)
    job = succeeded_seed_job(sdk, clock)
    assert job.trained_tokens is not None

    charged = costs_by_line_item(admin)[TRAINING]
    assert (charged, charged, job.trained_tokens) == (
        job.trained_tokens * TRAINING_PRICE / PER_MILLION, Decimal(estimate["estimated_cost"]),
        estimate["trained_tokens"])


def test_a_finished_job_nobody_read_is_charged_when_costs_are_read(
    sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    estimate = validate_estimate(SEED_FILE, "--model", SEED_MODEL)
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE))
    clock.advance(3600)  # far past the seed job's end; the job itself is never read

    first, again = costs_by_line_item(admin), costs_by_line_item(admin)
    assert first == again == {TRAINING: Decimal(estimate["estimated_cost"])}
    assert sdk.fine_tuning.jobs.retrieve(job.id).trained_tokens == estimate["trained_tokens"]
    assert costs_by_line_item(admin) == first  # charged once, not again by the later read


def test_inference_charges_are_usage_times_prices_per_model(
    sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    model = seed_model(sdk, clock)
    for question in ("What's the capital of France?", "Who wrote 'Romeo and Juliet'?"):
        sdk.chat.completions.create(model=model, messages=marv_messages(question))  # type: ignore[arg-type]
    sdk.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Say hello."}])
    usage = admin.admin.organization.usage.completions(start_time=START_TIME, group_by=["model"])
    tokens = {r.model: (r.input_tokens, r.output_tokens) for r in usage.data[0].results}  # type: ignore[union-attr]
    costs = costs_by_line_item(admin)

    ft_in, ft_out = tokens[model]
    mini_in, mini_out = tokens["gpt-4o-mini-2024-07-18"]
    assert costs == {
        TRAINING: costs[TRAINING],
        "ft-gpt-3.5-turbo-0125, input": ft_in * FT_INPUT / PER_MILLION,
        "ft-gpt-3.5-turbo-0125, output": ft_out * FT_OUTPUT / PER_MILLION,
        "gpt-4o-mini-2024-07-18, input": mini_in * BASE_MINI_INPUT / PER_MILLION,
        "gpt-4o-mini-2024-07-18, output": mini_out * BASE_MINI_OUTPUT / PER_MILLION,
    }


def test_usage_counts_requests_and_tokens_per_model(
    sdk: openai.OpenAI, admin: openai.OpenAI
) -> None:
    first = sdk.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Say hello."}])
    second = sdk.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi there."}])
    assert first.usage is not None and second.usage is not None

    result = admin.admin.organization.usage.completions(start_time=START_TIME, group_by=["model"]).data[0].results[0]
    assert (result.model, result.num_model_requests, result.input_tokens, result.output_tokens) == (  # type: ignore[union-attr]
        "gpt-4o-mini-2024-07-18", 2, first.usage.prompt_tokens + second.usage.prompt_tokens,
        first.usage.completion_tokens + second.usage.completion_tokens)


def test_costs_and_usage_fall_in_the_day_of_each_call(
    sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    calls = []
    for _ in range(2):
        calls.append(sdk.chat.completions.create(model="gpt-4o-mini",
                                                 messages=[{"role": "user", "content": "Say hello."}]))
        clock.advance(DAY)
    costs = admin.admin.organization.usage.costs(start_time=START_TIME, end_time=START_TIME + 2 * DAY)
    usage = admin.admin.organization.usage.completions(start_time=START_TIME, end_time=START_TIME + 2 * DAY)

    expected = [c.usage.prompt_tokens * BASE_MINI_INPUT / PER_MILLION  # type: ignore[union-attr]
                + c.usage.completion_tokens * BASE_MINI_OUTPUT / PER_MILLION for c in calls]  # type: ignore[union-attr]
    assert [(b.start_time, b.end_time) for b in costs.data] == [(START_TIME, START_TIME + DAY),
                                                                (START_TIME + DAY, START_TIME + 2 * DAY)]
    assert [Decimal(str(b.results[0].amount.value)) for b in costs.data] == expected  # type: ignore[union-attr]
    assert [b.results[0].num_model_requests for b in usage.data] == [1, 1]  # type: ignore[union-attr]


def test_cancel_while_running_charges_the_trained_share(
    sdk: openai.OpenAI, admin: openai.OpenAI, http: httpx.Client, clock: ManualClock
) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE))
    advance_to(clock, job.created_at, seed_plan().step_offset(20))
    raw_job(http, job.id, "cancel")
    steps = [re.match(STEP_MESSAGE, e.message) for e in sdk.fine_tuning.jobs.list_events(job.id, limit=100).data]
    done, total = next((int(m[1]), int(m[2])) for m in steps if m)
    billing = validate_estimate(SEED_FILE, "--model", SEED_MODEL)["billing_tokens"]

    tokens = billing * 10 * done // total  # the seed job trains 10 epochs
    assert 0 < done < total
    assert costs_by_line_item(admin) == {TRAINING: tokens * TRAINING_PRICE / PER_MILLION}


def test_cancel_before_training_charges_nothing(sdk: openai.OpenAI, admin: openai.OpenAI, http: httpx.Client) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE))
    raw_job(http, job.id, "cancel")

    assert costs_by_line_item(admin) == {}


def test_failed_job_charges_nothing(sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock) -> None:
    job = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, chat_file(5)))
    clock.advance(3600)
    assert sdk.fine_tuning.jobs.retrieve(job.id).status == "failed"

    assert costs_by_line_item(admin) == {}


def test_ledger_survives_a_restart(
    live_server: LiveServer, sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    succeeded_seed_job(sdk, clock)
    before = costs_by_line_item(admin)
    live_server.stop()
    restarted = LiveServer(settings=live_server.settings, clock=clock).start()
    try:
        assert costs_by_line_item(admin_client(restarted.base_url)) == before != {}
    finally:
        restarted.stop(wait=False)


def test_costs_group_by_project_and_api_key_name_the_caller(
    sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    succeeded_seed_job(sdk, clock)
    page = admin.admin.organization.usage.costs(start_time=START_TIME, group_by=["project_id", "api_key_id"])

    result = page.data[0].results[0]
    owner = owner_of(API_KEY)
    assert (result.project_id, result.api_key_id, result.line_item) == (  # type: ignore[union-attr]
        f"proj_{owner}", f"key_{owner}", None)


def test_costs_line_items_filter_keeps_only_those(
    sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock
) -> None:
    model = seed_model(sdk, clock)
    sdk.chat.completions.create(model=model, messages=marv_messages())  # type: ignore[arg-type]

    assert list(costs_by_line_item(admin, line_items=[TRAINING])) == [TRAINING]


def test_costs_pages_with_next_page(sdk: openai.OpenAI, admin: openai.OpenAI, clock: ManualClock) -> None:
    sdk.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi."}])
    clock.advance(DAY)
    first = admin.admin.organization.usage.costs(start_time=START_TIME, limit=1)
    second = admin.admin.organization.usage.costs(start_time=START_TIME, limit=1, page=first.next_page)

    assert (first.has_more, [b.start_time for b in first.data + second.data], second.has_more) == (
        True, [START_TIME, START_TIME + DAY], False)


def test_costs_amount_is_the_exact_decimal_text(sdk: openai.OpenAI, http: httpx.Client, clock: ManualClock) -> None:
    succeeded_seed_job(sdk, clock)  # 5,170 trained tokens × $8 / 1M
    body = http.get("/v1/organization/costs", params={"start_time": START_TIME}).text

    assert '"amount":{"value":0.04136,"currency":"usd"}' in body



def test_responses_calls_are_charged_like_chat(sdk: openai.OpenAI, admin: openai.OpenAI) -> None:
    response = sdk.responses.create(model="gpt-4o-mini", input="Say hello.")
    assert response.usage is not None

    assert costs_by_line_item(admin) == {
        "gpt-4o-mini-2024-07-18, input": response.usage.input_tokens * BASE_MINI_INPUT / PER_MILLION,
        "gpt-4o-mini-2024-07-18, output": response.usage.output_tokens * BASE_MINI_OUTPUT / PER_MILLION,
    }
