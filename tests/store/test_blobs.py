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


def old_blob(blobs: BlobStore, blob_id: str) -> Path:
    """A finished blob last written before the staleness cutoff."""
    blobs.ensure()
    path = blobs.path(blob_id)
    path.write_bytes(b"content")
    stale = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(path, (stale, stale))
    return path


def test_discard_orphans_removes_stale_blobs_no_row_refers_to(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    orphan, kept = old_blob(blobs, "file-orphan"), old_blob(blobs, "file-kept")

    assert blobs.discard_orphans({"file-kept"}) == 1

    assert (orphan.exists(), kept.exists()) == (False, True)


def test_discard_orphans_keeps_a_blob_whose_row_may_be_on_its_way(tmp_path: Path) -> None:
    # Another worker moved it into place a moment ago and is about to insert its row.
    blobs = BlobStore(tmp_path)
    blobs.write_bytes("file-new", b"content")

    assert blobs.discard_orphans(set()) == 0

    assert blobs.path("file-new").exists()


def test_discard_orphans_leaves_the_staging_folder_alone(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    in_flight = blobs.new_temp_path()
    in_flight.write_bytes(b"still arriving")

    blobs.discard_orphans(set(), idle_seconds=-1)

    assert in_flight.exists()
