"""What crashed processes leave in a data dir, removed at start-up: half-written uploads (multipart spooling, Uploads
API parts and completions, all in `files/.tmp/`), blobs moved into place whose row was never written, the
scratch folders of snapshot saves and restores, the rows of training index builds never saved, and the leases
on jobs whose files were being prepared (they are prepared again).

Every server process holds the data dir's lock (DataDirLock) shared while it runs. One that gets it exclusively at
start-up is alone: every temporary file is a dead process's, and all of them go. Otherwise other servers are
running on the data dir, and only what has been idle for STALE_TEMP_SECONDS goes: their uploads in flight stay.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
from pathlib import Path
from typing import BinaryIO

from mockserver.store.blobs import STALE_TEMP_SECONDS, BlobStore
from mockserver.store.database import live_blob_ids, open_database
from mockserver.store.job_preparations import JobPreparationsRepo
from mockserver.store.model_indexes import ModelIndexesRepo
from mockserver.store.snapshots import scratch_folders

logger = logging.getLogger("mockserver")

LOCK_NAME = "mockserver.lock"


class DataDirLock:
    """An flock on `<data_dir>/mockserver.lock`: the kernel drops it when its process dies, kill -9 included."""

    def __init__(self, handle: BinaryIO, *, exclusive: bool) -> None:
        self.handle = handle
        self.exclusive = exclusive

    @classmethod
    def take(cls, data_dir: Path) -> DataDirLock:
        """Exclusive when no other process holds it, else shared (waiting out another's start-up sweep)."""
        data_dir.mkdir(parents=True, exist_ok=True)
        handle = open(data_dir / LOCK_NAME, "ab")  # held open while the process serves
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return cls(handle, exclusive=True)
        except BlockingIOError:
            fcntl.flock(handle, fcntl.LOCK_SH)
            return cls(handle, exclusive=False)

    def share(self) -> None:
        """Let other processes start on the data dir (they will not sweep while this one runs)."""
        if self.exclusive:
            fcntl.flock(self.handle, fcntl.LOCK_SH)
            self.exclusive = False

    def release(self) -> None:
        self.handle.close()


def discard_leftovers(*, data_dir: Path, database_path: Path, blobs: BlobStore, snapshots_dir: Path,
                      alone: bool) -> None:
    """`alone`: this process holds the data dir's lock exclusively (see the module docstring)."""
    idle_seconds = 0 if alone else STALE_TEMP_SECONDS
    blobs.discard_unfinished(idle_seconds=idle_seconds)
    blobs.discard_orphans(live_blob_ids(database_path), idle_seconds=idle_seconds)
    if not alone:  # another process's save or restore may be under way
        return
    for folder in scratch_folders(data_dir) + scratch_folders(snapshots_dir):
        logger.info("removing %s, left by an interrupted snapshot save or restore", folder)
        shutil.rmtree(folder, ignore_errors=True)
    discard_unfinished_work(database_path)


def discard_unfinished_work(database_path: Path) -> None:
    """Index builds no index names and leases on preparations: with no other process running, every one is a
    dead process's."""
    db = open_database(database_path)
    try:
        released = JobPreparationsRepo(db).release_all()
        if released:
            logger.info("%d job(s) were preparing their files when a server stopped: they are prepared again",
                        released)
        indexes = ModelIndexesRepo(db)
        for build in indexes.unsaved_builds():
            logger.info("removing the rows of training index build %d, cut short by a crash", build)
            indexes.drop_build(build)
    finally:
        db.close()
