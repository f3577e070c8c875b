"""The store: the one owner of SQLite. Everyone else asks it for rows."""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path

from sqlite_utils import Database

from mockserver.store.batches import BatchesRepo
from mockserver.store.blobs import BlobStore
from mockserver.store.call_spool import CallSpool
from mockserver.store.chat_completions import ChatCompletionsRepo
from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.database import write_transaction
from mockserver.store.files import FilesRepo
from mockserver.store.job_models import JobModelsRepo
from mockserver.store.job_preparations import JobPreparationsRepo
from mockserver.store.jobs import JobsRepo, PermissionsRepo
from mockserver.store.model_indexes import IndexRef, ModelIndexesRepo
from mockserver.store.pool import LentConnection
from mockserver.store.prompt_cache import PromptCacheRepo
from mockserver.store.rate_limits import TokenWindowRepo
from mockserver.store.reports import ReportsRepo
from mockserver.store.responses import ResponsesRepo
from mockserver.store.uploads import UploadsRepo
from mockserver.store.usage import UsageRecord, UsageRepo
from mockserver.store.webhooks import WebhookDeliveriesRepo
from mockserver.store.write_behind import WriteBehind, pending_folder, wait_for_writers


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
        def find() -> IndexRef | None:
            return self.model_indexes.find(owner=owner, model=model)

        if self.lent is None or self.lent.in_transaction():
            return find()
        return self.lent.cached(("model_index", owner, model), find)

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

    def close(self) -> None:
        self.db.close()
