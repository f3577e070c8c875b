"""`mockserver costs`: the cost ledger of a data dir, summed by model, job or day, with a total."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openai
from click.testing import CliRunner

from mockserver.cli import cli
from mockserver.clock import ManualClock
from mockserver.config import Settings
from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.database import initialise_database, open_database
from tests.chat_support import marv_messages, seed_model
from tests.conftest import START_TIME
from tests.costs_support import DAY, admin_client, costs_by_line_item
from tests.live_server import LiveServer


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
