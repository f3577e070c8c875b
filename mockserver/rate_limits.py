"""Requests-per-minute limits (`--rpm`), pure: the decision's headers and the real API's 429 body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mockserver.errors import error_body
from mockserver.faults import rate_limit_message

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


def rate_limited_body(decision: RateDecision, *, organization: str) -> dict[str, Any]:
    message = rate_limit_message(subject="requests", organization=organization, limit=decision.limit,
                                 used=decision.used, wait=format_wait(decision.reset_seconds))
    return error_body(message, type="requests", code="rate_limit_exceeded")
