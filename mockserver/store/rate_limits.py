"""Rows of `rate_limit_window` and `token_rate_window`: what each key used in the last window (`--rpm`, `--tpm`)."""

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


class TokenWindowRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def take(self, *, key: str, now: int, window: int, limit: int, requested: int) -> tuple[bool, int, int]:
        """Count `requested` tokens in `key`'s window if they fit under `limit`.

        Returns (allowed, tokens in the window, seconds until the window frees what this request needs, or
        until its oldest row leaves when allowed). One write transaction, as for requests.
        """
        self.db.execute("begin immediate")
        try:
            self.db.execute("delete from token_rate_window where key = ? and at <= ?", [key, now - window])
            rows = self.db.execute(
                "select at, tokens from token_rate_window where key = ? order by at", [key]
            ).fetchall()
            used = sum(tokens for _, tokens in rows)
            allowed = used + requested <= limit
            if allowed:
                self.db.execute("insert into token_rate_window (key, at, tokens) values (?, ?, ?)",
                                [key, now, requested])
                used += requested
            self.db.execute("commit")
        except BaseException:
            self.db.execute("rollback")
            raise
        if allowed:
            oldest = rows[0][0] if rows else now
            return True, used, oldest + window - now
        return False, used, _seconds_until_freed(rows, needed=used + requested - limit, now=now, window=window)


def _seconds_until_freed(rows: list[tuple[int, int]], *, needed: int, now: int, window: int) -> int:
    """When the oldest rows, leaving the window in turn, have freed `needed` tokens."""
    freed = 0
    for at, tokens in rows:
        freed += tokens
        if freed >= needed:
            return at + window - now
    return window  # more than the window holds: only a request too large for any window gets here
