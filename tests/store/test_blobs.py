"""BlobStore: temporary files become blobs in one step; start-up removes only stale leftovers."""

from __future__ import annotations

import os
import time
from pathlib import Path

from mockserver.store.blobs import STALE_TEMP_SECONDS, BlobStore


def test_discard_unfinished_removes_stale_leftovers(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    leftover = blobs.new_temp_path()
    leftover.write_bytes(b"half an upload")
    stale = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(leftover, (stale, stale))

    blobs.discard_unfinished()

    assert not leftover.exists()


def test_discard_unfinished_keeps_an_upload_in_flight(tmp_path: Path) -> None:
    # Another worker process starting up must not delete what this one is still writing.
    blobs = BlobStore(tmp_path)
    in_flight = blobs.new_temp_path()
    in_flight.write_bytes(b"still arriving")

    blobs.discard_unfinished()

    assert in_flight.read_bytes() == b"still arriving"


def test_commit_moves_the_temp_file_into_place(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    temp = blobs.new_temp_path()
    temp.write_bytes(b"content")

    blobs.commit(temp, "file-abc")

    assert blobs.path("file-abc").read_bytes() == b"content"
    assert not temp.exists()
