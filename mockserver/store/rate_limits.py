"""Rows of `rate_limit_window`: the requests each key made in the last window (for `--rpm`)."""

from __future__ import annotations

from sqlite_utils import Database


class RateWindowRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def take(self, *, key: str, now: int, window: int, limit: int) -> tuple[bool, int, int]:
        """Count this request in `key`'s window unless the window is full.

        Returns (allowed, requests in the window, oldest request's time). One write transaction
        covers the count and the insert, so workers racing for the last slot cannot both get it.
        """
        self.db.execute("begin immediate")
        try:
            start = now - window
            self.db.execute("delete from rate_limit_window where key = ? and at <= ?", [key, start])
            used, oldest = self.db.execute(
                "select count(*), min(at) from rate_limit_window where key = ?", [key]
            ).fetchone()
            allowed = used < limit
            if allowed:
                self.db.execute("insert into rate_limit_window (key, at) values (?, ?)", [key, now])
                used += 1
                oldest = now if oldest is None else oldest
            self.db.execute("commit")
        except BaseException:
            self.db.execute("rollback")
            raise
        return allowed, int(used), int(oldest if oldest is not None else now)
