"""`/v1/models` through the strict SDK: catalog base models, fine-tuned models and their checkpoints."""

from __future__ import annotations

import json

import openai
import pytest
from openai.types.fine_tuning import FineTuningJob

from mockserver.core.clock import ManualClock
from tests.jobs_support import ROOT, SEED_FILE, SEED_MODEL, assert_api_error, succeeded_seed_job, upload
from tests.live_server import LiveServer
from tests.support import sdk_client

CATALOG = json.loads((ROOT / "fixtures" / "models.json").read_text())["models"]


def not_found(model: str) -> str:
    return f"The model `{model}` does not exist or you do not have access to it."


@pytest.fixture
def seed_job(sdk: openai.OpenAI, clock: ManualClock) -> FineTuningJob:
    return succeeded_seed_job(sdk, clock, suffix="marv")


def _checkpoint_models(sdk: openai.OpenAI, job: FineTuningJob) -> list[str]:
    return [c.fine_tuned_model_checkpoint for c in sdk.fine_tuning.jobs.checkpoints.list(job.id)]


def test_list_models_has_every_catalog_model_as_it_is_listed(sdk: openai.OpenAI) -> None:
    listed = {model.id: model for model in sdk.models.list()}

    assert set(listed) == {entry["id"] for entry in CATALOG}
    for entry in CATALOG:
        model = listed[entry["id"]]
        assert (model.object, model.created, model.owned_by) == ("model", entry["created"], entry["owned_by"])


@pytest.mark.parametrize("model_id", ["gpt-4o-mini-2024-07-18", "gpt-3.5-turbo", "gpt-5"])
def test_retrieve_base_model_gives_its_catalog_entry(sdk: openai.OpenAI, model_id: str) -> None:
    entry = next(entry for entry in CATALOG if entry["id"] == model_id)

    model = sdk.models.retrieve(model_id)

    assert (model.id, model.object, model.created, model.owned_by) == (
        model_id, "model", entry["created"], entry["owned_by"])


@pytest.mark.parametrize("model_id", ["gpt-nope", "ft:gpt-3.5-turbo-0125:mockserver:marv:AAAAAAAA"])
def test_retrieve_unknown_model_is_not_found(sdk: openai.OpenAI, model_id: str) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.models.retrieve(model_id)

    assert_api_error(caught, 404, not_found(model_id), param="model", code="model_not_found")


@pytest.mark.parametrize("model_id", ["gpt-nope", "ft:gpt-3.5-turbo-0125:mockserver:marv:AAAAAAAA"])
def test_delete_unknown_model_is_not_found(sdk: openai.OpenAI, model_id: str) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.models.delete(model_id)

    assert_api_error(caught, 404, not_found(model_id), param="model", code="model_not_found")


def test_delete_base_model_is_forbidden(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.PermissionDeniedError) as caught:
        sdk.models.delete("gpt-4o-mini")

    # The reference leaves this wording unconfirmed (§7: only fine-tuned models can be deleted); this pins ours.
    assert_api_error(caught, 403, "You cannot delete the model gpt-4o-mini: only fine-tuned models owned by your "
                     "organization can be deleted.", param="model", code="model_not_deletable")
    assert sdk.models.retrieve("gpt-4o-mini").id == "gpt-4o-mini"


def test_list_models_before_any_job_succeeds_has_no_fine_tuned_models(sdk: openai.OpenAI) -> None:
    sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE))

    assert [model.id for model in sdk.models.list() if model.id.startswith("ft:")] == []


def test_list_models_includes_the_fine_tuned_model_and_its_checkpoints(
    sdk: openai.OpenAI, seed_job: FineTuningJob
) -> None:
    checkpoints = {c.fine_tuned_model_checkpoint: c for c in sdk.fine_tuning.jobs.checkpoints.list(seed_job.id)}
    fine_tuned = {model.id: model for model in sdk.models.list() if model.id.startswith("ft:")}

    assert set(fine_tuned) == set(checkpoints)
    assert seed_job.fine_tuned_model in fine_tuned
    for model_id, model in fine_tuned.items():
        assert (model.created, model.owned_by) == (checkpoints[model_id].created_at, "mockserver")


def test_retrieve_checkpoint_model_with_colons_in_its_id(sdk: openai.OpenAI, seed_job: FineTuningJob) -> None:
    checkpoint = next(m for m in _checkpoint_models(sdk, seed_job) if m.endswith(":ckpt-step-80"))

    model = sdk.models.retrieve(checkpoint)

    assert (model.id, model.object, model.owned_by) == (checkpoint, "model", "mockserver")


def test_delete_fine_tuned_model_removes_only_that_model(sdk: openai.OpenAI, seed_job: FineTuningJob) -> None:
    model_id = seed_job.fine_tuned_model or ""

    deleted = sdk.models.delete(model_id)

    assert deleted.model_dump() == {"id": model_id, "object": "model", "deleted": True}
    remaining = [model.id for model in sdk.models.list() if model.id.startswith("ft:")]
    assert sorted(remaining) == sorted(set(_checkpoint_models(sdk, seed_job)) - {model_id})


def test_delete_fine_tuned_model_twice_is_not_found(sdk: openai.OpenAI, seed_job: FineTuningJob) -> None:
    model_id = seed_job.fine_tuned_model or ""
    sdk.models.delete(model_id)

    with pytest.raises(openai.NotFoundError) as caught:
        sdk.models.delete(model_id)

    assert_api_error(caught, 404, not_found(model_id), param="model", code="model_not_found")


def test_retrieve_fine_tuned_model_of_another_key_is_not_found(
    live_server: LiveServer, seed_job: FineTuningJob
) -> None:
    model_id = seed_job.fine_tuned_model or ""
    with sdk_client(live_server.base_url, "sk-someone-else") as other:
        with pytest.raises(openai.NotFoundError) as caught:
            other.models.retrieve(model_id)
        assert model_id not in [model.id for model in other.models.list()]

    assert_api_error(caught, 404, not_found(model_id), param="model", code="model_not_found")
