"""The data dir as a whole: reset it (or one scope of it), snapshot it, restore a snapshot."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mockserver.core.clock import Clock, ControllableClock
from mockserver.core.errors import InvalidRequest, NotFound
from mockserver.schemas.data_dir import ResetResult, ResetScope, Snapshot, SnapshotList
from mockserver.store import Stores
from mockserver.store.snapshots import is_snapshot

SNAPSHOT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def check_snapshot_name(name: str) -> str:
    """Names are single folder names: no separators, no '..', nothing hidden."""
    if not SNAPSHOT_NAME.fullmatch(name) or ".." in name:
        raise InvalidRequest(
            f"Invalid snapshot name: {name!r}. Use letters, digits, '.', '_' and '-' (up to 100 characters, "
            "not starting with '.').",
            param="name", code="invalid_value",
        )
    return name


def snapshot_not_found(name: str) -> NotFound:
    return NotFound(f"No such snapshot: {name}", param="name")


def resolve_snapshot(snapshots_dir: Path, name_or_path: str) -> Path:
    """A snapshot name under `snapshots_dir`, else a path to a snapshot folder."""
    if SNAPSHOT_NAME.fullmatch(name_or_path) and is_snapshot(snapshots_dir / name_or_path):
        return snapshots_dir / name_or_path
    folder = Path(name_or_path).expanduser()
    if is_snapshot(folder):
        return folder
    raise snapshot_not_found(name_or_path)


class DataDirService:
    def __init__(
        self, *, stores: Stores, snapshots_dir: Path, clock: Clock, reseed: Callable[[], None] | None = None,
    ) -> None:
        self.stores = stores
        self.reseed = reseed  # after a full reset: seeded id sequences start over, as on a fresh data dir
        self.clock = clock
        self.snapshots = stores.snapshots(snapshots_dir)

    def reset(self, scope: ResetScope) -> ResetResult:
        """Empty one scope's tables (and for `files` and `everything`, the blobs); never the clock."""
        self._settle()
        deleted, blobs = self.stores.reset(scope)
        if scope == "everything" and self.reseed is not None:
            self.reseed()
        return ResetResult(scope=scope, tables=deleted, blobs=blobs)

    def _settle(self) -> None:
        """Before the data dir is emptied, copied or replaced: the rows requests left behind are written
        (store/write_behind.py), so none lands after a reset or is missing from a snapshot."""
        self.stores.settle()

    def save(self, name: str) -> Snapshot:
        self._settle()
        now = self.clock.now()
        return Snapshot(**self.snapshots.save(check_snapshot_name(name), {"created_at": now}))

    def list(self) -> SnapshotList:
        return SnapshotList(data=[Snapshot(**meta) for meta in self.snapshots.list()])

    def restore(self, name: str) -> Snapshot:
        folder = self.snapshots.root / check_snapshot_name(name)
        if not is_snapshot(folder):
            raise snapshot_not_found(name)
        return self._restore(folder)

    def load(self, name_or_path: str) -> Snapshot:
        """`--load`: restore a snapshot by name or by folder path."""
        return self._restore(resolve_snapshot(self.snapshots.root, name_or_path))

    def _restore(self, folder: Path) -> Snapshot:
        self._settle()
        meta = self.snapshots.restore(folder)
        # The shared manual clock came back with the database; an in-process one is set here.
        if isinstance(self.clock, ControllableClock) and meta.get("created_at") is not None:
            self.clock.set(int(meta["created_at"]))
        return Snapshot(**meta)
