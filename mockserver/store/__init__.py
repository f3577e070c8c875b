"""The store: the one owner of SQLite. Everyone else asks it for rows."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from sqlite_utils import Database

from mockserver.store.blobs import BlobStore
from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.database import write_transaction
from mockserver.store.files import FilesRepo
from mockserver.store.jobs import JobsRepo, PermissionsRepo
from mockserver.store.model_indexes import ModelIndexesRepo
from mockserver.store.prompt_cache import PromptCacheRepo
from mockserver.store.rate_limits import TokenWindowRepo
from mockserver.store.uploads import UploadsRepo
from mockserver.store.usage import UsageRecord, UsageRepo
from mockserver.store.webhooks import WebhookDeliveriesRepo
from mockserver.store.write_behind import WriteBehind, pending_folder, wait_for_writers


class Store:
    """One database connection (one request's worth) and the repositories over it.

    `write_behind`: the server's buffer for the rows each inference call leaves (store/write_behind.py); without
    one (the CLI, tests), they are written at once.
    """

    def __init__(self, db: Database, blobs: BlobStore, write_behind: WriteBehind | None = None) -> None:
        self.db = db
        self.blobs = blobs
        self.write_behind = write_behind
        self.files = FilesRepo(db)
        self.uploads = UploadsRepo(db)
        self.jobs = JobsRepo(db)
        self.permissions = PermissionsRepo(db)
        self.model_indexes = ModelIndexesRepo(db)
        self.usage = UsageRepo(db)
        self.costs = CostsRepo(db)
        self.webhooks = WebhookDeliveriesRepo(db)
        self.token_windows = TokenWindowRepo(db)
        self.prompt_cache = PromptCacheRepo(db)

    def record_call(self, usage: UsageRecord, costs: list[CostRecord]) -> None:
        """An inference call's usage row and cost lines, together."""
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
