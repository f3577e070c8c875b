"""Token counting for the validator: batches of examples encoded on worker threads while parsing goes on."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from concurrent.futures import Executor, Future
from typing import NamedTuple

import tiktoken

from mockserver.core.tokens import TokenPlan, count_groups

# About 256k characters per batch: large enough that one tiktoken call dwarfs its overhead,
# small enough that a few batches in flight stay within a few MB.
BATCH_CHARS = 256 * 1024
MAX_IN_FLIGHT = 2


class Counted(NamedTuple):
    key: Hashable
    tokens: int
    assistant_tokens: int


class TokenTally:
    """Collects example plans, encodes them in batches, hands back counts in submission order."""

    def __init__(
        self,
        encoding: tiktoken.Encoding,
        *,
        executor: Executor | None = None,
        batch_chars: int = BATCH_CHARS,
        max_in_flight: int = MAX_IN_FLIGHT,
    ) -> None:
        self._encoding = encoding
        self._executor = executor
        self._batch_chars = batch_chars
        self._max_in_flight = max_in_flight
        self._batch: list[tuple[Hashable, TokenPlan]] = []
        self._chars = 0
        self._in_flight: deque[tuple[list[tuple[Hashable, TokenPlan]], Future[list[int]]]] = deque()

    def add(self, key: Hashable, plan: TokenPlan) -> list[Counted]:
        """Queue one example; returns the counts of any batches that finished meanwhile."""
        self._batch.append((key, plan))
        self._chars += sum(map(len, plan.texts)) + sum(map(len, plan.assistant_texts))
        if self._chars < self._batch_chars:
            return []
        self._submit()
        done: list[Counted] = []
        while len(self._in_flight) > self._max_in_flight:
            done.extend(self._collect())
        return done

    def finish(self) -> list[Counted]:
        """Counts of everything still queued or in flight."""
        if self._batch:
            self._submit()
        done: list[Counted] = []
        while self._in_flight:
            done.extend(self._collect())
        return done

    def _submit(self) -> None:
        batch, self._batch, self._chars = self._batch, [], 0
        groups = [group for _, plan in batch for group in (plan.texts, plan.assistant_texts)]
        future: Future[list[int]]
        if self._executor is None:
            future = Future()
            future.set_result(count_groups(self._encoding, groups))
        else:
            future = self._executor.submit(count_groups, self._encoding, groups)
        self._in_flight.append((batch, future))

    def _collect(self) -> list[Counted]:
        batch, future = self._in_flight.popleft()
        counts = future.result()
        return [
            Counted(key, plan.overhead + counts[2 * i] + counts[2 * i + 1], counts[2 * i + 1])
            for i, (key, plan) in enumerate(batch)
        ]
