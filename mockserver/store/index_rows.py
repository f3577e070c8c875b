"""A training index's rows (`model_index_*` tables): written in short transactions while it is built, read
back piecemeal to answer a chat, or whole for a small index kept in memory.

Writes take the database's write lock for at most WRITE_BATCH rows at a time, so the requests of other
connections (each of which writes its journal row) are never kept waiting for long by a build.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
from sqlite_utils import Database

from mockserver.store.database import write_transaction

WRITE_BATCH = 100
READ_BATCH = 500  # terms or keys per `in (…)` list
TERM_PAGE = 2000


class IndexGone(LookupError):
    """The index was replaced or deleted since it was found (a rebuild or a reset)."""


def int_array(data: bytes) -> array[int]:
    """A stored little-endian int32 blob as an array."""
    values = array("i")
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def int_blob(values: array[int]) -> bytes:
    if sys.byteorder == "big":
        values = array("i", values)
        values.byteswap()
    return values.tobytes()


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class IndexRowsWriter:
    """Writes one build's rows; nothing reads them before `ModelIndexesRepo.save` names the build."""

    def __init__(self, db: Database, build: int) -> None:
        self.db = db
        self.build = build

    def _insert(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        for batch in _batches(rows, WRITE_BATCH):
            with write_transaction(self.db):
                self.db.conn.executemany(sql, [(self.build, *row) for row in batch])

    def add_documents(self, rows: Sequence[tuple[int, bool, int, str, bytes]]) -> None:
        """(doc, after_tool, length, question JSON, answer JSON) rows."""
        self._insert("insert into model_index_docs (build, doc, after_tool, length, question, answer) "
                     "values (?, ?, ?, ?, ?, ?)", rows)

    def add_chunk(self, chunk: int, first_doc: int, lengths: array[int]) -> None:
        self._insert("insert into model_index_chunks (build, chunk, first_doc, lengths) values (?, ?, ?, ?)",
                     [(chunk, first_doc, int_blob(lengths))])

    def add_exact(self, rows: Sequence[tuple[str, int]]) -> None:
        """(key, doc) rows; a key already stored keeps its (earlier) document."""
        self._insert("insert or ignore into model_index_exact (build, key, doc) values (?, ?, ?)", rows)

    def add_postings(self, chunk: int, rows: Sequence[tuple[str, bool, int, str, array[int], array[int]]]) -> None:
        """(term, after_tool, n, shortest JSON, docs, tfs) rows of one chunk."""
        self._insert(
            "insert into model_index_postings (build, term, after_tool, chunk, n, shortest, docs, tfs) "
            "values (?, ?, ?, ?, ?, ?, ?, ?)",
            [(term, flag, chunk, n, shortest, int_blob(docs), int_blob(tfs))
             for term, flag, n, shortest, docs, tfs in rows],
        )

    def term_pages(self) -> Iterator[list[tuple[str, int, str]]]:
        """Every term of the build, TERM_PAGE at a time: (term, documents with it, JSON array of the
        chunks' `shortest` arrays)."""
        after = ""
        while True:
            page = self.db.conn.execute(
                "select term, sum(n), json_group_array(json(shortest)) from model_index_postings "
                "where build = ? and term > ? group by term order by term limit ?",
                [self.build, after, TERM_PAGE]).fetchall()
            if not page:
                return
            yield [(str(term), int(n), str(shortest)) for term, n, shortest in page]
            after = page[-1][0]

    def add_terms(self, rows: Sequence[tuple[str, float, float]]) -> None:
        """(term, idf, largest weight) rows."""
        self._insert("insert into model_index_terms (build, term, idf, max_weight) values (?, ?, ?, ?)", rows)


class StoredIndexRows:
    """One build's rows, read as a query needs them (the responder's `IndexRows`)."""

    def __init__(self, db: Database, build: int) -> None:
        self.conn = db.conn
        self.build = build

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction, so the reads of a query see one state; IndexGone if the build is no longer
        the index of any job."""
        began = not self.conn.in_transaction
        if began:
            self.conn.execute("begin")
        try:
            if self.conn.execute("select 1 from model_indexes where build = ?", [self.build]).fetchone() is None:
                raise IndexGone(f"training index build {self.build} is gone")
            yield
        finally:
            if began and self.conn.in_transaction:
                self.conn.execute("commit")

    def _in(self, sql: str, values: Sequence[str]) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for batch in _batches(values, READ_BATCH):
            rows += self.conn.execute(sql.format(marks=_marks(len(batch))), [self.build, *batch]).fetchall()
        return rows

    def exact_docs(self, keys: Sequence[str]) -> dict[str, int]:
        rows = self._in("select key, doc from model_index_exact where build = ? and key in ({marks})", keys)
        return {str(key): int(doc) for key, doc in rows}

    def term_stats(self, terms: Sequence[str]) -> dict[str, tuple[float, float]]:
        rows = self._in("select term, idf, max_weight from model_index_terms where build = ? and term in ({marks})",
                        terms)
        return {str(term): (float(term_idf), float(weight)) for term, term_idf, weight in rows}

    def postings(self, term: str, after_tool: bool) -> tuple[array[int], array[int]]:
        docs, tfs = array("i"), array("i")
        for doc_blob, tf_blob in self.conn.execute(
                "select docs, tfs from model_index_postings where build = ? and term = ? and after_tool = ? "
                "order by chunk", [self.build, term, after_tool]):
            docs += int_array(doc_blob)
            tfs += int_array(tf_blob)
        return docs, tfs

    def document(self, doc: int) -> tuple[list[str], bytes]:
        row = self.conn.execute("select question, answer from model_index_docs where build = ? and doc = ?",
                                [self.build, doc]).fetchone()
        if row is None:
            raise IndexGone(f"training index build {self.build} has no document {doc}")
        return _json_list(row[0]), bytes(row[1])

    def lengths(self) -> array[int]:
        """Every document's length (in terms), in document order."""
        lengths = array("i")
        for (blob,) in self.conn.execute("select lengths from model_index_chunks where build = ? order by chunk",
                                         [self.build]):
            lengths += int_array(blob)
        return lengths

    # -- everything, for an index small enough to keep in memory --------------------------------
    def all_documents(self) -> Iterator[tuple[int, bool, int, list[str], bytes]]:
        """(doc, after_tool, length, question terms, answer JSON) of every document, in order."""
        for doc, flag, length, question, answer in self.conn.execute(
                "select doc, after_tool, length, question, answer from model_index_docs where build = ? order by doc",
                [self.build]):
            yield int(doc), bool(flag), int(length), _json_list(question), bytes(answer)

    def all_exact(self) -> Iterator[tuple[str, int]]:
        for key, doc in self.conn.execute("select key, doc from model_index_exact where build = ?", [self.build]):
            yield str(key), int(doc)

    def all_postings(self) -> Iterator[tuple[str, bool, array[int], array[int]]]:
        """Every postings row, a term's chunks in order."""
        for term, flag, doc_blob, tf_blob in self.conn.execute(
                "select term, after_tool, docs, tfs from model_index_postings where build = ? "
                "order by term, after_tool, chunk",
                [self.build]):
            yield str(term), bool(flag), int_array(doc_blob), int_array(tf_blob)


def _json_list(text: str | bytes) -> list[str]:
    return [str(item) for item in orjson.loads(text)]
