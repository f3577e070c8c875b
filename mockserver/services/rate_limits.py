"""`--rpm` and `--tpm`: sliding one-minute windows of requests and of tokens per API key, on the server's clock."""

from __future__ import annotations

from mockserver.core.auth import owner_of
from mockserver.core.errors import OpenAIError
from mockserver.core.rate_limits import (
    WINDOW_SECONDS,
    RateDecision,
    TokenDecision,
    token_limit_headers,
    tokens_limited_message,
)
from mockserver.services.context import Context
from mockserver.store import LentConnection, Stores


class RateLimiter:
    def __init__(self, *, stores: Stores, rpm: int) -> None:
        self.stores = stores
        self.rpm = rpm

    def check(self, *, api_key: str, now: int, lent: LentConnection | None = None) -> RateDecision:
        """Count one request for the key at `now`, unless its last minute already holds `rpm` requests.

        `lent`: the request's own connection, when it has one."""
        with self.stores.borrowed(lent) as store:
            allowed, used, oldest = store.rate_windows.take(
                key=owner_of(api_key), now=now, window=WINDOW_SECONDS, limit=self.rpm
            )
        return RateDecision(allowed=allowed, limit=self.rpm, used=used, reset_seconds=oldest + WINDOW_SECONDS - now)


class TokensRateLimited(OpenAIError):
    status = 429
    type = "tokens"


def take_tokens(ctx: Context, *, model: str, requested: int) -> TokenDecision | None:
    """Count an inference request's tokens against `--tpm` (None when unset); over the limit: the real 429. A
    batch's requests do not count: the real Batch API has its own queue limits."""
    limit = ctx.settings.tpm
    if limit is None or ctx.batch:
        return None
    if requested > limit:
        decision = TokenDecision(allowed=False, limit=limit, used=0, requested=requested, reset_seconds=0)
    else:
        allowed, used, reset = ctx.store.token_windows.take(
            key=ctx.caller.owner, now=ctx.clock.now(), window=WINDOW_SECONDS, limit=limit, requested=requested
        )
        decision = TokenDecision(allowed=allowed, limit=limit, used=used, requested=requested, reset_seconds=reset)
    if not decision.allowed:
        message = tokens_limited_message(decision, model=model, organization=ctx.settings.organization_id)
        raise TokensRateLimited(message, code="rate_limit_exceeded", headers=token_limit_headers(decision))
    return decision
