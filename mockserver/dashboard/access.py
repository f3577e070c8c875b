"""The control plane's credential, as the dashboard checks it: header, X-Mock-Admin-Key or cookie."""

from __future__ import annotations

import hmac

ADMIN_COOKIE = "mockserver_admin"
ADMIN_HEADER = "x-mock-admin-key"


def _same(given: str | None, key: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), key.encode())


def is_admin(admin_key: str | None, *, authorization: str | None, header: str | None, cookie: str | None) -> bool:
    """True when no admin key is in force, or the request carries it in one of the three accepted forms."""
    if not admin_key:
        return True
    scheme, _, bearer = (authorization or "").partition(" ")
    bearer_key = bearer.strip() if scheme.lower() == "bearer" else None
    return any(_same(given, admin_key) for given in (bearer_key, header, cookie))


# The README's examples use this key: with no --api-key, the dashboard then shows what they created.
DEFAULT_DASHBOARD_KEY = "sk-local"


def dashboard_api_key(api_keys: list[str]) -> str:
    """The API key the dashboard acts as: the first `--api-key`, else the README's (any key is accepted then).
    Objects belong to the key that made them, so the dashboard shows that key's files, jobs and models."""
    return api_keys[0] if api_keys else DEFAULT_DASHBOARD_KEY
