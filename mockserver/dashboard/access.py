"""The control plane's credential as the dashboard checks it (admin_auth's rules), and the API key it acts as."""

from __future__ import annotations

from collections.abc import Mapping

from mockserver.core.admin_auth import matches, presented_keys


def is_admin(admin_key: str | None, headers: Mapping[str, str], cookies: Mapping[str, str]) -> bool:
    """True when no admin key is in force, or the request carries it in one of the three accepted forms."""
    if not admin_key:
        return True
    results = [matches(given, admin_key) for given in presented_keys(headers, cookies)]  # no early exit
    return any(results)


# The README's examples use this key: with no --api-key, the dashboard then shows what they created.
DEFAULT_DASHBOARD_KEY = "sk-local"


def dashboard_api_key(api_keys: list[str]) -> str:
    """The API key the dashboard acts as: the first `--api-key`, else the README's (any key is accepted then).
    Objects belong to the key that made them, so the dashboard shows that key's files, jobs and models."""
    return api_keys[0] if api_keys else DEFAULT_DASHBOARD_KEY
