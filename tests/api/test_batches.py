"""The Batch API through the strict SDK: create, the lifecycle on the server clock, outputs, costs, errors."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx
import openai
import pytest

from mockserver.core.clock import ManualClock
from mockserver.simulator.batches import COMPLETION_WINDOW
from tests.conftest import START_TIME
from tests.costs_support import admin_client, costs_by_line_item
from tests.jobs_support import assert_api_error, jsonl, upload
from tests.live_server import LiveServer
from tests.support import envelope

MODEL = "gpt-4o-mini"
SNAPSHOT = "gpt-4o-mini-2024-07-18"
CHAT = "/v1/chat/completions"
HOUR = 3_600
DAY = 86_400


def chat_line(custom_id: str, question: str, *, model: str = MODEL, url: str = CHAT, **body: Any) -> dict[str, Any]:
    return {"custom_id": custom_id, "method": "POST", "url": url,
            "body": {"model": model, "messages": [{"role": "user", "content": question}], **body}}


QUESTIONS = ["What is the capital of France?", "Name a prime number.", "Say hello."]


def batch_file(sdk: openai.OpenAI, rows: list[dict[str, Any] | str]) -> str:
    return upload(sdk, jsonl(rows), name="batch.jsonl", purpose="batch")


def create(sdk: openai.OpenAI, rows: list[dict[str, Any] | str], **params: Any) -> Any:
    return sdk.batches.create(input_file_id=batch_file(sdk, rows), endpoint=CHAT, completion_window="24h", **params)


def lines_of(sdk: openai.OpenAI, file_id: str | None) -> list[dict[str, Any]]:
    assert file_id is not None
    return [json.loads(line) for line in sdk.files.content(file_id).text.splitlines()]


def test_a_batch_runs_to_completed_and_answers_as_the_chat_endpoint(sdk: openai.OpenAI, clock: ManualClock) -> None:
    batch = create(sdk, [chat_line(f"q{index}", question) for index, question in enumerate(QUESTIONS)],
                   metadata={"team": "eval"})
    assert (batch.status, batch.model, batch.metadata) == ("validating", MODEL, {"team": "eval"})
    assert batch.expires_at == batch.created_at + COMPLETION_WINDOW
    clock.advance(6)
    running = sdk.batches.retrieve(batch.id)
    assert running.status == "in_progress" and running.output_file_id is None
    clock.advance(HOUR)
    done = sdk.batches.retrieve(batch.id)
    assert done.status == "completed"
    assert done.in_progress_at is not None and done.finalizing_at is not None and done.completed_at is not None
    assert batch.created_at < done.in_progress_at < done.finalizing_at < done.completed_at
    assert done.request_counts is not None
    assert (done.request_counts.completed, done.request_counts.failed, done.request_counts.total) == (3, 0, 3)
    assert done.error_file_id is None
    output = lines_of(sdk, done.output_file_id)
    assert [line["custom_id"] for line in output] == ["q0", "q1", "q2"]
    assert sdk.files.retrieve(done.output_file_id or "").purpose == "batch_output"
    for line, question in zip(output, QUESTIONS, strict=True):
        assert set(line) == {"id", "custom_id", "response", "error"} and line["id"].startswith("batch_req_")
        assert set(line["response"]) == {"status_code", "request_id", "body"}
        assert line["error"] is None and line["response"]["status_code"] == 200
        direct = sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
        body = line["response"]["body"]
        assert body["choices"] == [choice.to_dict() for choice in direct.choices]
        assert body["usage"] == direct.usage.to_dict() if direct.usage else None
    assert done.usage is not None
    assert done.usage.input_tokens == sum(line["response"]["body"]["usage"]["prompt_tokens"] for line in output)


def test_a_batch_is_charged_half_the_price_of_the_same_calls(
    sdk: openai.OpenAI, clock: ManualClock, live_server: LiveServer
) -> None:
    batch = create(sdk, [chat_line(f"q{index}", question) for index, question in enumerate(QUESTIONS)])
    clock.advance(HOUR)
    assert sdk.batches.retrieve(batch.id).status == "completed"
    admin = admin_client(live_server.base_url)
    batch_costs = costs_by_line_item(admin)
    for question in QUESTIONS:
        sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
    all_costs = costs_by_line_item(admin)
    for what in ("input", "output"):
        batch_amount = batch_costs[f"{SNAPSHOT}, batch {what}"]
        assert batch_amount > 0
        assert batch_amount * 2 == all_costs[f"{SNAPSHOT}, {what}"]
    assert f"{SNAPSHOT}, input" not in batch_costs
    # Read again, the batch is not charged twice.
    assert sdk.batches.retrieve(batch.id).status == "completed"
    assert costs_by_line_item(admin)[f"{SNAPSHOT}, batch input"] == batch_costs[f"{SNAPSHOT}, batch input"]


def test_failing_requests_go_to_the_error_file_with_the_routes_error(sdk: openai.OpenAI, clock: ManualClock) -> None:
    rows: list[dict[str, Any] | str] = [
        chat_line("ok", "Say hello."),
        {"custom_id": "no-messages", "method": "POST", "url": CHAT, "body": {"model": MODEL}},
        chat_line("bad-n", "Say hello.", n=1000),
    ]
    batch = create(sdk, rows)
    clock.advance(HOUR)
    done = sdk.batches.retrieve(batch.id)
    assert done.status == "completed" and done.request_counts is not None
    assert (done.request_counts.completed, done.request_counts.failed) == (1, 2)
    assert [line["custom_id"] for line in lines_of(sdk, done.output_file_id)] == ["ok"]
    errors = {line["custom_id"]: line["response"] for line in lines_of(sdk, done.error_file_id)}
    assert set(errors) == {"no-messages", "bad-n"}
    missing = errors["no-messages"]
    assert missing["status_code"] == 400
    assert missing["body"]["error"]["param"] == "messages"
    assert missing["body"]["error"]["code"] == "missing_required_parameter"
    assert errors["bad-n"]["status_code"] == 400 and errors["bad-n"]["body"]["error"]["param"] == "n"


def test_an_invalid_input_file_fails_the_batch_with_errors_naming_lines(sdk: openai.OpenAI,
                                                                         clock: ManualClock) -> None:
    rows: list[dict[str, Any] | str] = [
        chat_line("a", "One"), chat_line("a", "Two"), chat_line("c", "Three", url="/v1/responses"),
        chat_line("d", "Four", model="gpt-4o"), "not json", {**chat_line("f", "Six"), "method": "GET"},
    ]
    batch = create(sdk, rows)
    clock.advance(HOUR)
    failed = sdk.batches.retrieve(batch.id)
    assert failed.status == "failed" and failed.failed_at is not None and failed.in_progress_at is None
    assert failed.errors is not None and failed.errors.data is not None
    found = [(error.line, error.code, error.param) for error in failed.errors.data]
    assert found == [(2, "duplicate_custom_id", "custom_id"), (3, "invalid_url", "url"),
                     (4, "mismatched_model", "body.model"), (5, "invalid_json_line", None),
                     (6, "invalid_method", "method")]
    assert failed.output_file_id is None and failed.error_file_id is None


def test_a_cancelled_batch_keeps_the_work_done_before_the_cancel(sdk: openai.OpenAI, clock: ManualClock) -> None:
    batch = create(sdk, [chat_line(f"q{index}", f"Question {index}") for index in range(10)])
    clock.advance(5 + 10)  # validated, then half of the 10 + 10 s run
    cancelling = sdk.batches.cancel(batch.id)
    assert cancelling.status == "cancelling" and cancelling.cancelling_at == START_TIME + 15
    clock.advance(5)
    cancelled = sdk.batches.retrieve(batch.id)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at == START_TIME + 20
    assert cancelled.request_counts is not None
    assert (cancelled.request_counts.completed, cancelled.request_counts.failed) == (5, 5)
    assert [line["custom_id"] for line in lines_of(sdk, cancelled.output_file_id)] == [f"q{i}" for i in range(5)]
    unrun = lines_of(sdk, cancelled.error_file_id)
    assert [line["error"]["code"] for line in unrun] == ["batch_cancelled"] * 5
    with pytest.raises(openai.ConflictError) as caught:
        sdk.batches.cancel(batch.id)
    assert_api_error(caught, 409, "Cannot cancel a batch with status 'cancelled'.", param="batch_id")


def test_a_batch_past_its_window_expires_with_partial_work(sdk: openai.OpenAI, clock: ManualClock) -> None:
    batch = create(sdk, [chat_line(f"q{index}", f"Question {index}") for index in range(4)],
                   metadata={"mock_outcome": "expire"})
    clock.advance(COMPLETION_WINDOW - 1)
    assert sdk.batches.retrieve(batch.id).status == "in_progress"
    clock.advance(HOUR)
    expired = sdk.batches.retrieve(batch.id)
    assert expired.status == "expired" and expired.expired_at == batch.created_at + COMPLETION_WINDOW
    assert expired.request_counts is not None
    assert (expired.request_counts.completed, expired.request_counts.failed) == (1, 3)
    assert [line["error"]["code"] for line in lines_of(sdk, expired.error_file_id)] == ["batch_expired"] * 3


def test_batches_are_listed_newest_first_in_pages(sdk: openai.OpenAI, clock: ManualClock) -> None:
    ids = []
    for _ in range(3):
        ids.append(create(sdk, [chat_line("q", "Hi")]).id)
        clock.advance(1)
    first = sdk.batches.list(limit=2)
    assert [batch.id for batch in first.data] == ids[:0:-1] and first.has_more
    second = sdk.batches.list(limit=2, after=first.data[-1].id)
    assert [batch.id for batch in second.data] == [ids[0]] and not second.has_more
    assert [batch.id for batch in sdk.batches.list()] == ids[::-1]


SERVED = "Supported values are: '/v1/chat/completions', '/v1/responses', '/v1/completions'."


@pytest.mark.parametrize(("params", "status", "message", "param", "code"), [
    pytest.param({"endpoint": "/v1/embeddings"}, 400, "Invalid value for 'endpoint': '/v1/embeddings' is not served "
                 f"by this server. {SERVED}", "endpoint", "invalid_value", id="endpoint not served"),
    pytest.param({"endpoint": "/v1/nothing"}, 400, "Invalid value for 'endpoint': '/v1/nothing' is not a supported "
                 f"endpoint. {SERVED}", "endpoint", "invalid_value", id="endpoint unknown"),
    pytest.param({"completion_window": "48h"}, 400, "Invalid value for 'completion_window': '48h'. Supported values "
                 "are: '24h'.", "completion_window", "invalid_value", id="window"),
    pytest.param({"metadata": {f"k{i}": "v" for i in range(17)}}, 400, "Invalid 'metadata': too many properties. "
                 "Expected an object with at most 16 properties, but got an object with 17 properties instead.",
                 "metadata", "object_above_max_properties", id="metadata pairs"),
    pytest.param({"metadata": {"k": "v" * 513}}, 400, "Invalid 'metadata.k': string too long. Expected a string "
                 "with maximum length 512, but got a string with length 513 instead.", "metadata.k",
                 "string_above_max_length", id="metadata value"),
    pytest.param({"output_expires_after": {"anchor": "created_at", "seconds": 60}}, 400,
                 "Invalid 'output_expires_after.seconds': 60. It must be between 3600 and 2592000 seconds.",
                 "output_expires_after.seconds", "invalid_value", id="output expiry"),
    pytest.param({"input_file_id": "file-missing"}, 404, "No such File object: file-missing", "input_file_id", None,
                 id="unknown file"),
])
def test_a_bad_create_is_refused_and_stores_nothing(
    sdk: openai.OpenAI, params: dict[str, Any], status: int, message: str, param: str, code: str | None
) -> None:
    body = {"input_file_id": batch_file(sdk, [chat_line("q", "Hi")]), "endpoint": CHAT, "completion_window": "24h",
            **params}
    with pytest.raises(openai.APIStatusError) as caught:
        sdk.batches.create(**body)
    assert_api_error(caught, status, message, param=param, code=code)
    assert sdk.batches.list().data == []


def test_an_input_file_of_another_purpose_is_refused(sdk: openai.OpenAI) -> None:
    file_id = upload(sdk, jsonl([chat_line("q", "Hi")]), name="batch.jsonl", purpose="user_data")
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.batches.create(input_file_id=file_id, endpoint=CHAT, completion_window="24h")
    assert_api_error(caught, 400, f"Invalid 'input_file_id': {file_id}. A batch's input file must have purpose "
                     "'batch', but this one has purpose 'user_data'.", param="input_file_id", code="invalid_value")


def test_cancelling_a_completed_batch_is_a_conflict(sdk: openai.OpenAI, clock: ManualClock,
                                                    http: httpx.Client) -> None:
    batch = create(sdk, [chat_line("q", "Hi")])
    clock.advance(HOUR)
    response = http.post(f"/v1/batches/{batch.id}/cancel")
    assert response.status_code == 409
    assert response.json() == envelope("Cannot cancel a batch with status 'completed'.", param="batch_id")


def test_an_unknown_batch_is_not_found(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.batches.retrieve("batch_nope")
    assert_api_error(caught, 404, "No batch found with id 'batch_nope'.", param="batch_id")


def test_output_files_expire_as_asked(sdk: openai.OpenAI, clock: ManualClock) -> None:
    batch = create(sdk, [chat_line("q", "Hi")], output_expires_after={"anchor": "created_at", "seconds": HOUR})
    clock.advance(60)
    done = sdk.batches.retrieve(batch.id)
    assert done.output_file_id is not None and done.completed_at is not None
    assert sdk.files.retrieve(done.output_file_id).expires_at == done.completed_at + HOUR


def test_batch_money_is_exact(sdk: openai.OpenAI, clock: ManualClock, live_server: LiveServer) -> None:
    """The batch lines are exactly half of the listed prices (no rounding on the way)."""
    batch = create(sdk, [chat_line("q", "Say hello.")])
    clock.advance(HOUR)
    done = sdk.batches.retrieve(batch.id)
    assert done.usage is not None
    costs = costs_by_line_item(admin_client(live_server.base_url))
    # gpt-4o-mini's listed base input price is $0.15 per 1M tokens: half is $0.075.
    assert costs[f"{SNAPSHOT}, batch input"] == Decimal("0.075") * done.usage.input_tokens / 1_000_000


def test_a_responses_batch_answers_as_the_responses_endpoint(sdk: openai.OpenAI, clock: ManualClock) -> None:
    line = {"custom_id": "r", "method": "POST", "url": "/v1/responses",
            "body": {"model": MODEL, "input": "What is the capital of France?"}}
    batch = sdk.batches.create(input_file_id=batch_file(sdk, [line]), endpoint="/v1/responses",
                               completion_window="24h")
    clock.advance(HOUR)
    done = sdk.batches.retrieve(batch.id)
    assert done.status == "completed"
    body = lines_of(sdk, done.output_file_id)[0]["response"]["body"]
    direct = sdk.responses.create(model=MODEL, input="What is the capital of France?")
    assert body["object"] == "response" and body["output"][0]["content"] == direct.to_dict()["output"][0]["content"]
    assert body["usage"]["input_tokens"] == (direct.usage.input_tokens if direct.usage else None)


def test_a_completions_batch_answers_as_the_completions_endpoint(sdk: openai.OpenAI, clock: ManualClock) -> None:
    body = {"model": "babbage-002", "prompt": "Once upon a time", "max_tokens": 5}
    line = {"custom_id": "c", "method": "POST", "url": "/v1/completions", "body": body}
    batch = sdk.batches.create(input_file_id=batch_file(sdk, [line]), endpoint="/v1/completions",
                               completion_window="24h")
    clock.advance(HOUR)
    done = sdk.batches.retrieve(batch.id)
    assert done.status == "completed" and done.usage is not None
    answer = lines_of(sdk, done.output_file_id)[0]["response"]["body"]
    direct = sdk.completions.create(model="babbage-002", prompt="Once upon a time", max_tokens=5)
    assert answer["object"] == "text_completion" and answer["choices"][0]["text"] == direct.choices[0].text
    assert direct.usage is not None and done.usage.input_tokens == direct.usage.prompt_tokens


def test_usage_tells_batch_requests_apart(sdk: openai.OpenAI, clock: ManualClock, live_server: LiveServer) -> None:
    batch = create(sdk, [chat_line(f"q{index}", question) for index, question in enumerate(QUESTIONS)])
    clock.advance(HOUR)
    assert sdk.batches.retrieve(batch.id).status == "completed"
    sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Say hello."}])
    usage = admin_client(live_server.base_url).admin.organization.usage
    grouped = usage.completions(start_time=START_TIME, group_by=["batch"])
    requests = {result.batch: result.num_model_requests for bucket in grouped.data for result in bucket.results}
    assert requests == {True: 3, False: 1}
    only_batch = usage.completions(start_time=START_TIME, batch=True)
    assert sum(result.num_model_requests for bucket in only_batch.data for result in bucket.results) == 3


def test_a_costs_read_charges_a_batch_nobody_has_read(sdk: openai.OpenAI, clock: ManualClock,
                                                      live_server: LiveServer) -> None:
    batch = create(sdk, [chat_line("q", "Say hello.")])
    clock.advance(HOUR)
    admin = admin_client(live_server.base_url)
    charged = costs_by_line_item(admin)[f"{SNAPSHOT}, batch input"]
    done = sdk.batches.retrieve(batch.id)
    assert done.status == "completed" and done.usage is not None and done.output_file_id is not None
    assert charged == Decimal("0.075") * done.usage.input_tokens / 1_000_000
    assert costs_by_line_item(admin)[f"{SNAPSHOT}, batch input"] == charged


def test_a_batch_whose_input_file_was_deleted_fails_its_requests(sdk: openai.OpenAI, clock: ManualClock) -> None:
    batch = create(sdk, [chat_line("a", "One"), chat_line("b", "Two")])
    sdk.files.delete(batch.input_file_id)
    clock.advance(HOUR)
    done = sdk.batches.retrieve(batch.id)
    assert done.status == "completed" and done.request_counts is not None
    assert (done.request_counts.completed, done.request_counts.failed, done.request_counts.total) == (0, 2, 2)
    assert done.output_file_id is None and done.error_file_id is None


def test_a_report_runs_only_the_unread_batches_that_finished_in_its_window(
        sdk: openai.OpenAI, clock: ManualClock, live_server: LiveServer) -> None:
    early = create(sdk, [chat_line("early", "Say hello.")])
    clock.advance(2 * DAY)
    late = create(sdk, [chat_line("late", "Name a prime number.")])
    clock.advance(HOUR)
    admin = admin_client(live_server.base_url)
    admin.admin.organization.usage.costs(start_time=START_TIME + DAY)  # the early batch finished before it
    outputs = sdk.files.list(purpose="batch_output").data
    assert [file.filename for file in outputs] == [f"{late.id}_output.jsonl"]
    # Still exact: a report over both days runs the early batch and charges both.
    charged = costs_by_line_item(admin)[f"{SNAPSHOT}, batch input"]
    tokens = sum(batch.usage.input_tokens for batch in map(sdk.batches.retrieve, (early.id, late.id))
                 if batch.usage is not None)
    assert charged == Decimal("0.075") * tokens / 1_000_000
