"""The job queries a request makes read an index range, never every job: the plans SQLite chooses, the "due"
range read in batches, and the webhook claim that takes a job out of the unannounced range."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from mockserver.store import jobs as jobs_store
from mockserver.store.database import initialise_database, open_database
from mockserver.store.job_models import JobModel, JobModelsRepo
from mockserver.store.jobs import JobsRepo
from mockserver.store.reports import Buckets, ReportsRepo
from mockserver.store.webhooks import Delivery, WebhookDeliveriesRepo
from tests.jobs_support import seed_plan

NOW = 1_767_225_600
JOBS = 300


PLAN = seed_plan(created_at=NOW - 10_000).to_dict()  # the plan is decoded on read, not looked at here


def job(index: int, *, terminal_at: int | None, settled: bool = True, owner: str = "o") -> dict[str, Any]:
    return {"id": f"ftjob-{index}", "owner": owner, "created_at": NOW - 10_000 + index, "model": "m",
            "training_file": "file-1", "seed": 1, "method": {}, "plan": PLAN, "controls": [],
            "terminal_at": terminal_at, "materialised_at": terminal_at if settled else None}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    database = open_database(path)
    repo = JobsRepo(database)
    for index in range(JOBS):  # every job settled long ago, but one due, one running and one paused
        repo.insert(job(index, terminal_at=NOW - 5_000 + index))
    repo.insert(job(JOBS, terminal_at=NOW - 10, settled=False))
    repo.insert(job(JOBS + 1, terminal_at=NOW + 600, settled=False))
    repo.insert(job(JOBS + 2, terminal_at=None, settled=False))
    JobModelsRepo(database).add(JobModel("o", f"ft:m:o::{index}", f"ftjob-{index}", index + 1, 1, NOW)
                                for index in range(JOBS))
    database.execute("analyze")
    yield database
    database.close()


def plans(db: Database, action: Callable[[], object]) -> list[str]:
    """What SQLite does for every statement `action` runs (EXPLAIN QUERY PLAN of each, parameters bound)."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        db.conn.set_trace_callback(None)
    return [str(step[3]) for sql in statements if sql.lstrip().lower().startswith("select")
            for step in db.execute("explain query plan " + sql).fetchall()]


QUERIES: dict[str, Callable[[Database], object]] = {
    "due jobs": lambda db: list(JobsRepo(db).due(NOW)),
    "a caller's due jobs": lambda db: list(JobsRepo(db).due(NOW, owner="o")),
    "unannounced jobs": lambda db: JobsRepo(db).unannounced(NOW),
    "a caller's models": lambda db: JobModelsRepo(db).list("o"),
    "one model": lambda db: JobModelsRepo(db).get(owner="o", model="ft:m:o::7"),
    "deleted model?": lambda db: JobsRepo(db).is_model_deleted(owner="o", model="ft:m:o::7"),
    "costs report": lambda db: ReportsRepo(db).cost_totals(
        Buckets(first=NOW - 86_400 * 30, width=86_400, start=NOW - 86_400 * 30 + 77, stop=NOW), excluded_note="x",
        by_owner=True, by_line_item=True),
    "usage report": lambda db: ReportsRepo(db).usage_totals(
        Buckets(first=NOW - 3_600, width=60, start=NOW - 3_599, stop=NOW), by_owner=True, by_model=True),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_request_queries_search_an_index_and_scan_no_table(db: Database, name: str) -> None:
    steps = plans(db, lambda: QUERIES[name](db))

    assert steps, "no query ran"
    assert not [step for step in steps if step.startswith("SCAN") and "subquery" not in step], steps


def test_due_jobs_are_the_unsettled_ones_terminal_by_now_in_batches(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = JobsRepo(db)
    for index in range(5):
        repo.insert(job(1_000 + index, terminal_at=NOW - 100, settled=False))
    monkeypatch.setattr(jobs_store, "DUE_BATCH", 2)

    due = [record.id for record in repo.due(NOW)]

    assert due == [f"ftjob-{1_000 + index}" for index in range(5)] + [f"ftjob-{JOBS}"]  # in terminal_at order


def test_settling_takes_a_job_out_of_the_due_range(db: Database) -> None:
    JobsRepo(db).mark_settled([f"ftjob-{JOBS}"], NOW)

    assert list(JobsRepo(db).due(NOW + 1_000)) == [JobsRepo(db).find_any(f"ftjob-{JOBS + 1}")]


def test_claiming_a_webhook_event_takes_the_job_out_of_the_unannounced_range(db: Database) -> None:
    unannounced = {record.id for record in JobsRepo(db).unannounced(NOW)}
    assert len(unannounced) == JOBS + 1  # the terminal ones; the running and the paused job are not yet

    WebhookDeliveriesRepo(db).claim(Delivery(id="evt_1", webhook_id="wh_1", job_id="ftjob-7", owner="o",
                                             type="fine_tuning.job.succeeded", url="http://x", body="{}",
                                             created_at=NOW - 1))

    assert {record.id for record in JobsRepo(db).unannounced(NOW)} == unannounced - {"ftjob-7"}
    assert JobsRepo(db).find_any("ftjob-7").announced_at == NOW - 1  # type: ignore[union-attr]
