"""Heavy work on big files (validating and indexing a training file), done in a child process.

Python runs one thread at a time, and the validator and the index builder hold that lock almost
throughout (parsing JSON, splitting text into terms), so done in the server's own process they slow
every other request, and whatever memory they reach stays with the process afterwards. A child
process (`python -m mockserver.services.workers`) runs beside the server instead, at a lower CPU
priority, and gives all its memory back when it exits. Starting one costs about half a second, so
files smaller than `settings.worker_min_bytes` are done inline. The task, its argument and its result (or
exception) cross the pipes pickled: both ends are this package.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mockserver.services.context import Context
from mockserver.store import Store, Stores
from mockserver.store.blobs import BlobStore

WORKER_NICENESS = 10  # the server's requests come first when the machine is busy
PR_SET_PDEATHSIG = 1  # prctl(2)
# The child's SQLite memory, bounded whatever the file: a page cache of 4 MiB (it writes rows in order, so a big
# cache buys little), no memory-mapped I/O, sorts and temporary tables spilled to files.
CHILD_PRAGMAS = ("PRAGMA cache_size = -4096", "PRAGMA mmap_size = 0", "PRAGMA temp_store = FILE")

Argument = TypeVar("Argument")
Result = TypeVar("Result")


class WorkerFailed(RuntimeError):
    """The child process died without an answer (killed, out of memory)."""


def run_heavy(
    ctx: Context, file_bytes: int, task: Callable[[Store, Argument], Result], argument: Argument
) -> Result:
    """`task(store, argument)`: inline for a small file, else in a child process with its own connection
    (`task` must be a module-level function, `argument` and the result picklable). The calling thread waits
    without holding the interpreter lock; the task's exception is raised here."""
    if not in_worker(ctx, file_bytes):
        return task(ctx.store, argument)
    job = pickle.dumps((ctx.settings.database_path, ctx.settings.blobs_dir, task, argument))
    done = subprocess.run([sys.executable, "-m", __name__], input=job, capture_output=True, check=False)
    if done.returncode != 0:
        last_words = done.stderr.decode(errors="replace")[-2000:]
        raise WorkerFailed(f"worker process exited with {done.returncode}: {last_words}")
    try:
        succeeded, value = pickle.loads(done.stdout)
    except Exception as exc:  # e.g. an exception class whose constructor its own pickle cannot call
        raise WorkerFailed(f"worker process answered what cannot be read back: {exc!r}") from exc
    if not succeeded:
        raise value
    return value  # type: ignore[no-any-return]


def _run(database_path: Path, blobs_dir: Path, task: Callable[[Store, Any], Any], argument: Any) -> Any:
    with Stores(database_path, BlobStore(blobs_dir)).opened(*CHILD_PRAGMAS) as store:
        return task(store, argument)


def die_with_parent() -> None:
    """Be killed when the server that started this child dies (kill -9 included), on Linux: a child left running
    would go on writing the rows of a build the next start-up has swept away."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def main() -> None:
    """The child's side: read the job from stdin, write (True, result) or (False, exception) to stdout."""
    die_with_parent()
    os.nice(WORKER_NICENESS)
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the answer
    outcome: tuple[bool, Any]
    try:
        outcome = (True, _run(*pickle.load(sys.stdin.buffer)))
    except Exception as exc:  # handed to the parent, which raises it
        outcome = (False, exc)
    try:
        data = pickle.dumps(outcome)
    except Exception as exc:  # an exception that does not pickle
        data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]} ({exc})")))
    answer.write(data)
    answer.flush()


def in_worker(ctx: Context, file_bytes: int) -> bool:
    """Whether files of this size are worked on in a child process (and prepared off the create call)."""
    return file_bytes >= ctx.settings.worker_min_bytes


def file_bytes(ctx: Context, *file_ids: str | None) -> int:
    """The stored size of the caller's files (0 for one not found)."""
    total = 0
    for file_id in file_ids:
        row = ctx.store.files.find(owner=ctx.caller.owner, file_id=file_id) if file_id else None
        total += int(row["bytes"]) if row is not None else 0
    return total


if __name__ == "__main__":
    main()
