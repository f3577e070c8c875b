"""Rows of `model_indexes` (a job's training index: its build and summary) and `model_index_models` (who answers
with it); the build's own rows are in index_rows.py."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from mockserver.store.database import write_transaction
from mockserver.store.index_rows import IndexRowsWriter, StoredIndexRows

FIND = (
    "select i.job_id, i.digest, i.build from model_index_models m join model_indexes i on i.job_id = m.job_id "
    "where m.owner = ? and m.model = ? and not exists "
    "(select 1 from deleted_models d where d.owner = m.owner and d.model = m.model)"
)


# Tables of a build's rows; those without a rowid are deleted by their primary key.
ROW_TABLES = {"model_index_docs": "rowid", "model_index_postings": "rowid", "model_index_chunks": "build, chunk",
              "model_index_terms": "build, term", "model_index_exact": "build, key",
              "model_index_impacts": "build, term, after_tool"}
DELETE_BATCH = 2000


@dataclass(frozen=True)
class IndexRef:
    """Where a model's index is: its job, a digest of its content (a cache key that survives resets) and its
    build (None for an index stored whole by an older version)."""

    job_id: str
    digest: str
    build: int | None = None


class ModelIndexesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def new_build(self, *, job_id: str, owner: str, created_at: int) -> int:
        """A fresh build id for a job's index about to be written (`writer`), then `save`d or `drop_build`ed."""
        with write_transaction(self.db):
            cursor = self.db.conn.execute("insert into model_index_builds (job_id, owner, created_at) values (?, ?, ?)",
                                          [job_id, owner, created_at])
        return int(cursor.lastrowid or 0)

    def writer(self, build: int, staging_path: Path) -> IndexRowsWriter:
        """A writer of the build's rows, staging some in a file at `staging_path` (deleted by `close`)."""
        return IndexRowsWriter(self.db, build, staging_path)

    def rows(self, build: int) -> StoredIndexRows:
        return StoredIndexRows(self.db, build)

    def save(
        self, *, job_id: str, owner: str, data: bytes, examples: int, models: Iterable[str], created_at: int,
        build: int | None = None, digest: str | None = None,
    ) -> tuple[IndexRef, int | None]:
        """Make a job's index the written `build` (its summary in `data`) and set the model ids that answer with
        it, in one transaction. Returns the ref and the build it replaced, whose rows the caller then drops
        (`drop_build`, outside any transaction: many rows)."""
        digest = digest or hashlib.sha256(data).hexdigest()[:32]
        with write_transaction(self.db):
            row = self.db.conn.execute("select build from model_indexes where job_id = ?", [job_id]).fetchone()
            self.db.conn.execute(
                "insert or replace into model_indexes (job_id, owner, digest, examples, created_at, data, build) "
                "values (?, ?, ?, ?, ?, ?, ?)", [job_id, owner, digest, examples, created_at, data, build],
            )
            self._set_models(job_id=job_id, owner=owner, models=models)
        replaced = row[0] if row is not None and row[0] != build else None
        return IndexRef(job_id, digest, build), replaced

    def drop_build(self, build: int) -> None:
        """Delete a build's rows, a batch per transaction (other connections' writes get the lock in between)."""
        for table, key in ROW_TABLES.items():
            while self._delete_some(table, key, build):
                pass
        with write_transaction(self.db):
            self.db.conn.execute("delete from model_index_builds where id = ?", [build])

    def unsaved_builds(self, *, job_id: str | None = None) -> list[int]:
        """Builds no index names: in progress, or cut short by a crash (the caller knows which)."""
        sql = ("select id from model_index_builds b where not exists "
               "(select 1 from model_indexes i where i.build = b.id)")
        params: list[str] = []
        if job_id is not None:
            sql, params = sql + " and b.job_id = ?", [job_id]
        return [int(row[0]) for row in self.db.execute(sql, params).fetchall()]

    def _delete_some(self, table: str, key: str, build: int) -> int:
        with write_transaction(self.db):
            return int(self.db.conn.execute(
                f"delete from {table} where ({key}) in (select {key} from {table} where build = ? limit ?)",
                [build, DELETE_BATCH]).rowcount)

    def attach_models(self, *, job_id: str, owner: str, models: Iterable[str]) -> IndexRef | None:
        """Make `models` answer with the job's stored index; None (nothing written) if the job has none."""
        with write_transaction(self.db):  # reads, then writes: the lock must be taken first
            row = self.db.execute("select digest, build from model_indexes where job_id = ?", [job_id]).fetchone()
            if row is None:
                return None
            self._set_models(job_id=job_id, owner=owner, models=models)
        return IndexRef(job_id, str(row[0]), row[1])

    def find(self, *, owner: str, model: str) -> IndexRef | None:
        """The index a model of this owner answers with; None if it has none or the model was deleted."""
        row = self.db.execute(FIND, [owner, model]).fetchone()
        return IndexRef(row[0], row[1], row[2]) if row is not None else None

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
