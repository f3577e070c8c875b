"""A worker's job preparer, as the app starts it, and what the clock routes wait for; the preparation itself
(services/job_preparation.py, which loads the validator and the index builder) is loaded by the first pass that
finds work, not at start-up."""

from __future__ import annotations

import logging
import time

from mockserver.core.catalog import ModelCatalog
from mockserver.core.clock import Clock
from mockserver.core.config import Settings
from mockserver.services.background import PassRunner, wait_until_none_pending
from mockserver.store import Store, Stores

logger = logging.getLogger("mockserver")

PASS_INTERVAL_SECONDS = 1.0
# What the clock routes wait, at most, for pending preparations: a 200 MB file takes minutes.
WAIT_SECONDS = 600.0


class PendingPreparations:
    """What the clock routes wait for: jobs whose files are still being prepared, by any worker."""

    def __init__(self, *, store: Store, preparer: PassRunner | None) -> None:
        self.store = store
        self.preparer = preparer

    def wait(self, *, timeout: float = WAIT_SECONDS) -> int:
        """Until none is pending, for at most `timeout` seconds; how many are left."""
        return wait_until_none_pending(self.store.job_preparations.pending, self.preparer, timeout=timeout,
                                       what="job(s) preparing their files")


def preparer_for_app(*, stores: Stores, settings: Settings, clock: Clock, catalog: ModelCatalog) -> PassRunner:
    """A worker's preparer over the app's connections."""

    def prepare_pass() -> bool:
        with stores.borrowed() as store:
            if not store.job_preparations.any_due(wall_now=int(time.time())):
                return False
            from mockserver.services.job_preparation import JobPreparation

            return JobPreparation(store=store, stores=stores, settings=settings, clock=clock,
                                  catalog=catalog).prepare_due()

    return PassRunner(prepare_pass, interval=PASS_INTERVAL_SECONDS, name="job preparation")
