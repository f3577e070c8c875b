"""Rows of `model_indexes` (a job's serialised training index) and `model_index_models` (who answers with it)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from mockserver.store.database import write_transaction

FIND = (
    "select i.job_id, i.digest from model_index_models m join model_indexes i on i.job_id = m.job_id "
    "where m.owner = ? and m.model = ? and not exists "
    "(select 1 from deleted_models d where d.owner = m.owner and d.model = m.model)"
)


@dataclass(frozen=True)
class IndexRef:
    """Where a model's index is: its job, and a digest of the stored bytes (a cache key that survives resets)."""

    job_id: str
    digest: str


class ModelIndexesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(
        self, *, job_id: str, owner: str, data: bytes, examples: int, models: Iterable[str], created_at: int
    ) -> IndexRef:
        """Store (or replace) a job's index and the model ids that answer with it, in one transaction."""
        digest = hashlib.sha256(data).hexdigest()[:32]
        with write_transaction(self.db):
            self.db.execute(
                "insert or replace into model_indexes (job_id, owner, digest, examples, created_at, data) "
                "values (?, ?, ?, ?, ?, ?)", [job_id, owner, digest, examples, created_at, data],
            )
            self._set_models(job_id=job_id, owner=owner, models=models)
        return IndexRef(job_id, digest)

    def attach_models(self, *, job_id: str, owner: str, models: Iterable[str]) -> IndexRef | None:
        """Make `models` answer with the job's stored index; None (nothing written) if the job has none."""
        with write_transaction(self.db):  # reads, then writes: the lock must be taken first
            row = self.db.execute("select digest from model_indexes where job_id = ?", [job_id]).fetchone()
            if row is None:
                return None
            self._set_models(job_id=job_id, owner=owner, models=models)
        return IndexRef(job_id, str(row[0]))

    def find(self, *, owner: str, model: str) -> IndexRef | None:
        """The index a model of this owner answers with; None if it has none or the model was deleted."""
        row = self.db.execute(FIND, [owner, model]).fetchone()
        return IndexRef(row[0], row[1]) if row is not None else None

    def data(self, ref: IndexRef) -> bytes | None:
        """The stored bytes, if the row is still the one `ref` describes."""
        row = self.db.execute(
            "select data from model_indexes where job_id = ? and digest = ?", [ref.job_id, ref.digest]
        ).fetchone()
        return bytes(row[0]) if row is not None else None

    def _set_models(self, *, job_id: str, owner: str, models: Iterable[str]) -> None:
        self.db.execute("delete from model_index_models where job_id = ?", [job_id])
        self.db.conn.executemany(
            "insert or replace into model_index_models (owner, model, job_id) values (?, ?, ?)",
            [(owner, model, job_id) for model in dict.fromkeys(models)],
        )

    def exists(self, job_id: str) -> bool:
        return self.db.execute("select 1 from model_indexes where job_id = ?", [job_id]).fetchone() is not None
