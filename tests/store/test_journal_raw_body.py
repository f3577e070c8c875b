"""A small JSON body is journalled as sent and summarised when read (core/request_summary.py `RawJson`): what
the journal gives back is the summary the old way made on write, for any body, and rows written the old way
(summary in `body`, no raw body) read as they did."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from mockserver.core.request_summary import MAX_SUMMARY_CHARS, BodySummary, RawJson
from mockserver.store.database import open_database
from mockserver.store.journal import JournalRepo, JournalRow
from mockserver.store.migrations import migrations

JSON = "application/json"
CHAT = {"model": "ft:gpt-4o-mini-2024-07-18:org::abc", "temperature": 0.2, "messages": [
    {"role": "system", "content": "You answer questions about the weather."},
    {"role": "user", "content": "明天北京会下雨吗？"}]}
NESTED: Any = "leaf"
for _ in range(20):
    NESTED = {"deeper": NESTED}
# (content type, body): JSON bodies small enough to be kept raw, and some that are not.
BODIES: dict[str, tuple[str | None, bytes]] = {
    "chat": (JSON, json.dumps(CHAT).encode()),
    "chat with charset": ("application/json; charset=utf-8", json.dumps(CHAT, ensure_ascii=False).encode()),
    "vendor +json": ("application/vnd.api+json", b'{"a": 1}'),
    "long string": (JSON, json.dumps({"content": "w" * 1000}).encode()),
    "long non-ASCII string": (JSON, json.dumps({"content": "天气" * 300}, ensure_ascii=False).encode()),
    "more than 20 items": (JSON, json.dumps({"items": list(range(25))}).encode()),
    "more than 20 keys": (JSON, json.dumps({f"k{n}": n for n in range(30)}).encode()),
    "deep nesting": (JSON, json.dumps(NESTED).encode()),
    "nested deeper than json parses": (JSON, b"[" * 1500 + b"]" * 1500),
    "lone surrogate": (JSON, b'{"content": "a\\ud800b", "tail": "\\udfff"}'),
    "surrogate pair": (JSON, b'{"content": "\\ud83d\\ude00"}'),
    "integer beyond 64 bits": (JSON, b'{"seed": 123456789012345678901234567890, "n": -99999999999999999999}'),
    "NaN and infinities": (JSON, b'{"x": NaN, "y": Infinity, "z": [-Infinity, 1e400]}'),
    "invalid JSON": (JSON, b'{"model": "gpt-4o", '),
    "not UTF-8": (JSON, b'{"a": "\xff\xfe"}'),
    "UTF-16": (JSON, '{"a": "b"}'.encode("utf-16")),
    "empty": (JSON, b""),
    "scalar": (JSON, b"42"),
    "summary longer than the body": (JSON, json.dumps([[1e9] * 20] * 20, separators=(",", ":")).encode()),
    "at the raw limit": (JSON, json.dumps({"s": "x" * (MAX_SUMMARY_CHARS - 9)}).encode()),
    "just over the raw limit": (JSON, json.dumps({"s": "x" * (MAX_SUMMARY_CHARS - 8)}).encode()),
    "large JSON": (JSON, json.dumps({"s": "x" * 50_000}).encode()),
    "text": ("text/plain", "明天".encode()),
    "no content type": (None, b'{"a": 1}'),
    "multipart": ("multipart/form-data; boundary=xx",
                  b'--xx\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n--xx--\r\n'),
}


def fed(content_type: str | None, body: bytes) -> BodySummary:
    summary = BodySummary(content_type)
    for start in range(0, len(body), 7):
        summary.feed(body[start:start + 7])
    return summary


def row(request_id: str, body: Any) -> JournalRow:
    return JournalRow(id=request_id, method="POST", path="/v1/chat/completions", query="", status=200, body=body,
                      fault_id=None, retry_count=None, duration_ms=1.0, created_at=1)


def read_back(db: Database) -> dict[str, Any]:
    rows, _ = JournalRepo(db).list(method=None, path=None, limit=100)
    return {entry.id: entry.body for entry in rows}


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """Not migrated."""
    database = open_database(tmp_path / "mockserver.db")
    yield database
    database.close()


@pytest.mark.parametrize("name", BODIES)
def test_a_body_summarised_on_read_is_the_summary_made_on_write(db: Database, name: str) -> None:
    content_type, body = BODIES[name]
    on_write, on_read = fed(content_type, body).result(), fed(content_type, body).for_journal()
    JournalRepo(db).append_many([(row("on-write", on_write), 1), (row("on-read", on_read), 2)])

    bodies = read_back(db)

    # Compared as JSON: NaN is not equal to itself; the wire shape is what matters.
    assert json.dumps(bodies["on-read"]) == json.dumps(bodies["on-write"])
    assert isinstance(on_read, RawJson) == (content_type in (JSON, "application/json; charset=utf-8",
                                                             "application/vnd.api+json")
                                            and 0 < len(body) <= MAX_SUMMARY_CHARS)


def test_the_raw_body_is_what_the_row_holds(db: Database) -> None:
    """A kept body costs its bytes, not a summary: nothing parsed or dumped on write."""
    content_type, body = BODIES["chat"]
    JournalRepo(db).append(row("req", fed(content_type, body).for_journal()), recorded_at_ns=1)

    assert db.execute("select body, raw_body, raw_content_type from request_journal").fetchall() == [
        (None, body, content_type)]


def test_rows_written_before_migration_0039_read_as_they_did(database: Database) -> None:
    migrations.apply(database, stop_before="0039_journal_raw_body")
    old = {name: fed(*BODIES[name]).result() for name in BODIES}
    for name, summary in old.items():
        database.execute(
            "insert into request_journal (id, method, path, query, status, body, fault_id, retry_count, "
            "duration_ms, created_at, kind, recorded_at_ns) values (?, 'POST', '/v1/x', '', 200, ?, null, null, "
            "1.0, 1, 'request', 1)",
            [name, None if summary is None else json.dumps(summary, ensure_ascii=False)])

    migrations.apply(database)

    assert json.dumps(read_back(database), sort_keys=True) == json.dumps(
        {name: json.loads(json.dumps(summary)) for name, summary in old.items()}, sort_keys=True)
