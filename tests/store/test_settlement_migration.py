"""A data dir written before migrations 0016 and 0017 (jobs with no `terminal_at`, no `job_models`, ledgers with
no totals) is migrated at start-up: the new columns and tables are filled from its rows, and the API answers as
it would have, settling what the old version left unsettled on first sight."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.auth import owner_of
from mockserver.core.clock import ManualClock
from mockserver.core.config import Settings
from mockserver.server.app import create_app
from mockserver.simulator import Control, Plan
from mockserver.simulator.state import checkpoints_at, terminal_at
from mockserver.store.database import open_database
from mockserver.store.migrations import migrations
from tests.conftest import API_KEY, START_TIME
from tests.jobs_support import seed_plan

OWNER = owner_of(API_KEY)
CREATED = START_TIME - 7_200  # two hours before the clock: long finished, but for the paused job
FAILURE = {"code": "server_error", "message": "boom", "param": None}
# name: (plan overrides, controls, materialised by the old version)
OLD_JOBS: dict[str, tuple[dict[str, Any], list[Control], bool]] = {
    "read": ({}, [], True),
    "unread": ({}, [], False),
    "deleted": ({}, [], True),
    "failed": ({"failure": FAILURE}, [], False),
    "cancelled": ({}, [Control("cancel", CREATED + 5)], False),
    "paused": ({}, [Control("pause", CREATED + 20)], False),
    "running": ({"created_at": START_TIME}, [], False),
}


def old_plan(name: str) -> Plan:
    overrides, _, _ = OLD_JOBS[name]
    return seed_plan(**{"job_id": f"ftjob-{name}", "salt": name, "created_at": CREATED, **overrides})


def old_job_row(name: str, seq: int) -> dict[str, Any]:
    plan, (_, controls, materialised) = old_plan(name), OLD_JOBS[name]
    method = {"type": "supervised", "requested": {}, "extra": {},
              "resolved": {"n_epochs": 10, "batch_size": 1, "learning_rate_multiplier": 2.0}}
    return {"seq": seq, "id": f"ftjob-{name}", "owner": OWNER, "created_at": plan.inputs.created_at,
            "model": "gpt-3.5-turbo-0125", "training_file": "file-train", "validation_file": None, "suffix": "marv",
            "seed": 42, "metadata": None, "integrations": "[]", "method": json.dumps(method),
            "plan": json.dumps(plan.to_dict()), "controls": json.dumps([vars(c) for c in controls]),
            "materialised_at": CREATED + 3_600 if materialised else None}


def insert(db: Any, table: str, row: dict[str, Any]) -> None:
    db.execute(f"insert into {table} ({', '.join(row)}) values ({', '.join('?' * len(row))})", list(row.values()))


def cost_line(line_item: str, amount: str, at: int, **extra: Any) -> dict[str, Any]:
    return {"owner": OWNER, "project_id": f"proj_{OWNER}", "kind": "inference", "line_item": line_item,
            "model": "gpt-4o-mini-2024-07-18", "quantity": "1000", "quantity_unit": "tokens", "amount": amount,
            "created_at": at, **extra}


@pytest.fixture
def old_data_dir(settings: Settings) -> Settings:
    """The data dir as the version before migration 0016 left it."""
    settings.data_dir.mkdir(parents=True)
    db = open_database(settings.database_path)
    migrations.apply(db, stop_before="0016_job_settlement")
    for seq, name in enumerate(OLD_JOBS, start=1):
        insert(db, "jobs", old_job_row(name, seq))
    deleted = old_plan("deleted").fine_tuned_model
    insert(db, "deleted_models", {"owner": OWNER, "model": deleted, "deleted_at": CREATED + 4_000})
    insert(db, "job_webhook_deliveries", {
        "id": "evt_read", "webhook_id": "wh_read", "job_id": "ftjob-read", "owner": OWNER,
        "type": "fine_tuning.job.succeeded", "url": "http://x", "body": "{}", "created_at": CREATED + 70})
    for index, (item, amount, at) in enumerate([("gpt-4o-mini-2024-07-18, input", "0.00015", CREATED + 10),
                                                 ("gpt-4o-mini-2024-07-18, output", "0.0006", CREATED + 10),
                                                 ("gpt-4o-mini-2024-07-18, input", "0.000075", CREATED + 4_000)]):
        insert(db, "usage_costs", cost_line(item, amount, at, request_id=f"chatcmpl-{index // 2}"))
    for index, at in enumerate((CREATED + 10, CREATED + 4_000)):
        insert(db, "usage", {"request_id": f"chatcmpl-{index}", "owner": OWNER, "endpoint": "chat.completions",
                             "model": "gpt-4o-mini", "base_model": "gpt-4o-mini-2024-07-18", "prompt_tokens": 1000,
                             "cached_tokens": 0, "completion_tokens": 1000 - 1000 * index, "created_at": at})
    db.close()
    return settings


@pytest.fixture
def migrated(old_data_dir: Settings, clock: ManualClock) -> Iterator[TestClient]:
    with TestClient(create_app(old_data_dir, clock=clock), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {API_KEY}"
        yield client


def rows(settings: Settings, sql: str) -> list[tuple[Any, ...]]:
    db = open_database(settings.database_path)
    try:
        return [tuple(row) for row in db.execute(sql).fetchall()]
    finally:
        db.close()


def produced(name: str) -> list[tuple[str, int]]:
    plan, (_, controls, _) = old_plan(name), OLD_JOBS[name]
    return [(c.model, c.created_at) for c in checkpoints_at(plan, controls, START_TIME)]


def test_migration_fills_terminal_at_from_each_plan_and_controls(migrated: TestClient, settings: Settings) -> None:
    expected = {f"ftjob-{name}": terminal_at(old_plan(name), controls) for name, (_, controls, _) in OLD_JOBS.items()}

    assert dict(rows(settings, "select id, terminal_at from jobs")) == expected
    assert expected["ftjob-paused"] is None and expected["ftjob-running"] > START_TIME  # type: ignore[operator]


def test_migration_records_the_settled_successes_models_but_the_deleted_one(
    migrated: TestClient, settings: Settings
) -> None:
    deleted = old_plan("deleted").fine_tuned_model

    assert rows(settings, "select model, created from job_models order by job_seq, step") == [
        *produced("read"), *[entry for entry in produced("deleted") if entry[0] != deleted]]


def test_migration_marks_the_jobs_whose_webhook_event_was_claimed(migrated: TestClient, settings: Settings) -> None:
    assert rows(settings, "select id from jobs where announced_at is not null") == [("ftjob-read",)]


def test_migrated_data_dir_lists_every_success_and_settles_what_was_left(
    migrated: TestClient, settings: Settings
) -> None:
    deleted = old_plan("deleted").fine_tuned_model
    response = migrated.get("/v1/models")

    fine_tuned = [(m["id"], m["created"]) for m in response.json()["data"] if m["id"].startswith("ft:")]
    assert fine_tuned == [*produced("read"), *produced("unread"),
                          *[entry for entry in produced("deleted") if entry[0] != deleted]]
    assert rows(settings, "select id from jobs where materialised_at is null order by seq") == [
        ("ftjob-paused",), ("ftjob-running",)]


def test_migrated_ledgers_report_what_their_rows_sum_to(migrated: TestClient, settings: Settings) -> None:
    costs = migrated.get("/v1/organization/costs", params={"start_time": CREATED - 86_400, "limit": 3,
                                                           "group_by": "line_item"}).json()
    usage = migrated.get("/v1/organization/usage/completions", params={"start_time": CREATED - 86_400,
                                                                       "limit": 3}).json()

    reported = {r["line_item"]: Decimal(str(r["amount"]["value"])) for b in costs["data"] for r in b["results"]}
    ledger: dict[str, Decimal] = {}
    for item, amount in rows(settings, "select line_item, amount from usage_costs where note is null"):
        ledger[item] = ledger.get(item, Decimal(0)) + Decimal(amount)
    assert reported == ledger and "ft-gpt-3.5-turbo-0125, training" in ledger  # the unread job's, charged now
    assert [(r["input_tokens"], r["output_tokens"], r["num_model_requests"]) for b in usage["data"]
            for r in b["results"]] == [(2_000, 1_000, 2)]
