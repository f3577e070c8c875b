"""The preparer's retries: an attempt that fails (the worker child killed, out of memory) gives the job back; the
third failure fails the job with an internal error, and nothing of the attempts stays behind."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.catalog import ModelCatalog
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.services import job_preparation
from mockserver.services.job_preparation import MAX_ATTEMPTS, JobPreparation
from mockserver.services.workers import WorkerFailed
from tests.services.conftest import create_job, retrieve_job


def test_preparation_failing_every_attempt_fails_the_job_with_an_internal_error(
    app_client: TestClient, clock: ManualClock, context_for: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.worker_min_bytes = 1
    app_client.app.state.job_preparer.stop()  # type: ignore[attr-defined]  # the attempts are made here
    job = create_job(app_client, "sarcastic_assistant.jsonl")

    def killed(*_: Any, **__: Any) -> None:
        raise WorkerFailed("worker process exited with -9: ")

    monkeypatch.setattr(job_preparation, "prepare_training", killed)
    ctx = context_for()
    preparation = JobPreparation(store=ctx.store, stores=app_client.app.state.stores,  # type: ignore[attr-defined]
                                 settings=settings, clock=clock,
                                 catalog=ModelCatalog.load(settings.fixtures_dir / "models.json"))
    states = []
    for _ in range(MAX_ATTEMPTS):
        assert preparation.prepare(job["id"])
        states.append(ctx.store.db.execute("select prep_state, prep_attempts, prep_lease_token from jobs "
                                           "where id = ?", [job["id"]]).fetchone())
    assert states == [("pending", 1, None), ("pending", 2, None), ("failed", 3, None)]
    clock.advance(3600)
    failed = retrieve_job(app_client, job["id"])
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "server_error" and "exited with -9" in failed["error"]["message"]
    assert ctx.store.db.execute("select count(*) from model_index_builds").fetchone()[0] == 0
