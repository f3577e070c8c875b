"""File contents on disk: written to a temporary file first, then moved into place in one step."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import BinaryIO

CHUNK_SIZE = 1024 * 1024
STALE_TEMP_SECONDS = 600


class BlobStore:
    """Blobs live in `<root>/<file id>`; unfinished writes live in `<root>/.tmp/` until committed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp_dir = root / ".tmp"

    def ensure(self) -> None:
        self.tmp_dir.mkdir(parents=True, exist_ok=True)

    def discard_unfinished(self, *, idle_seconds: float = STALE_TEMP_SECONDS) -> None:
        """Remove what a crashed process left half-written.

        Only files nobody has written to for `idle_seconds`: with several workers, one starting up
        must not delete another's upload in flight (each chunk written refreshes the file's mtime).
        """
        cutoff = time.time() - idle_seconds
        for leftover in self.tmp_dir.glob("*"):
            try:
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink(missing_ok=True)
            except FileNotFoundError:
                continue

    def discard_orphans(self, live_ids: Collection[str], *, idle_seconds: float = STALE_TEMP_SECONDS) -> int:
        """Remove finished blobs that no row refers to; returns how many.

        A blob is moved into place before its row is written (a row must never point at a missing
        blob), so a crash between the two leaves a blob behind. Recent blobs are kept: another worker
        may be about to write the row of one it has just moved into place.
        """
        cutoff = time.time() - idle_seconds
        removed = 0
        for path in self.root.glob("*"):
            if path.name in live_ids or not path.is_file():
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def new_temp_path(self) -> Path:
        self.ensure()
        return self.tmp_dir / secrets.token_hex(16)

    def commit(self, temp_path: Path, blob_id: str) -> None:
        """Make a finished temporary file the blob `blob_id`, durably."""
        with open(temp_path, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp_path, self.path(blob_id))

    def write_bytes(self, blob_id: str, data: bytes) -> int:
        temp_path = self.new_temp_path()
        temp_path.write_bytes(data)
        self.commit(temp_path, blob_id)
        return len(data)

    def concatenate(self, sources: list[Path], temp_path: Path) -> int:
        """Join `sources` into `temp_path`, chunk by chunk; returns the byte count."""
        total = 0
        with open(temp_path, "wb") as out:
            for source in sources:
                with open(source, "rb") as part:
                    while chunk := part.read(CHUNK_SIZE):
                        out.write(chunk)
                        total += len(chunk)
        return total

    def path(self, blob_id: str) -> Path:
        return self.root / blob_id

    def open(self, blob_id: str) -> BinaryIO:
        return open(self.path(blob_id), "rb")

    @staticmethod
    def chunks_of(handle: BinaryIO) -> Iterator[bytes]:
        """An open blob's bytes in chunks, closed at the end. Streamed from the handle, not the path: on POSIX
        an open file outlives its unlink, so a blob deleted mid-download is still sent whole."""
        with handle:
            while chunk := handle.read(CHUNK_SIZE):
                yield chunk

    def delete(self, blob_id: str) -> None:
        self.path(blob_id).unlink(missing_ok=True)
