"""Rows of the `jobs`, `deleted_models` and `checkpoint_permissions` tables."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from mockserver.core.errors import NotFound
from mockserver.simulator import Control, Plan
from mockserver.store.pagination import Page, cursor_page
from mockserver.store.sql import JsonColumns, all_rows, first_row

JSON_COLUMNS = JsonColumns(("metadata", "integrations", "method", "plan", "controls"))
DUE_BATCH = 500


@dataclass(frozen=True)
class JobRecord:
    """A row of `jobs`, decoded once here: what every service reads a job as (the simulator's `observe` takes it).

    The preparation lease's columns stay with store/job_preparations.py, which alone reads them."""

    seq: int
    id: str
    owner: str
    created_at: int
    model: str  # as the create named it (a base model, or an `ft:` model to continue from)
    training_file: str
    validation_file: str | None
    suffix: str | None
    seed: int
    metadata: dict[str, str] | None
    integrations: list[dict[str, Any]]
    method: dict[str, Any]  # {"type", "requested", "resolved", "extra"}: the create's hyperparameters
    plan: Plan
    controls: tuple[Control, ...]
    terminal_at: int | None = None  # simulator.state.terminal_at of the plan and controls
    materialised_at: int | None = None  # when its side effects were recorded (settled); None while due
    announced_at: int | None = None  # when its webhook event was claimed
    prep_state: str | None = None  # None: prepared inside its create (store/job_preparations.py)
    prep_finished_at: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> JobRecord:
        """The record of a row whose JSON columns are decoded."""
        return cls(
            seq=row["seq"], id=row["id"], owner=row["owner"], created_at=row["created_at"], model=row["model"],
            training_file=row["training_file"], validation_file=row.get("validation_file"),
            suffix=row.get("suffix"), seed=row["seed"], metadata=row.get("metadata"),
            integrations=row.get("integrations") or [], method=row["method"], plan=Plan.from_dict(row["plan"]),
            controls=tuple(Control(**control) for control in row["controls"]),
            terminal_at=row.get("terminal_at"), materialised_at=row.get("materialised_at"),
            announced_at=row.get("announced_at"), prep_state=row.get("prep_state"),
            prep_finished_at=row.get("prep_finished_at"),
        )


@dataclass(frozen=True)
class JobPage:
    jobs: list[JobRecord]
    has_more: bool


def controls_json(controls: Sequence[Control]) -> str:
    return json.dumps([asdict(control) for control in controls])


def stored_record(row: dict[str, Any]) -> JobRecord:
    """The record of a row as stored (JSON columns as text)."""
    return JobRecord.from_row(JSON_COLUMNS.decode(row))


def encode_row(row: dict[str, Any]) -> dict[str, Any]:
    """A job row as stored: its JSON columns as text."""
    return JSON_COLUMNS.encode(row)


def job_not_found(job_id: str) -> NotFound:
    return NotFound(f"No such fine-tuning job: {job_id}", param="fine_tuning_job_id", code="fine_tune_not_found")


class JobsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> JobRecord:
        """Store a new job (JSON columns as Python values); its record, as a read would return it."""
        table = self.db.table("jobs").insert(encode_row(row))
        return JobRecord.from_row({**row, "seq": table.last_pk})

    def exists(self, job_id: str) -> bool:
        """Whether any caller has a job with this id."""
        return self.db.execute("select 1 from jobs where id = ?", [job_id]).fetchone() is not None

    def get(self, *, owner: str, job_id: str) -> JobRecord:
        row = first_row(self.db, "select * from jobs where id = ? and owner = ?", [job_id, owner])
        if row is None:
            raise job_not_found(job_id)
        return stored_record(row)

    def list(
        self, *, owner: str, after: str | None, limit: int, metadata: dict[str, str] | None, without_metadata: bool
    ) -> JobPage:
        where, params = "owner = :owner", {"owner": owner}
        for index, (key, value) in enumerate((metadata or {}).items()):
            where += f" and json_extract(metadata, :key{index}) = :value{index}"
            params[f"key{index}"] = "$." + json.dumps(key)
            params[f"value{index}"] = value
        if without_metadata:
            where += " and (metadata is null or metadata = '{}')"
        after_row = self._cursor_row(owner=owner, job_id=after) if after is not None else None
        page = cursor_page(self.db, table="jobs", where=where, params=params, descending=True,
                           after=after_row, limit=limit)
        return JobPage(jobs=[stored_record(row) for row in page.rows], has_more=page.has_more)

    def _cursor_row(self, *, owner: str, job_id: str) -> dict[str, Any]:
        """The `after` job's position (seq) for a page: nothing decoded."""
        row = first_row(self.db, "select created_at, seq from jobs where id = ? and owner = ?", [job_id, owner])
        if row is None:
            raise job_not_found(job_id)
        return row

    def due(self, now: int, *, owner: str | None = None) -> Iterator[JobRecord]:
        """Jobs (of `owner`, or of every caller) terminal by `now` whose side effects are not recorded yet, in the
        order they became terminal: a range of a partial index (`jobs_due*`), empty in the usual case whatever
        the number of jobs. Read DUE_BATCH rows at a time, so the caller may settle them as they come."""
        where = "materialised_at is null and terminal_at <= :now and (terminal_at, seq) > (:after_at, :after_seq)"
        params: dict[str, Any] = {"now": now, "after_at": -1, "after_seq": 0}
        if owner is not None:
            where, params["owner"] = "owner = :owner and " + where, owner
        sql = f"select * from jobs where {where} order by terminal_at, seq limit {DUE_BATCH}"
        while rows := all_rows(self.db, sql, params):
            yield from (stored_record(row) for row in rows)
            params["after_at"], params["after_seq"] = rows[-1]["terminal_at"], rows[-1]["seq"]

    def unannounced(self, now: int) -> builtins.list[JobRecord]:
        """Every caller's jobs terminal by `now` with no webhook event claimed yet (table `job_webhook_deliveries`;
        a trigger sets `announced_at` when one is): the ones a webhook sweep has to look at."""
        # `+seq`: sort the partial index's range (`jobs_unannounced`), rather than scan every job in seq order.
        sql = "select * from jobs where announced_at is null and terminal_at <= ? order by +seq"
        return [stored_record(row) for row in all_rows(self.db, sql, [now])]

    def set_controls(self, job_id: str, controls: Sequence[Control], *, terminal_at: int | None) -> None:
        """New controls, and the `terminal_at` they give the job (simulator.state.terminal_at)."""
        self.db.execute("update jobs set controls = ?, terminal_at = ? where id = ?",
                        [controls_json(controls), terminal_at, job_id])

    def find_any(self, job_id: str) -> JobRecord | None:
        """A job of any caller (for the control plane, which has none)."""
        row = first_row(self.db, "select * from jobs where id = ?", [job_id])
        return stored_record(row) if row is not None else None

    def set_plan(self, job_id: str, plan: Plan, *, terminal_at: int | None) -> None:
        """A new plan, and the `terminal_at` it gives the job (simulator.state.terminal_at)."""
        self.db.execute("update jobs set plan = ?, terminal_at = ? where id = ?",
                        [json.dumps(plan.to_dict(), separators=(",", ":")), terminal_at, job_id])

    def claim_materialisation(self, job_id: str, at: int) -> bool:
        """True for exactly one caller: the one that records the terminal job's side effects as done (for a
        success: its charge, result file and models; for a failure or a cancel, nothing more is owed)."""
        cursor = self.db.execute(
            "update jobs set materialised_at = ? where id = ? and materialised_at is null", [at, job_id]
        )
        return cursor.rowcount == 1

    def mark_settled(self, job_ids: builtins.list[str], at: int) -> None:
        """Record failed and cancelled jobs as settled: they owe nothing more (a cancel's charge is written with
        it), and leave the `due` range for good."""
        self.db.conn.executemany("update jobs set materialised_at = ? where id = ? and materialised_at is null",
                                 [(at, job_id) for job_id in job_ids])

    def mark_model_deleted(self, *, owner: str, model: str, at: int) -> None:
        self.db.table("deleted_models").insert({"owner": owner, "model": model, "deleted_at": at}, ignore=True)

    def is_model_deleted(self, *, owner: str, model: str) -> bool:
        query = "select 1 from deleted_models where owner = ? and model = ?"
        return self.db.execute(query, [owner, model]).fetchone() is not None


class PermissionsRepo:
    """Rows of `checkpoint_permissions`: which projects may use a checkpoint."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> dict[str, Any]:
        self.db.table("checkpoint_permissions").insert(row)
        return self.get(owner=row["owner"], checkpoint=row["checkpoint"], permission_id=row["id"])

    def exists(self, permission_id: str) -> bool:
        query = "select 1 from checkpoint_permissions where id = ?"
        return self.db.execute(query, [permission_id]).fetchone() is not None

    def get(self, *, owner: str, checkpoint: str, permission_id: str) -> dict[str, Any]:
        row = first_row(self.db, "select * from checkpoint_permissions where id = ? and owner = ? and checkpoint = ?",
                        [permission_id, owner, checkpoint])
        if row is None:
            raise NotFound(f"No such checkpoint permission: {permission_id}", param="permission_id")
        return row

    def list(
        self, *, owner: str, checkpoint: str, project_id: str | None, descending: bool, after: str | None,
        limit: int,
    ) -> Page:
        where = "owner = :owner and checkpoint = :checkpoint"
        params: dict[str, Any] = {"owner": owner, "checkpoint": checkpoint}
        if project_id is not None:
            where += " and project_id = :project_id"
            params["project_id"] = project_id
        after_row = self.get(owner=owner, checkpoint=checkpoint, permission_id=after) if after else None
        return cursor_page(self.db, table="checkpoint_permissions", where=where, params=params,
                           descending=descending, after=after_row, limit=limit)

    def delete(self, *, owner: str, checkpoint: str, permission_id: str) -> None:
        self.db.execute("delete from checkpoint_permissions where id = ? and owner = ? and checkpoint = ?",
                        [permission_id, owner, checkpoint])
