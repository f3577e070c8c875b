"""`--lenient-ids`: unknown ids of served resources answer with placeholders (never stored); without it, 404s.
And requests the SDK's generated tests send that the real API accepts (function tools' newer keys)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from mockserver.clock import ManualClock
from mockserver.config import Settings
from mockserver.services.lenient_ids import PLACEHOLDER_BASE_MODEL
from tests.conftest import API_KEY
from tests.jobs_support import assert_api_error
from tests.live_server import LiveServer
from tests.support import sdk_client

NEWER_FUNCTION_TOOL = {
    "type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}, "strict": False,
    "allowed_callers": ["direct"], "defer_loading": False, "async": True, "output_schema": {"type": "object"},
}


@pytest.fixture
def lenient_sdk(tmp_path: Path, clock: ManualClock) -> Iterator[openai.OpenAI]:
    settings = Settings(data_dir=tmp_path / "lenient", seed=1234, lenient_ids=True)
    server = LiveServer(settings=settings, clock=clock).start()
    client = sdk_client(server.base_url, API_KEY)
    yield client
    client.close()
    server.stop(wait=False)


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


def test_an_unknown_route_stays_a_404_with_the_flag(lenient_sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        lenient_sdk.batches.retrieve("batch_abc123")


def test_function_tools_newer_keys_are_accepted(sdk: openai.OpenAI) -> None:
    response = sdk.responses.create(model="gpt-4o-mini", input="Hello", tools=[NEWER_FUNCTION_TOOL])  # type: ignore[list-item]

    assert response.status == "completed"


def test_an_unknown_allowed_caller_is_named(sdk: openai.OpenAI) -> None:
    tool = {**NEWER_FUNCTION_TOOL, "allowed_callers": ["anyone"]}
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.responses.create(model="gpt-4o-mini", input="Hello", tools=[tool])  # type: ignore[list-item]

    assert_api_error(caught, 400, "Invalid value: 'anyone'. Supported values are: 'direct' and 'programmatic'.",
                     param="tools[0].allowed_callers[0]", code="invalid_value")
