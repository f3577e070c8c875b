"""A finished batch's requests run exactly once, however many readers see it finish at the same moment; a run that
dies half way charges nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.clock import ManualClock
from mockserver.core.errors import InvalidRequest
from mockserver.services.batch_endpoints import RunResult, batch_runners
from mockserver.services.batches import BatchesService
from mockserver.services.context import Context
from tests.batch_support import create_chat_batch
from tests.conftest import START_TIME

READERS = 4
CHAT = "/v1/chat/completions"
HOUR = 3_600



def test_concurrent_readers_of_a_finished_batch_write_its_outputs_once(
    app_client: TestClient, clock: ManualClock, context_for: Callable[[], Context]
) -> None:
    batch_id = create_chat_batch(app_client, 5)["id"]
    clock.advance(HOUR)
    state = app_client.app.state  # type: ignore[attr-defined]
    runners = batch_runners(state.catalog, state.rules)
    services = [BatchesService(context_for(), runners=runners, invalid_body=lambda exc: InvalidRequest(str(exc)))
                for _ in range(READERS)]
    start = threading.Barrier(READERS)
    seen: list[Any] = []

    def read(service: BatchesService) -> None:
        start.wait()
        seen.append(service.retrieve(batch_id))

    threads = [threading.Thread(target=read, args=(service,)) for service in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == READERS
    done = services[0].retrieve(batch_id)
    assert done.status == "completed" and done.output_file_id is not None
    # The reader that ran it shows it completed; the others, while it ran, still finalizing.
    shown = {(batch.status, batch.output_file_id, batch.request_counts.completed) for batch in seen}
    assert ("completed", done.output_file_id, 5) in shown
    assert shown <= {("completed", done.output_file_id, 5), ("finalizing", None, 5)}
    outputs = app_client.get("/v1/files", params={"purpose": "batch_output"}).json()["data"]
    assert [file["id"] for file in outputs] == [done.output_file_id]
    usage = app_client.get("/v1/organization/usage/completions", params={"start_time": START_TIME}).json()
    assert sum(result["num_model_requests"] for bucket in usage["data"] for result in bucket["results"]) == 5


def test_a_run_that_dies_half_way_charges_nothing_and_its_successor_each_request_once(
    app_client: TestClient, clock: ManualClock, context_for: Callable[[], Context]
) -> None:
    batch_id = create_chat_batch(app_client, 6)["id"]
    clock.advance(HOUR)
    state = app_client.app.state  # type: ignore[attr-defined]
    chat = batch_runners(state.catalog, state.rules)[CHAT]
    answered = 0

    def dying(ctx: Context, body: dict[str, Any]) -> RunResult:
        nonlocal answered
        if answered == 3:
            raise SystemExit("the worker dies half way")
        answered += 1
        return chat(ctx, body)

    ctx = context_for()
    service = BatchesService(ctx, runners={CHAT: dying}, invalid_body=lambda exc: InvalidRequest(str(exc)))
    with pytest.raises(SystemExit):
        service.retrieve(batch_id)
    ctx.store.db.execute("update batches set run_claimed_until = 0 where id = ?", [batch_id])  # its lease ran out

    done = app_client.get(f"/v1/batches/{batch_id}").json()
    assert done["status"] == "completed" and done["request_counts"]["completed"] == 6
    usage = app_client.get("/v1/organization/usage/completions", params={"start_time": START_TIME}).json()
    assert sum(result["num_model_requests"] for bucket in usage["data"] for result in bucket["results"]) == 6
