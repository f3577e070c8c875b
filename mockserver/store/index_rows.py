"""A training index's rows (`model_index_*` tables): written while it is built, read back piecemeal to answer
a chat, or whole for a small index kept in memory.

Other connections write too (every request its journal row), and SQLite has one write lock, which a
waiting connection polls for: a build must hold it briefly and rarely. So the builder's postings and
exact-match keys, which arrive in no useful order, go first to a private staging file; once every
example is in, they are merged into the database in key order, where each insert appends to its
B-tree instead of rewriting pages all over it. Documents arrive in order and go straight in. Every
transaction writes at most WRITE_BATCH rows (or about WRITE_BATCH_BYTES).
"""

from __future__ import annotations

import bisect
import itertools
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import orjson
from sqlite_utils import Database

from mockserver.store.database import write_transaction

WRITE_BATCH = 100
WRITE_BATCH_BYTES = 1_000_000
READ_BATCH = 500  # terms or keys per `in (…)` list
PROBE_WINDOW = 256  # items of a stored array read at a time when looking for one
# Merged terms handed on at a time: up to this many postings (a term is never split) or this many terms
# (each costs some hundreds of bytes of objects, and most terms of a large file are rare).
MERGE_PAGE_POSTINGS = 500_000
MERGE_PAGE_TERMS = 5_000
# Read back in key order through B-trees, not ORDER BY: SQLite's sorter maps its temporary files into
# memory, and they are as large as the index.
STAGING_SCHEMA = (
    "pragma journal_mode = off",
    "pragma synchronous = off",
    "create table exact (key text primary key, doc integer not null) without rowid",
    "create table postings (term text not null, after_tool integer not null, chunk integer not null, "
    "shortest text not null, docs blob not null, tfs blob not null)",
    "create index postings_in_order on postings (term, after_tool, chunk)",
)


# documents, frequencies, whether an impact list
RankedPostings: TypeAlias = "tuple[array[int], array[int], bool]"


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


@dataclass
class MergedTerm:
    """A term's postings, every chunk's joined: per flag (False, True) documents and frequencies, and its
    (frequency, shortest document) pairs from all chunks."""

    term: str
    postings: dict[bool, tuple[array[int], array[int]]] = field(default_factory=dict)
    shortest: list[tuple[int, int]] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return sum(len(docs) for docs, _ in self.postings.values())


