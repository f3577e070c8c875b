"""Opening the SQLite database: WAL, a busy timeout, and the migrations applied."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from mockserver.store import exact
from mockserver.store.migrations import migrations

BUSY_TIMEOUT_SECONDS = 30


def open_database(path: Path) -> Database:
    """A new connection; each request gets its own, as SQLite connections are not shared across threads."""
    # A request's connection may be used by the thread pool and the event loop in turn, never at once.
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    exact.register(conn)  # exact decimal sums in SQL, for the cost totals (store/exact.py)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One transaction that takes the write lock at once (BEGIN IMMEDIATE); inside another, a savepoint.

    sqlite-utils' `atomic()` begins a deferred transaction: one that reads first and writes later cannot
    wait for the lock (the busy timeout does not apply) once another connection has committed since its
    read, and fails at once with "database is locked". Taking the lock up front makes it wait instead.
    """
    conn = db.conn  # its own execute: `Database.execute` would parse each statement for an implicit commit
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("begin immediate")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("rollback")
        raise
    try:
        conn.execute("commit")
    except BaseException:
        if conn.in_transaction:
            conn.execute("rollback")
        raise


@contextmanager
def within_transaction(db: Database) -> Iterator[Database]:
    """Statements that must commit together: inside the caller's transaction when there is one (its rollback undoes
    them all: no savepoint to pay for on every chat call), else in their own `write_transaction`."""
    if db.conn.in_transaction:
        yield db
        return
    with write_transaction(db):
        yield db


def initialise_database(path: Path) -> None:
    """Create the file if needed, switch to WAL and apply pending migrations."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    try:
        db.enable_wal()
        # Worker processes start together: the first to take the write lock migrates, the others wait
        # (busy timeout), then find nothing pending. The migrations' own transactions nest as savepoints.
        db.execute("begin immediate")
        try:
            migrations.apply(db)
        except BaseException:
            if db.conn.in_transaction:
                db.execute("rollback")
            raise
        db.execute("commit")
    finally:
        db.close()


def live_blob_ids(path: Path) -> set[str]:
    """Ids whose blob must be kept: every file, and the parts of uploads still pending."""
    db = open_database(path)
    try:
        rows = db.execute(
            "select id from files union all select upload_parts.id from upload_parts "
            "join uploads on uploads.id = upload_parts.upload_id where uploads.status = 'pending'"
        ).fetchall()
    finally:
        db.close()
    return {row[0] for row in rows}


def hold_open(path: Path) -> Database:
    """A connection to keep open while the app runs, so the WAL outlives each request's connection.

    Without one, every request's connection is the last to close: SQLite then checkpoints the WAL
    and deletes it, and the next write creates it again (about 3 ms a request). The statement makes
    the connection attach to the WAL; it holds no lock afterwards.
    """
    db = open_database(path)
    db.execute("select count(*) from sqlite_master").fetchone()
    return db
