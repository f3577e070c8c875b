"""`mockserver costs`: the cost ledger of a data dir, summed by model, job or day, with a total."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from click.testing import CliRunner

from mockserver.cli import cli
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.store.clock import ClockRepo
from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.database import initialise_database, open_database
from mockserver.store.webhooks import WebhookDeliveriesRepo
from tests.batch_support import create_chat_batch
from tests.chat_support import marv_messages, seed_model
from tests.conftest import API_KEY, START_TIME
from tests.costs_support import DAY, admin_client, costs_by_line_item
from tests.jobs_support import SEED_FILE, SEED_MODEL, upload
from tests.live_server import LiveServer, free_port
from tests.support import sdk_client

TRAINING_PRICE = Decimal("8.00")  # gpt-3.5-turbo, $ per 1M training tokens, in every price set
UNREACHABLE_HOOK = f"http://127.0.0.1:{free_port()}/hooks"  # nothing listens: deliveries fail, and are logged


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["costs", *args])


def record(**fields: Any) -> CostRecord:
    values: dict[str, Any] = {
        "owner": "o", "project_id": "proj_o", "kind": "inference", "line_item": "gpt-4o-mini-2024-07-18, input",
        "model": "gpt-4o-mini-2024-07-18", "job_id": None, "request_id": "chatcmpl-1", "quantity": Decimal(1000),
        "quantity_unit": "tokens", "unit_price": Decimal("0.15"), "price_unit": "1M tokens",
        "amount": Decimal("0.00015"), "price_set": "pricing-page-2025-11", "note": None, "created_at": START_TIME,
    }
    values.update(fields)
    return CostRecord(**values)


@pytest.fixture
def manual_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A live server on the data dir's own manual clock (`--clock manual`), webhooks to an unreachable URL."""
    settings = Settings(data_dir=tmp_path / "manual", seed=1234, clock="manual", start_time=START_TIME,
                        webhook_url=UNREACHABLE_HOOK)
    server = LiveServer(settings=settings).start()
    yield server
    server.stop(wait=False)


def finished_unread_job(server: LiveServer) -> str:
    """A seed job created, then the server's manual clock moved far past its end; nothing reads the job."""
    with sdk_client(server.base_url, API_KEY) as sdk:
        job_id = sdk.fine_tuning.jobs.create(model=SEED_MODEL, training_file=upload(sdk, SEED_FILE)).id
    assert httpx.post(f"{server.base_url}/_mock/clock/advance", json={"seconds": 3600}).status_code == 200
    return job_id


def deliveries(data_dir: Path) -> list[Any]:
    db = open_database(Settings(data_dir=data_dir).database_path)
    try:
        return WebhookDeliveriesRepo(db).list(limit=100)[0]
    finally:
        db.close()


def data_dir_with(tmp_path: Path, *records: CostRecord) -> Path:
    database = Settings(data_dir=tmp_path).database_path
    initialise_database(database)
    db = open_database(database)
    try:
        CostsRepo(db).append(list(records))
    finally:
        db.close()
    return tmp_path


def test_costs_json_total_is_what_the_costs_api_reports(
    live_server: LiveServer, sdk: openai.OpenAI, clock: ManualClock
) -> None:
    model = seed_model(sdk, clock)
    sdk.chat.completions.create(model=model, messages=marv_messages())  # type: ignore[arg-type]
    api_total = sum(costs_by_line_item(admin_client(live_server.base_url)).values(), Decimal(0))

    result = run("--data-dir", str(live_server.settings.data_dir), "--json")
    assert (result.exit_code, Decimal(json.loads(result.stdout)["total"])) == (0, api_total)


def test_costs_by_job_puts_calls_together(tmp_path: Path) -> None:
    data_dir = data_dir_with(tmp_path, record(), record(kind="training", job_id="ftjob-1", request_id=None,
                                                        line_item="ft-gpt-4o-mini-2024-07-18, training"))
    groups = json.loads(run("--data-dir", str(data_dir), "--by", "job", "--json").stdout)["groups"]

    assert [group["key"] for group in groups] == ["(inference calls)", "ftjob-1"]


def test_costs_by_day_uses_utc_days(tmp_path: Path) -> None:
    next_day = record(created_at=START_TIME + DAY)
    data_dir = data_dir_with(tmp_path, record(), next_day, next_day)
    groups = json.loads(run("--data-dir", str(data_dir), "--by", "day", "--json").stdout)["groups"]

    assert [(g["key"], g["amount"]) for g in groups] == [("2026-01-01", "0.00015"), ("2026-01-02", "0.00030")]


def test_costs_since_leaves_out_earlier_days(tmp_path: Path) -> None:
    data_dir = data_dir_with(tmp_path, record(amount=Decimal(1)), record(created_at=START_TIME + DAY))
    report = json.loads(run("--data-dir", str(data_dir), "--since", "2026-01-02", "--json").stdout)

    assert report["total"] == "0.00015"


def test_costs_table_has_a_total_row(tmp_path: Path) -> None:
    data_dir = data_dir_with(tmp_path, record(), record(model="ft:gpt-4o-mini-2024-07-18:o::x", amount=Decimal("2.4")))
    result = run("--data-dir", str(data_dir))

    assert ("Total" in result.stdout, "$2.40015" in result.stdout) == (True, True)


