"""The usage rows and cost lines of a batch's run, held in a temporary file until the run is kept: then written
in the transaction that records the batch's outputs, so a run that dies or loses its claim leaves no charge
(its successor charges each request once). Memory stays flat whatever the batch size."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from mockserver.store.costs import CostRecord, CostsRepo
from mockserver.store.database import within_transaction
from mockserver.store.usage import UsageRecord, UsageRepo

WRITE_CHUNK = 500  # calls read back and inserted at a time

Call = tuple[UsageRecord, list[CostRecord]]


class CallSpool:
    """Calls appended to a temporary file (pickled: the process's own records, Decimals kept exact)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: BinaryIO = open(path, "wb")  # noqa: SIM115 - closed by `write_into` or `discard`
        self.calls = 0

    def add(self, usage: UsageRecord, costs: list[CostRecord]) -> None:
        pickle.dump((usage, costs), self.handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.calls += 1

    def write_into(self, db: Database) -> None:
        """Every call held, into the ledgers and their totals (inside the caller's transaction, if any)."""
        self.handle.close()
        with within_transaction(db):
            for chunk in self._chunks():
                UsageRepo(db).append_many([usage for usage, _ in chunk])
                CostsRepo(db).append([line for _, costs in chunk for line in costs])
        self.path.unlink(missing_ok=True)

    def discard(self) -> None:
        self.handle.close()
        self.path.unlink(missing_ok=True)

    def _chunks(self) -> Iterator[list[Call]]:
        with open(self.path, "rb") as handle:
            chunk: list[Call] = []
            for _ in range(self.calls):
                chunk.append(pickle.load(handle))  # noqa: S301 - written by this run, above
                if len(chunk) == WRITE_CHUNK:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk
