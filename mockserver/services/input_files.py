"""Files a request names in its body (a job's training and validation files, a batch's input file): their
metadata and bytes are read here.

With `--lenient-ids`, an id that names no file stands for a placeholder file (content from
services/lenient_ids.py) of the purpose the request needs: made afresh on every read and never stored, so a
job or batch created on it runs like any other. Without the flag there is no stand-in and nothing changes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from mockserver.services import lenient_ids
from mockserver.services.context import Context
from mockserver.store.blobs import BlobStore


@dataclass(frozen=True)
class StandIn:
    """What an id naming no file reads as (`--lenient-ids` only): a file of this purpose holding `content`."""

    purpose: str
    content: bytes


def training_stand_in(ctx: Context, training_format: str | None) -> StandIn | None:
    """The placeholder training file for a job whose model trains on `training_format`; None without the flag."""
    if not ctx.settings.lenient_ids:
        return None
    return StandIn("fine-tune", lenient_ids.training_file(training_format))


def batch_stand_in(ctx: Context, endpoint: str) -> StandIn | None:
    """The placeholder input file of a batch on `endpoint`; None without the flag."""
    if not ctx.settings.lenient_ids:
        return None
    return StandIn("batch", lenient_ids.batch_input_file(endpoint))


def expired(row: dict[str, Any], now: int) -> bool:
    """A file past its `expires_after` reads as gone, to every route."""
    return row["expires_at"] is not None and row["expires_at"] <= now


def live_file(ctx: Context, file_id: str, stand_in: StandIn | None = None) -> dict[str, Any] | None:
    """The caller's file row (or the stand-in's), or None when there is no such file or it has expired."""
    row = find_file(ctx, file_id, stand_in)
    return None if row is None or expired(row, ctx.clock.now()) else row


def find_file(ctx: Context, file_id: str, stand_in: StandIn | None) -> dict[str, Any] | None:
    """The caller's file row; for an id naming no file, the stand-in's row (if any), else None."""
    row = ctx.store.files.find(owner=ctx.caller.owner, file_id=file_id)
    if row is None and stand_in is not None:
        return lenient_ids.file_row(file_id, stand_in.purpose, stand_in.content, ctx.clock.now())
    return row


def open_file(blobs: BlobStore, file_id: str, stand_in: StandIn | None) -> BinaryIO:
    """The file's bytes; a file with no bytes stored reads as the stand-in, or raises FileNotFoundError."""
    try:
        return blobs.open(file_id)
    except FileNotFoundError:
        if stand_in is None:
            raise
        return io.BytesIO(stand_in.content)


def file_lines(blobs: BlobStore, file_id: str, stand_in: StandIn | None) -> Iterator[bytes]:
    with open_file(blobs, file_id, stand_in) as handle:
        yield from handle