def test_costs_counts_unpriced_lines(tmp_path: Path) -> None:
    data_dir = data_dir_with(tmp_path, record(amount=Decimal(0), unit_price=None, price_unit=None, price_set=None,
                                              note="unpriced"))
    groups = json.loads(run("--data-dir", str(data_dir), "--json").stdout)["groups"]

    assert (groups[0]["unpriced_lines"], groups[0]["amount"]) == (1, "0")


def test_costs_without_data_dir_exits_2(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path / "none"))

    assert (result.exit_code, result.stderr.strip()) == (
        2, f"Error: no mockserver data in {tmp_path / 'none'} (expected {tmp_path / 'none' / 'mockserver.db'})")


def test_costs_charges_a_job_that_finished_on_the_manual_clock_but_was_never_read(manual_server: LiveServer) -> None:
    job_id = finished_unread_job(manual_server)
    result = run("--data-dir", str(manual_server.settings.data_dir), "--clock", "manual", "--by", "job", "--json")
    with sdk_client(manual_server.base_url, API_KEY) as sdk:
        trained_tokens = sdk.fine_tuning.jobs.retrieve(job_id).trained_tokens
    assert trained_tokens

    charge = trained_tokens * TRAINING_PRICE / 1_000_000
    assert (result.exit_code, json.loads(result.stdout)["groups"]) == (0, [{
        "key": job_id, "lines": 1, "tokens": trained_tokens, "hours": "0", "amount": str(charge),
        "unpriced_lines": 0, "line_items": ["ft-gpt-3.5-turbo-0125, training"]}])
    with admin_client(manual_server.base_url) as admin:  # charged once: the server's later reads add nothing
        assert costs_by_line_item(admin) == {"ft-gpt-3.5-turbo-0125, training": charge}


def test_costs_runs_a_batch_that_finished_after_the_server_stopped(manual_server: LiveServer) -> None:
    """A batch created, the server stopped before the batch finished, its clock moved on: `mockserver costs`
    runs the batch, as the costs API would, and its requests' charges are in the sums, once."""
    with httpx.Client(base_url=manual_server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}) as client:
        batch = create_chat_batch(client, 3)
    manual_server.stop()
    database = manual_server.settings.database_path
    db = open_database(database)
    try:
        ClockRepo(db).advance(2 * DAY)
    finally:
        db.close()

    results = [run("--data-dir", str(manual_server.settings.data_dir), "--clock", "manual", "--json")
               for _ in range(2)]

    assert [result.exit_code for result in results] == [0, 0]
    first, again = (json.loads(result.stdout) for result in results)
    assert first == again  # run once: the second read finds the batch done
    [group] = first["groups"]
    assert (group["key"], group["lines"], group["line_items"]) == ("gpt-4o-mini-2024-07-18", 6, [
        "gpt-4o-mini-2024-07-18, batch input", "gpt-4o-mini-2024-07-18, batch output"])  # 3 requests
    assert Decimal(first["total"]) > 0
    db = open_database(database)
    try:
        assert db.execute("select count(*) from usage where batch = 1").fetchone()[0] == 3
        assert db.execute("select materialised_at is not null from batches where id = ?", [batch["id"]]).fetchone()[0]
    finally:
        db.close()


def test_costs_leaves_the_webhook_to_the_server(tmp_path: Path) -> None:
    # A server without webhooks; the CLI then runs with a webhook URL in its environment and must not send:
    # announcing is the server's (its clock routes and reads sweep terminal jobs, tests/api/test_webhook_sweep.py).
    settings = Settings(data_dir=tmp_path / "quiet", seed=1234, clock="manual", start_time=START_TIME)
    server = LiveServer(settings=settings).start()
    try:
        finished_unread_job(server)
        result = CliRunner().invoke(cli, ["costs", "--data-dir", str(settings.data_dir), "--clock", "manual",
                                          "--json"], env={"MOCKSERVER_WEBHOOK_URL": UNREACHABLE_HOOK})
    finally:
        server.stop(wait=False)

    charged = Decimal(json.loads(result.stdout)["total"])
    assert (result.exit_code, charged > 0, deliveries(settings.data_dir)) == (0, True, [])


def test_costs_with_unknown_price_set_exits_2_naming_it(tmp_path: Path) -> None:
    result = run("--data-dir", str(data_dir_with(tmp_path)), "--price-set", "nope")

    assert (result.exit_code, "Invalid value for --price-set: Unknown price set 'nope'" in result.output) == (2, True)


def test_costs_table_on_a_narrow_terminal_shows_whole_model_ids(tmp_path: Path) -> None:
    models = ["ft:gpt-3.5-turbo-0125:mockserver:marv:AbCd1234:ckpt-step-10",
              "ft:gpt-4.1-mini-2025-04-14:mockserver:a-long-suffix:AbCd1234"]
    data_dir = data_dir_with(tmp_path, *(record(model=model, request_id=model) for model in models),
                             record(amount=Decimal(0), unit_price=None, price_unit=None, price_set=None,
                                    note="unpriced"))

    result = CliRunner().invoke(cli, ["costs", "--data-dir", str(data_dir)], env={"COLUMNS": "80"})

    assert result.exit_code == 0, result.output
    assert all(model in result.stdout for model in models), result.stdout
    assert ("$0.00015" in result.stdout, "1 unpriced line(s)" in result.stdout) == (True, True)
