"""Which admin key guards the control plane: the configured one, a generated one kept in the data dir, or none."""

from __future__ import annotations

import secrets
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from mockserver.core.admin_auth import ADMIN_KEY_FILE, admin_key_required
from mockserver.core.config import Settings, check_admin_key_format
from mockserver.store.admin_key import read_or_create_admin_key


@dataclass(frozen=True)
class AdminKey:
    value: str = field(repr=False)
    file: Path | None = None  # where the generated key is kept; None: given by --admin-key / MOCKSERVER_ADMIN_KEY


def new_admin_key() -> str:
    return secrets.token_urlsafe(32)


def admin_key_in_force(settings: Settings) -> AdminKey | None:
    """None when the control plane stays open: listening on loopback only, no API key, no admin key set."""
    if settings.admin_key is not None:
        return AdminKey(settings.admin_key.get_secret_value())
    if not admin_key_required(host=settings.host, api_keys=settings.api_keys):
        return None
    path = (settings.data_dir / ADMIN_KEY_FILE).resolve()
    return AdminKey(read_or_create_admin_key(path, new_admin_key, check_admin_key_format), file=path)


def access_banner(key: AdminKey | None) -> str:
    """The start-up line telling the user how to reach the control plane (never the key itself)."""
    if key is None:
        return ("Control plane /_mock/* is open (listening on loopback only, no --api-key); set --admin-key to "
                "close it.")
    if key.file is None:
        return "Control plane /_mock/* needs the admin key set by --admin-key / MOCKSERVER_ADMIN_KEY."
    return (f"Control plane /_mock/* needs the admin key kept in {key.file}: send it as "
            f"-H \"Authorization: Bearer $(cat {shlex.quote(str(key.file))})\".")
