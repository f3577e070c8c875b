"""Rows of `job_models`: the fine-tuned models and checkpoints of settled successes, until deleted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

INSERT = (
    "insert or ignore into job_models (owner, model, job_id, job_seq, step, created) "
    "select ?1, ?2, ?3, ?4, ?5, ?6 "
    "where not exists (select 1 from deleted_models d where d.owner = ?1 and d.model = ?2)"
)
COLUMNS = "owner, model, job_id, job_seq, step, created"


@dataclass(frozen=True)
class JobModel:
    """A model a job produced: its final model (the last step's checkpoint) or an earlier checkpoint."""

    owner: str
    model: str
    job_id: str
    job_seq: int  # the job's place among all jobs: models are listed in the order of their jobs
    step: int
    created: int


class JobModelsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, models: Iterable[JobModel]) -> None:
        """Record the models (again: nothing changes), except those deleted before."""
        self.db.conn.executemany(INSERT, [(m.owner, m.model, m.job_id, m.job_seq, m.step, m.created) for m in models])

    def get(self, *, owner: str, model: str) -> JobModel | None:
        row = self.db.execute(f"select {COLUMNS} from job_models where owner = ? and model = ?",
                              [owner, model]).fetchone()
        return JobModel(*row) if row is not None else None

    def list(self, owner: str) -> list[JobModel]:
        """The owner's models, in the order of their jobs, each job's oldest checkpoint first."""
        rows = self.db.execute(f"select {COLUMNS} from job_models where owner = ? order by job_seq, step",
                               [owner]).fetchall()
        return [JobModel(*row) for row in rows]

    def remove(self, *, owner: str, model: str) -> None:
        self.db.execute("delete from job_models where owner = ? and model = ?", [owner, model])
