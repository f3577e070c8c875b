"""Rows of the `jobs`, `deleted_models` and `checkpoint_permissions` tables."""

from __future__ import annotations

import builtins
import json
from typing import Any

from sqlite_utils import Database

from mockserver.errors import NotFound
from mockserver.store.pagination import Page, cursor_page
from mockserver.store.sql import all_rows, first_row

JSON_COLUMNS = ("metadata", "integrations", "method", "plan", "controls")


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    decoded = dict(row)
    for column in JSON_COLUMNS:
        if decoded.get(column) is not None:
            decoded[column] = json.loads(decoded[column])
    return decoded


def _encode(row: dict[str, Any]) -> dict[str, Any]:
    encoded = dict(row)
    for column in JSON_COLUMNS:
        if column in encoded and encoded[column] is not None:
            encoded[column] = json.dumps(encoded[column], separators=(",", ":"))
    return encoded


def job_not_found(job_id: str) -> NotFound:
    return NotFound(f"No such fine-tuning job: {job_id}", param="fine_tuning_job_id", code="fine_tune_not_found")


class JobsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, row: dict[str, Any]) -> None:
        self.db.table("jobs").insert(_encode(row))

    def exists(self, job_id: str) -> bool:
        """Whether any caller has a job with this id."""
        return self.db.execute("select 1 from jobs where id = ?", [job_id]).fetchone() is not None

    def get(self, *, owner: str, job_id: str) -> dict[str, Any]:
        row = first_row(self.db, "select * from jobs where id = ? and owner = ?", [job_id, owner])
        if row is None:
            raise job_not_found(job_id)
        return _decode(row)

    def list(
        self, *, owner: str, after: str | None, limit: int, metadata: dict[str, str] | None, without_metadata: bool
    ) -> Page:
        where, params = "owner = :owner", {"owner": owner}
        for index, (key, value) in enumerate((metadata or {}).items()):
            where += f" and json_extract(metadata, :key{index}) = :value{index}"
            params[f"key{index}"] = "$." + json.dumps(key)
            params[f"value{index}"] = value
        if without_metadata:
            where += " and (metadata is null or metadata = '{}')"
        after_row = self.get(owner=owner, job_id=after) if after is not None else None
        page = cursor_page(self.db, table="jobs", where=where, params=params, descending=True,
                           after=after_row, limit=limit)
        return Page(rows=[_decode(row) for row in page.rows], has_more=page.has_more)

    def all_for(self, owner: str) -> builtins.list[dict[str, Any]]:
        return [_decode(row) for row in all_rows(self.db, "select * from jobs where owner = ? order by seq", [owner])]

    def unmaterialised(self) -> builtins.list[dict[str, Any]]:
        """Every caller's jobs whose success side effects are not recorded yet (running, failed, cancelled…)."""
        sql = "select * from jobs where materialised_at is null order by seq"
        return [_decode(row) for row in all_rows(self.db, sql)]

    def unannounced(self) -> builtins.list[dict[str, Any]]:
        """Every caller's jobs with no webhook event claimed yet (table `job_webhook_deliveries`): the ones a
        webhook sweep has to look at, whatever else has been recorded about them."""
        sql = ("select * from jobs where id not in (select job_id from job_webhook_deliveries) "
               "order by seq")
        return [_decode(row) for row in all_rows(self.db, sql)]

    def set_controls(self, job_id: str, controls: builtins.list[dict[str, Any]]) -> None:
        self.db.execute("update jobs set controls = ? where id = ?", [json.dumps(controls), job_id])

    def find_any(self, job_id: str) -> dict[str, Any] | None:
        """A job of any caller (for the control plane, which has none)."""
        row = first_row(self.db, "select * from jobs where id = ?", [job_id])
        return _decode(row) if row is not None else None

    def set_plan(self, job_id: str, plan: dict[str, Any]) -> None:
        self.db.execute("update jobs set plan = ? where id = ?", [json.dumps(plan, separators=(",", ":")), job_id])

    def claim_materialisation(self, job_id: str, at: int) -> bool:
        """True for exactly one caller: the one that records the job's success side effects as done."""
        cursor = self.db.execute(
            "update jobs set materialised_at = ? where id = ? and materialised_at is null", [at, job_id]
        )
        return cursor.rowcount == 1

    def mark_model_deleted(self, *, owner: str, model: str, at: int) -> None:
        self.db.table("deleted_models").insert({"owner": owner, "model": model, "deleted_at": at}, ignore=True)

    def deleted_models(self, owner: str) -> set[str]:
        return {row["model"] for row in all_rows(self.db, "select model from deleted_models where owner = ?", [owner])}


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
