"""The cost ledger table: exact decimal text, one training charge per job, time-window reads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from mockserver.store.costs import CostRecord, CostsRepo


def record(**fields: Any) -> CostRecord:
    values: dict[str, Any] = {
        "owner": "o", "project_id": "proj_o", "kind": "training", "line_item": "ft-m, training", "model": "m",
        "job_id": "ftjob-1", "request_id": None, "quantity": Decimal(300_000), "quantity_unit": "tokens",
        "unit_price": Decimal("8.00"), "price_unit": "1M tokens", "amount": Decimal("2.400000"),
        "price_set": "s", "note": None, "created_at": 100,
    }
    values.update(fields)
    return CostRecord(**values)


def test_amounts_are_stored_as_exact_text(db: Database) -> None:
    CostsRepo(db).append([record(amount=Decimal("0.000000123456789012345678901"))])

    assert db.execute("select typeof(amount), amount from usage_costs").fetchone() == (
        "text", "1.23456789012345678901E-7")


def test_rows_read_amounts_back_as_the_same_decimal(db: Database) -> None:
    CostsRepo(db).append([record()])

    assert CostsRepo(db).rows()[0]["amount"] == Decimal("2.400000")


def test_second_training_charge_of_a_job_is_ignored(db: Database) -> None:
    repo = CostsRepo(db)
    repo.append([record()])
    repo.append([record(amount=Decimal(99))])

    assert [row["amount"] for row in repo.rows()] == [Decimal("2.400000")]


def test_inference_lines_of_one_call_are_all_kept(db: Database) -> None:
    line = record(kind="inference", job_id=None, request_id="chatcmpl-1")
    CostsRepo(db).append([line, line])

    assert len(CostsRepo(db).rows()) == 2


def test_rows_window_is_start_inclusive_end_exclusive(db: Database) -> None:
    repo = CostsRepo(db)
    repo.append([record(job_id=f"ftjob-{at}", created_at=at) for at in (99, 100, 199, 200)])

    assert [row["created_at"] for row in repo.rows(start=100, end=200)] == [100, 199]