class IndexRowsWriter:
    """Writes one build; nothing reads it before `ModelIndexesRepo.save` names the build. `close` it."""

    def __init__(self, db: Database, build: int, staging_path: Path) -> None:
        self.db = db
        self.build = build
        self.staging_path = staging_path
        self.staging = sqlite3.connect(str(staging_path), isolation_level=None)
        for statement in STAGING_SCHEMA:
            self.staging.execute(statement)

    def close(self) -> None:
        self.staging.close()
        self.staging_path.unlink(missing_ok=True)

    def _insert(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        batch: list[tuple[Any, ...]] = []
        size = 0
        for row in rows:
            batch.append((self.build, *row))
            size += sum(len(value) for value in row if isinstance(value, bytes | str))
            if len(batch) >= WRITE_BATCH or size >= WRITE_BATCH_BYTES:
                self._write(sql, batch)
                batch, size = [], 0
        if batch:
            self._write(sql, batch)

    def _write(self, sql: str, batch: list[tuple[Any, ...]]) -> None:
        with write_transaction(self.db):
            self.db.conn.executemany(sql, batch)

    def _stage(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        self.staging.execute("begin")
        self.staging.executemany(sql, rows)
        self.staging.execute("commit")

    def add_documents(self, rows: Sequence[tuple[int, bool, int, str, bytes]]) -> None:
        """(doc, after_tool, length, question JSON, answer JSON) rows, in document order."""
        self._insert("insert into model_index_docs (build, doc, after_tool, length, question, answer) "
                     "values (?, ?, ?, ?, ?, ?)", rows)

    def add_chunk(self, chunk: int, first_doc: int, lengths: array[int]) -> None:
        self._insert("insert into model_index_chunks (build, chunk, first_doc, lengths) values (?, ?, ?, ?)",
                     [(chunk, first_doc, int_blob(lengths))])

    def add_exact(self, rows: Sequence[tuple[str, int]]) -> None:
        """(key, doc) rows, in document order; of a key's documents, the first is kept."""
        self._stage("insert or ignore into exact (key, doc) values (?, ?)", rows)

    def add_postings(self, chunk: int, rows: Sequence[tuple[str, bool, str, array[int], array[int]]]) -> None:
        """(term, after_tool, shortest JSON, docs, tfs) rows of one chunk."""
        self._stage("insert into postings (term, after_tool, chunk, shortest, docs, tfs) values (?, ?, ?, ?, ?, ?)",
                    [(term, flag, chunk, shortest, int_blob(docs), int_blob(tfs))
                     for term, flag, shortest, docs, tfs in rows])

    def merged_terms(self) -> Iterator[list[MergedTerm]]:
        """Every staged term in term order, its chunks joined, a page at a time (MERGE_PAGE_*)."""
        page: list[MergedTerm] = []
        postings = 0
        current: MergedTerm | None = None
        for term, flag, shortest, docs, tfs in self.staging.execute(
                "select term, after_tool, shortest, docs, tfs from postings indexed by postings_in_order "
                "order by term, after_tool, chunk"):
            if current is None or term != current.term:
                if current is not None:
                    page.append(current)
                    postings += current.documents
                if postings >= MERGE_PAGE_POSTINGS or len(page) >= MERGE_PAGE_TERMS:
                    yield page
                    page, postings = [], 0
                current = MergedTerm(term)
            lists = current.postings.setdefault(bool(flag), (array("i"), array("i")))
            lists[0].extend(int_array(docs))
            lists[1].extend(int_array(tfs))
            current.shortest.extend((tf, length) for tf, length in orjson.loads(shortest))
        if current is not None:
            page.append(current)
        if page:
            yield page

    def add_terms(self, postings: Sequence[tuple[str, bool, array[int], array[int]]],
                  stats: Sequence[tuple[str, float, float]],
                  impacts: Sequence[tuple[str, bool, array[int], array[int]]] = ()) -> None:
        """A page of merged terms: their (term, after_tool, docs, tfs) postings, (term, idf, largest weight), and
        the impact lists (term, after_tool, docs, tfs) of the common ones."""
        self._insert("insert into model_index_postings (build, term, after_tool, docs, tfs) values (?, ?, ?, ?, ?)",
                     [(term, flag, int_blob(docs), int_blob(tfs)) for term, flag, docs, tfs in postings])
        self._insert("insert into model_index_terms (build, term, idf, max_weight) values (?, ?, ?, ?)", stats)
        self._insert("insert into model_index_impacts (build, term, after_tool, docs, tfs) values (?, ?, ?, ?, ?)",
                     [(term, flag, int_blob(docs), int_blob(tfs)) for term, flag, docs, tfs in impacts])

    def copy_exact(self) -> None:
        """The staged exact-match keys into the database, each with its first document, in key order."""
        self._insert("insert into model_index_exact (build, key, doc) values (?, ?, ?)",
                     self.staging.execute("select key, doc from exact order by key"))


class StoredIndexRows:
    """One build's rows, read as a query needs them (the responder's `IndexRows`)."""

    def __init__(self, db: Database, build: int) -> None:
        self.conn = db.conn
        self.build = build
        self._documents: int | None = None

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
        row = self.conn.execute("select docs, tfs from model_index_postings where build = ? and term = ? "
                                "and after_tool = ?", [self.build, term, after_tool]).fetchone()
        return (int_array(row[0]), int_array(row[1])) if row is not None else (array("i"), array("i"))

    def ranked_postings(self, term: str, after_tool: bool) -> tuple[array[int], array[int], bool]:
        """The postings a query ranks with: a common term's impact list (and True), else all its postings."""
        row = self.conn.execute("select docs, tfs from model_index_impacts where build = ? and term = ? "
                                "and after_tool = ?", [self.build, term, after_tool]).fetchone()
        if row is not None:
            return int_array(row[0]), int_array(row[1]), True
        return (*self.postings(term, after_tool), False)

    def ranked_postings_of(self, terms: Sequence[str], after_tool: bool) -> dict[str, RankedPostings]:
        """`ranked_postings` of many terms in two queries (impact lists, then the other terms' postings); terms the
        index does not have are left out."""
        flag = int(after_tool)
        impacts = self._in(f"select term, docs, tfs from model_index_impacts where build = ? and after_tool = {flag} "
                           "and term in ({marks})", terms)
        found = {str(term): (int_array(docs), int_array(tfs), True) for term, docs, tfs in impacts}
        rest = [term for term in terms if term not in found]
        postings = self._in(f"select term, docs, tfs from model_index_postings where build = ? and after_tool = {flag} "
                            "and term in ({marks})", rest) if rest else []
        found.update((str(term), (int_array(docs), int_array(tfs), False)) for term, docs, tfs in postings)
        return found

    def occurring(self, terms: Sequence[str], after_tool: bool, doc: int) -> set[str]:
        """Those of the terms whose postings (with this flag) have the document: one query finds their rows, and
        each is searched in place (`_holds`), so a common term's postings are not read whole for one document."""
        rows = self._in("select term, rowid from model_index_postings where build = ? and after_tool = "
                        f"{int(after_tool)} and term in ({{marks}})", terms)
        found = set()
        for term, rowid in rows:
            with self.conn.blobopen("model_index_postings", "docs", rowid, readonly=True) as blob:
                if _holds(blob, doc, self._document_count()):
                    found.add(str(term))
        return found

    def _document_count(self) -> int:
        if self._documents is None:
            row = self.conn.execute("select max(doc) from model_index_docs where build = ?", [self.build]).fetchone()
            self._documents = 0 if row is None or row[0] is None else int(row[0]) + 1
        return self._documents

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
        for term, flag, doc_blob, tf_blob in self.conn.execute(
                "select term, after_tool, docs, tfs from model_index_postings where build = ?", [self.build]):
            yield str(term), bool(flag), int_array(doc_blob), int_array(tf_blob)


def _holds(blob: sqlite3.Blob, doc: int, documents: int) -> bool:
    """Whether a stored ascending int32 array of documents (each below `documents`) has `doc`, read PROBE_WINDOW
    items at a time: each window is placed where the document would be were the values spread evenly (a common
    term's documents nearly are), every other one halfway (so an uneven list costs no more than bisection), and
    searched in C. (Reading far into a blob walks its overflow pages: the first window is read where it likely
    is, not after the last item.)"""
    low, high = 0, len(blob) // 4  # if anywhere, doc is at a position in [low, high)
    below, above = -1, max(documents, doc + 1)  # bounds of the values in that range, exclusive
    for attempt in itertools.count():
        if high - low <= PROBE_WINDOW:
            window = _ints(blob, low, high)
            at = bisect.bisect_left(window, doc)
            return at < len(window) and window[at] == doc
        guess = low + (high - low) * (doc - below) // (above - below) if attempt % 2 == 0 else (low + high) // 2
        start = min(max(guess - PROBE_WINDOW // 2, low), high - PROBE_WINDOW)
        window = _ints(blob, start, start + PROBE_WINDOW)
        if doc < window[0]:
            high, above = start, window[0]
        elif doc > window[-1]:
            low, below = start + PROBE_WINDOW, window[-1]
        else:
            at = bisect.bisect_left(window, doc)
            return window[at] == doc
    raise AssertionError("unreachable")


def _ints(blob: sqlite3.Blob, start: int, stop: int) -> array[int]:
    """Items [start, stop) of a stored int32 array."""
    blob.seek(4 * start)
    return int_array(blob.read(4 * (stop - start)))


def _json_list(text: str | bytes) -> list[str]:
    return [str(item) for item in orjson.loads(text)]
