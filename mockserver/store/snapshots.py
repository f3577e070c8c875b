"""Snapshots of the data dir: the database (through SQLite's backup API) and the blob folder, side by side.

A snapshot folder holds `mockserver.db`, `files/` and `snapshot.json`. The control tables (faults,
the request journal) are left out of it, and a restore keeps the live ones.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database
from mockserver.store.migrations import migrations
from mockserver.store.reset import CONTROL_TABLES, table_names

SNAPSHOT_DB = "mockserver.db"
SNAPSHOT_FILES = "files"
SNAPSHOT_META = "snapshot.json"
# Folders a save or a restore works in, `.<label>-<hex>` beside their final place; a crash leaves them behind.
SCRATCH_LABELS = ("saving", "replaced", "restoring", "files-replaced")


def _copy_blobs(source: Path, target: Path) -> int:
    """Blobs are never changed in place (only replaced or unlinked), so hard links are safe copies."""
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    if not source.is_dir():
        return count
    for path in source.iterdir():
        if not path.is_file():
            continue
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)
        count += 1
    return count


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def scratch_folders(parent: Path) -> list[Path]:
    """The scratch folders of saves and restores in `parent` (finished or crashed: only the caller knows)."""
    if not parent.is_dir():
        return []
    prefixes = tuple(f".{label}-" for label in SCRATCH_LABELS)
    return [path for path in parent.iterdir() if path.name.startswith(prefixes) and path.is_dir()]


def is_snapshot(folder: Path) -> bool:
    return (folder / SNAPSHOT_DB).is_file()


class SnapshotStore:
    def __init__(self, *, database_path: Path, blobs: BlobStore, root: Path) -> None:
        self.database_path = database_path
        self.blobs = blobs
        self.root = root

    def _scratch(self, parent: Path, label: str) -> Path:
        assert label in SCRATCH_LABELS
        parent.mkdir(parents=True, exist_ok=True)
        return parent / f".{label}-{secrets.token_hex(8)}"

    def save(self, name: str, meta: dict[str, Any]) -> dict[str, Any]:
        """Write the snapshot beside its final place, then move it there (replacing one of the same name)."""
        work = self._scratch(self.root, "saving")
        work.mkdir()
        try:
            live = open_database(self.database_path)
            target = Database(sqlite3.connect(str(work / SNAPSHOT_DB), isolation_level=None))
            try:
                live.conn.backup(target.conn)  # a consistent copy, even while other workers write
                target.execute("pragma journal_mode = delete")  # one self-contained file
                for table in set(table_names(target)) & set(CONTROL_TABLES):
                    target.execute(f'delete from "{table}"')
                target.execute("vacuum")
            finally:
                target.close()
                live.close()
            files = _copy_blobs(self.blobs.root, work / SNAPSHOT_FILES)
            meta = {**meta, "name": name, "files": files, "bytes": _folder_bytes(work)}
            (work / SNAPSHOT_META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
            self._move_into_place(work, self.root / name)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        return meta

    def _move_into_place(self, work: Path, final: Path) -> None:
        old = self._scratch(self.root, "replaced")
        if final.exists():
            final.rename(old)
        work.rename(final)
        shutil.rmtree(old, ignore_errors=True)

    def meta(self, folder: Path) -> dict[str, Any]:
        meta_path = folder / SNAPSHOT_META
        meta: dict[str, Any] = {}
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta.setdefault("name", folder.name)
        meta.setdefault("created_at", None)
        meta.setdefault("files", sum(1 for _ in (folder / SNAPSHOT_FILES).glob("*")))
        meta.setdefault("bytes", _folder_bytes(folder))
        return meta

    def list(self) -> list[dict[str, Any]]:
        if not self.root.is_dir():
            return []
        folders = sorted(path for path in self.root.iterdir() if not path.name.startswith(".") and is_snapshot(path))
        return [self.meta(folder) for folder in folders]

    def restore(self, folder: Path) -> dict[str, Any]:
        """Make the live data dir what the snapshot holds; the live control tables stay as they are.

        Everything is prepared aside first (a migrated copy of the database, a copy of the blobs); then
        the blob folder is swapped by renames and the database replaced in one backup, which SQLite
        applies atomically under a write lock, so every open connection sees the old state or the new.
        """
        data_dir = self.database_path.parent
        work = self._scratch(data_dir, "restoring")
        work.mkdir()
        try:
            shutil.copy2(folder / SNAPSHOT_DB, work / SNAPSHOT_DB)
            prepared = open_database(work / SNAPSHOT_DB)
            try:
                migrations.apply(prepared)  # a snapshot from an older version gets the current schema
                self._carry_control_tables(prepared)
                new_blobs = work / SNAPSHOT_FILES
                _copy_blobs(folder / SNAPSHOT_FILES, new_blobs)
                (new_blobs / self.blobs.tmp_dir.name).mkdir(exist_ok=True)
                self._swap_blobs(new_blobs)
                live = open_database(self.database_path)
                try:
                    prepared.conn.backup(live.conn)
                finally:
                    live.close()
            finally:
                prepared.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return self.meta(folder)

    def _carry_control_tables(self, prepared: Database) -> None:
        prepared.execute("attach database ? as live", [str(self.database_path)])
        try:
            live_tables = {str(row[0]) for row in prepared.execute(
                "select name from live.sqlite_master where type = 'table'").fetchall()}
            with prepared.atomic():
                for table in CONTROL_TABLES:
                    if table not in live_tables or not prepared[table].exists():
                        continue
                    columns = ", ".join(f'"{column}"' for column in prepared[table].columns_dict)
                    prepared.execute(f'delete from main."{table}"')
                    prepared.execute(f'insert into main."{table}" ({columns}) select {columns} from live."{table}"')
        finally:
            prepared.execute("detach database live")

    def _swap_blobs(self, new_blobs: Path) -> None:
        old = self._scratch(self.blobs.root.parent, "files-replaced")
        if self.blobs.root.exists():
            self.blobs.root.rename(old)
        new_blobs.rename(self.blobs.root)
        shutil.rmtree(old, ignore_errors=True)
