"""Fault injection's use cases: add, list and remove rules, and pick the rule that answers a request."""

from __future__ import annotations

import builtins
import random
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from mockserver.core.clock import Clock
from mockserver.core.errors import InvalidRequest, NotFound
from mockserver.core.faults import FaultRule
from mockserver.schemas.faults import Fault, FaultCreate
from mockserver.store import LentConnection, Store, Stores
from mockserver.store.faults import FaultsRepo


def new_fault_id(rng: random.Random | None = None) -> str:
    """Random, or from the faults' own seeded stream: test setup must not shift the API's seeded ids."""
    return "fault_" + (f"{rng.getrandbits(96):024x}" if rng is not None else secrets.token_hex(12))


def fault_view(rule: FaultRule) -> Fault:
    return Fault(
        id=rule.id, method=rule.method, path=rule.path, status=rule.status, times=rule.times,
        remaining=rule.remaining, hits=rule.hits, probability=rule.probability, headers=rule.headers,
        delay_ms=rule.delay_ms, drop_connection=rule.drop_connection, error=rule.error, created_at=rule.created_at,
    )


class FaultsService:
    """Rules live in the data dir's database, so every worker process applies the same ones."""

    def __init__(self, *, stores: Stores, clock: Clock, seed: int | None) -> None:
        self.stores = stores
        self.clock = clock
        self._seed = seed
        self._rng_lock = threading.Lock()
        self.reseed()

    def reseed(self) -> None:
        """Start the probability rolls and fault ids over (seeded), or afresh (unseeded)."""
        with self._rng_lock:
            self._rng = random.Random(self._seed)
            self._ids = random.Random(f"{self._seed}:fault-ids") if self._seed is not None else None

    @contextmanager
    def _repo(self, lent: LentConnection | None = None) -> Iterator[FaultsRepo]:
        with self.stores.borrowed(lent) as store:
            yield store.faults

    def create(self, spec: FaultCreate) -> Fault:
        if spec.status is None and not spec.drop_connection and spec.delay_ms == 0:
            raise InvalidRequest(
                "A fault needs a 'status', a 'delay_ms' above 0 or 'drop_connection': true.",
                param="status", code="missing_required_parameter",
            )
        if spec.status is not None and spec.drop_connection:
            raise InvalidRequest(
                "A fault cannot both answer with a 'status' and drop the connection.",
                param="drop_connection", code="invalid_value",
            )
        rule = FaultRule(
            id=self._new_id(), method=spec.method, path=spec.path, status=spec.status, times=spec.times,
            remaining=spec.times, probability=spec.probability, headers=spec.headers, delay_ms=spec.delay_ms,
            drop_connection=spec.drop_connection,
            error=spec.error.model_dump(exclude_unset=True) if spec.error is not None else None,
            created_at=self.clock.now(),
        )
        with self._repo() as repo:
            return fault_view(repo.insert(rule))

    def _new_id(self) -> str:
        with self._rng_lock:
            return new_fault_id(self._ids)

    def list(self) -> list[Fault]:
        with self._repo() as repo:
            return [fault_view(rule) for rule in repo.list()]

    def delete(self, fault_id: str) -> None:
        with self._repo() as repo:
            if not repo.delete(fault_id):
                raise NotFound(f"No such fault: {fault_id}", param="fault_id")

    def clear(self) -> int:
        with self._repo() as repo:
            return repo.clear()

    def pick(self, method: str, path: str, *, lent: LentConnection | None = None) -> FaultRule | None:
        """The first rule (oldest first) that matches, wins its probability roll and still has a use left.

        `lent`: the request's own connection, when it has one."""
        with self.stores.borrowed(lent) as store:
            for rule in self._active(store, method):
                if not rule.matches(method, path) or not self._fires(rule.probability):
                    continue
                consumed = store.faults.consume(rule.id)
                if consumed is not None:  # else another worker took the last use: try the next rule
                    return consumed
        return None

    @staticmethod
    def _active(store: Store, method: str) -> builtins.list[FaultRule]:
        """The rules with uses left for `method`, kept between requests while no fault changes (store/read_cache.py)."""
        return store.cached(("faults", method.upper()), lambda: store.faults.active(method))

    def _fires(self, probability: float) -> bool:
        if probability >= 1:
            return True
        if probability <= 0:
            return False
        with self._rng_lock:
            return self._rng.random() < probability
