"""The append-only rows every inference request leaves (its request-journal row, its usage row and cost
lines), written behind the requests: buffered in memory and written in batches, so that no request pays a
write transaction of its own.

- A batch is handed over `FLUSH_INTERVAL_SECONDS` after its first row arrived: in a server, by its event
  loop (`write_on`), elsewhere by a timer. The handing over makes the rows ready for SQL (the Python work)
  and writes them in one transaction, there and then, when it can without waiting: no batch before it still
  to write and the database's write lock free (another process may hold it for long: a job's preparation).
  Otherwise the batch goes to the process's writer thread, which waits for the lock and writes the batches
  in the order handed over. The server also writes what it holds when it shuts down. A process killed with -9
  loses at most the rows of its last interval: older rows are in the database.
- Why not always the writer thread: a thread writing while the event loop serves hands the GIL back and
  forth with it at every SQLite call, and under load the loop paid more for that (about 4 wake-ups of the
  writer a request) than the writes cost: written on the loop, a chat served 1.11-1.19x more requests a
  second. A batch's transaction does not checkpoint the WAL on the loop (an fsync): the writer thread does,
  every CHECKPOINT_EVERY batches.
- A read of those tables calls `settle()` first: this process's rows are written at once, then it waits
  for the rows other processes (worker processes) held when the read began.
- While a process holds rows, a marker file `<pid>.<writer>.<batch>.<since, ns>` in `<database>.pending/`
  says so (made by the request that starts a batch, removed once the batch is written). `wait_for_writers`
  reads those markers, so any process reading the database file (`mockserver costs`, a test) can wait for
  the rows of every live server process. Markers of processes that are gone are removed.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import queue
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from mockserver.store.costs import CostLines, CostRecord, CostsRepo
from mockserver.store.database import open_database, write_transaction
from mockserver.store.journal import JournalRepo, JournalRow, journal_rows
from mockserver.store.usage import UsageRecord, UsageRepo, UsageRows

logger = logging.getLogger("mockserver")

FLUSH_INTERVAL_SECONDS = 0.05
TIMER_NAME = "mockserver-write-behind-timer"
SETTLE_POLL_SECONDS = 0.002
# A reader waits no longer than this for another process's rows (a writer stuck or not flushing: logged).
SETTLE_TIMEOUT_SECONDS = 10.0
# Batches written where they are handed over between two checkpoints of the WAL by the writer thread.
CHECKPOINT_EVERY = 16


def pending_folder(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".pending")


@dataclass
class _Batch:
    journal: list[tuple[JournalRow, int]] = field(default_factory=list)  # with the time recorded, ns
    usage: list[UsageRecord] = field(default_factory=list)
    costs: list[CostRecord] = field(default_factory=list)
    marker: Path | None = None  # set while the batch holds rows


@dataclass
class _Job:
    """A batch handed over, its rows ready for SQL; without a marker, no rows: for the writer thread, a point it
    says it has passed (`done`), after a checkpoint of the WAL when `checkpoint`."""

    journal: list[list[Any]]
    usage: UsageRows
    costs: CostLines
    marker: Path | None
    checkpoint: bool = False
    done: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def of(cls, batch: _Batch) -> _Job:
        return cls(journal_rows(batch.journal), UsageRows.of(batch.usage), CostLines.of(batch.costs), batch.marker)

    @classmethod
    def barrier(cls, *, checkpoint: bool = False) -> _Job:
        return cls([], UsageRows([], []), CostLines([], [], []), None, checkpoint)


class WriteBehind:
    """One process's buffer of journal, usage and cost rows, and the thread that writes it."""

    def __init__(self, database_path: Path, *, interval: float = FLUSH_INTERVAL_SECONDS) -> None:
        self.database_path = database_path
        self.interval = interval
        self.markers = Markers(pending_folder(database_path))
        self._batch = _Batch()
        self._lock = threading.Lock()  # the batch being filled
        self._handing_over = threading.Lock()  # never held while waiting for SQLite: writing here does not wait
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()  # None: the thread stops
        self._thread: threading.Thread | None = None
        self._thread_lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._db: Database | None = None  # the writer thread's
        self._write_lock = threading.Lock()  # one batch written at a time, by either path
        self._queued = 0  # batches handed to the writer thread and not yet written
        self._queued_lock = threading.Lock()  # not _write_lock: the thread holds that while it waits for SQLite
        self._here_db: Database | None = None  # for batches written where they are handed over
        self._written_here = 0

    def write_on(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """Hand the batches over (and write them, when they can be at once) on this event loop's thread (a
        server's), or again on a timer (None).

        A writer thread that also made the rows ready took the GIL whenever the loop's thread let it go (each
        socket write, each tiktoken call) and kept it for that Python work: under load the loop then waited
        for it at almost every request (a chat served ~15% fewer requests a second)."""
        self._loop = loop

    def journal(self, entry: JournalRow) -> None:
        with self._lock:
            self._batch.journal.append((entry, time.time_ns()))
            if self._batch.marker is None:
                self._start_batch()

    def call(self, usage: UsageRecord, costs: list[CostRecord]) -> None:
        """One inference call's usage row and cost lines."""
        with self._lock:
            self._batch.usage.append(usage)
            self._batch.costs += costs
            if self._batch.marker is None:
                self._start_batch()

    def _start_batch(self) -> None:
        # Before the request that brings the first row answers: a reader elsewhere then knows to wait.
        self._batch.marker = self.markers.create()
        if self._loop is not None and self._hand_over_later_on(self._loop):
            return
        self._timer = threading.Timer(self.interval, self.hand_over)
        self._timer.name, self._timer.daemon = TIMER_NAME, True
        self._timer.start()

    def _hand_over_later_on(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Have `loop` hand the batch over after the interval (from any thread); False once it is closed."""
        try:
            loop.call_soon_threadsafe(loop.call_later, self.interval, self.hand_over)
        except RuntimeError:  # closed: the server is stopping
            return False
        return True

    def hand_over(self) -> None:
        """The rows held now, made ready for SQL on this thread, and written here or by the writer thread."""
        with self._handing_over:  # so batches are written in the order taken, whatever thread hands them over
            with self._lock:
                batch, self._batch = self._batch, _Batch()
            if batch.marker is None:
                return
            try:
                job = _Job.of(batch)
            except Exception:  # the requests are answered: nothing to fail but the log
                logger.exception("could not prepare %d journal, %d usage and %d cost rows", len(batch.journal),
                                 len(batch.usage), len(batch.costs))
                self.markers.remove(batch.marker)
                return
            if self._write_here(job):
                self.markers.remove(batch.marker)
                return
            self._queue(job)

    def _write_here(self, job: _Job) -> bool:
        """Write `job` on this thread if that needs no wait: no batch handed over before it left to write (so
        the writer thread is not writing either), the database's write lock free. False, having written
        nothing: the writer thread's (it waits for the lock, and logs what fails)."""
        if not self._write_lock.acquire(blocking=False):
            return False
        try:
            if self._queued:
                return False
            if self._here_db is None:
                self._here_db = open_here(self.database_path)
            try:
                write_job(self._here_db, job)
            except Exception:  # "database is locked" above all; rolled back (the writer thread logs a failure)
                return False
            self._written_here += 1
            checkpoint = self._written_here % CHECKPOINT_EVERY == 0
        finally:
            self._write_lock.release()
        if checkpoint:
            self._queue(_Job.barrier(checkpoint=True))
        return True

    def flush(self) -> None:
        """Write every row held now, and wait until they and every batch handed over before are written."""
        self.hand_over()
        barrier = _Job.barrier()
        self._queue(barrier)
        barrier.done.wait()

    def _queue(self, job: _Job) -> None:
        with self._thread_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="mockserver-write-behind", daemon=True)
                self._thread.start()
            if job.marker is not None:
                with self._queued_lock:
                    self._queued += 1
            self._jobs.put(job)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if job.marker is not None:
                    self._write(job)
                elif job.checkpoint:
                    self._checkpoint()
            except Exception:  # the requests are answered: nothing to fail but the log
                logger.exception("could not write %d journal, %d usage and %d cost rows", len(job.journal),
                                 len(job.usage.rows), len(job.costs.records))
            finally:
                if job.marker is not None:
                    self.markers.remove(job.marker)
                job.done.set()

    def _write(self, job: _Job) -> None:
        with self._write_lock:
            try:
                write_job(self._thread_db(), job)
            finally:
                with self._queued_lock:
                    self._queued -= 1

    def _checkpoint(self) -> None:
        """The WAL's pages copied into the database file, as far as no reader needs them (PASSIVE: no wait)."""
        self._thread_db().execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _thread_db(self) -> Database:
        if self._db is None:
            self._db = open_database(self.database_path)
        return self._db

    def settle(self) -> None:
        """Before a read of the journal or the ledgers: the rows of every request answered before this call,
        by this process or another, are in the database."""
        started = time.time_ns()
        self.flush()
        wait_for_writers(self.markers.folder, before_ns=started, own=self.markers.writer)

    def close(self) -> None:
        """Write what is left and stop the thread (at shutdown)."""
        self._loop = None
        if self._timer is not None:
            self._timer.cancel()
        self.flush()
        with self._thread_lock:
            thread, self._thread = self._thread, None
            if thread is not None:
                self._jobs.put(None)
        if thread is not None:
            thread.join()
        for db in (self._db, self._here_db):
            if db is not None:
                db.close()
        self._db = self._here_db = None


def write_job(db: Database, job: _Job) -> None:
    """A batch's rows, in one transaction."""
    with write_transaction(db):
        JournalRepo(db).append_rows(job.journal)
        UsageRepo(db).append_rows(job.usage)
        CostsRepo(db).append_lines(job.costs)


def open_here(database_path: Path) -> Database:
    """The connection batches are written on where they are handed over: it never waits for the write lock (an
    event loop must not), and leaves checkpoints, which sync the file, to the writer thread."""
    db = open_database(database_path)
    db.execute("PRAGMA busy_timeout = 0")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    return db


@dataclass(frozen=True)
class Marker:
    path: Path
    pid: int
    writer: str
    since_ns: int

    @classmethod
    def parse(cls, path: Path) -> Marker | None:
        pid, writer, _, since = (path.name.split(".") + ["", "", "", ""])[:4]
        if not (pid.isdigit() and since.isdigit()):
            return None
        return cls(path, int(pid), writer, int(since))


class Markers:
    """This writer's marker files: one per batch held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writer = secrets.token_hex(4)
        self._batches = itertools.count()

    def create(self) -> Path:
        path = self.folder / f"{os.getpid()}.{self.writer}.{next(self._batches)}.{time.time_ns()}"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY))  # not Path.touch(): that tries utime() first
        except FileNotFoundError:
            self.folder.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY))
        return path

    def remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)


def wait_for_writers(folder: Path, *, before_ns: int | None = None, own: str | None = None,
                     timeout: float = SETTLE_TIMEOUT_SECONDS) -> bool:
    """Wait until no live process (but writer `own`) holds rows it took before `before_ns` (default: now).
    False if some still did after `timeout` seconds (logged)."""
    before_ns = time.time_ns() if before_ns is None else before_ns
    deadline = time.monotonic() + timeout
    while True:
        waiting = [marker for marker in live_markers(folder) if marker.writer != own and marker.since_ns <= before_ns]
        if not waiting:
            return True
        if time.monotonic() > deadline:
            logger.warning("gave up waiting for %d pending write batch(es) in %s", len(waiting), folder)
            return False
        time.sleep(SETTLE_POLL_SECONDS)


def live_markers(folder: Path) -> list[Marker]:
    """The markers of processes still running; those of processes that are gone are removed."""
    try:
        paths = list(folder.iterdir())
    except FileNotFoundError:
        return []
    found = []
    for path in paths:
        marker = Marker.parse(path)
        if marker is None:
            continue
        if process_alive(marker.pid):
            found.append(marker)
        else:
            path.unlink(missing_ok=True)
    return found


def process_alive(pid: int) -> bool:
    """Whether the process runs (a zombie, killed but not yet reaped by its parent, does not)."""
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
