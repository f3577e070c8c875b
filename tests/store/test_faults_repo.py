"""The faults table: a rule's last use goes to exactly one taker, whichever connection asks."""

from __future__ import annotations

from sqlite_utils import Database

from mockserver.core.faults import FaultRule
from mockserver.store.faults import FaultsRepo


def test_consume_gives_the_last_use_to_one_connection_only(connections: tuple[Database, Database]) -> None:
    first, second = FaultsRepo(connections[0]), FaultsRepo(connections[1])
    first.insert(FaultRule(id="fault_1", path="/v1/files", status=500, times=1, remaining=1))

    taken = [first.consume("fault_1"), second.consume("fault_1")]

    assert [rule is not None for rule in taken] == [True, False]
    assert [(rule.remaining, rule.hits) for rule in second.list()] == [(0, 1)]


def test_consume_of_a_forever_rule_only_counts_hits(connections: tuple[Database, Database]) -> None:
    repo = FaultsRepo(connections[0])
    repo.insert(FaultRule(id="fault_1", path="/v1/files", status=500))

    for _ in range(3):
        repo.consume("fault_1")

    assert [(rule.remaining, rule.hits) for rule in repo.list()] == [(None, 3)]


def test_exhausted_rules_are_not_active(connections: tuple[Database, Database]) -> None:
    repo = FaultsRepo(connections[0])
    repo.insert(FaultRule(id="fault_1", path="/v1/files", status=500, times=1, remaining=1))
    repo.consume("fault_1")

    assert repo.active("GET") == []
