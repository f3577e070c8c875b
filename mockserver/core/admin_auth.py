"""The control plane's credential: when it is required, where a request may carry it, and the 401. Pure.

The control plane (`/_mock/*`) can reset the data dir, restore snapshots, delay every `/v1` call and read
prompts and the webhook secret, so it is closed whenever the server may be reached by others: bound beyond
loopback, or guarding its API with `--api-key`. API keys never open it.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable, Mapping

from mockserver.core.errors import Authentication

CONTROL_PREFIX = "/_mock"
ADMIN_HEADER = "x-mock-admin-key"
ADMIN_COOKIE = "mockserver_admin"
ADMIN_KEY_FILE = "admin_key"
# What the dashboard's login form and its assets need before anyone has logged in; they reveal no state.
LOGIN_PATH = "/_mock/ui/login"
STATIC_PREFIX = "/_mock/ui/static/"
DASHBOARD_PREFIX = "/_mock/ui"

HOW_TO_PASS = (
    "Send it as 'Authorization: Bearer <admin key>', as 'X-Mock-Admin-Key: <admin key>' or in the cookie "
    f"'{ADMIN_COOKIE}'. It is the server's --admin-key (MOCKSERVER_ADMIN_KEY) or, when none was given, the key "
    f"the server generated in the file '{ADMIN_KEY_FILE}' of its data dir. API keys do not open the control plane."
)
MISSING_ADMIN_KEY_MESSAGE = f"You didn't provide the admin key this control-plane route needs. {HOW_TO_PASS}"
WRONG_ADMIN_KEY_MESSAGE = f"Incorrect admin key provided for this control-plane route. {HOW_TO_PASS}"


def is_loopback(host: str) -> bool:
    """Only this machine can connect: `localhost`, 127.0.0.0/8 or ::1. Any other name may resolve anywhere."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def admin_key_required(*, host: str, api_keys: Iterable[str]) -> bool:
    return not is_loopback(host) or any(api_keys)


def is_control_path(path: str) -> bool:
    return path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")


def is_exempt(method: str, path: str) -> bool:
    """Exactly `GET|POST /_mock/ui/login` and `GET /_mock/ui/static/...` (no `.`/`..` segment, so no path
    that a router could resolve elsewhere)."""
    if path == LOGIN_PATH:
        return method in ("GET", "POST")
    if method == "GET" and path.startswith(STATIC_PREFIX):
        return not any(segment in (".", "..") for segment in path.split("/"))
    return False


def wants_login_page(method: str, path: str, accept: str) -> bool:
    """A browser opening a dashboard page is sent to the login form rather than shown the 401 envelope."""
    on_dashboard = path == DASHBOARD_PREFIX or path.startswith(DASHBOARD_PREFIX + "/")
    return method == "GET" and on_dashboard and "text/html" in accept


def presented_keys(headers: Mapping[str, str], cookies: Mapping[str, str]) -> list[str]:
    """Every place a request may carry the admin key, in the order tried (missing ones left out)."""
    scheme, _, bearer = headers.get("authorization", "").partition(" ")
    candidates = [bearer.strip() if scheme.lower() == "bearer" else "", headers.get(ADMIN_HEADER, "").strip(),
                  cookies.get(ADMIN_COOKIE, "")]
    return [candidate for candidate in candidates if candidate]


def matches(presented: str, admin_key: str) -> bool:
    """Constant time, so response times do not tell how much of a guess was right."""
    return hmac.compare_digest(presented.encode("utf-8", "surrogateescape"), admin_key.encode("utf-8"))


def check_admin_key(presented: list[str], admin_key: str) -> None:
    """Raises the 401 unless one of the presented values is the admin key."""
    if not presented:
        raise Authentication(MISSING_ADMIN_KEY_MESSAGE, code="invalid_admin_key")
    results = [matches(candidate, admin_key) for candidate in presented]  # all compared: no early exit
    if not any(results):
        raise Authentication(WRONG_ADMIN_KEY_MESSAGE, code="invalid_admin_key")
