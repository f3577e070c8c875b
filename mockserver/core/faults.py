"""Fault rules, pure: which requests a rule matches, and the real API's error body for each status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockserver.core.errors import error_body
from mockserver.core.path_glob import path_matches

# Where faults (and the request journal) apply: the OpenAI surface only, never the control plane.
API_PREFIX = "/v1/"

SERVER_ERROR_MESSAGE = "The server had an error while processing your request. Sorry about that!"
OVERLOADED_MESSAGE = "The engine is currently overloaded, please try again later."
RATE_LIMITS_URL = "https://platform.openai.com/account/rate-limits"


@dataclass(frozen=True)
class FaultRule:
    """A stored rule. `remaining` is None for a rule that applies forever."""

    id: str
    path: str
    method: str | None = None
    status: int | None = None
    times: int | None = None
    remaining: int | None = None
    hits: int = 0
    probability: float = 1.0
    headers: dict[str, str] = field(default_factory=dict)
    delay_ms: int = 0
    drop_connection: bool = False
    error: dict[str, Any] | None = None
    created_at: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method.upper()) and path_matches(self.path, path)


def _retry_hint(headers: dict[str, str]) -> str:
    lowered = {key.lower(): value for key, value in headers.items()}
    if "retry-after-ms" in lowered:
        return f"{lowered['retry-after-ms']}ms"
    if "retry-after" in lowered:
        return f"{lowered['retry-after']}s"
    return "1s"


UNIT_ABBREVIATIONS = {"requests": "RPM", "tokens": "TPM"}


def rate_limit_message(
    *, subject: str, organization: str, limit: int, used: int, wait: str, requested: int = 1, unit: str = "requests",
) -> str:
    """The real 429 wording, per minute of requests (RPM) or of tokens (TPM)."""
    per_minute = f"{unit} per min ({UNIT_ABBREVIATIONS[unit]})"
    return (
        f"Rate limit reached for {subject} in organization {organization} on {per_minute}: "
        f"Limit {limit}, Used {used}, Requested {requested}. Please try again in {wait}. Visit {RATE_LIMITS_URL} "
        "to learn more."
    )


@dataclass(frozen=True)
class RateLimits:
    """The per-minute limits an injected 429 reports: `--rpm` and `--tpm` when set, else these defaults."""

    requests: int = 500
    tokens: int = 200_000


@dataclass(frozen=True)
class RequestFacts:
    """What a canned error may echo from the request it answers."""

    method: str
    path: str
    masked_key: str = "sk-***"
    organization: str = "org-mockserver"
    model: str | None = None  # the body's `model`, when it names one
    limits: RateLimits = RateLimits()


def model_of(body: Any) -> str | None:
    """The `model` a request body (as the journal summarises it: JSON, or multipart fields) names."""
    if isinstance(body, dict):
        fields = body.get("fields")
        model = fields.get("model") if isinstance(fields, dict) and "files" in body else body.get("model")
        if isinstance(model, str) and model:
            return model
    return None


def canned_error(status: int, request: RequestFacts, headers: dict[str, str]) -> dict[str, Any]:
    """The body the real API sends with `status` (its best-known wording for a generic failure)."""
    if status == 400:
        return error_body("Invalid request: the request could not be processed.", type="invalid_request_error")
    if status == 401:
        return error_body(
            f"Incorrect API key provided: {request.masked_key}. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
            type="invalid_request_error", code="invalid_api_key",
        )
    if status == 403:
        return error_body("Country, region, or territory not supported", type="request_forbidden",
                          code="unsupported_country_region_territory")
    if status == 404:
        return error_body(f"Invalid URL ({request.method} {request.path})", type="invalid_request_error")
    if status == 409:
        return error_body("Another request is currently modifying this object. Please try again.",
                          type="invalid_request_error")
    if status == 429:
        # As the real limiter words it for the model asked for; requests naming none are counted as "requests".
        limit = request.limits.requests
        message = rate_limit_message(subject=request.model or "requests", organization=request.organization,
                                     limit=limit, used=limit, wait=_retry_hint(headers))
        return error_body(message, type="requests", code="rate_limit_exceeded")
    if status == 500:
        return error_body(SERVER_ERROR_MESSAGE, type="server_error")
    if status == 502:
        return error_body("Bad gateway.", type="cf_bad_gateway")
    if status == 503:
        return error_body(OVERLOADED_MESSAGE, type="server_error")
    if status == 504:
        return error_body("Gateway timeout.", type="cf_gateway_timeout")
    if status >= 500:
        return error_body(SERVER_ERROR_MESSAGE, type="server_error")
    return error_body(f"The request failed with status {status}.", type="invalid_request_error")


def fault_body(rule: FaultRule, request: RequestFacts) -> dict[str, Any]:
    """The canned body for the rule's status, with the rule's own `error` fields laid over it."""
    assert rule.status is not None
    body = canned_error(rule.status, request, rule.headers)
    if rule.error:
        body["error"].update(rule.error)
    return body


def fault_headers(rule: FaultRule, request: RequestFacts) -> dict[str, str]:
    """The rule's headers; on a 429, over the `x-ratelimit-*` headers the real one carries (its requests
    used up, its tokens not)."""
    if rule.status != 429:
        return dict(rule.headers)
    limits = request.limits
    return {
        "x-ratelimit-limit-requests": str(limits.requests),
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": _retry_hint(rule.headers),
        **unused_token_headers(limits),
        **rule.headers,
    }


def unused_token_headers(limits: RateLimits) -> dict[str, str]:
    """The token half of a requests-per-minute 429's `x-ratelimit-*` headers: no token was used."""
    return {
        "x-ratelimit-limit-tokens": str(limits.tokens),
        "x-ratelimit-remaining-tokens": str(limits.tokens),
        "x-ratelimit-reset-tokens": "0s",
    }
