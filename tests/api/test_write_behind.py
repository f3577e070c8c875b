"""Journal, usage and cost rows are written behind the requests, yet every read sees every request answered
before it: the journal, the Admin usage and costs reports, a reset and a snapshot (store/write_behind.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from mockserver.core.config import Settings
from mockserver.store.write_behind import TIMER_NAME, pending_folder, wait_for_writers
from tests.conftest import API_KEY, START_TIME
from tests.costs_support import admin_client
from tests.harness_support import control_client, journal
from tests.live_server import LiveServer
from tests.support import sdk_client
from tests.write_behind_support import preparing_threads

HOUR_MS = 3_600_000
CALLS = 3
HELLO = [{"role": "user", "content": "Say hello."}]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Rows held for an hour unless something writes them: only the reads' own flush can."""
    return Settings(data_dir=tmp_path / "data", seed=1234, flush_interval_ms=HOUR_MS)


@pytest.fixture
def control(live_server: LiveServer) -> Iterator[httpx.Client]:
    with control_client(live_server.base_url) as client:
        yield client


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[openai.OpenAI]:
    client = admin_client(live_server.base_url)
    yield client
    client.close()


def chat(sdk: openai.OpenAI, calls: int = CALLS) -> None:
    for _ in range(calls):
        sdk.chat.completions.create(model="gpt-4o-mini", messages=HELLO)  # type: ignore[arg-type]


def requests_made(admin: openai.OpenAI) -> int:
    page = admin.admin.organization.usage.completions(start_time=START_TIME)
    return sum(result.num_model_requests for bucket in page.data for result in bucket.results)  # type: ignore[union-attr]


def test_journal_read_sees_every_request_answered_before_it(sdk: openai.OpenAI, control: httpx.Client) -> None:
    chat(sdk)

    assert [entry["path"] for entry in journal(control)] == ["/v1/chat/completions"] * CALLS


def test_usage_and_costs_reads_see_every_call_answered_before_them(sdk: openai.OpenAI, admin: openai.OpenAI) -> None:
    chat(sdk)

    assert requests_made(admin) == CALLS
    costs = admin.admin.organization.usage.costs(start_time=START_TIME, group_by=["line_item"])
    assert sorted(result.line_item for bucket in costs.data for result in bucket.results) == [  # type: ignore[type-var]
        "gpt-4o-mini-2024-07-18, input", "gpt-4o-mini-2024-07-18, output"]


def test_cleared_journal_gets_no_held_row_back(sdk: openai.OpenAI, control: httpx.Client) -> None:
    chat(sdk)

    assert control.delete("/_mock/requests").json()["deleted"] == CALLS
    assert journal(control) == []


def test_reset_leaves_no_held_call_behind(sdk: openai.OpenAI, control: httpx.Client, admin: openai.OpenAI) -> None:
    chat(sdk)

    assert control.post("/_mock/reset", params={"scope": "usage"}).status_code == 200
    assert requests_made(admin) == 0


def test_snapshot_holds_the_calls_answered_before_it(
    sdk: openai.OpenAI, control: httpx.Client, admin: openai.OpenAI
) -> None:
    chat(sdk)
    assert control.post("/_mock/snapshot", json={"name": "calls"}).status_code == 200
    assert control.post("/_mock/reset", params={"scope": "usage"}).status_code == 200
    assert requests_made(admin) == 0

    assert control.post("/_mock/restore", json={"name": "calls"}).status_code == 200
    assert requests_made(admin) == CALLS


def test_a_server_hands_the_held_rows_over_on_its_event_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not on a timer's thread: the loop makes each batch ready in one go (store/write_behind.py `write_on`)."""
    prepared_on = preparing_threads(monkeypatch)
    server = LiveServer(settings=Settings(data_dir=tmp_path / "data", seed=1234, flush_interval_ms=10)).start()
    try:
        with sdk_client(server.base_url, API_KEY) as sdk:
            chat(sdk)
        # No read: the rows are handed over on the interval, and their batch's marker goes once written.
        assert wait_for_writers(pending_folder(server.settings.database_path), timeout=30)
    finally:
        server.stop()
    assert prepared_on
    assert TIMER_NAME not in prepared_on
