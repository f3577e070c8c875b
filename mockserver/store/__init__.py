"""The store: the one owner of SQLite. Everyone else asks it for rows, through a `Store` that `Stores` gives."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from pathlib import Path

from sqlite_utils import Database

from mockserver.core.clock import Clock
from mockserver.store.batches import BatchesRepo
from mockserver.store.blobs import BlobStore
from mockserver.store.call_spool import CallSpool
from mockserver.store.chat_completions import ChatCompletionsRepo
from mockserver.store.clock import read_through
from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.database import hold_open, open_database, write_transaction
from mockserver.store.faults import FaultsRepo
from mockserver.store.files import FilesRepo
from mockserver.store.job_models import JobModelsRepo
from mockserver.store.job_preparations import JobPreparationsRepo
from mockserver.store.jobs import JobsRepo, PermissionsRepo
from mockserver.store.journal import JournalRepo, JournalRow
from mockserver.store.model_indexes import IndexRef, ModelIndexesRepo
from mockserver.store.pool import ConnectionPool, LentConnection
from mockserver.store.prompt_cache import PromptCacheRepo
from mockserver.store.rate_limits import RateWindowRepo, TokenWindowRepo
from mockserver.store.read_cache import T
from mockserver.store.reports import ReportsRepo
from mockserver.store.reset import remove_blobs, reset_tables, scope_tables
from mockserver.store.responses import ResponsesRepo
from mockserver.store.snapshots import SnapshotStore
from mockserver.store.uploads import UploadsRepo
from mockserver.store.usage import UsageRecord, UsageRepo
from mockserver.store.webhooks import WebhookDeliveriesRepo
from mockserver.store.write_behind import WriteBehind, pending_folder, wait_for_writers

# What code outside the store imports from it: the facade, its factory, and the types they take.
__all__ = ["JournalRow", "LentConnection", "Store", "Stores"]


class Store:
    """One database connection (one request's worth) and the repositories over it.

    `write_behind`: the server's buffer for the rows each inference call leaves (store/write_behind.py); without
    one (the CLI, tests), they are written at once. `spool`: where a batch's run holds them instead, until the
    run is kept (store/call_spool.py).
    """

    def __init__(self, db: Database, blobs: BlobStore, write_behind: WriteBehind | None = None,
                 lent: LentConnection | None = None, spool: CallSpool | None = None) -> None:
        self.db = db
        self.blobs = blobs
        self.write_behind = write_behind
        self.lent = lent  # the request's connection (`db`), whose reads may be kept (store/read_cache.py)
        self.spool = spool

    def spooling(self, spool: CallSpool) -> Store:
        """This store on the same connection, its calls' usage and cost rows held in `spool`."""
        return Store(self.db, self.blobs, self.write_behind, self.lent, spool)

    # Each repository made on first use: a request uses two or three of them, and making all of them cost
    # about as much as the request's own SQLite read.
    @cached_property
    def files(self) -> FilesRepo:
        return FilesRepo(self.db)

    @cached_property
    def uploads(self) -> UploadsRepo:
        return UploadsRepo(self.db)

    @cached_property
    def jobs(self) -> JobsRepo:
        return JobsRepo(self.db)

    @cached_property
    def batches(self) -> BatchesRepo:
        return BatchesRepo(self.db)

    @cached_property
    def job_preparations(self) -> JobPreparationsRepo:
        return JobPreparationsRepo(self.db)

    @cached_property
    def permissions(self) -> PermissionsRepo:
        return PermissionsRepo(self.db)

    @cached_property
    def model_indexes(self) -> ModelIndexesRepo:
        return ModelIndexesRepo(self.db)

    @cached_property
    def usage(self) -> UsageRepo:
        return UsageRepo(self.db)

    @cached_property
    def costs(self) -> CostsRepo:
        return CostsRepo(self.db)

    @cached_property
    def webhooks(self) -> WebhookDeliveriesRepo:
        return WebhookDeliveriesRepo(self.db)

    @cached_property
    def rate_windows(self) -> RateWindowRepo:
        return RateWindowRepo(self.db)

    @cached_property
    def faults(self) -> FaultsRepo:
        return FaultsRepo(self.db)

    @cached_property
    def journal(self) -> JournalRepo:
        return JournalRepo(self.db)

    @cached_property
    def token_windows(self) -> TokenWindowRepo:
        return TokenWindowRepo(self.db)

    @cached_property
    def prompt_cache(self) -> PromptCacheRepo:
        return PromptCacheRepo(self.db)

    @cached_property
    def job_models(self) -> JobModelsRepo:
        return JobModelsRepo(self.db)

    @cached_property
    def reports(self) -> ReportsRepo:
        return ReportsRepo(self.db)

    @cached_property
    def chat_completions(self) -> ChatCompletionsRepo:
        return ChatCompletionsRepo(self.db)

    @cached_property
    def responses(self) -> ResponsesRepo:
        return ResponsesRepo(self.db)

    def model_index_ref(self, *, owner: str, model: str) -> IndexRef | None:
        """Where the index answering for `model` is (ModelIndexesRepo.find), kept between requests while no
        index, model or deletion changes."""
        return self.cached(("model_index", owner, model), lambda: self.model_indexes.find(owner=owner, model=model))

    def cached(self, key: Hashable, load: Callable[[], T]) -> T:
        """`load()`, or its value kept between requests while nothing changed (store/read_cache.py), when this
        store reads through a request's connection outside a transaction; else `load()` every time."""
        if self.lent is None or self.lent.in_transaction():
            return load()
        return self.lent.cached(key, load)

    def record_call(self, usage: UsageRecord, costs: list[CostRecord]) -> None:
        """An inference call's usage row and cost lines, together."""
        if self.spool is not None:
            self.spool.add(usage, costs)
            return
        if self.write_behind is not None:
            self.write_behind.call(usage, costs)
            return
        with self.atomic():
            self.usage.append(usage)
            self.costs.append(costs)

    def write_spool(self, spool: CallSpool) -> None:
        """A kept batch run's held calls, into the ledgers (inside the caller's transaction, if any)."""
        spool.write_into(self.db)

    def settle_writes(self) -> None:
        """Before reading the journal or the ledgers: the rows of every call answered so far, in this process or
        another, are in the database."""
        if self.write_behind is not None:
            self.write_behind.settle()
            return
        path = self.db.execute("pragma database_list").fetchone()[2]
        if path:
            wait_for_writers(pending_folder(Path(path)))

    def atomic(self) -> AbstractContextManager[Database]:
        """One write transaction, its lock taken at once (a savepoint inside another): `write_transaction`."""
        return write_transaction(self.db)

    def reset(self, scope: str) -> dict[str, int]:
        """Empty one scope's tables (store/reset.py): rows deleted per table."""
        return reset_tables(self.db, scope_tables(self.db, scope))

    def close(self) -> None:
        self.db.close()


class Stores:
    """The one way to reach the database: one per app (or CLI command, or worker child), and every `Store` comes
    from it: a request's over the connection RequestMiddleware lends it (`lend`, `request`), a background pass's or
    the test harness's over a pooled one (`borrowed`), a long task's over its own (`opened`).

    `flush_interval`: a server's; the journal, usage and cost rows of its requests are then written behind, in
    batches at most this many seconds apart (store/write_behind.py), by every store it gives. Without one (the CLI,
    a worker child), at once.
    """

    def __init__(self, database_path: Path, blobs: BlobStore, *, flush_interval: float | None = None) -> None:
        self.database_path = database_path
        self.blobs = blobs
        self.write_behind = WriteBehind(database_path, interval=flush_interval) if flush_interval is not None else None
        # Every request borrows a connection: opening one costs about half a millisecond.
        self.pool = ConnectionPool(database_path)
        self._keeper: Database | None = None

    def hold_open(self) -> None:
        """While a server runs: one connection kept open, so the WAL outlives each request's (store/database.py)."""
        self._keeper = hold_open(self.database_path)

    def write_behind_on(self, loop: asyncio.AbstractEventLoop) -> None:
        """While a server runs: the rows its requests leave are made ready for SQL and written on its event loop's
        thread, by the writer thread when that would wait (store/write_behind.py `write_on`)."""
        if self.write_behind is not None:
            self.write_behind.write_on(loop)

    def lend(self) -> LentConnection:
        """A request's connection, taken from the pool on first use; give it back when the request is done."""
        return LentConnection(self.pool)

    def request(self, lent: LentConnection) -> Store:
        return Store(lent.get(), self.blobs, self.write_behind, lent)

    def request_clock(self, clock: Clock, lent: LentConnection | None) -> Clock:
        """`clock` as one request reads it (store/clock.py `read_through`)."""
        return read_through(clock, lent)

    @contextmanager
    def borrowed(self, lent: LentConnection | None = None) -> Iterator[Store]:
        """A store over the request's `lent` connection when given (and not inside its owner's transaction), else
        over a pooled one, given back after."""
        if lent is not None and not lent.in_transaction():
            yield self.request(lent)
            return
        with self.pool.connection() as db:
            yield Store(db, self.blobs, self.write_behind)

    @contextmanager
    def opened(self, *pragmas: str) -> Iterator[Store]:
        """A store over a connection of its own (run with `pragmas`), closed after: for a thread or a child process
        that works for long, beside the pool."""
        db = open_database(self.database_path)
        for pragma in pragmas:
            db.execute(pragma)
        store = Store(db, self.blobs, self.write_behind)
        try:
            yield store
        finally:
            store.close()

    def snapshots(self, root: Path) -> SnapshotStore:
        return SnapshotStore(database_path=self.database_path, blobs=self.blobs, root=root)

    def reset(self, scope: str) -> tuple[dict[str, int], int]:
        """Empty one scope (store/reset.py): rows deleted per table, and for `files` and `everything` the blobs
        removed."""
        with self.opened() as store:
            deleted = store.reset(scope)
        return deleted, remove_blobs(self.blobs) if scope in ("everything", "files") else 0

    def record_journal(self, entry: JournalRow) -> None:
        """A request's journal row: written behind the request when there is a write-behind buffer, else at once."""
        if self.write_behind is not None:
            self.write_behind.journal(entry)
            return
        with self.borrowed() as store:
            store.journal.append(entry, recorded_at_ns=time.time_ns())

    def settle(self) -> None:
        """The rows requests left behind, written (store/write_behind.py)."""
        if self.write_behind is not None:
            self.write_behind.settle()

    def close(self) -> None:
        """At shutdown: the rows left behind written, the pooled connections and the kept one closed."""
        if self.write_behind is not None:
            self.write_behind.close()
        self.pool.close()
        if self._keeper is not None:
            self._keeper.close()
