"""`--lenient-ids`: unknown ids of served resources answer with placeholders (never stored); without it, 404s.
And requests the SDK's generated tests send that the real API accepts (function tools' newer keys)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.services.lenient_ids import PLACEHOLDER_BASE_MODEL
from tests.conftest import API_KEY
from tests.harness_support import control_client
from tests.jobs_support import assert_api_error
from tests.live_server import LiveServer
from tests.support import envelope, sdk_client

NEWER_FUNCTION_TOOL = {
    "type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}, "strict": False,
    "allowed_callers": ["direct"], "defer_loading": False, "async": True, "output_schema": {"type": "object"},
}


@pytest.fixture
def lenient_server(tmp_path: Path, clock: ManualClock) -> Iterator[LiveServer]:
    settings = Settings(data_dir=tmp_path / "lenient", seed=1234, lenient_ids=True)
    server = LiveServer(settings=settings, clock=clock).start()
    yield server
    server.stop(wait=False)


@pytest.fixture
def lenient_sdk(lenient_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = sdk_client(lenient_server.base_url, API_KEY)
    yield client
    client.close()


def test_without_the_flag_an_unknown_file_is_a_404(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.files.retrieve("file-abc123")

    assert_api_error(caught, 404, "No such File object: file-abc123", param="id")


def test_an_unknown_file_is_a_processed_fine_tune_file_and_is_not_stored(lenient_sdk: openai.OpenAI) -> None:
    file = lenient_sdk.files.retrieve("file-abc123")

    assert (file.id, file.status, file.purpose) == ("file-abc123", "processed", "fine-tune")
    assert lenient_sdk.files.content("file-abc123").text.startswith('{"messages"')
    assert lenient_sdk.files.delete("file-abc123").deleted
    assert lenient_sdk.files.list().data == []


def test_an_unknown_job_has_succeeded_with_a_model_that_answers(lenient_sdk: openai.OpenAI) -> None:
    job = lenient_sdk.fine_tuning.jobs.retrieve("ftjob-abc123")

    assert job.status == "succeeded" and job.fine_tuned_model is not None
    assert job.fine_tuned_model == lenient_sdk.fine_tuning.jobs.retrieve("ftjob-abc123").fine_tuned_model
    assert lenient_sdk.models.retrieve(job.fine_tuned_model).owned_by == "mockserver"
    assert lenient_sdk.fine_tuning.jobs.cancel("ftjob-abc123").status == "cancelled"
    completion = lenient_sdk.chat.completions.create(model=job.fine_tuned_model,
                                                    messages=[{"role": "user", "content": "Hello"}])
    assert completion.model == PLACEHOLDER_BASE_MODEL and completion.choices[0].message.content
    assert lenient_sdk.fine_tuning.jobs.list().data == []


def test_unknown_stored_objects_are_placeholders_and_are_not_stored(lenient_sdk: openai.OpenAI) -> None:
    assert lenient_sdk.chat.completions.retrieve("chatcmpl-abc123").id == "chatcmpl-abc123"
    assert lenient_sdk.responses.retrieve("resp_abc123").status == "completed"
    assert lenient_sdk.responses.input_items.list("resp_abc123").data
    assert lenient_sdk.uploads.cancel("upload_abc123").status == "cancelled"
    permissions = lenient_sdk.fine_tuning.checkpoints.permissions.create(
        "ft:gpt-4o-mini-2024-07-18:mockserver::abc123", project_ids=["proj_abc"])
    assert len(permissions.data) == 1
    assert lenient_sdk.chat.completions.list().data == []


def test_a_job_on_an_unknown_training_file_runs_to_succeeded_and_stores_no_file(
    lenient_sdk: openai.OpenAI, clock: ManualClock,
) -> None:
    job = lenient_sdk.fine_tuning.jobs.create(model="gpt-4o-mini", training_file="file-abc123",
                                              validation_file="file-abc123")
    clock.advance(3600)

    done = lenient_sdk.fine_tuning.jobs.retrieve(job.id)
    assert (done.status, done.training_file, done.error) == ("succeeded", "file-abc123", None)
    assert done.trained_tokens and done.fine_tuned_model is not None
    completion = lenient_sdk.chat.completions.create(model=done.fine_tuned_model,
                                                    messages=[{"role": "user", "content": "Hello"}])
    assert completion.model == done.fine_tuned_model  # the job's own model, not a placeholder one
    assert completion.choices[0].message.content == "Hi!"  # answered from the placeholder training file
    assert [file.purpose for file in lenient_sdk.files.list().data] == ["fine-tune-results"]


def test_a_job_on_an_unknown_file_for_a_completions_model_trains_on_prompt_completion_pairs(
    lenient_sdk: openai.OpenAI, clock: ManualClock,
) -> None:
    job = lenient_sdk.fine_tuning.jobs.create(model="babbage-002", training_file="file-abc123")
    clock.advance(3600)

    assert lenient_sdk.fine_tuning.jobs.retrieve(job.id).status == "succeeded"


@pytest.mark.parametrize("endpoint", ["/v1/responses", "/v1/chat/completions", "/v1/completions"])
def test_a_batch_on_an_unknown_input_file_completes(
    lenient_sdk: openai.OpenAI, clock: ManualClock, endpoint: Any,
) -> None:
    batch = lenient_sdk.batches.create(completion_window="24h", endpoint=endpoint, input_file_id="input_file_id")
    clock.advance(3600)

    done = lenient_sdk.batches.retrieve(batch.id)
    assert (done.status, done.input_file_id, done.errors) == ("completed", "input_file_id", None)
    assert done.request_counts is not None and (done.request_counts.completed, done.request_counts.failed) == (1, 0)
    assert done.output_file_id is not None
    output = json.loads(lenient_sdk.files.content(done.output_file_id).text)
    assert (output["custom_id"], output["response"]["status_code"]) == ("placeholder-1", 200)
    assert "input_file_id" not in {file.id for file in lenient_sdk.files.list().data}


def test_without_the_flag_unknown_files_in_bodies_are_refused(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as job_refused:
        sdk.fine_tuning.jobs.create(model="gpt-4o-mini", training_file="file-abc123")
    with pytest.raises(openai.NotFoundError) as batch_refused:
        sdk.batches.create(completion_window="24h", endpoint="/v1/responses", input_file_id="input_file_id")

    assert_api_error(job_refused, 400, "invalid training_file: file-abc123", param="training_file")
    assert_api_error(batch_refused, 404, "No such File object: input_file_id", param="input_file_id")


def test_a_route_without_a_placeholder_keeps_its_404_with_the_flag(lenient_server: LiveServer) -> None:
    with control_client(lenient_server.base_url) as control:
        response = control.delete("/_mock/faults/fault_abc123", headers={"Authorization": f"Bearer {API_KEY}"})

    assert response.status_code == 404
    assert response.json() == envelope("No such fault: fault_abc123", param="fault_id")


def test_function_tools_newer_keys_are_accepted(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model="gpt-4o-mini", input="Hello", tools=[NEWER_FUNCTION_TOOL])  # type: ignore[list-item]

    assert response.status == "completed"


def test_an_unknown_allowed_caller_is_named(sdk: openai.OpenAI) -> None:
    tool = {**NEWER_FUNCTION_TOOL, "allowed_callers": ["anyone"]}
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(model="gpt-4o-mini", input="Hello", tools=[tool])  # type: ignore[list-item]

    assert_api_error(caught, 400, "Invalid value: 'anyone'. Supported values are: 'direct' and 'programmatic'.",
                     param="tools[0].allowed_callers[0]", code="invalid_value")
