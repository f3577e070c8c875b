"""API-key checks with the real API's 401 messages. Pure: header in, caller or error out."""

from __future__ import annotations

import functools
import hashlib
import hmac
from dataclasses import dataclass

from mockserver.core.errors import Authentication

API_KEYS_URL = "https://platform.openai.com/account/api-keys"
MISSING_KEY_MESSAGE = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header using "
    "Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) "
    "if you're accessing the API from your browser and are prompted for a username. You can obtain an "
    f"API key from {API_KEYS_URL}."
)


@dataclass(frozen=True)
class Caller:
    """Who is asking. Objects belong to the caller that created them (`owner`)."""

    api_key: str
    owner: str


def mask_key(key: str) -> str:
    """`sk-abc…wxyz` the way the real API echoes a wrong key: a few leading characters and the last four."""
    if len(key) <= 8:
        return "*" * len(key)
    return key[:3] + "*" * (len(key) - 7) + key[-4:]


@functools.lru_cache(maxsize=1024)  # a hash per request otherwise; clients use few keys
def owner_of(key: str) -> str:
    """Objects are scoped to the key that made them, like projects scope them on the real service."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def authenticate(authorization: str | None, accepted_keys: list[str], *, admin_key: str | None = None) -> Caller:
    """The caller of an API request. The control plane's admin key is no API key unless listed as one."""
    scheme, _, key = (authorization or "").partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise Authentication(MISSING_KEY_MESSAGE)
    refused = key not in accepted_keys if accepted_keys else is_admin_key(key, admin_key)
    if refused:
        raise Authentication(
            f"Incorrect API key provided: {mask_key(key)}. You can find your API key at {API_KEYS_URL}.",
            code="invalid_api_key",
        )
    return Caller(api_key=key, owner=owner_of(key))


def is_admin_key(key: str, admin_key: str | None) -> bool:
    return admin_key is not None and hmac.compare_digest(key.encode("utf-8", "surrogateescape"), admin_key.encode())
