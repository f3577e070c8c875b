"""A worker's batch runner: runs finished batches in the background, so no read (nor a costs report) pays for them;
and what the clock routes wait for.

Each pass runs the batches whose terminal time on the server clock has come and whose outputs nobody has written,
through `BatchesService` (its run lease: exactly once across workers; a run whose worker died is taken over when
its lease lapses). On the system clock the runner wakes every PASS_INTERVAL_SECONDS and on every create; on a
manual clock only when the clock routes move it (and at start): a test's create-then-read stays the reader's run,
as without the runner, and the moves wait until the batches they finished are run (`PendingBatches`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from mockserver.billing.pricing import PriceTable
from mockserver.core.auth import Caller
from mockserver.core.clock import Clock, SystemClock
from mockserver.core.config import Settings
from mockserver.core.ids import IdFactory
from mockserver.services.background import PassRunner, wait_until_none_pending
from mockserver.services.context import Context
from mockserver.store import Store, Stores

if TYPE_CHECKING:  # the runs themselves load with the first pass that finds work
    from mockserver.services.batch_endpoints import Runner
    from mockserver.services.batch_runs import InvalidBody

logger = logging.getLogger("mockserver")

PASS_INTERVAL_SECONDS = 1.0
BATCHES_PER_PASS = 20
# What the clock routes wait, at most, for the batches a move finished: a batch of 50,000 requests takes minutes.
WAIT_SECONDS = 600.0
NOBODY = Caller(api_key="", owner="")  # each batch runs as its own row's owner (batch_runs.py)


class PendingBatches:
    """What the clock routes wait for: batches finished by the new time whose outputs are not written yet."""

    def __init__(self, *, store: Store, runner: PassRunner | None) -> None:
        self.store = store
        self.runner = runner

    def wait(self, *, now: int, timeout: float = WAIT_SECONDS) -> int:
        """Until every batch terminal by `now` is run (by any worker), for at most `timeout` seconds; how many
        are left (counted up to a hundred)."""
        return wait_until_none_pending(lambda: self.store.batches.pending(now), self.runner, timeout=timeout,
                                       what="finished batch(es) to run")


def batch_runner_for_app(*, stores: Stores, settings: Settings, clock: Clock, ids: IdFactory,
                         prices: PriceTable | None, runners: Mapping[str, Runner],
                         invalid_body: InvalidBody) -> PassRunner:
    """A worker's batch runner over the app's connections."""

    def run_pass() -> bool:
        with stores.borrowed() as store:
            if not store.batches.pending(clock.now(), at_most=1):
                return False
            from mockserver.services.batches import BatchesService

            ctx = Context(store=store, clock=clock, ids=ids, settings=settings, caller=NOBODY, prices=prices)
            return BatchesService(ctx, runners=runners, invalid_body=invalid_body).run_due(limit=BATCHES_PER_PASS)

    interval = PASS_INTERVAL_SECONDS if isinstance(clock, SystemClock) else None
    return PassRunner(run_pass, interval=interval, name="batch runner")


def wakes_on_create(runner: PassRunner) -> bool:
    """Whether a create wakes the runner: only a periodic one (the system clock's; see the module docstring)."""
    return runner.interval is not None
