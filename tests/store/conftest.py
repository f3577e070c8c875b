"""Fixtures of the store tests: a migrated database on a temp data dir, and two connections to one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from mockserver.store.database import initialise_database, open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def connections(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """Two connections to one database, as two worker processes have."""
    path = tmp_path / "mockserver.db"
    initialise_database(path)
    first, second = open_database(path), open_database(path)
    yield first, second
    first.close()
    second.close()
