"""cursor_page: ordered by (created_at, seq), strictly after a cursor row, at most `limit` rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlite_utils import Database

from mockserver.store.pagination import cursor_page

# (seq, id, created_at, owner): "b" and "c" share a second, so seq (insertion order) breaks the tie.
# Listed out of order on purpose: the page order must come from the columns, not from rowid.
ROWS = [(4, "x", 250, "you"), (1, "a", 100, "me"), (2, "b", 200, "me"), (5, "d", 300, "me"), (3, "c", 200, "me")]
MINE_ASC = ["a", "b", "c", "d"]


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database(memory=True)
    database["items"].insert_all(
        [{"seq": seq, "id": item_id, "created_at": created_at, "owner": owner}
         for seq, item_id, created_at, owner in ROWS],
        pk="seq",
    )
    yield database
    database.close()


def row(db: Database, item_id: str) -> dict[str, Any]:
    return next(iter(db["items"].rows_where("id = ?", [item_id])))


def page_ids(db: Database, *, descending: bool = False, after: str | None = None, limit: int = 10) -> list[str]:
    page = cursor_page(
        db, table="items", where="owner = :owner", params={"owner": "me"}, descending=descending,
        after=row(db, after) if after else None, limit=limit,
    )
    return [item["id"] for item in page.rows]


def test_ascending_orders_by_created_at_then_seq(db: Database) -> None:
    assert page_ids(db) == MINE_ASC


def test_descending_orders_newest_first(db: Database) -> None:
    assert page_ids(db, descending=True) == MINE_ASC[::-1]


def test_where_clause_filters_rows(db: Database) -> None:
    assert "x" not in page_ids(db)


@pytest.mark.parametrize(("limit", "has_more"), [(1, True), (3, True), (4, False), (10, False)])
def test_limit_caps_rows_and_sets_has_more(db: Database, limit: int, has_more: bool) -> None:
    page = cursor_page(db, table="items", where="owner = :owner", params={"owner": "me"},
                       descending=False, after=None, limit=limit)

    assert [item["id"] for item in page.rows] == MINE_ASC[:limit]
    assert page.has_more is has_more


@pytest.mark.parametrize(
    ("descending", "after", "expected"),
    [
        (False, "a", ["b", "c", "d"]),
        (False, "b", ["c", "d"]),  # same created_at as "c": seq decides
        (False, "d", []),
        (True, "d", ["c", "b", "a"]),
        (True, "c", ["b", "a"]),  # same created_at as "b": seq decides
        (True, "a", []),
    ],
)
def test_after_returns_rows_strictly_after_cursor(
    db: Database, descending: bool, after: str, expected: list[str]
) -> None:
    assert page_ids(db, descending=descending, after=after) == expected


def test_after_a_row_outside_the_filter_still_positions_the_cursor(db: Database) -> None:
    assert page_ids(db, after="x") == ["d"]


@pytest.mark.parametrize("descending", [False, True])
def test_following_cursors_visits_every_row_once(db: Database, descending: bool) -> None:
    seen: list[str] = []
    after: str | None = None
    while True:
        page = cursor_page(db, table="items", where="owner = :owner", params={"owner": "me"},
                           descending=descending, after=row(db, after) if after else None, limit=3)
        seen += [item["id"] for item in page.rows]
        if not page.has_more:
            break
        after = page.rows[-1]["id"]

    assert seen == (MINE_ASC[::-1] if descending else MINE_ASC)


def test_custom_order_columns(db: Database) -> None:
    page = cursor_page(db, table="items", where="1", params={}, descending=True, after=None, limit=2,
                       order_columns=("seq", "created_at"))

    assert [item["id"] for item in page.rows] == ["d", "x"]


def test_rows_are_plain_dicts_with_every_column(db: Database) -> None:
    page = cursor_page(db, table="items", where="owner = :owner", params={"owner": "me"},
                       descending=False, after=None, limit=1)

    assert page.rows == [{"seq": 1, "id": "a", "created_at": 100, "owner": "me"}]
