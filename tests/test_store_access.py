"""One way to reach the store (README, "Layout"): outside `mockserver/store/`, code works on a `Store` that `Stores`
gives it, and never opens a connection, keeps a pool, reads the request's connection or makes a repository of its
own."""

from __future__ import annotations

import ast
from pathlib import Path

import mockserver

PACKAGE = Path(mockserver.__file__).parent
STORE = PACKAGE / "store"
SQLITE_MODULES = ("sqlite3", "sqlite_utils")
# The store's own ways to a connection: `Stores` uses them, nobody else.
CONNECTION_NAMES = {"ConnectionPool", "hold_open", "open_database", "read_through", "write_transaction",
                    "within_transaction"}


def modules_outside_the_store() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if STORE not in path.parents)


def violations(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        line = f"line {getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{line} imports {alias.name}" for alias in node.names
                      if alias.name.split(".")[0] in SQLITE_MODULES]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in SQLITE_MODULES:
                found.append(f"{line} imports from {module}")
            found += [f"{line} imports {alias.name}" for alias in node.names if alias.name in CONNECTION_NAMES]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name == "Store" or name.endswith("Repo"):
                found.append(f"{line} makes a {name} (take one from Stores)")
        elif isinstance(node, ast.Attribute) and node.attr == "db":
            found.append(f"{line} reaches a store's connection (.db)")
    return found


def test_code_outside_the_store_reaches_it_through_stores() -> None:
    found = {str(path.relative_to(PACKAGE)): violations(path) for path in modules_outside_the_store()}
    assert {module: lines for module, lines in found.items() if lines} == {}


def test_the_check_sees_each_way_around_stores(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import sqlite3\n"
                      "from mockserver.store.pool import ConnectionPool\n"
                      "from mockserver.store.database import open_database\n"
                      "store = Store(open_database(path), blobs)\n"
                      "FaultsRepo(store.db)\n")
    assert sorted(finding.split(" ", 2)[1] for finding in violations(sample)) == ["1", "2", "3", "4", "5", "5"]
