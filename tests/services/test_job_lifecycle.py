"""A finished job is settled (its claim, result file, models; a failure or a cancel marked settled) by
services/job_lifecycle.py alone, and once, whichever read sees it first: a jobs list, a retrieve, a models list
or a chat with its model."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.store.files import FilesRepo
from mockserver.store.job_models import JobModelsRepo
from mockserver.store.jobs import JobsRepo
from tests.jobs_support import chat_file
from tests.services.conftest import create_job, upload

SEED = "sarcastic_assistant.jsonl"
HOUR = 3_600
LIFECYCLE = "mockserver.services.job_lifecycle"


@pytest.fixture
def settling(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, Any]]:
    """(store method, module that called it, its result) of every settlement write from now on."""
    calls: list[tuple[str, str, Any]] = []

    def counted(owner: type, name: str) -> None:
        original = getattr(owner, name)

        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            result = original(self, *args, **kwargs)
            calls.append((name, sys._getframe(1).f_globals["__name__"], result))
            return result

        monkeypatch.setattr(owner, name, wrapper)

    counted(JobsRepo, "claim_materialisation")
    counted(JobsRepo, "mark_settled")
    counted(JobModelsRepo, "add")
    counted(FilesRepo, "ensure_file")
    return calls


def chat(client: TestClient, model: str) -> Any:
    return client.post("/v1/chat/completions", json={"model": model, "messages": [{"role": "user", "content": "Hi"}]})


# Each read of the job: (client, job id, its fine-tuned model) -> response
READS: dict[str, Callable[[TestClient, str, str], Any]] = {
    "list": lambda client, job_id, model: client.get("/v1/fine_tuning/jobs"),
    "retrieve": lambda client, job_id, model: client.get(f"/v1/fine_tuning/jobs/{job_id}"),
    "models": lambda client, job_id, model: client.get("/v1/models"),
    "chat": lambda client, job_id, model: chat(client, model),
}


@pytest.mark.parametrize("first", list(READS))
def test_a_finished_job_is_settled_once_by_the_lifecycle_whichever_read_sees_it_first(
    app_client: TestClient, clock: ManualClock, context_for: Any, settling: list[tuple[str, str, Any]], first: str,
) -> None:
    job_id = create_job(app_client, SEED)["id"]
    ctx = context_for()
    model = ctx.store.jobs.get(owner=ctx.caller.owner, job_id=job_id).plan.fine_tuned_model  # the store: no read
    clock.advance(HOUR)

    for name in [first, *(name for name in READS if name != first)]:
        response = READS[name](app_client, job_id, model)
        assert response.status_code == 200, (name, response.text)

    claims = [result for name, _, result in settling if name == "claim_materialisation"]
    assert claims.count(True) == 1
    assert {module for _, module, _ in settling} == {LIFECYCLE}
    assert ("add", LIFECYCLE, None) in settling and ("ensure_file", LIFECYCLE, None) in settling


def test_failed_and_cancelled_jobs_are_settled_by_the_lifecycle(
    app_client: TestClient, clock: ManualClock, settling: list[tuple[str, str, Any]],
) -> None:
    failing = upload(app_client, "five.jsonl", chat_file(5))
    assert app_client.post("/v1/fine_tuning/jobs", json={"model": "gpt-3.5-turbo",
                                                          "training_file": failing}).status_code == 200
    cancelled = create_job(app_client, SEED)["id"]
    assert app_client.post(f"/v1/fine_tuning/jobs/{cancelled}/cancel").status_code == 200
    clock.advance(HOUR)

    assert app_client.get("/v1/fine_tuning/jobs").status_code == 200

    assert [(name, module) for name, module, _ in settling] == [("mark_settled", LIFECYCLE)] * 2
