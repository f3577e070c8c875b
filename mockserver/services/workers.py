"""Heavy work on big files (validating and indexing a training file), done in a child process.

Python runs one thread at a time, and the validator and the index builder hold that lock almost
throughout (parsing JSON, splitting text into terms), so done in the server's own process they slow
every other request, and whatever memory they reach stays with the process afterwards. A child
process runs beside the server instead, at a lower CPU priority, and gives all its memory back when it
exits. Starting one costs most of a second, so files smaller than WORKER_MIN_BYTES are done inline.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from mockserver.services.context import Context
from mockserver.store import Store
from mockserver.store.blobs import BlobStore
from mockserver.store.database import open_database

WORKER_MIN_BYTES = 4 * 1024 * 1024
WORKER_NICENESS = 10  # the server's requests come first when the machine is busy

Argument = TypeVar("Argument")
Result = TypeVar("Result")


def run_heavy(
    ctx: Context, file_bytes: int, task: Callable[[Store, Argument], Result], argument: Argument
) -> Result:
    """`task(store, argument)`: inline for a small file, else in a new child process with its own connection
    (`task` must be a module-level function, and `argument` and the result picklable). The calling thread
    waits without holding the interpreter lock; the child's exceptions are raised here."""
    if file_bytes < WORKER_MIN_BYTES:
        return task(ctx.store, argument)
    settings = ctx.settings
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=os.nice,
                             initargs=(WORKER_NICENESS,)) as pool:
        return pool.submit(_in_child, settings.database_path, settings.blobs_dir, task, argument).result()


def _in_child(
    database_path: Path, blobs_dir: Path, task: Callable[[Store, Argument], Result], argument: Argument
) -> Result:
    store = Store(open_database(database_path), BlobStore(blobs_dir))
    try:
        return task(store, argument)
    finally:
        store.close()


def file_bytes(ctx: Context, *file_ids: str | None) -> int:
    """The stored size of the caller's files (0 for one not found)."""
    total = 0
    for file_id in file_ids:
        row = ctx.store.files.find(owner=ctx.caller.owner, file_id=file_id) if file_id else None
        total += int(row["bytes"]) if row is not None else 0
    return total
