"""The store: the one owner of SQLite. Everyone else asks it for rows."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlite_utils import Database

from mockserver.store.blobs import BlobStore
from mockserver.store.chat_completions import ChatCompletionsRepo
from mockserver.store.costs import CostsRepo
from mockserver.store.database import write_transaction
from mockserver.store.files import FilesRepo
from mockserver.store.job_models import JobModelsRepo
from mockserver.store.jobs import JobsRepo, PermissionsRepo
from mockserver.store.model_indexes import ModelIndexesRepo
from mockserver.store.prompt_cache import PromptCacheRepo
from mockserver.store.rate_limits import TokenWindowRepo
from mockserver.store.reports import ReportsRepo
from mockserver.store.responses import ResponsesRepo
from mockserver.store.uploads import UploadsRepo
from mockserver.store.usage import UsageRepo
from mockserver.store.webhooks import WebhookDeliveriesRepo


class Store:
    """One database connection (one request's worth) and the repositories over it."""

    def __init__(self, db: Database, blobs: BlobStore) -> None:
        self.db = db
        self.blobs = blobs
        self.files = FilesRepo(db)
        self.uploads = UploadsRepo(db)
        self.jobs = JobsRepo(db)
        self.job_models = JobModelsRepo(db)
        self.permissions = PermissionsRepo(db)
        self.model_indexes = ModelIndexesRepo(db)
        self.usage = UsageRepo(db)
        self.costs = CostsRepo(db)
        self.reports = ReportsRepo(db)
        self.webhooks = WebhookDeliveriesRepo(db)
        self.token_windows = TokenWindowRepo(db)
        self.prompt_cache = PromptCacheRepo(db)
        self.chat_completions = ChatCompletionsRepo(db)
        self.responses = ResponsesRepo(db)

    def atomic(self) -> AbstractContextManager[Database]:
        """One write transaction, its lock taken at once (a savepoint inside another): `write_transaction`."""
        return write_transaction(self.db)

    def close(self) -> None:
        self.db.close()
