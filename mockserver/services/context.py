"""What every use case needs for one request: the store, the clock, the id factory, settings and caller."""

from __future__ import annotations

from mockserver.billing.pricing import PriceTable
from mockserver.core.auth import Caller
from mockserver.core.clock import Clock
from mockserver.core.config import Settings
from mockserver.core.ids import IdFactory
from mockserver.core.records import record
from mockserver.store import Store


@record  # frozen for mypy; plain at runtime, where it is made on every request (core/records.py)
class Context:
    store: Store
    clock: Clock
    ids: IdFactory
    settings: Settings
    caller: Caller
    # The table charges are priced with (app.state.prices); None: nothing is written to the cost ledger.
    prices: PriceTable | None = None
    # True while a batch's requests run (services/batch_runs.py): their calls are charged at batch prices.
    batch: bool = False
