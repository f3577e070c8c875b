"""`--rpm`: a sliding one-minute window of requests per API key, on the server's clock."""

from __future__ import annotations

from mockserver.auth import owner_of
from mockserver.rate_limits import WINDOW_SECONDS, RateDecision
from mockserver.store.pool import ConnectionPool
from mockserver.store.rate_limits import RateWindowRepo


class RateLimiter:
    def __init__(self, *, pool: ConnectionPool, rpm: int) -> None:
        self.pool = pool
        self.rpm = rpm

    def check(self, *, api_key: str, now: int) -> RateDecision:
        """Count one request for the key at `now`, unless its last minute already holds `rpm` requests."""
        with self.pool.connection() as db:
            allowed, used, oldest = RateWindowRepo(db).take(
                key=owner_of(api_key), now=now, window=WINDOW_SECONDS, limit=self.rpm
            )
        return RateDecision(allowed=allowed, limit=self.rpm, used=used, reset_seconds=oldest + WINDOW_SECONDS - now)
