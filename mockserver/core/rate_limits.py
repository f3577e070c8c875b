"""Per-minute limits (`--rpm`, `--tpm`), pure: the decisions' headers and the real API's 429 bodies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mockserver.core.errors import error_body
from mockserver.core.faults import RATE_LIMITS_URL, rate_limit_message

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class RateDecision:
    """One request checked against its key's window: `used` counts the window's requests, this one included
    when it was allowed; `reset_seconds` is when the oldest of them leaves the window."""

    allowed: bool
    limit: int
    used: int
    reset_seconds: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def format_wait(seconds: int) -> str:
    """Durations as the real headers write them: `0s`, `45s`, `1m0s`."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}m{rest}s" if minutes else f"{rest}s"


def rate_limit_headers(decision: RateDecision) -> dict[str, str]:
    return {
        "x-ratelimit-limit-requests": str(decision.limit),
        "x-ratelimit-remaining-requests": str(decision.remaining),
        "x-ratelimit-reset-requests": format_wait(decision.reset_seconds),
    }


def rate_limited_body(decision: RateDecision, *, organization: str, model: str | None = None) -> dict[str, Any]:
    """The real 429 of `--rpm`: it names the body's model when there is one (as the real API's per-model
    limits do), else "requests"."""
    message = rate_limit_message(subject=model or "requests", organization=organization, limit=decision.limit,
                                 used=decision.used, wait=format_wait(decision.reset_seconds))
    return error_body(message, type="requests", code="rate_limit_exceeded")


@dataclass(frozen=True)
class TokenDecision:
    """One inference request's tokens checked against its key's window (`--tpm`). `requested` is the
    request's estimate (prompt tokens + the output it may produce); `used` counts the window's tokens, this
    request's included when allowed; `reset_seconds` is when enough of them leave the window for this
    request (when refused) or when the oldest leave (when allowed)."""

    allowed: bool
    limit: int
    used: int
    requested: int
    reset_seconds: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def too_large(self) -> bool:
        """No window could ever hold it: the real API's "Request too large"."""
        return self.requested > self.limit


def token_limit_headers(decision: TokenDecision) -> dict[str, str]:
    return {
        "x-ratelimit-limit-tokens": str(decision.limit),
        "x-ratelimit-remaining-tokens": str(decision.remaining),
        "x-ratelimit-reset-tokens": format_wait(decision.reset_seconds),
    }


def tokens_limited_message(decision: TokenDecision, *, model: str, organization: str) -> str:
    if decision.too_large:
        return (
            f"Request too large for {model} in organization {organization} on tokens per min (TPM): "
            f"Limit {decision.limit}, Requested {decision.requested}. The input or output tokens must be reduced "
            f"in order to run successfully. Visit {RATE_LIMITS_URL} to learn more."
        )
    return rate_limit_message(subject=model, organization=organization, limit=decision.limit, used=decision.used,
                              wait=format_wait(decision.reset_seconds), requested=decision.requested, unit="tokens")


def requested_tokens(*, prompt: int, max_output: int | None, n: int) -> int:
    """What the limiter counts for a request before it runs, as the real one does: the prompt's tokens and
    the most output the request allows (`max_tokens` × `n`; nothing when no cap is given)."""
    return prompt + (max_output or 0) * n
