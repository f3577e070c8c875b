"""The generated admin key's file, `<data_dir>/admin_key`: created once, atomically, readable by its owner only.

Every worker process of a data dir, and every restart, reads the same key. The first to need it writes a
private temporary file in full and hard-links it into place: `link` fails if the name exists, so when
workers race exactly one key wins, and nobody ever reads a half-written file.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger("mockserver")

FILE_MODE = 0o600


class AdminKeyFileError(RuntimeError):
    """The key file exists but holds no usable key."""


def read_or_create_admin_key(path: Path, new_key: Callable[[], str], check: Callable[[str], object]) -> str:
    """The key stored at `path`; a new one from `new_key()` if there is none yet. `check` raises ValueError
    for a key the server cannot use (a file edited by hand)."""
    if not path.exists():
        _create(path, new_key())
    return _read(path, check)


def _create(path: Path, key: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as output:
            os.fchmod(output.fileno(), FILE_MODE)  # whatever the umask
            output.write(key + "\n")
            output.flush()
            os.fsync(output.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process was first: its key is the one
    finally:
        temporary.unlink(missing_ok=True)


def _read(path: Path, check: Callable[[str], object]) -> str:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        logger.warning("%s can be read by other users (mode %o): chmod 600 it", path, mode)
    key = path.read_text(encoding="utf-8", errors="replace").strip()
    try:
        check(key)
    except ValueError as exc:
        raise AdminKeyFileError(f"{path} does not hold a usable admin key: it {exc}; delete it to have a new "
                                "one generated") from None
    return key
