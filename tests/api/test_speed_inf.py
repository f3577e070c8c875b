"""`--speed inf`: create answers `validating_files` like the real API; the first read finds the job done."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from tests.conftest import API_KEY, START_TIME
from tests.jobs_support import SEED_FILE, SEED_MODEL, decode_result_csv
from tests.live_server import LiveServer
from tests.support import sdk_client


@pytest.fixture
def instant_sdk(tmp_path: Path) -> Iterator[openai.OpenAI]:
    server = LiveServer(settings=Settings(data_dir=tmp_path / "data", seed=7, speed=float("inf")),
                        clock=ManualClock(START_TIME)).start()
    client = sdk_client(server.base_url, API_KEY)
    yield client
    client.close()
    server.stop()


def test_create_at_speed_inf_reports_validating_files(instant_sdk: openai.OpenAI) -> None:
    training = instant_sdk.files.create(file=SEED_FILE.open("rb"), purpose="fine-tune")

    job = instant_sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training.id)

    assert job.status == "validating_files"
    assert (job.fine_tuned_model, job.trained_tokens, job.result_files, job.finished_at) == (None, None, [], None)


def test_first_read_at_speed_inf_finds_the_job_succeeded(instant_sdk: openai.OpenAI) -> None:
    training = instant_sdk.files.create(file=SEED_FILE.open("rb"), purpose="fine-tune")
    created = instant_sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=training.id)

    job = instant_sdk.fine_tuning.jobs.retrieve(created.id)

    assert job.status == "succeeded"
    assert job.fine_tuned_model is not None and job.fine_tuned_model.startswith("ft:gpt-3.5-turbo-0125:")
    rows = decode_result_csv(instant_sdk.files.content(job.result_files[0]).read())
    assert rows[0] == ["step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy"]
    assert len(rows) == 1 + 100  # the seed job: 10 examples, 10 epochs, batch size 1
