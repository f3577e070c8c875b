"""Rows of the `request_journal` table: one per `/v1/*` request or webhook delivery attempt, newest kept,
oldest trimmed."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from mockserver.core.path_glob import is_glob, path_matches
from mockserver.core.records import record
from mockserver.core.request_summary import RawJson
from mockserver.store.sql import insert_many

# The journal is for tests to inspect recent traffic, not an archive: beyond this, the oldest rows go.
MAX_ENTRIES = 10_000
TRIM_EVERY = 100


@record  # frozen for mypy; plain at runtime, where it is made on every request (core/records.py)
class JournalRow:
    id: str
    method: str
    path: str
    query: str
    status: int | None
    body: Any  # the body's summary (core/request_summary.py); on the way in, maybe a RawJson, summarised when read
    fault_id: str | None
    retry_count: int | None
    duration_ms: float
    created_at: int
    kind: str = "request"  # or "webhook": a delivery attempt sent to `--webhook-url` (path is its URL)


COLUMNS = tuple(JournalRow.__dataclass_fields__)
BODY = COLUMNS.index("body")
# `recorded_at_ns`: when the row was recorded (wall clock), the journal's order. Rows reach the table in batches
# (store/write_behind.py), each worker process's in its own, so the insertion order (`seq`) is not the
# order the requests were answered in.
# A RawJson body goes in `raw_body` and `raw_content_type`, `body` (the summary as JSON) left null.
INSERT = "insert into request_journal (" + ", ".join(COLUMNS) + ", raw_body, raw_content_type, recorded_at_ns)"


def _values(entry: JournalRow, recorded_at_ns: int) -> list[Any]:
    # Field by field, not `asdict()`: that deep-copies the body.
    values = [getattr(entry, column) for column in COLUMNS]
    raw: list[Any] = [None, None]
    if isinstance(entry.body, RawJson):
        values[BODY], raw = None, [entry.body.data, entry.body.content_type]
    elif entry.body is not None:
        values[BODY] = json.dumps(entry.body, ensure_ascii=False)
    return [*values, *raw, recorded_at_ns]


def journal_rows(entries: list[tuple[JournalRow, int]]) -> list[list[Any]]:
    """(entry, recorded_at_ns) pairs as the rows `JournalRepo.append_rows` inserts."""
    return [_values(entry, recorded_at_ns) for entry, recorded_at_ns in entries]


def _entry(row: dict[str, Any]) -> JournalRow:
    values = {column: row[column] for column in COLUMNS}
    if row["raw_body"] is not None:
        values["body"] = RawJson(row["raw_content_type"], row["raw_body"]).summary()
    elif row["body"] is not None:
        values["body"] = json.loads(row["body"])
    return JournalRow(**values)


class JournalRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, entry: JournalRow, *, recorded_at_ns: int) -> None:
        self.append_many([(entry, recorded_at_ns)])

    def append_many(self, entries: list[tuple[JournalRow, int]]) -> None:
        """(entry, recorded_at_ns) pairs; then, once in a while, the rows beyond the newest MAX_ENTRIES go."""
        self.append_rows(journal_rows(entries))

    def append_rows(self, rows: list[list[Any]]) -> None:
        """`append_many` of rows `journal_rows` made."""
        if not rows:
            return
        insert_many(self.db, INSERT, rows)
        seq = self.db.conn.execute("select max(seq) from request_journal").fetchone()[0]
        if seq is not None and seq // TRIM_EVERY != (seq - len(rows)) // TRIM_EVERY:
            self.db.execute("delete from request_journal where seq <= ?", [seq - MAX_ENTRIES])

    def list(self, *, method: str | None, path: str | None, limit: int) -> tuple[list[JournalRow], bool]:
        """Newest first; `path` is exact or a glob (as for faults). Also says whether more rows matched."""
        where, params = [], []
        if method is not None:
            where.append("method = ?")
            params.append(method.upper())
        if path is not None and not is_glob(path):
            where.append("path = ?")
            params.append(path)
        rows = self.db.table("request_journal").rows_where(
            " and ".join(where) or None, params, order_by="recorded_at_ns desc, seq desc"
        )
        found: list[JournalRow] = []
        for row in rows:
            if path is not None and not path_matches(path, row["path"]):
                continue
            if len(found) == limit:
                return found, True
            found.append(_entry(row))
        return found, False

    def clear(self) -> int:
        return int(self.db.execute("delete from request_journal").rowcount)
